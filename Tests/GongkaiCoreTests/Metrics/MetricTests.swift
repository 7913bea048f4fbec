import GongkaiCore
import GongkaiTestSupport
import Testing

/// The metric dictionary and metrics defined once for every report, over the real fixture reports.
@Suite struct MetricTests {
    static let shangyou = "上犹县政府办_2023"

    static func loaded() throws -> Workbook {
        try CrossReportTests.loaded().0
    }

    static func number(_ text: String) throws -> DecimalNumber { try #require(DecimalNumber(text)) }

    /// A golden cell of 上犹县 2023 (empty counts as 0, as in the formulas).
    static func cell(_ golden: Golden, _ name: String) throws -> DecimalNumber {
        let entry = try #require(golden.cells[name], "no golden \(name)")
        return entry ?? .zero
    }

    static func sum(_ golden: Golden, _ names: [String]) throws -> DecimalNumber {
        try names.reduce(DecimalNumber.zero) { try $0.adding(cell(golden, $1)) }
    }

    /// round(part × 100 / whole, 2), half away from zero: computed here without the formula language.
    static func rate(_ part: DecimalNumber, _ whole: DecimalNumber) throws -> Value {
        guard !whole.isZero else { return .empty }
        return .number(try part.multiplying(DecimalNumber(100)).dividing(by: whole).rounded(places: 2))
    }

    @Test func builtInMetricsOfShangyouEqualTheHandComputedValues() throws {
        let golden = try Golden("上犹县政府办-2023.json")
        let names = golden.cells.keys
        func rows(_ prefix: String) -> [String] { names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".total") } }
        let applications = try Self.sum(golden, ["t3.new.total", "t3.carried.total"])
        let concluded = try Self.cell(golden, "t3.total.total")
        let reviewsDecided = try Self.sum(golden, ["t4.review.upheld", "t4.review.corrected", "t4.review.other"])
        let suitsDecided = try Self.sum(
            golden, ["upheld", "corrected", "other"].flatMap { ["t4.suit.direct.\($0)", "t4.suit.after.\($0)"] })
        let expected: [String: Value] = [
            "applications": .number(applications),
            "concluded": .number(concluded),
            "disclosure_rate": try Self.rate(Self.cell(golden, "t3.result.open.total"), concluded),
            "substantive_rate": try Self.rate(
                Self.sum(golden, ["t3.result.open.total", "t3.result.partial.total"]), concluded),
            "denial_rate": try Self.rate(Self.sum(golden, rows("t3.result.denied.")), concluded),
            "unable_rate": try Self.rate(Self.sum(golden, rows("t3.result.unable.")), concluded),
            "skip_rate": try Self.rate(Self.sum(golden, rows("t3.result.skip.")), concluded),
            "review_correction_rate": try Self.rate(Self.cell(golden, "t4.review.corrected"), reviewsDecided),
            "suit_correction_rate": try Self.rate(
                Self.sum(golden, ["t4.suit.direct.corrected", "t4.suit.after.corrected"]), suitsDecided),
            "dispute_rate": try Self.rate(
                Self.sum(golden, ["t4.review.total", "t4.suit.direct.total", "t4.suit.after.total"]), applications),
            "carryover_rate": try Self.rate(Self.cell(golden, "t3.forward.total"), applications),
        ]
        #expect(Set(expected.keys) == Set(Metric.builtIn.map(\.key)))
        // The figures as published: 7 applications, 6 opened and 1 partly of 7 concluded.
        #expect(expected["disclosure_rate"] == .number(try Self.number("85.71")))
        #expect(expected["substantive_rate"] == .number(DecimalNumber(100)))
        let book = try Self.loaded()
        for metric in Metric.builtIn {
            // On demand, from the dictionary …
            let onDemand = try #require(try book.metricValues(metric.key).first { $0.report == Self.shangyou })
            #expect(onDemand.value == expected[metric.key], "\(metric.key)")
        }
        for metric in Metric.builtIn { _ = try book.useMetric(metric.key) }
        for metric in Metric.builtIn {
            // … and as the reactive cell m.KEY of the report.
            #expect(
                try book.value(of: "\(Self.shangyou).\(metric.cellName)") == expected[metric.key], "\(metric.key)")
        }
        // No decided review: empty with the reason, never 0.
        let review = try #require(try book.metricValues("review_correction_rate").first { $0.report == Self.shangyou })
        #expect(review.value == .empty)
        #expect(review.reason == "已审结的行政复议为 0")
    }

    @Test func oneEditChangesTheMetricTheAggregateAndTheRank() throws {
        let book = try Self.loaded()
        _ = try book.useMetric("disclosure_rate")
        try book.selectReport(Self.shangyou)
        _ = try book.define(name: "median_rate", formula: "median(*.m.disclosure_rate)")
        _ = try book.define(name: "my_rank", formula: "rank(m.disclosure_rate, *.m.disclosure_rate)")
        let before = try book.value(of: "median_rate")
        let rankBefore = try #require(try book.value(of: "my_rank").number)
        // Every application opened: 7 of 7, the highest rate of all (loaded totals stand as entered).
        let changes = try book.set("t3.result.open.total", .value(.number(DecimalNumber(7))))
        #expect(try book.value(of: "m.disclosure_rate") != .number(try Self.number("85.71")))
        #expect(changes.cells.contains { $0.name == "m.disclosure_rate" })
        let ranking = MetricRanking(try book.metricValues("disclosure_rate"))
        #expect(try book.value(of: "my_rank") == .number(DecimalNumber(try #require(ranking.rank(of: Self.shangyou)))))
        #expect(try book.value(of: "my_rank") != .number(rankBefore) || rankBefore == .one)
        #expect(try book.value(of: "median_rate") == ranking.percentile(try Self.number("0.5")).map(Value.number))
        _ = book.undo()
        #expect(try book.value(of: "m.disclosure_rate") == .number(try Self.number("85.71")))
        #expect(try book.value(of: "median_rate") == before)
    }

    @Test func aMetricAppliesToReportsLoadedLater() throws {
        let book = Workbook()
        _ = try book.addReport(name: "a", template: .official2021)
        _ = try book.defineMetric(
            name: "open_share", formula: "if(t3.new.total > 0, t3.result.open.total / t3.new.total)")
        _ = try book.set("a.t3.new.natural", .value(4))
        _ = try book.set("a.t3.result.open.natural", .value(1))
        #expect(try book.value(of: "a.m.open_share") == .number(try Self.number("0.25")))
        _ = try book.addReport(name: "b", template: .official2021)
        _ = try book.set("b.t3.new.natural", .value(2))
        _ = try book.set("b.t3.result.open.natural", .value(2))
        #expect(try book.value(of: "b.m.open_share") == .number(.one))
        #expect(try book.metricValues("open_share").map(\.value) == [.number(try Self.number("0.25")), .number(.one)])
        // The metric's cell is owned by the metric.
        #expect(throws: EngineError.self) { try book.define(name: "m.open_share", formula: "1") }
        #expect(throws: EngineError.self) { try book.defineMetric(name: "disclosure_rate", formula: "1") }
        // Dropped from every report; undo brings it back everywhere.
        _ = try book.dropMetric("open_share")
        #expect(throws: EngineError.self) { try book.value(of: "b.m.open_share") }
        _ = book.undo()
        #expect(try book.value(of: "b.m.open_share") == .number(.one))
        // Unload and undo: the report gets the metric again, not twice.
        _ = try book.removeReport("b")
        _ = book.undo()
        #expect(try book.value(of: "b.m.open_share") == .number(.one))
        #expect(try book.definitions(report: "b").isEmpty)
    }

    @Test func theDocumentKeepsMetricsButNotTheDictionary() throws {
        let book = Workbook()
        _ = try book.addReport(name: "a", template: .official2021)
        _ = try book.useMetric("concluded")
        _ = try book.defineMetric(name: "twice", formula: "m.concluded * 2")
        _ = try book.define(name: "thrice", formula: "m.concluded * 3")
        _ = try book.set("a.t3.result.open.natural", .value(3))
        let document = book.document()
        #expect(document.metrics == [.init(name: "concluded"), .init(name: "twice", formula: "m.concluded * 2")])
        #expect(document.reports[0].definitions.map(\.name) == ["thrice"])
        let restored = try Workbook(document: document)
        #expect(try restored.value(of: "a.m.twice") == .number(DecimalNumber(6)))
        #expect(try restored.value(of: "a.thrice") == .number(DecimalNumber(9)))
        #expect(restored.metrics.map(\.name) == ["concluded", "twice"])
    }

    @Test func rankingKeepsEmptyValuesApartAndSharesTies() throws {
        func value(_ report: String, _ value: Value) -> MetricValue {
            MetricValue(report: report, value: value, reason: value.isEmpty ? "办结量为 0" : nil)
        }
        let values = [
            value("a", 5), value("b", .empty), value("c", 9), value("d", 5), value("e", 1),
        ]
        let ranking = MetricRanking(values)
        #expect(ranking.ranked.map(\.report) == ["c", "a", "d", "e"])
        #expect(ranking.ranked.map(\.position) == [1, 2, 2, 4])
        #expect(ranking.unranked.map(\.report) == ["b"])
        #expect(ranking.rank(of: "d") == 2)
        #expect(ranking.rank(of: "b") == nil)
        #expect(ranking.percentRank(of: "c") == DecimalNumber(100))
        let third = try Self.number("33.33")
        #expect(ranking.percentRank(of: "a") == third)
        #expect(ranking.percentRank(of: "e") == .zero)
        // 1 5 5 9: P25 at h = 0.75 → 1 + 0.75 · 4 = 4; P50 = 5; P75 at h = 2.25 → 5 + 0.25 · 4 = 6.
        #expect(ranking.percentile(try Self.number("0.25")) == DecimalNumber(4))
        #expect(ranking.percentile(try Self.number("0.5")) == DecimalNumber(5))
        #expect(ranking.percentile(try Self.number("0.75")) == DecimalNumber(6))
        #expect(MetricRanking(values, order: .asc).ranked.map(\.report) == ["e", "a", "d", "c"])
    }

    @Test func yearOverYearGrowthNeedsThePreviousYear() throws {
        let book = try Self.loaded()
        let growth = try book.metricValues("yoy(t3.new.total)")
        let hz2024 = try #require(growth.first { $0.report == "洪泽区_2024" })
        let last = try #require(try book.value(of: "洪泽区_2023.t3.new.total").number)
        let this = try #require(try book.value(of: "洪泽区_2024.t3.new.total").number)
        let expected = try this.subtracting(last).multiplying(DecimalNumber(100)).dividing(by: last).rounded(places: 2)
        #expect(hz2024.value == .number(expected), "\(hz2024.reason ?? "")")
        let shangyou = try #require(growth.first { $0.report == Self.shangyou })
        #expect(shangyou.value == .empty)
        #expect(shangyou.reason == "no previous year of this body loaded")
        #expect(book.metricTitle("yoy(applications)").title == "申请总量同比增长")
    }
}
