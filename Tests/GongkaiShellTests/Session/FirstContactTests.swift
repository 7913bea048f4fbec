import GongkaiCore
import Testing

@testable import GongkaiShell

/// What a new user hits first: bare `help`/`quit`, `;` at the prompt, qualified targets reading the current report,
/// messages that say what happened, completion that stays cheap with many reports.
@Suite("First contact")
struct FirstContactTests {
    @Test func bareWordsDoWhatTheySay() {
        let (shell, out) = Harness.shell()
        #expect(shell.execute(statement: "help") == .ok)
        #expect(out.text.hasPrefix("Statements:"))
        #expect(shell.execute(statement: "quit") == .quit)
        #expect(shell.execute(statement: "exit") == .quit)
        // A report may define such a name: then it is evaluated.
        _ = shell.execute(statement: ".load examples/上犹县政府办-2023.txt")
        #expect(shell.execute(statement: "let help = 2") == .ok)
        #expect(shell.execute(statement: "help") == .ok)
        #expect(out.text.hasSuffix("2\n"))
    }

    @Test func semicolonsSeparateStatementsAtThePrompt() {
        let (shell, out) = Harness.shell()
        let outcome = shell.execute(".load examples/上犹县政府办-2023.txt; t3.new.natural = 8; t3.new.natural")
        #expect(outcome == .succeeded)
        #expect(out.text.contains("t3.new.natural  7 → 8"))
        #expect(out.text.hasSuffix("8\n"))
        // Quoted `;` stays in the text; a failing part makes the line fail, the others still run.
        #expect(shell.execute(#"meta.title = "a;b"; nosuch + 1; t3.new.natural = 9"#) == .failed)
        #expect((try? shell.workbook.value(of: "meta.title")) == .text("a;b"))
        #expect((try? shell.workbook.value(of: "t3.new.natural")) == .number(9))
    }

    @Test func aTargetInAnotherReportReadsTheCurrentOne() throws {
        let (shell, out) = Harness.shell()
        _ = shell.execute(statement: ".load examples/上犹县政府办-2023.txt as sy")
        _ = shell.execute(statement: ".load Tests/Fixtures/reports/淮安市-2024.txt as ha")
        #expect(shell.workbook.currentReport == "ha")
        #expect(shell.execute(statement: "sy.t3.forward.natural = t3.carried.natural") == .ok)
        #expect(
            try shell.workbook.value(of: "sy.t3.forward.natural") == shell.workbook.value(of: "ha.t3.carried.natural"))
        #expect(try shell.workbook.info(of: "sy.t3.forward.natural").formula == "ha.t3.carried.natural")
        #expect(out.text.contains("sy.t3.forward.natural  0 → 34"))
        // Function names and qualified names are kept.
        #expect(
            shell.workbook.qualifying(formula: "sum(t3.new.*) + sy.t3.new.total", forCellOf: "sy")
                == "sum(ha.t3.new.*) + sy.t3.new.total")
    }

    @Test func replacingATotalsFormulaSaysSo() {
        let (shell, out) = Harness.shell()
        _ = shell.execute(statement: ".load examples/上犹县政府办-2023.txt")
        _ = shell.execute(statement: "t4.review.total =")
        #expect(
            shell.execute(
                statement:
                    "t4.review.total = t4.review.upheld + t4.review.corrected + t4.review.other + t4.review.pending")
                == .ok)
        let last = out.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("t4.review.total  formula replaces the template's sum"))
        #expect(last.hasSuffix("value unchanged: 0"))
    }

    @Test func aRuleThatBecomesCompleteIsNotHealed() {
        let (shell, out) = Harness.shell()
        _ = shell.execute(statement: ".load examples/上犹县政府办-2023.txt")
        _ = shell.execute(statement: "t4.review.upheld =")
        #expect(out.text.contains("incomplete"))
        _ = shell.execute(statement: "t4.review.upheld = 0")
        #expect(out.text.contains("complete: holds"))
        #expect(!out.text.contains("healed"))
    }

    @Test func completionAsksOnlyForTheTypedReport() {
        var asked: [String] = []
        let names = CompletionCandidates.cellNames(of: .official2021)
        var candidates = CompletionCandidates(
            commands: [".drop"], arguments: [".drop": [.words(["rule", "name"]), .dropped]], names: names,
            reports: (0..<10_000).map { "r\($0)" }.sorted(),
            hasReport: { $0.hasPrefix("r") && Int($0.dropFirst()).map { (0..<10_000).contains($0) } == true },
            namesOfReport: { report in
                asked.append(report)
                return names
            }, ruleNames: ["t3.balance.natural"], functions: ["sum"])
        candidates.definedNames = ["rate", "ratio"]
        let completer = Completer(candidates: candidates)
        #expect(completer.complete("r9999.t3.to").matches == ["r9999.t3.total."])
        #expect(asked == ["r9999"])
        #expect(completer.complete(".drop name ra").matches == ["rate", "ratio"])
        // A word with no dot is offered the reports it begins, found by binary search, not a scan.
        #expect(completer.complete("r999").matches.count == 11)
        #expect(asked == ["r9999"])
        #expect(completer.complete(".drop rule t3.bal").matches == ["t3.balance."])
    }
}
