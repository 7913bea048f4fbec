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
}
