import GongkaiCore

/// What `.rank` and `.table` ask for: a metric's ranking over the reports a condition keeps.
public struct RankQuery: Sendable, Hashable {
    /// A metric's name, `yoy(NAME)`, or an expression over a report's cells.
    public var metric: String
    /// Largest first (the default) or smallest first.
    public var order: MetricRanking.Order = .desc
    /// At most this many ranked reports are listed (all when nil).
    public var top: Int?
    /// A formula each report must satisfy (a number other than 0), evaluated in that report.
    public var condition: String?

    /// A query for `metric`, largest first, every report.
    public init(metric: String) { self.metric = metric }

    /// The ranked entries the query lists: the first ``top`` of them, or all.
    public func listed(_ ranking: MetricRanking) -> [MetricRanking.Entry] {
        top.map { Array(ranking.ranked.prefix($0)) } ?? ranking.ranked
    }
}

extension Session {
    /// The reports ranked by a metric, those whose value is empty apart; only the reports `condition` keeps.
    public func ranking(_ query: RankQuery) throws(EngineError) -> MetricRanking {
        MetricRanking(try metricValues(query.metric, where: query.condition), order: query.order)
    }

    /// Every report's value of a metric (in load order), only the reports `condition` keeps.
    public func metricValues(_ metric: String, where condition: String? = nil) throws(EngineError) -> [MetricValue] {
        let values = try workbook.metricValues(metric)
        guard let condition else { return values }
        let kept = Set(
            try workbook.valuesInEachReport(condition).filter { $0.value.number.map { !$0.isZero } ?? false }
                .map(\.report))
        return values.filter { kept.contains($0.report) }
    }

    /// The metrics every report is measured by: the built-in dictionary, then the user metrics of the workbook.
    public var metricNames: [String] {
        Metric.builtIn.map(\.key) + workbook.metrics.filter { $0.builtIn == nil }.map(\.name)
    }
}
