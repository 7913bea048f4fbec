/// A metric across the loaded years of one body (`.trend METRIC BODY`): one point per report, earliest first.
public struct MetricTrend: Sendable, Hashable {
    /// One report's value and its growth over the previous year.
    public struct Point: Sendable, Hashable {
        /// The report's name.
        public let report: String
        /// Its `meta.year`.
        public let year: Int
        /// The metric's value: a number, or empty (never 0 for a missing figure).
        public let value: Value
        /// `yoy`: the growth over the previous year in per cent; empty without one (``reason`` says why).
        public let growth: Value
        /// Why the value or the growth is empty; nil when both are numbers.
        public let reason: String?
    }

    /// The metric's name (`applications`, `yoy(...)` is refused, an expression over cells allowed).
    public let metric: String
    /// The body, as links see it.
    public let body: BodyKey
    /// The reports of the body, earliest first.
    public let points: [Point]

    /// The values that are numbers, in order (what a sparkline draws).
    public var numbers: [DecimalNumber] { points.compactMap { $0.value.number } }
}

extension Workbook {
    /// A metric (or an expression over a report's cells) across the loaded years of a body, with the growth of each
    /// year over the one before (``metricValues(_:)``'s `yoy`). The cost of the body's reports, not the workbook's.
    public func trend(_ metric: String, body: BodyKey) throws(EngineError) -> MetricTrend {
        guard Workbook.yoyArgument(metric) == nil else {
            throw .notAllowed(metric, reason: "a trend shows the growth already; name the metric itself")
        }
        let slots = reports(ofBody: body).compactMap { slotByName[$0] }
        guard !slots.isEmpty else {
            throw .unknownName("body \(body)", suggestion: nil)
        }
        let values = try column(metric, only: slots)
        var growth: [Int: MetricCell] = [:]
        for cell in try column("yoy(\(metric))", only: slots) { growth[cell.slot] = cell }
        let points = values.map { value in
            let change = growth[value.slot]
            return MetricTrend.Point(
                report: reports[value.slot]?.name ?? "", year: reports[value.slot]?.bodyYear?.year ?? 0,
                value: value.value, growth: change?.value ?? .empty, reason: value.reason ?? change?.reason)
        }
        return MetricTrend(metric: metric, body: canonical(body), points: points)
    }
}

extension Workbook {
    /// The trend of a metric for every body loaded (`.trend METRIC *`): one ``MetricTrend`` per body, in the order
    /// their first reports were loaded; a report without a body and year is left out. Each report is visited once
    /// (a body's years are found along the cross-year links), so the cost is that of all reports, once.
    public func trends(_ metric: String) throws(EngineError) -> [MetricTrend] {
        var seen = Set<String>()
        var result: [MetricTrend] = []
        for report in reports.compactMap({ $0 }) where !seen.contains(report.name) {
            guard let body = report.bodyYear?.body else { continue }
            let trend = try trend(metric, body: body)
            seen.formUnion(trend.points.map(\.report))
            seen.insert(report.name)
            result.append(trend)
        }
        return result
    }
}
