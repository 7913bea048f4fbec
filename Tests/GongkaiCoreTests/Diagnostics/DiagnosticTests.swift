import Testing

@testable import GongkaiCore

@Suite struct DiagnosticTests {
    @Test func caretAfterChineseTextCountsTwoColumnsPerCharacter() {
        let source = "\"自然人\" + @"
        do {
            _ = try Formula.parse(source)
            Issue.record("parsed")
        } catch {
            #expect(
                error.diagnostic.rendered(source: source) == """
                    error[F001]: unexpected '@' at column 9
                      | "自然人" + @
                      |            ^
                    """)
            // Quote, three Chinese characters at two columns each, quote, blank, plus, blank: 11 columns.
            #expect(
                error.diagnostic.rendered(source: source).hasSuffix("  | " + String(repeating: " ", count: 11) + "^"))
        }
    }

    @Test func caretSpansTheWholeNameAndHelpFollows() {
        let source = "\"自然人\" & t3.totl.natural"
        let sheet = Sheet(names: ReportTemplate.official2021.cells.map(\.name), values: [])
        do {
            _ = try sheet.bind(source)
            Issue.record("bound an unknown name")
        } catch {
            #expect(
                error.diagnostic.rendered(source: source) == """
                    error[F020]: unknown name 't3.totl.natural' at column 9
                      | "自然人" & t3.totl.natural
                      |            ^^^^^^^^^^^^^^^
                      = help: did you mean 't3.total.natural'?
                    """)
            #expect(
                error.description
                    == "error[F020]: unknown name 't3.totl.natural' at column 9; did you mean 't3.total.natural'?")
        }
    }

    @Test func caretUnderChineseCharacterIsTwoWide() {
        let source = "1 + t3.（自然人）"
        do {
            _ = try Formula.parse(source)
            Issue.record("parsed")
        } catch {
            #expect(error.diagnostic.rendered(source: source).hasSuffix("  | 1 + t3.（自然人）\n  |        ^^"))
        }
    }

    @Test func caretAtTheEndOfInput() {
        let source = "sum(（1"
        let diagnostic = Diagnostic(code: "F004", "expected ')'", span: SourceSpan(at: 6))
        #expect(
            diagnostic.rendered(source: source) == """
                error[F004]: expected ')' at column 7
                  | sum(（1
                  |        ^
                """)
    }

    @Test("one renderer: a statement's diagnostic puts its column after the message, a file's its place first")
    func oneRendererForEveryDiagnostic() {
        let formula = Diagnostic(
            code: "F010", "unknown function 'summ'", span: SourceSpan(at: 0), help: "did you mean 'sum'?")
        #expect(formula.description == "error[F010]: unknown function 'summ' at column 1; did you mean 'sum'?")
        let imported = Diagnostic(
            code: "I201", severity: .warning, "6 numbers where 7 are expected", table: "t3", row: "result.partial",
            line: 12, column: 3, damage: .malformedRow)
        #expect(imported.description == "warning[I201] line 12:3: 6 numbers where 7 are expected")
        #expect(imported.column == 3 && imported.table == "t3" && imported.damage == .malformedRow)
        var paged = imported
        paged.page = 3
        #expect(paged.description == "warning[I201] page 3 line 12:3: 6 numbers where 7 are expected")
        // A formula error, thrown through up to 2,048 frames of the parser, is one pointer.
        #expect(MemoryLayout<FormulaError>.size == MemoryLayout<Int>.size)
        #expect(formula.table == nil && formula.damage == nil)
    }

    @Test func tabsStayTabsInThePadding() {
        let diagnostic = Diagnostic(code: "X1", "bad", span: SourceSpan(start: 2, end: 3))
        #expect(diagnostic.rendered(source: "\t\t@") == "error[X1]: bad at column 3\n  | \t\t@\n  | \t\t^")
    }

    @Test func lineOfAMultiLineSourceWithFileAndSeverity() {
        let diagnostic = Diagnostic(
            code: "I007", severity: .warning, "glued digits", span: SourceSpan(start: 9, end: 13), line: 2,
            file: "平潭.txt")
        #expect(diagnostic.message == "glued digits at line 2, column 10")
        #expect(
            diagnostic.rendered(source: "first line\r\n1.属于国家秘密 6400\r\nthird") == """
                warning[I007] line 2:10: 平潭.txt: glued digits
                  | 1.属于国家秘密 6400
                  |                ^^^^
                """)
    }

    @Test func withoutSpanOnlyTheMessageAndHelp() {
        let diagnostic = Diagnostic(code: "E1", "cycle a → b → a", help: "remove one definition")
        #expect(diagnostic.rendered(source: "ignored") == "error[E1]: cycle a → b → a\n  = help: remove one definition")
        #expect(diagnostic.description == "error[E1]: cycle a → b → a; remove one definition")
    }

    @Test func shiftingMovesTheColumnForAnEmbeddedFormula() {
        let formula = "1 + @"
        let line = "let x = " + formula
        do {
            _ = try Formula.parse(formula)
            Issue.record("parsed")
        } catch {
            let shifted = error.diagnostic.shifted(by: 8)
            #expect(shifted.message == "unexpected '@' at column 13")
            #expect(shifted.rendered(source: line).hasSuffix("  | let x = 1 + @\n  |             ^"))
        }
    }
}
