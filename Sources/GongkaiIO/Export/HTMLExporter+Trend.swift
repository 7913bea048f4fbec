import GongkaiCore

/// A metric across the years of one body or of every body, as a page shows it (`.export html FILE --trend …`).
///
/// A plain value, filled by the session from ``MetricTrend``s; ``Exporter/trendPage(_:)`` draws it.
public struct TrendChart: Sendable {
    /// One body's years.
    public struct Series: Sendable, Hashable {
        /// The body, as the cross-year links see it (`洪泽区`).
        public var body: String
        /// Its years, earliest first.
        public var points: [Point]

        /// A series.
        public init(body: String, points: [Point]) {
            self.body = body
            self.points = points
        }
    }

    /// One report's value.
    public struct Point: Sendable, Hashable {
        /// The report's name.
        public var report: String
        /// Its `meta.year`.
        public var year: Int
        /// The exact value; nil when empty.
        public var value: DecimalNumber?
        /// The growth over the year before in %; nil without one.
        public var growth: DecimalNumber?
        /// Why the value or the growth is empty.
        public var reason: String?

        /// A point.
        public init(report: String, year: Int, value: DecimalNumber?, growth: DecimalNumber?, reason: String?) {
            self.report = report
            self.year = year
            self.value = value
            self.growth = growth
            self.reason = reason
        }
    }

    /// What is drawn, as shown: `申请总量 (件)`.
    public var title: String
    /// The metric as asked.
    public var metric: String
    /// One series per body.
    public var series: [Series]

    /// A chart.
    public init(title: String, metric: String, series: [Series]) {
        self.title = title
        self.metric = metric
        self.series = series
    }
}

extension Exporter {
    /// A standalone HTML5 page of a trend: per body, an inline SVG bar chart of its years (a bar per year with a
    /// number, its label and exact value as text) and a table of every year with its growth, the empty ones with
    /// their reason. Self-contained: nothing is fetched.
    public static func trendPage(_ chart: TrendChart) -> String {
        HTMLExporter.trendPage(chart)
    }
}

extension HTMLExporter {
    static func trendPage(_ chart: TrendChart) -> String {
        let heading = chart.title + " 历年趋势"
        var out = head(title: heading, extraStyle: chartStyle)
        out += "<h1>\(escape(heading))</h1>\n"
        for series in chart.series {
            out += "<h2>\(escape(series.body))</h2>\n"
            let bars = series.points.compactMap { point in
                point.value.map { (label: "\(point.year) \(point.report)", value: $0) }
            }
            if !bars.isEmpty { out += svgBars(bars, caption: "\(chart.title) · \(series.body)") }
            out += plainTable(
                ["year", "report", chart.title, "yoy %", "reason"],
                series.points.map { point in
                    [
                        "\(point.year)", point.report, point.value?.description ?? "-",
                        point.growth?.description ?? "-", point.reason ?? "",
                    ]
                }, numbers: [0, 2, 3], rowHeader: 1, class: "trend")
        }
        return out + "</body>\n</html>\n"
    }
}
