import GongkaiCore
import Testing

@testable import GongkaiShell

/// How a line at the prompt is understood, and how lines join into statements.
@Suite("Statements")
struct StatementTests {
    @Test(arguments: [
        ("t3.new.natural = 8", Statement.assignment(target: "t3.new.natural", right: "8", rightOffset: 17)),
        ("t3.new.total =", .assignment(target: "t3.new.total", right: "", rightOffset: 14)),
        ("  sy.t2.fee.amount=1.5", .assignment(target: "sy.t2.fee.amount", right: "1.5", rightOffset: 19)),
        (
            "let rate = t3.result.open.total / t3.new.total",
            .definition(name: "rate", formula: "t3.result.open.total / t3.new.total", formulaOffset: 11)
        ),
        ("rate := 1 + 2", .definition(name: "rate", formula: "1 + 2", formulaOffset: 8)),
        ("t3.new.total == t3.total.total", .expression("t3.new.total == t3.total.total")),
        ("sum(t3.*.total)", .expression("sum(t3.*.total)")),
        (".show  t3 ", .command(name: "show", arguments: "t3")),
        (".help", .command(name: "help", arguments: "")),
        ("-- a comment", .empty),
        ("# also a comment", .empty),
        ("   ", .empty),
    ])
    func classify(line: String, expected: Statement) {
        #expect(Statement(line) == expected)
    }

    /// The byte-level fast path for ASCII assignments classifies every line as the general path does.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func asciiFastPathAgrees(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let pieces = [
            "t3", ".", "new", "natural", "_x", "a1", "=", "==", ":=", ":", " ", "\t", "1", "8.5", "let", "#", "--", "(",
            "sum(", ")", "\"", "+", "-",
        ]
        for _ in 0..<3000 {
            var line = ""
            for _ in 0..<Int(rng.next() % 8) { line += pieces[Int(rng.next() % UInt64(pieces.count))] }
            #expect(Statement(line) == Statement(classifying: line), "\(line.debugDescription)")
        }
    }

    @Test func continuation() {
        var buffer = StatementBuffer()
        #expect(buffer.append("t3.new.natural = (1 +") == nil)
        #expect(!buffer.isEmpty)
        #expect(buffer.append("  2)") == "t3.new.natural = (1 +\n  2)")
        #expect(buffer.isEmpty)
        #expect(buffer.append("let x = 1 + \\") == nil)
        #expect(buffer.append("2") == "let x = 1 + \n2")
        // Parentheses inside strings do not count.
        #expect(buffer.append("meta.org = \"(上犹\"") == "meta.org = \"(上犹\"")
        #expect(buffer.append("(1 +") == nil)
        #expect(buffer.flush() == "(1 +")
        #expect(buffer.isEmpty)
    }

    @Test func words() {
        #expect(ArgumentWords.split("csv \"my file.csv\" t3") == ["csv", "my file.csv", "t3"])
        #expect(ArgumentWords.split("  ") == [])
        #expect(
            ArgumentWords.splitCommands(".load a.txt; t3.new.natural = sum(1;2)\n.show t3;;") == [
                ".load a.txt", "t3.new.natural = sum(1;2)", ".show t3",
            ])
    }

    @Test(arguments: [
        ("t3.*.total", "t3.new.total", true),
        ("t3.*.total", "t3.result.open.total", false),
        ("t3.**.total", "t3.result.open.total", true),
        ("t3.**.total", "t3.total", false),
        ("t3.result.**", "t3.result.denied.secret.natural", true),
        ("t4.*.*", "t4.review.upheld", true),
    ])
    func patterns(pattern: String, name: String, matches: Bool) {
        #expect(Reference(pattern: pattern).matches(name) == matches)
    }

    @Test func cellInput() {
        #expect(Shell.cellInput("") == .clear)
        #expect(Shell.cellInput("-3") == .value(-3))
        #expect(Shell.cellInput("\"上犹县\"") == .value(.text("上犹县")))
        #expect(Shell.cellInput("t3.new.natural + 1") == .formula("t3.new.natural + 1"))
        // `""` is one quote inside text, as in formulas; a lone quote inside makes it something else.
        #expect(Shell.cellInput("\"a\"\"b\"") == .value(.text("a\"b")))
        #expect(Shell.cellInput("\"\"\"\"") == .value(.text("\"")))
        #expect(Shell.cellInput("\"\"") == .value(.text("")))
        #expect(Shell.cellInput("\"a\"&\"b\"") == .formula("\"a\"&\"b\""))
    }

    @Test("meta.org = \"a\"\"b\" stores a\"b, through the shell")
    func doubledQuoteAssignment() throws {
        let (shell, out) = Harness.shell()
        shell.run(script: ".load Tests/Fixtures/reports/淮安市-2024.txt\nmeta.org = \"a\"\"b\"\nmeta.org", name: "quote")
        #expect(shell.exitCode == 0)
        #expect(out.text.hasSuffix("a\"b\n"))
    }
}
