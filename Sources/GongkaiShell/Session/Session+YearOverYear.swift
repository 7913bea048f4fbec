import GongkaiCore

// Year over year: `.diff`, `.trend` and `.alias` resolve their arguments here and get typed results from the
// workbook (``ReportDiff``, ``MetricTrend``); "the same body" is always the workbook's cross-year link (``BodyKey``).

extension Session {
    /// What differs between two reports. With `after` only, `after` against its previous year (the cross-year link);
    /// with neither, the current report against its previous year.
    public func diff(_ before: String?, _ after: String?, threshold: DecimalNumber = ReportDiff.defaultThreshold)
        throws(EngineError) -> ReportDiff
    {
        if let before, let after { return try workbook.diff(before, after, threshold: threshold) }
        guard let later = after ?? before ?? workbook.currentReport else { throw .noReport }
        guard let earlier = try workbook.previousYear(of: later) else {
            throw .notAllowed(
                later,
                reason:
                    "no previous year of its body is loaded (`.diff A B` names both; `.alias` declares two body names one body)"
            )
        }
        return try workbook.diff(earlier, later, threshold: threshold)
    }

    /// A metric across the loaded years of a body: `body` is a body's name (`洪泽区人民政府`, `洪泽区`) or a report's
    /// name (its body); nil is the current report's body.
    public func trend(_ metric: String, body: String?) throws(EngineError) -> MetricTrend {
        try workbook.trend(metric, body: try bodyKey(named: body))
    }

    /// A metric's trend for every loaded body (`.trend METRIC *`).
    public func trends(_ metric: String) throws(EngineError) -> [MetricTrend] {
        try workbook.trends(metric)
    }

    /// The body a `.trend` / `.alias` argument names: a report's body, else the name itself, normalised.
    func bodyKey(named name: String?) throws(EngineError) -> BodyKey {
        guard let name else {
            guard let current = workbook.currentReport else { throw .noReport }
            guard let body = try workbook.body(of: current) else {
                throw .notAllowed(current, reason: "meta.org and meta.year are needed to find its other years")
            }
            return body
        }
        if workbook.hasReport(name), let body = try workbook.body(of: name) { return body }
        guard let key = BodyKey(name) else {
            throw .invalidName(name, reason: "a body's name needs Han characters, letters or digits")
        }
        return key
    }
}
