import GongkaiCore

/// A metric's ranking as a page shows it: a row per report in ranking order, the empty ones last with their reason.
///
/// A plain value, filled by the session (which ranks with ``MetricRanking``); ``Exporter/rankingPage(_:)`` draws it.
public struct RankingChart: Sendable {
    /// One report's place.
    public struct Row: Sendable, Hashable {
        /// The 1-based position (ties share one); nil for an empty value.
        public var position: Int?
        /// The report's name.
        public var report: String
        /// `meta.org`, when the report has it.
        public var body: String?
        /// `meta.year`, when the report has it.
        public var year: String?
        /// The exact value; nil when empty.
        public var value: DecimalNumber?
        /// Why the value is empty.
        public var reason: String?

        /// A row.
        public init(
            position: Int?, report: String, body: String?, year: String?, value: DecimalNumber?, reason: String?
        ) {
            self.position = position
            self.report = report
            self.body = body
            self.year = year
            self.value = value
            self.reason = reason
        }
    }

    /// What is ranked, as shown: `申请总量 (件)`.
    public var title: String
    /// The metric as asked (`applications`, `yoy(applications)`).
    public var metric: String
    /// The rows, ranked ones first in order.
    public var rows: [Row]
    /// P25, P50 and P75 with their labels; nil when no report has a number.
    public var quartiles: [(label: String, value: DecimalNumber?)]

    /// A chart.
    public init(title: String, metric: String, rows: [Row], quartiles: [(label: String, value: DecimalNumber?)]) {
        self.title = title
        self.metric = metric
        self.rows = rows
        self.quartiles = quartiles
    }
}

extension Exporter {
    /// A standalone HTML5 page of a ranking: an inline SVG bar chart (a bar per ranked report, its label and exact
    /// value as text) and the ranking table with the empty values and their reasons. Self-contained: no script, no
    /// font, no style sheet or image is fetched.
    public static func rankingPage(_ chart: RankingChart) -> String {
        HTMLExporter.rankingPage(chart)
    }
}

extension HTMLExporter {
    static let chartStyle = """
        svg.chart { display: block; margin: 0 auto 1.5em; font-size: 14px; }
        svg.chart rect { fill: #4a6fa5; }
        svg.chart line.axis { stroke: #000; }
        p.summary { text-align: center; }
        td.number { text-align: right; }
        """

    static func rankingPage(_ chart: RankingChart) -> String {
        let heading = chart.title + " 排名"
        var out = head(title: heading, extraStyle: chartStyle)
        out += "<h1>\(escape(heading))</h1>\n"
        let bars = chart.rows.compactMap { row in row.value.map { (label: row.report, value: $0) } }
        out += svgBars(bars, caption: chart.title)
        let quartiles = chart.quartiles.map { "\($0.label) \($0.value?.description ?? "-")" }
        let ranked = chart.rows.count { $0.value != nil }
        out +=
            "<p class=\"summary\">\(ranked) ranked, \(chart.rows.count - ranked) empty; "
            + escape(quartiles.joined(separator: " · ")) + "</p>\n"
        out += plainTable(
            ["#", "report", "body", "year", chart.title, "reason"],
            chart.rows.map { row in
                [
                    row.position.map(String.init) ?? "-", row.report, row.body ?? "-", row.year ?? "-",
                    row.value?.description ?? "-", row.reason ?? "",
                ]
            }, numbers: [0, 4], rowHeader: 1, class: "ranking")
        return out + "</body>\n</html>\n"
    }

    /// A table of text cells (every one escaped): a header row, then the rows; the column `rowHeader` is each row's
    /// header (`<th scope="row">`), the columns in `numbers` right-aligned. The ranking and trend pages and the
    /// profile's lists use it; the official tables have their own layout (``table(_:report:)``).
    static func plainTable(
        _ headers: [String], _ rows: [[String]], numbers: Set<Int>, rowHeader: Int = 0, class name: String
    ) -> String {
        var out = "<table class=\"\(name)\">\n<thead>\n<tr>"
        for header in headers { out += "<th scope=\"col\">\(escape(header))</th>" }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                if i == rowHeader {
                    out += "<th scope=\"row\" class=\"label leaf\">\(escape(cell))</th>"
                } else {
                    out += "<td\(numbers.contains(i) ? " class=\"number\"" : "")>\(escape(cell))</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The pixels of a chart's bar area, of a row and of a bar.
    static let barArea = 480
    static let rowHeight = 24
    static let barHeight = 16

    /// An inline SVG of horizontal bars: a `<g class="bar">` per value holding its `<title>` (`label: value`), the
    /// label, the `<rect>` and the exact value as text. Lengths come from ``BarScale`` in whole pixels; a zero axis is
    /// drawn when a value is negative. Widths for text are estimated by display width (a CJK character is 14 px at
    /// 14 px, any other 7 px).
    static func svgBars(_ bars: [(label: String, value: DecimalNumber)], caption: String) -> String {
        let labelWidth = (bars.map { displayWidth($0.label) }.max() ?? 0) * 7 + 12
        let valueWidth = (bars.map { $0.value.description.count }.max() ?? 1) * 8 + 12
        let scale = BarScale(bars.map(\.value), units: barArea)
        let width = labelWidth + barArea + valueWidth
        let height = max(bars.count, 1) * rowHeight + 8
        var out =
            "<svg class=\"chart\" role=\"img\" width=\"\(width)\" height=\"\(height)\" "
            + "viewBox=\"0 0 \(width) \(height)\">\n<desc>\(escape(caption))</desc>\n"
        for (i, bar) in bars.enumerated() {
            let (start, length) = scale.span(of: bar.value)
            let top = 4 + i * rowHeight
            let baseline = top + rowHeight / 2 + 5
            let text = bar.value.description
            let valueX = labelWidth + (bar.value.isNegative ? scale.axis : start + length) + 4
            out += "<g class=\"bar\"><title>\(escape(bar.label)): \(text)</title>"
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(baseline)\" text-anchor=\"end\">\(escape(bar.label))</text>"
            out +=
                "<rect x=\"\(labelWidth + start)\" y=\"\(top + (rowHeight - barHeight) / 2)\" width=\"\(length)\" "
                + "height=\"\(barHeight)\"/>"
            out += "<text class=\"value\" x=\"\(valueX)\" y=\"\(baseline)\">\(text)</text></g>\n"
        }
        if scale.axis > 0 {
            let x = labelWidth + scale.axis
            out += "<line class=\"axis\" x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(height)\"/>\n"
        }
        return out + "</svg>\n"
    }
}
