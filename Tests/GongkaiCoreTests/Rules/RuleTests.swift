import Foundation
import GongkaiTestSupport
import Testing

@testable import GongkaiCore

@Suite struct RuleTests {
    let template = ReportTemplate.official2021

    /// 平潭 2021 loaded twice, as 2020 and 2021 of one body: the later report gets the cross-year rules.
    @Test func crossYearRulesLinkConsecutiveYearsOfOneBody() throws {
        let golden = try Golden("平潭综合实验区-2021.json")
        let book = Workbook()
        _ = try book.loadReport(
            name: "pt2020", template: template, values: golden.entries,
            texts: ["meta.org": golden.org, "meta.year": "2020"])
        let changes = try book.loadReport(
            name: "pt2021", template: template, values: golden.entries,
            texts: ["meta.org": golden.org, "meta.year": "2021"])
        let columns = try #require(template.table("t3")?.sections.first?.columns.map(\.key))
        let names = columns.map { "xyear.carried.\($0)" }
        // The link appears with the load: 7 rules of pt2021, a warning each.
        let appeared = changes.rules.filter { $0.name.hasPrefix("xyear.") }
        #expect(appeared.map(\.name) == names)
        #expect(appeared.allSatisfy { $0.report == "pt2021" && $0.old == nil })
        #expect(try book.ruleNames(report: "pt2020").filter { $0.hasPrefix("xyear.") }.isEmpty)
        // Expected from the golden values: 2021's 上年结转 = 2020's 结转下年度 (the same report twice here).
        for column in columns {
            let carriedIndex = try #require(template.index(of: "t3.carried.\(column)"))
            let forwardIndex = try #require(template.index(of: "t3.forward.\(column)"))
            let carried = golden.values[carriedIndex]
            let forward = golden.values[forwardIndex]
            let result = try book.rule(named: "pt2021.xyear.carried.\(column)")
            #expect(result.severity == .warning)
            #expect(result.kind == .crossYear)
            #expect(result.status == (carried == forward ? .holds : .fails), "\(column)")
            #expect(result.cells == ["t3.carried.\(column)", "pt2020.t3.forward.\(column)"])
        }
        let natural = try book.rule(named: "pt2021.xyear.carried.natural")
        #expect(natural.status == .fails)
        #expect(natural.imbalance == -1)  // 0 carried into 2021, 1 forwarded from 2020
        #expect(try book.failingCount(report: "pt2021") == 2)  // natural and total
        #expect(try book.failingCount(report: "pt2020") == 0)
        // Editing the earlier year heals the later year's rule.
        try book.selectReport("pt2020")
        var edit = try book.set("t3.forward.natural", .value(0))
        #expect(edit.healed.map(\.qualifiedName) == ["pt2021.xyear.carried.natural"])
        #expect(edit.broken.map(\.qualifiedName) == ["pt2020.t3.balance.natural", "pt2020.t3.rowsum.forward"])
        _ = book.undo()
        // Another body's name unlinks: the rules disappear.
        edit = try book.set("meta.org", .value(.text("别的机关")))
        #expect(edit.rules.filter { $0.name.hasPrefix("xyear.") }.count == 7)
        #expect(edit.rules.allSatisfy { $0.new == nil })
        #expect(try book.failingCount(report: "pt2021") == 0)
        _ = book.undo()
        #expect(try book.rule(named: "pt2021.xyear.carried.natural").status == .fails)
        // Removing the earlier report (nothing reads it) unlinks too; undo relinks.
        _ = try book.removeReport("pt2020")
        #expect(try book.ruleNames(report: "pt2021").filter { $0.hasPrefix("xyear.") }.isEmpty)
        _ = book.undo()
        #expect(try book.ruleNames(report: "pt2021").filter { $0.hasPrefix("xyear.") } == names)
        #expect(book.recalculateAll().isEmpty)
    }

    @Test func oneSeverityScaleAndRulesAreErrorsOrWarnings() throws {
        #expect(Severity.note < .warning && Severity.warning < .error)
        #expect(Severity.allCases.filter(\.isRuleSeverity) == [.warning, .error])
        let golden = try Golden("上犹县政府办-2023.json")
        let book = try golden.workbook(name: "sy2023")
        let before = book.document()
        #expect(throws: EngineError.self) {
            try book.addRule(name: "info", expression: "t3.new.total >= 0", severity: .note)
        }
        #expect(book.document() == before)
    }

    @Test func userRulesAddListAndDrop() throws {
        let golden = try Golden("上犹县政府办-2023.json")
        let book = try golden.workbook(name: "sy2023")
        var changes = try book.addRule(name: "open.le.new", expression: "t3.result.open.total <= t3.new.total")
        #expect(changes.rules.map(\.name) == ["open.le.new"])
        #expect(changes.rules.first?.old == nil && changes.rules.first?.new == .holds)
        changes = try book.addRule(
            name: "natural.eq", expression: "t3.new.natural = t3.result.open.natural", severity: .warning)
        let result = try book.rule(named: "natural.eq")
        #expect(result.status == .fails)
        #expect(result.left == 7 && result.right == 6 && result.imbalance == 1)
        #expect(result.cells == ["t3.new.natural", "t3.result.open.natural"])
        #expect(result.severity == .warning && result.kind == .user)
        #expect(try book.ruleNames(report: "sy2023").suffix(2) == ["open.le.new", "natural.eq"])
        #expect(try book.failingRules().map(\.name) == ["natural.eq"])
        #expect(throws: EngineError.self) { try book.addRule(name: "natural.eq", expression: "1") }
        #expect(throws: EngineError.self) { try book.addRule(name: "t3.balance.natural", expression: "1") }
        // Rules follow edits: making open = new heals it and breaks the sums that read open.
        changes = try book.set("t3.result.open.natural", .value(7))
        #expect(changes.healed.map(\.name) == ["natural.eq"])
        // Incomplete when a cell it reads is empty.
        _ = try book.set("t3.new.natural", .clear)
        #expect(try book.rule(named: "natural.eq").status == .incomplete)
        // A rule whose expression has no truth value is an error; one reading an error value too.
        _ = try book.addRule(name: "text.rule", expression: "\"abc\"")
        #expect(try book.rule(named: "text.rule").status == .error)
        changes = try book.dropRule(name: "text.rule")
        #expect(changes.rules.map(\.name) == ["text.rule"])
        #expect(changes.rules.first?.new == nil)
        #expect(throws: EngineError.self) { try book.dropRule(name: "text.rule") }
        // A rule keeps names read by it alive.
        _ = try book.define(name: "x", formula: "t3.new.total")
        _ = try book.addRule(name: "x.pos", expression: "x >= 0")
        #expect(throws: EngineError.self) { try book.undefine(name: "x") }
        _ = try book.dropRule(name: "x.pos")
        _ = try book.undefine(name: "x")
        _ = book.undo()  // x is back
        _ = book.undo()  // x.pos is back
        #expect(try book.rule(named: "x.pos").status == .holds)
        #expect(book.recalculateAll().isEmpty)
    }

    /// Every rule of every golden 2021-format fixture: the 42 equalities and domain hold on published data.
    /// 上海市科委 2024 leaves the total t3.forward.total blank: a blank total computes its sum, so its rules hold too.
    @Test(arguments: ["上犹县政府办-2023.json", "淮安市-2024.json", "平潭综合实验区-2021.json", "上海市科委-2024.json"])
    func goldenReportsSatisfyTheOfficialRules(_ file: String) throws {
        let golden = try Golden(file)
        let book = try golden.workbook()
        for result in try book.ruleResults() {
            let readsEmpty = result.cells.contains { name in
                template.cell(named: name).map { !$0.isTotal && golden.values[$0.index] == .empty } ?? false
            }
            #expect(result.status == (readsEmpty ? .incomplete : .holds), "\(file): \(result.name)")
        }
        for cell in template.cells where cell.isTotal && golden.values[cell.index] == .empty {
            #expect(try book.info(of: cell.name).isEntered == false)
            #expect(try book.value(of: cell.name) != .empty)
        }
    }
}
