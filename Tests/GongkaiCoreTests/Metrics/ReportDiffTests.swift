import GongkaiCore
import GongkaiTestSupport
import Testing

/// `.diff` and `.trend` on the real reports: what changed from 洪泽区 2023 to 淮安市洪泽区 2024, by the goldens.
@Suite("Year over year: diff and trend")
struct ReportDiffTests {
    static func number(_ text: String) throws -> Value { .number(try #require(DecimalNumber(text))) }

    @Test func theHongzePairDiffListsWhatChanged() throws {
        let (book, _) = try BodyMatchingTests.hongze()
        let diff = try book.diff("hz23", "hz24")
        #expect(diff.comparedCells == 200)
        #expect(diff.threshold == 50)
        let cells = Dictionary(uniqueKeysWithValues: diff.cells.map { ($0.name, $0) })
        // 新收 21 → 95: Δ 74, Δ% 352.38, a jump.
        let new = try #require(cells["t3.new.total"])
        #expect(new.before == 21 && new.after == 95)
        #expect(new.delta == 74)
        let growth = try Self.number("352.38")
        #expect(new.percent == growth)
        #expect(new.isJump)
        #expect(new.label == "一、本年新收政府信息公开申请数量 · 总计")
        #expect(cells["t3.result.denied.secret.natural"]?.label == "1.属于国家秘密 · 自然人")
        // 行政处罚 4119 → 2776: −32.61 %, under the threshold.
        let penalty = try #require(cells["t2.penalty.decided"])
        let penaltyPercent = try Self.number("-32.61")
        #expect(penalty.delta == -1343 && penalty.percent == penaltyPercent && !penalty.isJump)
        // 0 → 50: a Δ but no Δ% (no base), so no jump.
        let open = try #require(cells["t3.result.open.total"])
        #expect(open.delta == 50 && open.percent == .empty && !open.isJump)
        // Unchanged cells are not listed (上年结转 0 both years); nor are cells empty in both (the 21 missing).
        #expect(cells["t3.carried.total"] == nil)
        #expect(cells["t3.result.other.nofix.natural"] == nil)
        #expect(diff.cells.count == 30)

        let metrics = Dictionary(uniqueKeysWithValues: diff.metrics.map { ($0.name, $0) })
        #expect(metrics["applications"]?.percent == growth)
        #expect(metrics["applications"]?.label == "申请总量")

        // 行政复议 and 复议后起诉 fail in 2023 as printed and hold in 2024 (the goldens have no prose: no text rules).
        let rules = diff.rules.map { "\($0.name) \($0.before.rawValue) → \($0.after.rawValue)" }
        #expect(rules == ["t4.rowsum.review fails → holds", "t4.rowsum.suit.after fails → holds"])
        // A threshold of 400 keeps only the larger jumps.
        let strict = try book.diff("hz23", "hz24", threshold: DecimalNumber(400))
        #expect(strict.jumps.map(\.name) == ["t2.permit.decided", "review_correction_rate"])
    }

    @Test func anEmptyCellIsNeverZero() throws {
        let (book, _) = try BodyMatchingTests.hongze()
        _ = try book.set("t2.fee.amount", in: "hz24", .clear)
        let fee = try #require(try book.diff("hz23", "hz24").cells.first { $0.name == "t2.fee.amount" })
        let printed = try Self.number("7730.28")
        #expect(fee.before == printed && fee.after == .empty)
        #expect(fee.delta == .empty && fee.percent == .empty && !fee.isJump)
        #expect(throws: EngineError.self) { try book.diff("hz23", "nope") }
    }

    @Test func aTrialYearComparesOnTheCellsBothFormatsHave() throws {
        let book = Workbook()
        for (name, file) in [("pt20", "平潭综合实验区-2020-2019format.json"), ("pt21", "平潭综合实验区-2021.json")] {
            let golden = try Golden(file)
            _ = try book.loadReport(name: name, template: golden.template, values: golden.entries, texts: golden.texts)
        }
        let diff = try book.diff("pt20", "pt21")
        let trial = try book.template(of: "pt20")
        let common = try book.template(of: "pt21").cells.filter { trial.index(of: $0.name) != nil }
        #expect(diff.comparedCells == common.count)
        #expect(diff.comparedCells < 200)
        #expect(diff.cells.allSatisfy { trial.index(of: $0.name) != nil })
        #expect(!diff.cells.isEmpty)
    }

    @Test func theTrendFollowsTheLinkedYears() throws {
        let (book, _) = try BodyMatchingTests.hongze()
        for name in ["洪泽区", "洪泽区人民政府", "淮安市洪泽区"] {
            let trend = try book.trend("applications", body: try BodyMatchingTests.key(name))
            #expect(trend.points.map(\.report) == ["hz23", "hz24"])
            #expect(trend.points.map(\.year) == [2023, 2024])
            #expect(trend.points.map(\.value) == [21, 95])
            let growth = try Self.number("352.38")
            #expect(trend.points.map(\.growth) == [.empty, growth])
        }
        #expect(throws: EngineError.self) { try book.trend("applications", body: try BodyMatchingTests.key("淮安市")) }
        // With one year loaded, a shorter or a longer name of the body still finds it.
        _ = try book.removeReport("hz23")
        for name in ["洪泽区", "江苏省淮安市洪泽区"] {
            let trend = try book.trend("applications", body: try BodyMatchingTests.key(name))
            #expect(trend.points.map(\.report) == ["hz24"])
        }
        _ = try book.removeReport("hz24")
        #expect(throws: EngineError.self) { try book.trend("applications", body: try BodyMatchingTests.key("洪泽区")) }
        #expect(throws: EngineError.self) {
            try book.trend("yoy(applications)", body: try BodyMatchingTests.key("洪泽区"))
        }
    }
}
