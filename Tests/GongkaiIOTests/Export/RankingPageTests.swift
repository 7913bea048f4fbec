import GongkaiCore
import GongkaiIO
import Testing

/// The ranking page's text is escaped, its bars come from BarScale, and a negative value gets a zero axis.
@Suite struct RankingPageTests {
    static func chart(_ rows: [(String, String?)]) -> RankingChart {
        RankingChart(
            title: "t3.new.total<5 & more", metric: "t3.new.total<5",
            rows: rows.enumerated().map { i, row in
                RankingChart.Row(
                    position: row.1 == nil ? nil : i + 1, report: row.0, body: "<b>机关</b>", year: "2024",
                    value: row.1.flatMap { DecimalNumber($0) }, reason: row.1 == nil ? "办结量为 0 <empty>" : nil)
            }, quartiles: [("P50", DecimalNumber(1))])
    }

    @Test("report names, bodies, titles and reasons are escaped; nothing can open a tag")
    func escaped() {
        let page = Exporter.rankingPage(Self.chart([("<script>alert(1)</script>", "3"), ("a&b", nil)]))
        #expect(!page.contains("<script>") && !page.contains("<b>"))
        #expect(page.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;: 3</title>"))
        #expect(page.contains("t3.new.total&lt;5 &amp; more"))
        #expect(page.contains("<td>办结量为 0 &lt;empty&gt;</td>"))
        // One bar only: the empty value is a table row, not a bar.
        #expect(page.components(separatedBy: "<rect ").count == 2)
        #expect(!page.lowercased().contains("http"))
    }

    @Test("a negative value runs left of a zero axis; widths from BarScale over the 480 px area")
    func negative() {
        let page = Exporter.rankingPage(Self.chart([("up", "300"), ("down", "-100")]))
        let scale = BarScale([DecimalNumber(300), DecimalNumber(-100)], units: 480)
        #expect(scale.axis == 120)
        #expect(page.contains("width=\"360\" height=\"16\""))
        #expect(page.contains("width=\"120\" height=\"16\""))
        #expect(page.contains("<line class=\"axis\""))
    }
}
