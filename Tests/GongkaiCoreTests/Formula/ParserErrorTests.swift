import Testing

@testable import GongkaiCore

@Suite struct ParserErrorTests {
    /// Source → code and message; columns are 1-based and count Characters (a Chinese character is one).
    @Test(arguments: [
        ("", "F004", "expected an expression at column 1"),
        ("   ", "F004", "expected an expression at column 4"),
        ("1 +", "F004", "expected an expression at column 4"),
        ("1 + * 2", "F004", "expected an operator or the end of the formula, found '2' at column 7"),
        ("(1 + 2", "F004", "expected ')' at column 7"),
        ("sum(1, 2", "F004", "expected ',' or ')' at column 9"),
        ("sum(1,)", "F004", "expected an expression, found ')' at column 7"),
        ("(1 2)", "F004", "expected ')', found '2' at column 4"),
        ("1 2", "F004", "expected an operator or the end of the formula, found '2' at column 3"),
        ("1 + 2)", "F004", "expected an operator or the end of the formula, found ')' at column 6"),
        ("1e5", "F004", "expected an operator or the end of the formula, found 'e5' at column 2"),
        ("a @ b", "F001", "unexpected '@' at column 3"),
        ("1 +\r\n @", "F001", "unexpected '@' at column 6"),
        ("\"é\" & @", "F001", "unexpected '@' at column 7"),
        ("1 ! 2", "F001", "unexpected '!' at column 3"),
        ("a ^ 2", "F001", "unexpected '^' at column 3"),
        ("\"自然人\" + @", "F001", "unexpected '@' at column 9"),
        ("t3.（自然人）", "F004", "expected a name after '.', found '（' at column 4"),
        ("（自然人） + 1", "F001", "unexpected '（' at column 1"),
        ("sum（1）", "F001", "unexpected '（' at column 4"),
        ("\"abc", "F002", "text is missing its closing '\"' at column 1"),
        ("1 & \"a\"\"", "F002", "text is missing its closing '\"' at column 5"),
        ("t3.", "F004", "expected a name after '.' at column 4"),
        ("t3..x", "F004", "expected a name after '.', found '.' at column 4"),
        ("t3.1x", "F004", "expected a name after '.', found '1' at column 4"),
        ("t3.*x", "F004", "expected '.' after a wildcard, found 'x' at column 5"),
        ("2**3", "F004", "expected '.' after a wildcard, found '3' at column 4"),
        ("sum(t3.***)", "F004", "expected '.' after a wildcard, found '*' at column 10"),
        ("1.0000000000000000001", "F003", "number 1.0000000000000000001 has more than 18 fraction digits at column 1"),
        (
            "2 * 100000000000000000000000000000000000", "F003",
            "number 100000000000000000000000000000000000 is too large (more than 35 digits) at column 5"
        ),
        ("summ(1)", "F010", "unknown function 'summ' at column 1"),
        ("t3.total(1)", "F010", "unknown function 't3.total' at column 1"),
        ("round(1, 2, 3)", "F011", "round takes 1 to 2 arguments, not 3 at column 1"),
        ("1 + abs()", "F011", "abs takes 1 argument, not 0 at column 5"),
        ("sum()", "F011", "sum takes at least 1 argument, not 0 at column 1"),
        ("mod(1)", "F011", "mod takes 2 arguments, not 1 at column 1"),
        ("t3.*.natural + 1", "F012", "'t3.*.natural' stands for many cells where one value is needed at column 1"),
        ("sum(t3.*.natural + 1)", "F012", "'t3.*.natural' stands for many cells where one value is needed at column 5"),
        ("abs(t3.**)", "F012", "'t3.**' stands for many cells where one value is needed at column 5"),
    ])
    func error(source: String, code: String, message: String) {
        do {
            let expression = try Formula.parse(source)
            Issue.record("parsed as \(expression)")
        } catch {
            #expect(error.code == code)
            #expect(error.message == message)
        }
    }

    @Test(arguments: [
        ("summ(1)", "did you mean 'sum'?"),
        ("averge(1)", "did you mean 'average'?"),
        ("sum（1）", "write ASCII '(' instead"),
        ("1 ＋ 1", "write ASCII '+' instead"),
        ("１", "write ASCII digits 0-9 instead"),
        ("round(1, 2, 3)", "usage: round(x[, places])"),
    ])
    func help(source: String, help: String) {
        do {
            let expression = try Formula.parse(source)
            Issue.record("parsed as \(expression)")
        } catch {
            #expect(error.diagnostic.help == help)
        }
    }

    @Test(arguments: [
        (String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300), 257),
        (String(repeating: "-", count: 300) + "1", 257),
        (String(repeating: "abs(", count: 300) + "1" + String(repeating: ")", count: 300), 257 * 4),
    ])
    func nestingBeyondTheLimit(source: String, column: Int) {
        do {
            _ = try Formula.parse(source)
            Issue.record("parsed a formula nested beyond the limit")
        } catch {
            #expect(error.code == "F005")
            #expect(error.message == "formula nested more than 256 levels deep at column \(column)")
        }
    }

    /// A chain of operators is not nesting: 300 terms parse; past the tree-height limit it is F006, at the chain.
    @Test(arguments: [
        ("1" + String(repeating: "+1", count: Formula.heightLimit), 1),
        ("-(" + "1" + String(repeating: "+1", count: Formula.heightLimit - 1) + ")", 1),
        ("2 * (" + "1" + String(repeating: "+1", count: Formula.heightLimit) + ")", 6),
    ])
    func chainBeyondTheLimit(source: String, column: Int) throws {
        #expect(try Formula.parse("1" + String(repeating: "+1", count: 300)).description.hasPrefix("1 + 1"))
        do {
            _ = try Formula.parse(source)
            Issue.record("parsed a chain beyond the limit")
        } catch {
            #expect(error.code == "F006")
            #expect(error.message.hasSuffix("at column \(column)"))
        }
    }
}
