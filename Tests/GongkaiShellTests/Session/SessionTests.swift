import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiShell

/// The application layer on the real reports: typed load outcomes, checks that count every report and every
/// incomplete rule, exports of many reports, and the exit codes the command line derives from them.
@Suite("Session")
struct SessionTests {
    static let reports = Harness.root + "/Tests/Fixtures/reports"

    static func session() -> Session {
        let session = Session()
        session.directory = Harness.root
        return session
    }

    /// The null cells of a golden file (read by the one exact golden reader): what a faithful load leaves missing.
    static func goldenMissing(_ name: String) throws -> Int {
        try Golden(name + ".json").cells.values.count { $0 == nil }
    }

    @Test func theWholeFixturesFolderLoadsInOneCall() throws {
        let session = Self.session()
        let batch = session.load(["Tests/Fixtures/reports"])
        #expect(!batch.interrupted)
        // Every file has an outcome: reports loaded (the 2019-format one into its own template), the notes skipped.
        let loaded = Dictionary(uniqueKeysWithValues: batch.loaded.map { ($0.file.split(separator: "/").last!, $0) })
        #expect(
            Set(loaded.keys) == [
                "上海市科委-2024.md", "上犹县政府办-2023.txt", "平潭综合实验区-2021.html", "平潭综合实验区-2021.txt",
                "洪泽区-2023.txt", "洪泽区-2024.txt", "淮安市-2024.txt", "洪泽区-2023.pdf", "洪泽区-2024.pdf",
                "淮安市-2024.docx", "平潭综合实验区-2020-2019format.txt",
            ])
        #expect(batch.refused.isEmpty)
        let trial = try #require(loaded["平潭综合实验区-2020-2019format.txt"])
        #expect(trial.name == "平潭综合实验区_2020")
        #expect(try session.workbook.template(of: trial.name).id == ReportTemplate.trial2019.id)
        #expect(trial.cells.missing == (try Self.goldenMissing("平潭综合实验区-2020-2019format")))
        #expect(batch.skipped.contains { $0.file.hasSuffix("README.md") && $0.why.contains("not a report") })
        #expect(batch.skipped.filter { $0.file.hasSuffix(".json") }.count == 8)
        // Names are readable, stable and distinct: body and year, a second report of the same body and year `_2`.
        #expect(loaded["上犹县政府办-2023.txt"]?.name == "上犹县政府办_2023")
        // Files load in name order: the .docx of 淮安市 2024 before its .txt, which becomes `_2`.
        #expect(loaded["淮安市-2024.docx"]?.name == "淮安市_2024")
        #expect(loaded["淮安市-2024.txt"]?.name == "淮安市_2024_2")
        #expect(Set(batch.loaded.map(\.name)).count == 11)
        #expect(session.workbook.reportNames.count == 11)
        // A faithful load leaves exactly the golden's nulls missing.
        for (file, golden) in [
            ("上犹县政府办-2023.txt", "上犹县政府办-2023"), ("淮安市-2024.txt", "淮安市-2024"),
            ("洪泽区-2023.txt", "洪泽区-2023"), ("洪泽区-2024.txt", "洪泽区-2024"), ("洪泽区-2023.pdf", "洪泽区-2023"),
            ("洪泽区-2024.pdf", "洪泽区-2024"),
        ] {
            let report = try #require(loaded[Substring(file)])
            #expect(report.cells.missing == (try Self.goldenMissing(golden)), "\(file)")
        }
        // 洪泽区 2023 (table 四 as printed) and 平潭 2020 (rule 5 as printed) fail error rules.
        let summary = CheckSummary(checks: session.check(), refused: batch.refused.count)
        #expect(summary.exitCode(allowIncomplete: false) == 3)
    }

    @Test("a load says which aggregates over all reports it moved, though it builds no change set")
    func aLoadSaysWhatAggregatesItMoved() throws {
        let (shell, out) = Harness.shell()
        let first = try #require(try Golden("上犹县政府办-2023.json").cells["t3.new.total"] ?? nil)
        let second = try #require(try Golden("淮安市-2024.json").cells["t3.new.total"] ?? nil)
        let script = [
            ".load Tests/Fixtures/reports/上犹县政府办-2023.txt", "x = sum(*.t3.new.total)",
            ".load Tests/Fixtures/reports/淮安市-2024.txt", ".unload 淮安市_2024",
        ]
        shell.run(script: script.joined(separator: "\n") + "\n", name: nil)
        let lines = out.text.split(separator: "\n").map(String.init)
        let both = try first.adding(second)
        #expect(lines.contains("上犹县政府办_2023.x  \(first) → \(both)"), "\(out.text)")
        #expect(lines.contains("x  \(both) → \(first)"), "\(out.text)")
    }

    @Test func anIncompleteRuleNeverCountsAsHolding() throws {
        let session = Self.session()
        guard case .loaded(let report) = session.load(file: "Tests/Fixtures/reports/洪泽区-2024.txt") else {
            Issue.record("洪泽区-2024.txt did not load")
            return
        }
        let check = try #require(session.check(report: report.name))
        #expect(check.cells.missing == 21)
        #expect(check.incomplete > 0)
        #expect(check.holding + check.failing + check.incomplete == check.results.count)
        #expect(check.countsText.contains("incomplete (21 cells missing)"))
        #expect(CheckSummary(checks: [check]).exitCode(allowIncomplete: false) == 4)
        #expect(CheckSummary(checks: [check]).exitCode(allowIncomplete: true) == 0)
    }

    /// A summary's check counts from the stored statuses and keeps the results of the rules that do not hold; the
    /// counts equal those of every rule's result, on every fixture (the 洪泽区 pair linked across years, the
    /// reports with printed subtotals, the one whose table 四 has real errors).
    @Test func aSummaryCheckCountsWhatTheFullCheckCounts() throws {
        let session = Self.session()
        let folder = "Tests/Fixtures/reports"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        for file in files { _ = session.load(file: folder + "/" + file) }
        #expect(session.workbook.reportCount >= 6)
        for name in session.workbook.reportNames {
            let full = try #require(session.check(report: name))
            let summary = try #require(session.check(report: name, allResults: false))
            #expect(full.tally == RuleTally(full.results), "\(name)")
            #expect(summary.tally == full.tally, "\(name)")
            #expect(summary.results == full.results.filter { $0.status != .holds }, "\(name)")
            #expect(full.tally.count == full.results.count, "\(name)")
        }
    }

    @Test func aDefaultNameIsLinearAndUnique() {
        let session = Self.session()
        var names: Set<String> = []
        for _ in 0..<50 {
            let name = session.defaultName(org: "淮安市洪泽区人民政府", year: 2024, file: "x.txt")
            _ = try? session.workbook.addReport(name: name, template: .official2021)
            names.insert(name)
        }
        #expect(names.count == 50)
        #expect(names.contains("淮安市洪泽区_2024") && names.contains("淮安市洪泽区_2024_50"))
        #expect(session.defaultName(org: nil, year: 2023, file: "上犹县-2023.txt") == "r2023")
        #expect(session.defaultName(org: nil, year: nil, file: "huaian-2024.txt") == "huaian2024")
    }

    /// A six-report workbook with one failing report: check says 3, and `export --strict` writes none of it.
    @Test func aWorkbookCountsEveryReport() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let session = Self.session()
        let files = [
            "上犹县政府办-2023.txt", "淮安市-2024.txt", "上海市科委-2024.md", "平潭综合实验区-2021.html",
            "洪泽区-2024.txt", "洪泽区-2023.txt",
        ]
        let batch = session.load(files.map { "Tests/Fixtures/reports/" + $0 })
        #expect(batch.loaded.count == 6)
        let workbook = directory + "/six.gkw"
        try session.save(workbook)

        let out = StringOutput()
        let err = StringOutput()
        let context = LaunchContext(output: out, errors: err, environment: ["HOME": "/nonexistent"])
        #expect(Launcher.check(Launcher.CheckRequest(files: [workbook]), context: context) == 3)
        #expect(out.text.components(separatedBy: "checked ").count == 7)
        #expect(out.text.contains("t4.rowsum.review"))

        let folder = directory + "/out"
        let strict = Launcher.export(
            Launcher.ExportCommand(files: [workbook], format: "csv", output: folder, strict: true), context: context)
        #expect(strict == 3)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(written.count == 5)
        #expect(!written.contains { $0.hasPrefix("洪泽区-2023") })
        #expect(err.text.contains("洪泽区-2023.txt: not exported (--strict and 2 error rules fail)"))

        // The long CSV of every report, one table, to one file as its docs say.
        let long = directory + "/all.csv"
        #expect(
            Launcher.export(
                Launcher.ExportCommand(files: [workbook], format: "csv-long", output: long, tables: ["二", "三", "四"]),
                context: context) == 0)
        let rows = try String(contentsOfFile: long, encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 6 * 200)
    }

    @Test func tablesByNumberAndChineseName() throws {
        let session = Self.session()
        _ = session.load(file: "examples/上犹县政府办-2023.txt")
        for name in ["t3", "三", "3", "表三"] {
            let result = try session.export(ExportRequest(format: .csvLong, tables: [name]))
            #expect(result.text?.split(separator: "\n").count == 1 + 175, "\(name)")
        }
        #expect(throws: ExportFailure.self) { try session.export(ExportRequest(format: .csv, tables: ["t5"])) }
    }

    @Test func aFailedLoadLeavesTheSessionAsItWas() throws {
        let (shell, out) = Harness.shell()
        #expect(shell.execute(statement: ".load examples/上犹县政府办-2023.txt") == .ok)
        let before = shell.workbook.document()
        #expect(shell.execute(statement: ".load /nonexistent/a.txt") == .failed)
        #expect(shell.execute(statement: ".load Tests/Fixtures/bad-input/import/binary.txt") == .failed)
        #expect(shell.workbook.document() == before)
        #expect(out.text.contains("binary data"))
    }

    @Test func unloadAndRedoOfALoad() throws {
        let (shell, out) = Harness.shell()
        _ = shell.execute(statement: ".load examples/上犹县政府办-2023.txt as a")
        _ = shell.execute(statement: ".load Tests/Fixtures/reports/淮安市-2024.txt as b")
        #expect(shell.execute(statement: ".reports a") == .ok)
        #expect(shell.execute(statement: ".undo") == .ok)
        #expect(shell.execute(statement: ".redo") == .ok)
        #expect(shell.workbook.currentReport == "b")
        #expect(shell.execute(statement: ".unload b") == .ok)
        #expect(shell.workbook.reportNames == ["a"])
        #expect(out.text.contains("unloaded report b"))
    }
}
