import Foundation
import GongkaiIO
import GongkaiTestSupport
import Testing

@testable import GongkaiCore
@testable import GongkaiShell

/// 洪泽区 2023 and 2024 print （六）其他处理 as one row without its three items: the row's figures are kept as the
/// subtotal `t3.result.other.*`, checked by rules, never dropped.
@Suite("A group printed as one row is kept as a checked subtotal")
struct PrintedSubtotalTests {
    static let files = ["洪泽区-2023.txt", "洪泽区-2024.txt", "洪泽区-2023.pdf", "洪泽区-2024.pdf"]
    static let columns = ["natural", "commercial", "research", "nonprofit", "legal", "otherorg", "total"]

    @Test("the importer keeps the printed （六） row with its place", arguments: files)
    func imported(_ file: String) throws {
        let report = try ReportImporter().importReport(bytes: try Fixtures.bytes("reports/" + file), fileName: file)
        let subtotal = try #require(report.subtotals.first)
        #expect(report.subtotals.count == 1)
        #expect(subtotal.row == "result.other" && subtotal.label == "（六）其他处理")
        #expect(subtotal.values.map(\.column) == Self.columns)
        #expect(subtotal.values.allSatisfy { $0.value == .zero })  // both years print 0 0 0 0 0 0 0
        #expect(subtotal.provenance.line != nil && subtotal.provenance.file == file)
        if file.hasSuffix(".pdf") { #expect(subtotal.provenance.page == 4) }
        if file == "洪泽区-2023.txt" { #expect(subtotal.provenance.line == 116) }
        // Its items stay empty (the golden's nulls) and a note says where the figures went.
        #expect(report.missingNames.filter { $0.hasPrefix("t3.result.other.") }.count == 21)
        #expect(report.diagnostics.contains { $0.code == "I114" && $0.message.contains("t3.result.other.*") })
    }

    @Test("a report whose items are printed has no subtotal")
    func itemsPrinted() throws {
        for file in ["上犹县政府办-2023.txt", "淮安市-2024.txt", "平潭综合实验区-2020-2019format.txt"] {
            let report = try ReportImporter().importReport(
                bytes: try Fixtures.bytes("reports/" + file), fileName: file)
            #expect(report.subtotals.isEmpty, "\(file)")
        }
    }

    @Test func theSubtotalIsCheckedAndGoesWithItsReport() throws {
        let session = SessionTests.session()
        guard case .loaded(let loaded) = session.load(file: "Tests/Fixtures/reports/洪泽区-2023.txt") else {
            Issue.record("洪泽区-2023.txt did not load")
            return
        }
        let book = session.workbook
        let name = loaded.name
        for column in Self.columns {
            #expect(try book.value(of: "t3.result.other.\(column)", in: name) == 0)
            // （七）总计 = the other results + the printed subtotal: holds (21 = 21 in 自然人 and 总计).
            #expect(try book.rule(named: "\(name).t3.colsum.\(column).result.other").status == .holds)
            // The subtotal against its items: incomplete while the items are empty, never "holds".
            #expect(try book.rule(named: "\(name).subtotal.result.other.\(column)").status == .incomplete)
        }
        // An edit of the subtotal breaks the column sum; entering the items checks the subtotal.
        _ = try book.set("t3.result.other.natural", in: name, .formula("1"))
        #expect(try book.rule(named: "\(name).t3.colsum.natural.result.other").status == .fails)
        _ = try book.undo()
        for item in ["nofix", "nofee", "misc"] {
            _ = try book.set("t3.result.other.\(item).natural", in: name, .value(0))
        }
        #expect(try book.rule(named: "\(name).subtotal.result.other.natural").status == .holds)
        // Unloading takes the report's own rules with it; undo brings both back.
        let before = book.document()
        _ = try book.removeReport(name)
        let left = try book.ruleResults()
        #expect(book.reportCount == 0 && left.isEmpty)
        _ = try book.undo()
        #expect(book.document() == before)
    }

    /// The load's undo is one step (the report with its own rules and names) and its redo gives back the same.
    @Test func undoAndRedoOfTheLoad() throws {
        let session = SessionTests.session()
        guard case .loaded = session.load(file: "Tests/Fixtures/reports/淮安市-2024.txt"),
            case .loaded(let loaded) = session.load(file: "Tests/Fixtures/reports/洪泽区-2023.txt")
        else {
            Issue.record("the fixtures did not load")
            return
        }
        let book = session.workbook
        let loadedDocument = book.document()
        let rules = try book.ruleResults().count
        _ = try #require(book.undo())
        #expect(book.reportNames.count == 1 && !book.reportNames.contains(loaded.name))
        #expect(try book.ruleResults().count < rules)
        #expect(book.userRules.compactMap { $0 }.isEmpty)
        _ = try #require(book.redo())
        // (The shell makes the report current again, as the load did: ShellTests; the workbook leaves it.)
        let redone = book.document()
        #expect(redone.reports == loadedDocument.reports && redone.rules == loadedDocument.rules)
        #expect(try book.ruleResults().count == rules)
        #expect(try book.rule(named: "\(loaded.name).t3.colsum.total.result.other").status == .holds)
    }

    @Test func aSavedWorkbookKeepsTheSubtotal() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/hz.gkw"
        let (shell, _) = Harness.shell()
        #expect(shell.execute(statement: ".load Tests/Fixtures/reports/洪泽区-2024.txt") == .ok)
        #expect(shell.execute(statement: ".save \(file)") == .ok)
        let (restored, _) = Harness.shell()
        #expect(restored.execute(statement: ".load \(file)") == .ok)
        #expect(restored.workbook.document() == shell.workbook.document())
        let name = try #require(restored.workbook.reportNames.first)
        #expect(try restored.workbook.rule(named: "\(name).t3.colsum.total.result.other").status == .holds)
    }

    /// The rules are compiled from their cells (``RuleSums``), not parsed: each is the condition its source compiles
    /// to, with the same cells, and evaluates alike on any values (numbers, blanks, text, errors).
    @Test func rulesFromCellsAreTheirSources() throws {
        let session = SessionTests.session()
        guard case .loaded(let loaded) = session.load(file: "Tests/Fixtures/reports/洪泽区-2024.txt") else {
            Issue.record("洪泽区-2024.txt did not load")
            return
        }
        let book = session.workbook
        let slot = try book.slot(of: loaded.name)
        let rules = book.userRules.compactMap { $0 }.filter { $0.spec.report == slot }
        #expect(rules.count == 14)  // 7 columns: the subtotal against its items, and the column sum
        var rng = SplitMix64(seed: 11)
        let samples: [Value] = [.empty, 0, 3, 17, .number(DecimalNumber("2.5")!), .text("无"), .error(.divisionByZero)]
        for rule in rules {
            #expect(rule.spec.sums == nil)  // not kept once installed
            let parsed = try book.compileRuleCondition(rule.spec)
            #expect(parsed.dependencies == rule.condition.dependencies, "\(rule.name)")
            for _ in 0..<20 {
                var values: [Int: Value] = [:]
                for id in parsed.dependencies { values[id] = samples[rng.below(samples.count)] }
                let a = parsed.evaluate { values[$0] ?? .empty }
                let b = rule.condition.evaluate { values[$0] ?? .empty }
                #expect(a.left == b.left && a.right == b.right && a.holds == b.holds, "\(rule.name)")
            }
        }
    }
}
