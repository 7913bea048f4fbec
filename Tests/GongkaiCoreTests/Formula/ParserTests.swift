import Testing

@testable import GongkaiCore

@Suite struct ParserTests {
    /// Source → canonical text. The canonical text shows the tree: it keeps only the parentheses precedence needs.
    @Test(arguments: [
        ("1+2*3", "1 + 2 * 3"),
        ("洪泽区_2023.t3.total.total+1", "洪泽区_2023.t3.total.total + 1"),
        ("sum(上犹县政府办_2023.t3.new.*)", "sum(上犹县政府办_2023.t3.new.*)"),
        ("(1+2)*3", "(1 + 2) * 3"),
        ("1-2-3", "1 - 2 - 3"),
        ("1-(2-3)", "1 - (2 - 3)"),
        ("(1-2)-3", "1 - 2 - 3"),
        ("2*3/4", "2 * 3 / 4"),
        ("2/(3*4)", "2 / (3 * 4)"),
        ("2*3+4*5", "2 * 3 + 4 * 5"),
        ("-1", "-1"),
        ("--1", "--1"),
        ("-(1+2)", "-(1 + 2)"),
        ("-a*b", "-a * b"),
        ("-(a*b)", "-(a * b)"),
        ("a*-b", "a * -b"),
        ("1 - -2", "1 - -2"),
        ("+a", "+a"),
        ("a=b", "a = b"),
        ("a==b", "a = b"),
        ("a!=b", "a <> b"),
        ("a<>b", "a <> b"),
        ("a<=b+1", "a <= b + 1"),
        ("a>=b*2", "a >= b * 2"),
        ("a<b", "a < b"),
        ("a>b", "a > b"),
        ("1<2=1", "1 < 2 = 1"),
        ("1=(2<3)", "1 = (2 < 3)"),
        ("a&b=c", "a & b = c"),
        ("a&b+c", "a & b + c"),
        ("(a&b)+c", "(a & b) + c"),
        ("SUM( t3.total.natural , 1.50 )", "sum(t3.total.natural, 1.5)"),
        ("sum(t3.*.natural)", "sum(t3.*.natural)"),
        ("sum(t3.**)", "sum(t3.**)"),
        ("count(**)", "count(**)"),
        ("sum(*.total.natural)", "sum(*.total.natural)"),
        ("sum(t3.*.natural) * 2", "sum(t3.*.natural) * 2"),
        ("sum(t3.**)*2", "sum(t3.**) * 2"),
        ("sum((t3.*.natural))", "sum(t3.*.natural)"),
        ("sum(sy2023.t3.result.**.total, 1)", "sum(sy2023.t3.result.**.total, 1)"),
        ("\"自然人\" & \"法人\"", "\"自然人\" & \"法人\""),
        ("\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\""),
        ("\"\"", "\"\""),
        ("sy2023.t3.total.natural - t3.total.natural", "sy2023.t3.total.natural - t3.total.natural"),
        ("_x1 + y_2", "_x1 + y_2"),
        (".5 + 0.50", "0.5 + 0.5"),
        ("007", "7"),
        ("24252.311082*1", "24252.311082 * 1"),
        ("ceil(1.5)", "ceiling(1.5)"),
        ("Concatenate(\"a\", 1)", "concat(\"a\", 1)"),
        ("if(a>0,1)", "if(a > 0, 1)"),
        ("if(and(a>0,not(b)),round(a/b,2),-1)", "if(and(a > 0, not(b)), round(a / b, 2), -1)"),
        ("  1\t+\u{3000}2  ", "1 + 2"),
        ("1\r\n+\n2", "1 + 2"),
    ])
    func canonicalText(source: String, expected: String) throws {
        let expression = try Formula.parse(source)
        #expect(expression.description == expected)
        // The canonical text parses back to the same text: a fixed point.
        #expect(try Formula.parse(expected).description == expected)
    }

    @Test func precedenceShapesTheTree() throws {
        let expression = try Formula.parse("1 + 2 * 3")
        guard case .binary(.add, let left, let right) = expression.kind else {
            Issue.record("expected an addition at the root, got \(expression.kind)")
            return
        }
        #expect(left.kind == .number(1))
        guard case .binary(.multiply, _, _) = right.kind else {
            Issue.record("expected a product on the right, got \(right.kind)")
            return
        }
        #expect(right.span == SourceSpan(start: 4, end: 9))
    }

    @Test func unaryMinusBindsTighterThanProduct() throws {
        let expression = try Formula.parse("-a * b")
        guard case .binary(.multiply, let left, _) = expression.kind, case .unary(.minus, _) = left.kind else {
            Issue.record("expected (-a) * b, got \(expression.kind)")
            return
        }
    }

    @Test func spansCountCharacters() throws {
        let expression = try Formula.parse("\"自然人\" & t3.new.natural")
        #expect(expression.span == SourceSpan(start: 0, end: 22))
        let references = expression.references
        #expect(references.map(\.name) == ["t3.new.natural"])
        #expect(references.first?.span == SourceSpan(start: 8, end: 22))
    }

    @Test(arguments: [
        ("\"本年新收“申请”\"\"件\"", "本年新收“申请”\"件"), ("\"a\"\"\"", "a\""), ("\"\"\"\"", "\""),
        ("\"line\r\nbreak\"", "line\r\nbreak"), ("\"e\u{301}\"", "e\u{301}"), ("\"plain\"", "plain"),
    ])
    func textKeepsItsCharacters(source: String, text: String) throws {
        #expect(try Formula.parse(source).kind == .text(text))
    }

    @Test(arguments: [
        (
            "t3.*.natural", ["t3.new.natural", "t3.total.natural"],
            ["t3.result.open.natural", "t3.natural", "t4.new.natural"]
        ),
        (
            "t3.**.natural", ["t3.new.natural", "t3.result.open.natural", "t3.result.denied.secret.natural"],
            ["t3.natural", "t3.new.total"]
        ),
        ("**", ["a", "t3.new.natural"], []),
        ("*", ["a", "sy2023"], ["t3.new"]),
        ("sy2023.**", ["sy2023.t3.new.total"], ["sy2023", "sy2024.t3.new.total"]),
        ("t3.**.*.total", ["t3.result.denied.total", "t3.a.b.total"], ["t3.new.total"]),
    ])
    func wildcardsMatch(pattern: String, matching: [String], notMatching: [String]) throws {
        let expression = try Formula.parse("sum(\(pattern))")
        let reference = try #require(expression.references.first)
        #expect(reference.isPattern)
        for name in matching { #expect(reference.matches(name), "\(pattern) should match \(name)") }
        for name in notMatching { #expect(!reference.matches(name), "\(pattern) should not match \(name)") }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = Formula.nestingLimit
        let source = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(try Formula.parse(source).description == "1")
        let chain = "1" + String(repeating: " + 1", count: depth - 1)
        let value = try Formula.parse(chain).bind { _ throws(FormulaError) in .cell(0) }.evaluate { _ in .empty }
        #expect(value == .number(DecimalNumber(depth)))
    }

    @Test("a sum of more than 256 terms written with + parses and evaluates; past the height limit it is F006")
    func longChains() throws {
        for terms in [257, 1000, Formula.heightLimit - 1] {
            let chain = "1" + String(repeating: " + 1", count: terms - 1)
            let expression = try Formula.parse(chain)
            #expect(expression.description == chain)
            let value = try expression.bind { _ throws(FormulaError) in .cell(0) }.evaluate { _ in .empty }
            #expect(value == .number(DecimalNumber(terms)))
        }
        let mixed = "10" + String(repeating: " - 1 * 2", count: 1000)
        #expect(
            try Formula.parse(mixed).bind { _ throws(FormulaError) in .cell(0) }.evaluate { _ in .empty }
                == .number(-1990))
        #expect(throws: FormulaError.self) {
            try Formula.parse("1" + String(repeating: "+1", count: Formula.heightLimit))
        }
        do {
            _ = try Formula.parse("1" + String(repeating: "+1", count: Formula.heightLimit))
        } catch {
            #expect(error.code == "F006")
        }
        // Parentheses still count as nesting.
        do {
            _ = try Formula.parse(String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300))
        } catch {
            #expect(error.code == "F005")
        }
    }
}
