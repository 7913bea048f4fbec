import Foundation
import GongkaiTestSupport
import Testing

@testable import GongkaiCore

@Suite struct WorkbookTests {
    let template = ReportTemplate.official2021
    static let golden = "上犹县政府办-2023.json"

    @Test func goldenReportLoadsWithEveryRuleHolding() throws {
        let report = try Golden(Self.golden)
        #expect(report.values.count == 200)
        let book = Workbook()
        let changes = try book.loadReport(
            name: "sy2023", template: template, values: report.entries, texts: report.texts)
        #expect(book.currentReport == "sy2023")
        // 200 values appear; 42 equalities + domain appear, all holding.
        #expect(changes.cells.filter { $0.name.hasPrefix("t") }.count == 200)
        #expect(changes.rules.count == 43)
        #expect(changes.rules.allSatisfy { $0.old == nil && $0.new == .holds })
        let results = try book.ruleResults(report: "sy2023")
        #expect(results.count == 43)
        #expect(results.filter { $0.kind == .template }.count == 42)
        #expect(results.allSatisfy { $0.status == .holds }, "\(results.filter { $0.status != .holds }.map(\.name))")
        #expect(try book.failingCount(report: "sy2023") == 0)
        #expect(try book.value(of: "t3.total.total") == 7)
        #expect(try book.value(of: "sy2023.t3.new.natural") == 7)
        #expect(try book.value(of: "meta.org") == .text("上犹县政府办"))
        #expect(try book.provenance(of: "t3.new.natural")?.origin == .read)
        #expect(book.recalculateAll().isEmpty)
    }

    /// Every input cell +1 breaks exactly the equalities that read it, each by ±1, and undo heals them all.
    @Test(arguments: ReportTemplate.official2021.cells.filter { !$0.isTotal }.map(\.name))
    func bumpingAnInputBreaksExactlyItsRules(_ name: String) throws {
        let report = try Golden(Self.golden)
        let book = try report.workbook()
        let index = try #require(template.index(of: name))
        let old = try #require(report.values[index]?.number)
        let changes = try book.set(name, .value(.number(try old.adding(1))))
        let expected = template.equalities.filter { $0.lhs.contains(index) || $0.rhs.contains(index) }
        #expect(expected.isEmpty == (template.cells[index].table == "t2"))  // table 二 has no sums
        #expect(Set(changes.broken.map(\.name)) == Set(expected.map(\.name)))
        #expect(changes.rules.count == expected.count)
        #expect(changes.cells.map(\.name) == [name])  // entered totals stand: nothing else changes
        for equality in expected {
            let result = try book.rule(named: equality.name)
            #expect(result.status == .fails)
            #expect(result.imbalance == (equality.lhs.contains(index) ? 1 : -1), "\(equality.name)")
        }
        #expect(try book.failingCount(report: "r") == expected.count)
        let undone = try #require(book.undo())
        #expect(Set(undone.healed.map(\.name)) == Set(expected.map(\.name)))
        #expect(try book.failingCount(report: "r") == 0)
        #expect(try book.value(of: name) == .number(old))
    }

    @Test func enteredTotalStandsAndClearingBringsTheFormulaBack() throws {
        let report = try Golden(Self.golden)
        let book = try report.workbook()
        // Clear the published grand total: the formula computes it again, equal to the published value.
        var changes = try book.set("t3.total.total", .clear)
        #expect(changes.isEmpty)
        #expect(try book.info(of: "t3.total.total").isEntered == false)
        #expect(try book.info(of: "t3.total.total").formula?.hasPrefix("t3.total.natural + ") == true)
        // Now editing a leaf flows through t3.total.natural? No: t3.total.natural is entered; only the row total of
        // the leaf's row is entered too. Clear the natural column total and the leaf row total as well.
        _ = try book.set([("t3.total.natural", .clear), ("t3.result.open.total", .clear)])
        changes = try book.set("t3.result.open.natural", .value(7))
        #expect(
            changes.cells.map(\.name) == [
                "t3.result.open.natural", "t3.result.open.total", "t3.total.natural", "t3.total.total",
            ])
        #expect(changes.cells.map(\.new) == [7, 7, 8, 8])
        // The totals follow, so only the balance of the natural and total columns breaks.
        #expect(Set(changes.broken.map(\.name)) == ["t3.balance.natural", "t3.balance.total"])
        #expect(try book.rule(named: "t3.balance.natural").imbalance == -1)
        // Typing the grand total as a value: it stands, and the column-sum/row-sum checks report the imbalance.
        changes = try book.set("t3.total.total", .value(9))
        #expect(changes.cells.map(\.name) == ["t3.total.total"])
        #expect(try book.rule(named: "t3.rowsum.total").imbalance == 1)
        #expect(try book.rule(named: "t3.colsum.total").imbalance == 1)
        #expect(try book.info(of: "t3.total.total").isEntered)
        #expect(try book.info(of: "t3.total.total").sum == 8)
        #expect(try book.info(of: "t3.new.natural").sum == nil)
        changes = try book.set("t3.total.total", .clear)
        #expect(changes.cells.map(\.new) == [8])
        #expect(try book.rule(named: "t3.rowsum.total").status == .holds)
    }

    @Test func emptyReportTotalsAreEmptyAndRulesIncomplete() throws {
        let book = Workbook()
        _ = try book.addReport(name: "blank", template: template)
        #expect(try book.value(of: "t3.total.total") == .empty)
        #expect(try book.ruleResults().filter { $0.kind == .template }.allSatisfy { $0.status == .incomplete })
        let changes = try book.set("t3.result.open.natural", .value(3))
        #expect(
            changes.cells.map(\.name) == [
                "t3.result.open.natural", "t3.result.open.total", "t3.total.natural", "t3.total.total",
            ])
        #expect(try book.value(of: "t3.total.total") == 3)
        #expect(try book.rule(named: "t3.rowsum.result.open").status == .incomplete)  // other columns empty
    }

    /// With formula totals (only inputs entered), t3.new.natural + 1 breaks the balance of its column and of 总计:
    /// the failing count reads 2 (as in the benchmark workload).
    @Test func inputEditWithComputedTotalsBreaksTwoBalances() throws {
        let report = try Golden(Self.golden)
        let inputs = report.entries.filter { !template.cells[$0.key].isTotal }
        let book = Workbook()
        _ = try book.loadReport(name: "r", template: template, values: inputs, texts: [:])
        #expect(try book.failingCount(report: "r") == 0)
        #expect(try book.value(of: "t3.total.total") == 7)
        let changes = try book.set("t3.new.natural", .value(8))
        #expect(changes.cells.map(\.name) == ["t3.new.natural", "t3.new.total"])
        #expect(changes.broken.map(\.name) == ["t3.balance.natural", "t3.balance.total"])
        #expect(try book.failingCount(report: "r") == 2)
    }

    @Test func failedCallsChangeNothing() throws {
        let report = try Golden(Self.golden)
        let book = try report.workbook()
        let before = book.document()
        #expect(throws: EngineError.self) { try book.set("t3.new.natrual", .value(1)) }
        #expect(throws: EngineError.self) { try book.set("t3.new.natural", .value(.text("seven"))) }
        #expect(throws: EngineError.self) { try book.set([("t3.new.natural", .value(1)), ("t3.bogus", .value(2))]) }
        #expect(throws: EngineError.self) {
            try book.set([("t3.new.natural", .value(1)), ("t3.carried.natural", .formula("1 +"))])
        }
        #expect(throws: EngineError.self) { try book.define(name: "x", formula: "t3.nope + 1") }
        #expect(throws: EngineError.self) {
            try book.define([(name: "a", formula: "1"), (name: "b", formula: "a +* 2")])
        }
        #expect(throws: EngineError.self) {
            try book.loadReport(name: "r", template: template, values: [:], texts: [:])
        }
        #expect(throws: EngineError.self) {
            try book.loadReport(name: "t3", template: template, values: [:], texts: [:])
        }
        #expect(throws: EngineError.self) { try book.addRule(name: "bad", expression: "t3.new.natural >") }
        #expect(book.document() == before)
        #expect(try book.failingCount(report: "r") == 0)
        #expect(try book.value(of: "t3.new.natural") == 7)
        #expect(!book.canRedo)
        #expect(book.recalculateAll().isEmpty)
        let misspelt = try #require(catching { try book.set("t3.new.natrual", .value(1)) })
        if case .unknownName(_, let suggestion) = misspelt {
            #expect(suggestion == "t3.new.natural")
        } else {
            Issue.record("expected unknownName")
        }
    }

    @Test func undoRedoSequences() throws {
        let report = try Golden(Self.golden)
        let book = try report.workbook()
        _ = try book.set("t3.new.natural", .value(8))
        _ = try book.define(name: "rate", formula: "t3.result.open.total / t3.new.total")
        _ = try book.set("t3.carried.natural", .formula("t3.forward.natural + 1"))
        _ = try book.addRule(name: "open.le.new", expression: "t3.result.open.total <= t3.new.total")
        #expect(try book.value(of: "rate") == .number(try #require(DecimalNumber("0.857142857142857143"))))
        #expect(try book.value(of: "t3.carried.natural") == 1)
        #expect(try book.rule(named: "open.le.new").status == .holds)
        let full = book.document()
        // Undo all four, then the load; then redo everything.
        for _ in 0..<4 { #expect(book.undo() != nil) }
        #expect(try book.value(of: "t3.new.natural") == 7)
        #expect(throws: EngineError.self) { try book.value(of: "rate") }
        #expect(try book.failingCount(report: "r") == 0)
        #expect(book.undo() != nil)
        #expect(book.reportNames.isEmpty)
        #expect(book.undo() == nil)
        for _ in 0..<5 { #expect(book.redo() != nil) }
        #expect(book.redo() == nil)
        #expect(book.document() == full)
        #expect(try book.value(of: "rate") == .number(try #require(DecimalNumber("0.857142857142857143"))))
        // A new mutation clears the redo log.
        _ = book.undo()
        _ = try book.set("t2.reg.made", .value(1))
        #expect(!book.canRedo)
        #expect(book.recalculateAll().isEmpty)
    }

    @Test func changeSetsListOnlyWhatChangedInOrder() throws {
        let report = try Golden(Self.golden)
        let book = try report.workbook()
        // The same value again: nothing changes.
        #expect(try book.set("t3.new.natural", .value(7)).isEmpty)
        _ = try book.define(name: "twice", formula: "t3.new.natural * 2")
        _ = try book.define(name: "zz", formula: "twice + t3.forward.total")
        let changes = try book.set([("t3.forward.natural", .value(1)), ("t3.new.natural", .value(8))])
        #expect(changes.cells.map(\.name) == ["t3.new.natural", "t3.forward.natural", "twice", "zz"])
        #expect(changes.cells.map(\.old) == [7, 0, 14, 14])
        #expect(changes.cells.map(\.new) == [8, 1, 16, 16])
        // new +1 and forward +1 keep the natural balance; the entered 总计 cells stand, so their row sums break.
        #expect(changes.rules.map(\.name) == ["t3.rowsum.new", "t3.rowsum.forward"])
        #expect(changes.rules.allSatisfy { $0.broke })
        let undone = try #require(book.undo())
        #expect(undone.cells.map(\.name) == ["t3.new.natural", "t3.forward.natural", "twice", "zz"])
        #expect(undone.rules.count == 2)
        #expect(undone.rules.allSatisfy { $0.healed })
    }

    @Test func cyclesAreRefusedWithTheirPath() throws {
        let book = Workbook()
        _ = try book.addReport(name: "r", template: template)
        _ = try book.define(name: "a", formula: "1")
        _ = try book.define(name: "b", formula: "a + 1")
        _ = try book.define(name: "c", formula: "b * 2")
        let error = try #require(catching { try book.define(name: "a", formula: "c - 1") })
        #expect(error == .cycle(path: ["a", "c", "b", "a"]))
        #expect(try book.value(of: "c") == 4)
        #expect(try #require(catching { try book.define(name: "a", formula: "a") }) == .cycle(path: ["a", "a"]))
        // Through template totals: a leaf that reads the grand total it is summed into.
        let viaTotal = try #require(catching { try book.set("t3.result.open.natural", .formula("t3.total.total")) })
        #expect(
            viaTotal
                == .cycle(path: [
                    "t3.result.open.natural", "t3.total.total", "t3.result.open.total", "t3.result.open.natural",
                ])
                || viaTotal
                    == .cycle(path: [
                        "t3.result.open.natural", "t3.total.total", "t3.total.natural", "t3.result.open.natural",
                    ])
        )
        #expect(try book.info(of: "t3.result.open.natural").formula == nil)
        #expect(try book.info(of: "a").formula == "1")
    }

    @Test func errorValuesPropagateAndOverflowIsAnError() throws {
        let book = Workbook()
        _ = try book.addReport(name: "r", template: template)
        _ = try book.set("t3.new.natural", .value(0))
        _ = try book.define(name: "ratio", formula: "1 / t3.new.natural")
        _ = try book.define(name: "later", formula: "ratio + 1")
        #expect(try book.value(of: "ratio") == .error(.divisionByZero))
        #expect(try book.value(of: "later") == .error(.divisionByZero))
        // A formula on a template input feeds the totals; its error reaches them and the rules report an error.
        _ = try book.set("t3.carried.natural", .formula("later"))
        #expect(try book.value(of: "t3.carried.total") == .error(.divisionByZero))
        #expect(try book.rule(named: "t3.balance.natural").status == .error)
        #expect(try book.failingCount(report: "r") >= 1)
        // Healing the source heals everything downstream.
        let changes = try book.set("t3.new.natural", .value(2))
        #expect(try book.value(of: "later") == .number(try #require(DecimalNumber("1.5"))))
        #expect(changes.cells.map(\.name).contains("t3.carried.total"))
        // Overflow: 10^34 · 10 exceeds the 35-digit range.
        let big = try #require(DecimalNumber("99999999999999999999999999999999999"))
        _ = try book.set("t3.result.open.natural", .value(.number(big)))
        _ = try book.set("t3.result.partial.natural", .value(.number(big)))
        #expect(try book.value(of: "t3.total.natural") == .error(.overflow))
        #expect(try book.rule(named: "t3.colsum.natural").status == .error)
        #expect(try book.evaluate("t3.result.open.natural * 10") == .error(.overflow))
    }

    @Test func domainRuleFlagsNegativesAndFractions() throws {
        let report = try Golden(Self.golden)
        let book = try report.workbook()
        var changes = try book.set("t2.norm.made", .value(-1))
        #expect(changes.broken.map(\.name) == ["domain"])
        #expect(try book.rule(named: "domain").cells == ["t2.norm.made"])
        changes = try book.set("t2.fee.amount", .value(.number(try #require(DecimalNumber("0.5")))))
        #expect(changes.rules.isEmpty)  // 万元 may be fractional
        changes = try book.set("t2.reg.made", .value(.number(try #require(DecimalNumber("0.5")))))
        #expect(try book.rule(named: "domain").cells == ["t2.reg.made", "t2.norm.made"])
        #expect(try book.rule(named: "domain").left == 2)
        _ = try book.set([("t2.norm.made", .value(1)), ("t2.reg.made", .value(0))])
        #expect(try book.rule(named: "domain").status == .holds)
    }

    /// A 1,000,000-deep chain of user formulas: built through the API, one edit recomputes it without recursion.
    @Test func millionDeepChainRecomputesIteratively() throws {
        let n = 1_000_000
        let book = Workbook()
        _ = try book.addReport(name: "r", template: template)
        var definitions: [(name: String, formula: String)] = [(name: "a1", formula: "1")]
        definitions.reserveCapacity(n)
        for i in 2...n { definitions.append((name: "a\(i)", formula: "a\(i - 1) + 1")) }
        _ = try book.define(definitions)
        #expect(try book.value(of: "a\(n)") == .number(DecimalNumber(n)))
        let changes = try book.define(name: "a1", formula: "2")
        #expect(changes.cells.count == n)
        #expect(try book.value(of: "a\(n)") == .number(DecimalNumber(n + 1)))
    }

    @Test func qualifiedReferencesAndWildcards() throws {
        let report = try Golden(Self.golden)
        let book = try report.workbook(name: "sy2023")
        _ = try book.addReport(name: "other", template: template)
        try book.selectReport("other")
        #expect(try book.value(of: "t3.total.total") == .empty)
        #expect(try book.evaluate("sy2023.t3.total.total + 1") == 8)
        #expect(try book.evaluate("sum(sy2023.t3.result.*.natural)") == 7)
        #expect(try book.evaluate("sum(sy2023.t3.result.**.natural)") == 7)
        #expect(try book.evaluate("sum(sy2023.t2.*.*)") == 37)
        _ = try book.define(name: "copied", formula: "sy2023.t3.new.natural")
        #expect(try book.value(of: "copied") == 7)
        #expect(try book.value(of: "other.copied") == 7)
        try book.selectReport("sy2023")
        #expect(try book.value(of: "other.copied") == 7)
        let changes = try book.set("t3.new.natural", .value(9))
        #expect(changes.cells.map(\.qualifiedName) == ["sy2023.t3.new.natural", "other.copied"])
        #expect(throws: EngineError.self) { try book.removeReport("sy2023") }  // other.copied reads it
        #expect(try book.info(of: "t3.new.natural").dependents == ["t3.new.total", "other.copied"])
    }

    /// Definitions that read names defined after them survive a removal and its undo, and a document round trip.
    @Test func removalUndoRestoresDefinitionsInAnyOrder() throws {
        let book = Workbook()
        _ = try book.addReport(name: "r", template: template)
        _ = try book.define(name: "a", formula: "1")
        _ = try book.define(name: "b", formula: "a * 2")
        _ = try book.define(name: "c", formula: "5")
        _ = try book.define(name: "a", formula: "c + 1")  // a now reads a later name
        #expect(try book.value(of: "b") == 12)
        _ = try book.removeReport("r")
        #expect(book.reportNames.isEmpty)
        #expect(try #require(book.undo()).cells.isEmpty == false)
        #expect(try book.value(of: "b") == 12)
        #expect(try Workbook(document: book.document()).value(of: "b") == 12)
        _ = try book.define(name: "c", formula: "6")
        #expect(try book.value(of: "b") == 14)
    }

    @Test func documentRoundTrips() throws {
        let report = try Golden(Self.golden)
        let book = try report.workbook(name: "sy2023")
        _ = try book.set("t3.total.total", .clear)
        _ = try book.define(name: "rate", formula: "t3.result.open.total / t3.new.total")
        _ = try book.set("t3.carried.natural", .formula("t3.forward.natural"))
        _ = try book.addRule(
            name: "open.le.new", expression: "t3.result.open.total <= t3.new.total", severity: .warning)
        let document = book.document()
        let copy = try Workbook(document: document)
        #expect(copy.document() == document)
        #expect(try copy.value(of: "rate") == book.value(of: "rate"))
        #expect(try copy.ruleResults() == book.ruleResults())
        #expect(try copy.provenance(of: "t3.new.natural") == book.provenance(of: "t3.new.natural"))
    }
}

/// The error a throwing call raised, or nil.
func catching<T>(_ body: () throws -> T) -> EngineError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? EngineError
    }
}
