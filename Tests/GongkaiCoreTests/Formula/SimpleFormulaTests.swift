import Testing

@testable import GongkaiCore

/// The simple formulas' compile path (``SimpleFormula``) builds exactly the tree that parse + bind builds, and leaves
/// everything else — errors included — to the general path.
@Suite struct SimpleFormulaTests {
    static let sheet = Sheet(["a": 1, "b": 2, "c": 3, "t3.new.natural": 4, "A_1": 5, "x9": 6])

    /// The fast path's result for `source`, names looked up in the sheet.
    static func fast(_ source: String) -> BoundExpression? {
        SimpleFormula.compile(source) { bytes, dotted in
            let name = SimpleFormula.string(bytes)
            #expect(dotted == name.contains("."), "\(name)")
            return sheet.names.firstIndex(of: name)
        }
    }

    /// The fast path either declines or agrees with parse + bind on the tree and the dependencies.
    static func expectAgreement(_ source: String) {
        guard let fast = fast(source) else { return }
        do {
            let general = try sheet.bind(source)
            #expect(fast.root == general.root, "\(source)")
            #expect(fast.dependencies == general.dependencies, "\(source)")
            #expect(fast.isLargeSum == general.isLargeSum, "\(source)")
        } catch {
            Issue.record("'\(source)': the fast path bound what the general path refuses: \(error.message)")
        }
    }

    @Test(arguments: [
        "1", "a", "a + 1", "1 + a", "a + b", "a + b + c", "a+b+c", "a - b + c", "a + b - c", "a * b + c",
        "a + b * c", "a * 2 + b + c", "a + b + c * 2", "a / b / c", "a * b / c - 1", "t3.new.natural - a",
        "  a\t+\nb\r\n+ c  ", "A_1 * 007", "x9 + 123456789012345678", "a + a + a", "c + a * c - b",
    ])
    func simpleFormulasTakeTheFastPathAndAgree(source: String) {
        #expect(Self.fast(source) != nil, "\(source)")
        Self.expectAgreement(source)
    }

    @Test(arguments: [
        // Not simple: calls, parentheses, signs, text, comparisons, wildcards, fractions, long numbers, Han names.
        "sum(a, b)", "sum (a)", "(a + b)", "-a", "a + -1", "+a", "\"x\"", "a & b", "a = b", "a < 1", "t3.*.natural",
        "sum(t3.*)", "a*.5", "hz*.t3.new", "1.5", "a + .5", "1234567890123456789", "甲 + 1", "a + 甲", "a甲",
        // Errors: the general path's diagnostics.
        "", "   ", "1 +", "a +* 2", "1 2", "a b", "1e5", "1.", "a.", "a..b", "a.1", "t3.", "2**3", "a @ b", "a ^ 2",
        "nope + 1", "a + nope", "a.b", "a + b)", "x9 !", "a\u{301} + 1",
    ])
    func otherFormulasTakeTheGeneralPath(source: String) {
        #expect(Self.fast(source) == nil, "\(source)")
    }

    /// Random strings over the characters of simple formulas and a few others: wherever the fast path answers, it
    /// answers as parse + bind does.
    @Test func randomFormulasAgree() {
        let pieces = [
            "a", "b", "c", "t3", ".", "new", "natural", "1", "0", "42", " ", "  ", "+", "-", "*", "/", "(", ")", "x9",
            ".5", "A_1", "&", "\"", "甲", "sum", ",", "=", "\t",
        ]
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            var source = ""
            for _ in 0..<(1 + Int(rng.next() % 9)) { source += pieces[Int(rng.next() % UInt64(pieces.count))] }
            Self.expectAgreement(source)
        }
    }

    /// Through the engine: a simple formula with an unknown name reports the general path's diagnostic, location
    /// included.
    @Test func engineDiagnosticsComeFromTheGeneralPath() throws {
        let book = Workbook()
        _ = try book.addReport(name: "r", template: .official2021)
        _ = try book.define(name: "a1", formula: "1")
        let error = try #require(catching { try book.define(name: "a2", formula: "a1 + a3") })
        let expected = try #require(catching { try book.define(name: "a2", formula: "(a1 + a3)") })
        guard case .formula(let formula, _) = error, case .formula(let general, _) = expected else {
            Issue.record("expected formula errors: \(error), \(expected)")
            return
        }
        #expect(formula.code == general.code)
        #expect(formula.message == "unknown name 'a3' at column 6")
    }
}
