import GongkaiCore
import GongkaiTestSupport
import Testing

/// Names over reports: `*.t3.new.total` and `hz*.…` in formulas, over the real fixture reports.
@Suite struct CrossReportTests {
    /// Report name (an identifier) → golden file.
    static let reports = [
        ("上犹县政府办_2023", "上犹县政府办-2023.json"), ("淮安市_2024", "淮安市-2024.json"),
        ("上海市科委_2024", "上海市科委-2024.json"), ("平潭综合实验区_2021", "平潭综合实验区-2021.json"),
        ("洪泽区_2023", "洪泽区-2023.json"), ("洪泽区_2024", "洪泽区-2024.json"),
    ]

    static func loaded() throws -> (Workbook, [String: DecimalNumber]) {
        let book = Workbook()
        var newTotals: [String: DecimalNumber] = [:]
        for (name, file) in reports {
            let golden = try Golden(file)
            _ = try book.loadReport(name: name, template: .official2021, values: golden.entries, texts: golden.texts)
            newTotals[name] = try #require(golden.cells["t3.new.total"] ?? nil)
        }
        return (book, newTotals)
    }

    static func sum(_ numbers: some Sequence<DecimalNumber>) throws -> DecimalNumber {
        try numbers.reduce(DecimalNumber.zero) { try $0.adding($1) }
    }

    @Test func sumOverEveryReportEqualsTheGoldens() throws {
        let (book, totals) = try Self.loaded()
        #expect(try book.evaluate("sum(*.t3.new.total)") == .number(try Self.sum(totals.values)))
        #expect(try book.evaluate("count(*.t3.new.total)") == .number(DecimalNumber(totals.count)))
        #expect(try book.evaluate("max(*.t3.new.total)") == .number(try #require(totals.values.max())))
        #expect(try book.evaluate("min(*.t3.new.total)") == .number(try #require(totals.values.min())))
        let hz = try Self.sum(totals.filter { $0.key.hasPrefix("洪泽区") }.values)
        #expect(try book.evaluate("sum(洪泽区*.t3.new.total)") == .number(hz))
    }

    @Test func orderStatisticsAreExact() throws {
        let (book, totals) = try Self.loaded()
        let sorted = totals.values.sorted()
        // Six values: the median is the mean of the 3rd and 4th.
        let median = try sorted[2].adding(sorted[3]).dividing(by: DecimalNumber(2))
        #expect(try book.evaluate("median(*.t3.new.total)") == .number(median))
        #expect(try book.evaluate("percentile(*.t3.new.total, 0.5)") == .number(median))
        #expect(try book.evaluate("percentile(*.t3.new.total, 0)") == .number(sorted[0]))
        #expect(try book.evaluate("percentile(*.t3.new.total, 1)") == .number(sorted[5]))
        // p = 0.3: h = 5 · 0.3 = 1.5, halfway between the 2nd and the 3rd.
        let half = try #require(DecimalNumber("0.5"))
        let p30 = try sorted[1].adding(sorted[2].subtracting(sorted[1]).multiplying(half))
        #expect(try book.evaluate("percentile(*.t3.new.total, 0.3)") == .number(p30))
        #expect(try book.evaluate("percentile(*.t3.new.total, 2)") == .error(.overflow))
        let largest = try #require(totals.max { $0.value < $1.value }).key
        #expect(try book.evaluate("rank(\(largest).t3.new.total, *.t3.new.total)") == .number(.one))
        #expect(try book.evaluate("avg(*.t3.new.total)") == book.evaluate("average(*.t3.new.total)"))
    }

    @Test func anEditChangesTheAggregateAndARank() throws {
        let (book, totals) = try Self.loaded()
        _ = try book.define(name: "all_new", formula: "sum(*.t3.new.total)")
        _ = try book.define(name: "place", formula: "rank(洪泽区_2023.t3.new.total, *.t3.new.total)")
        let before = try book.value(of: "all_new")
        #expect(before == .number(try Self.sum(totals.values)))
        let top = try #require(totals.values.max())
        _ = try book.set("洪泽区_2023.t3.new.total", .value(.number(try top.adding(DecimalNumber(1_000_000)))))
        let after = try #require(try book.value(of: "all_new").number)
        let old = try #require(before.number)
        #expect(after > old)
        #expect(try book.value(of: "place") == .number(.one))
        _ = book.undo()
        #expect(try book.value(of: "all_new") == before)
    }

    /// Loads one golden report into `book` as `name`.
    static func load(_ name: String, into book: Workbook) throws -> DecimalNumber {
        let file = try #require(reports.first { $0.0 == name }).1
        let golden = try Golden(file)
        _ = try book.loadReport(name: name, template: .official2021, values: golden.entries, texts: golden.texts)
        return try #require(golden.cells["t3.new.total"] ?? nil)
    }

    @Test func anAggregateFollowsLaterLoadsAndUnloads() throws {
        let book = Workbook()
        var totals: [String: DecimalNumber] = [:]
        totals["上犹县政府办_2023"] = try Self.load("上犹县政府办_2023", into: book)
        _ = try book.define(name: "all_new", formula: "sum(*.t3.new.total)")
        _ = try book.addRule(name: "cap", expression: "sum(*.t3.new.total) < 3000", severity: .error)
        #expect(try book.value(of: "all_new") == .number(try #require(totals["上犹县政府办_2023"])))
        // Before any 洪泽区 report is there, the pattern matches none: refused at definition…
        #expect(throws: EngineError.self) { try book.define(name: "hz_none", formula: "sum(洪泽区*.t3.new.total)") }
        // …but a pattern that matched keeps its formula when the reports go, and counts again when they come.
        for name in ["淮安市_2024", "洪泽区_2023", "洪泽区_2024"] {
            totals[name] = try book.withoutChangeSets { try Self.load(name, into: book) }
            #expect(try book.value(of: "上犹县政府办_2023.all_new") == .number(try Self.sum(totals.values)))
        }
        try book.selectReport("上犹县政府办_2023")
        _ = try book.define(name: "hz_count", formula: "count(洪泽区*.t3.new.total)")
        #expect(try book.value(of: "上犹县政府办_2023.hz_count") == .number(DecimalNumber(2)))
        #expect(try book.ruleResults(report: "上犹县政府办_2023").first { $0.name == "cap" }?.status == .fails)
        // Unloading a report read only through the pattern is allowed, and the aggregate leaves it out.
        let allFour = try book.value(of: "上犹县政府办_2023.all_new")
        let changes = try book.removeReport("淮安市_2024")
        #expect(changes.healed.map(\.name).contains("cap"))
        totals["淮安市_2024"] = nil
        #expect(try book.value(of: "上犹县政府办_2023.all_new") == .number(try Self.sum(totals.values)))
        let withoutHuaian = try book.value(of: "上犹县政府办_2023.all_new")
        _ = try book.removeReport("洪泽区_2023")
        _ = try book.removeReport("洪泽区_2024")
        #expect(try book.value(of: "上犹县政府办_2023.hz_count") == .number(.zero))
        // Undo brings each report back into the aggregate; redo takes it out again.
        _ = book.undo()
        _ = book.undo()
        #expect(try book.value(of: "上犹县政府办_2023.hz_count") == .number(DecimalNumber(2)))
        #expect(try book.value(of: "上犹县政府办_2023.all_new") == withoutHuaian)
        _ = book.undo()
        #expect(try book.value(of: "上犹县政府办_2023.all_new") == allFour)
        _ = book.redo()
        #expect(try book.value(of: "上犹县政府办_2023.all_new") == withoutHuaian)
        #expect(try book.ruleResults(report: "上犹县政府办_2023").first { $0.name == "cap" }?.status == .holds)
    }

    @Test func aNamedReferenceStillKeepsItsReportLoaded() throws {
        let book = Workbook()
        _ = try Self.load("上犹县政府办_2023", into: book)
        _ = try Self.load("淮安市_2024", into: book)
        try book.selectReport("上犹县政府办_2023")
        _ = try book.define(name: "both", formula: "淮安市_2024.t3.new.total + sum(*.t3.new.total)")
        #expect(throws: EngineError.self) { try book.removeReport("淮安市_2024") }
        #expect(book.reportNames == ["上犹县政府办_2023", "淮安市_2024"])
    }

    @Test func aBulkLoadRebindsOnceAndEndsAsIfEachLoadHad() throws {
        let book = Workbook()
        var totals: [String: DecimalNumber] = [:]
        totals["上犹县政府办_2023"] = try Self.load("上犹县政府办_2023", into: book)
        _ = try book.define(name: "all_new", formula: "sum(*.t3.new.total)")
        book.deferringRebinds {
            for name in ["淮安市_2024", "洪泽区_2023", "洪泽区_2024", "上海市科委_2024"] {
                do { totals[name] = try Self.load(name, into: book) } catch { Issue.record("\(error)") }
            }
        }
        #expect(try book.value(of: "上犹县政府办_2023.all_new") == .number(try Self.sum(totals.values)))
    }

    @Test func aMetricOverAllReportsIsRefusedWithTheLinearWay() throws {
        let (book, totals) = try Self.loaded()
        let before = book.document()
        #expect(throws: EngineError.self) {
            try book.defineMetric(name: "share", formula: "round(t3.new.total * 100 / sum(*.t3.new.total), 2)")
        }
        #expect(book.document() == before)
        // The linear way: the whole once, read by the metric in every report.
        try book.selectReport("淮安市_2024")
        _ = try book.define(name: "all", formula: "sum(*.t3.new.total)")
        _ = try book.defineMetric(name: "share", formula: "t3.new.total * 100 / 淮安市_2024.all")
        let whole = try Self.sum(totals.values)
        let huaian = try #require(totals["淮安市_2024"])
        #expect(
            try book.value(of: "淮安市_2024.m.share")
                == .number(try huaian.multiplying(DecimalNumber(100)).dividing(by: whole)))
    }

    @Test func aGlobMayStartWithAStar() throws {
        let (book, totals) = try Self.loaded()
        let of2024 = try Self.sum(totals.filter { $0.key.hasSuffix("_2024") }.values)
        #expect(try book.evaluate("sum(*_2024.t3.new.total)") == .number(of2024))
        let hz = try Self.sum(totals.filter { $0.key.contains("洪泽") }.values)
        #expect(try book.evaluate("sum(*洪泽*.t3.new.total)") == .number(hz))
        // After an operand `*` still multiplies.
        #expect(try book.evaluate("2*3") == .number(DecimalNumber(6)))
    }
}
