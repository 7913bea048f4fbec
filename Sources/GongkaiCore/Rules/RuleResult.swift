/// Whether a rule holds.
public enum RuleStatus: String, Sendable, Hashable, CaseIterable {
    case holds
    case fails
    /// A cell the rule needs is empty.
    case incomplete
    /// A cell the rule needs holds an error or text, or the sum overflows.
    case error

    /// `fails` or `error`: counted as failing.
    public var isFailing: Bool { self == .fails || self == .error }
}

/// Where a rule comes from.
public enum RuleKind: String, Sendable, Hashable {
    /// One of the template's equalities (`t3.balance.natural`).
    case template
    /// `domain`: values non-negative, integers where the unit is a count.
    case domain
    /// Between two years of one body (`xyear.carried.natural`).
    case crossYear
    /// Added by the user.
    case user
    /// A soft rule of the format's practice (a warning computed on demand: prose against table, plausibility).
    case soft
}

/// A rule's current outcome.
public struct RuleResult: Sendable, Hashable {
    /// `t3.balance.natural`, `domain`, `xyear.carried.natural`, or the user's name.
    public let name: String
    /// The report the rule belongs to (the later year for cross-year rules).
    public let report: String
    /// Template, domain, cross-year or user rule.
    public let kind: RuleKind
    /// Error or warning.
    public let severity: Severity
    /// Holds, fails, incomplete or error.
    public let status: RuleStatus
    /// The left side (`Σ lhs`); for `domain`, the number of cells out of domain.
    public let left: Value
    /// The right side (`Σ rhs`); for `domain`, 0.
    public let right: Value
    /// `left − right` when both are numbers, else empty.
    public let imbalance: Value
    /// The cells involved, qualified when outside `report`; for `domain`, the cells out of domain.
    public let cells: [String]
    /// What the rule says (`本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理`, or the user's expression).
    public let description: String

    /// `report.name`
    public var qualifiedName: String { report + "." + name }
}
