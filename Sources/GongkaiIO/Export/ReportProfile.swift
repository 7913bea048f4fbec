import GongkaiCore

/// 单位年度治理画像: one report as an inspector hands it on — who and which year, its three tables, each metric with
/// its rank among the loaded reports, the body's trend over the loaded years, and the rules it fails.
///
/// A plain value filled by the session (which has the rankings, the previous-year link and the rules);
/// ``Exporter/profile(_:language:tables:options:)`` renders it as HTML or as LaTeX for xelatex, with the tables drawn by the
/// same code as the `html` and `latex` exports.
public struct ReportProfile: Sendable {
    /// A metric of the report, placed among the loaded reports.
    public struct MetricLine: Sendable, Hashable {
        /// The metric's key (`applications`).
        public var key: String
        /// Its Chinese name (`申请总量`).
        public var title: String
        /// Its unit's symbol (`件`, `%`).
        public var unit: String
        /// The report's exact value; nil when empty.
        public var value: DecimalNumber?
        /// Why the value is empty.
        public var reason: String?
        /// The rank among the ranked reports, 1 for the largest; nil when the value is empty.
        public var rank: Int?
        /// How many loaded reports have a number for the metric.
        public var ranked: Int
        /// The share of the other ranked reports below it, in per cent (`PERCENTRANK.INC` × 100).
        public var percentile: DecimalNumber?
        /// P25, P50 and P75 of the ranked values.
        public var quartiles: [DecimalNumber?]
        /// The value in each of ``ReportProfile/years``, in that order (nil when empty there).
        public var trend: [DecimalNumber?]

        /// A metric line.
        public init(
            key: String, title: String, unit: String, value: DecimalNumber?, reason: String?, rank: Int?, ranked: Int,
            percentile: DecimalNumber?, quartiles: [DecimalNumber?], trend: [DecimalNumber?]
        ) {
            self.key = key
            self.title = title
            self.unit = unit
            self.value = value
            self.reason = reason
            self.rank = rank
            self.ranked = ranked
            self.percentile = percentile
            self.quartiles = quartiles
            self.trend = trend
        }
    }

    /// A loaded report of the same body, a column of the trend.
    public struct Year: Sendable, Hashable {
        /// The report's name.
        public var report: String
        /// Its `meta.year`, when it has one.
        public var year: String?

        /// A year of the trend.
        public init(report: String, year: String?) {
            self.report = report
            self.year = year
        }
    }

    /// A rule the report fails, or a soft rule's warning.
    public struct RuleLine: Sendable, Hashable {
        /// The rule's name (`t3.balance.natural`, `text.received`).
        public var name: String
        /// `error` or `warning`.
        public var severity: String
        /// `fails`, `error`, `incomplete`.
        public var status: String
        /// The imbalance as `.check` prints it (`+1`), empty when there is none.
        public var imbalance: String
        /// What the rule says.
        public var description: String
        /// A soft rule (TEMPLATE §6.3): a warning never counted in the exit code.
        public var isSoft: Bool

        /// A rule line.
        public init(
            name: String, severity: String, status: String, imbalance: String, description: String, isSoft: Bool
        ) {
            self.name = name
            self.severity = severity
            self.status = status
            self.imbalance = imbalance
            self.description = description
            self.isSoft = isSoft
        }
    }

    /// The report: its tables, `meta.org`, `meta.year` and heading.
    public var report: ExportReport
    /// The file it was loaded from, when known.
    public var source: String?
    /// How many reports are loaded: the field it is ranked in.
    public var loaded: Int
    /// Each metric, in the dictionary's order.
    public var metrics: [MetricLine]
    /// The body's loaded years, oldest first (the report itself among them).
    public var years: [Year]
    /// The rules it fails, then the soft rules' warnings.
    public var rules: [RuleLine]

    /// A profile.
    public init(
        report: ExportReport, source: String?, loaded: Int, metrics: [MetricLine], years: [Year], rules: [RuleLine]
    ) {
        self.report = report
        self.source = source
        self.loaded = loaded
        self.metrics = metrics
        self.years = years
        self.rules = rules
    }

    /// The document language of a profile.
    public enum Language: String, Sendable, Hashable, CaseIterable {
        /// A standalone HTML5 page.
        case html
        /// A standalone `ctexart` document for xelatex.
        case latex

        /// LaTeX for a `.tex` file name, HTML for any other.
        public init(fileName: String) {
            self = fileName.lowercased().hasSuffix(".tex") ? .latex : .html
        }
    }

    /// The facts of the header, as label and text: 发布机关, 报告年度, 来源文件, 报告格式, 比较范围.
    var facts: [(String, String)] {
        [
            ("发布机关", report.text("meta.org") ?? "-"), ("报告年度", report.text("meta.year") ?? "-"),
            ("报告名称", report.name), ("来源文件", source ?? "-"),
            ("报告格式", "\(report.template.id)（\(report.template.source)）"),
            ("比较范围", "已载入的 \(loaded) 份报告"),
        ]
    }

    /// The column heading of a year: its `meta.year`, else the report's name.
    static func heading(_ year: Year) -> String { year.year ?? year.report }

    /// `3153`, `-` for an empty value.
    static func text(_ value: DecimalNumber?) -> String { value?.description ?? "-" }

    /// `2 / 7`, or `-`.
    func rankText(_ line: MetricLine) -> String { line.rank.map { "\($0) / \(line.ranked)" } ?? "-" }
}
