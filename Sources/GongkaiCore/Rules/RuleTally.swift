/// How a report's rules stand, counted from their stored statuses without building a result per rule: what a
/// summary of many reports needs (the counts and the exit code), at a few instructions a rule.
public struct RuleTally: Sendable, Hashable {
    /// Every rule with a result (``Workbook/ruleResults(report:)`` lists as many).
    public var count = 0
    /// Rules that hold.
    public var holding = 0
    /// Rules that fail or are in error.
    public var failing = 0
    /// Rules that read an empty cell: never counted as holding.
    public var incomplete = 0
    /// Error-severity rules that fail or are in error.
    public var errorsFailing = 0

    public init() {}

    /// Counts one rule.
    mutating func add(_ status: RuleStatus, _ severity: Severity) {
        count += 1
        switch status {
        case .holds: holding += 1
        case .incomplete: incomplete += 1
        case .fails, .error:
            failing += 1
            if severity == .error { errorsFailing += 1 }
        }
    }

    /// The tally of `results`, counted the same way.
    public init(_ results: [RuleResult]) {
        for k in results.indices { add(results[k].status, results[k].severity) }
    }
}

extension Workbook {
    /// The tally of a report's rules, equal to that of ``ruleResults(report:)``'s results.
    public func ruleTally(report: String) throws(EngineError) -> RuleTally {
        var tally = RuleTally()
        for key in try ruleKeys(report: report) {
            guard let status = status(of: key), let severity = severity(of: key) else { continue }
            tally.add(status, severity)
        }
        return tally
    }

    /// The results of a report's rules whose status `included` accepts, in listing order: a summary builds only the
    /// failing and incomplete ones.
    public func ruleResults(report: String, where included: (RuleStatus) -> Bool) throws(EngineError) -> [RuleResult] {
        try ruleKeys(report: report).compactMap { key in
            guard let status = status(of: key), included(status) else { return nil }
            return result(of: key)
        }
    }

    /// A rule's severity; nil when the rule has no result (as ``result(of:)`` gives none).
    func severity(of key: RuleKey) -> Severity? {
        switch key {
        case .equality(let slot, let index): return reports[slot]?.shape.equalityIdentities[index].severity
        case .domain(let slot): return reports[slot] == nil ? nil : .error
        case .crossYear(let slot, _):
            guard let earlier = reports[slot]?.lastYear, reports[earlier] != nil else { return nil }
            return .warning
        case .user(let id): return userRules[id]?.spec.severity
        }
    }
}
