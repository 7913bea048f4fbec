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
    /// What a rule is, apart from its outcome: its name, kind, severity, cells and text. A template equality's is
    /// made once per template and shared by every result of it (one reference to copy on the edit path, not five).
    final class Identity: Sendable {
        let name: String
        let kind: RuleKind
        let severity: Severity
        let cells: [String]
        let description: String

        init(name: String, kind: RuleKind, severity: Severity, cells: [String], description: String) {
            self.name = name
            self.kind = kind
            self.severity = severity
            self.cells = cells
            self.description = description
        }
    }

    let identity: Identity
    /// The report the rule belongs to (the later year for cross-year rules).
    public let report: String
    /// Holds, fails, incomplete or error.
    public let status: RuleStatus
    /// The left side (`Σ lhs`); for `domain`, the number of cells out of domain.
    public let left: Value
    /// The right side (`Σ rhs`); for `domain`, 0.
    public let right: Value
    /// `left − right` when both are numbers, else empty.
    public let imbalance: Value

    /// `t3.balance.natural`, `domain`, `xyear.carried.natural`, or the user's name.
    public var name: String { identity.name }
    /// Template, domain, cross-year or user rule.
    public var kind: RuleKind { identity.kind }
    /// Error or warning.
    public var severity: Severity { identity.severity }
    /// The cells involved, qualified when outside `report`; for `domain`, the cells out of domain.
    public var cells: [String] { identity.cells }
    /// What the rule says (`本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理`, or the user's expression).
    public var description: String { identity.description }

    /// `report.name`
    public var qualifiedName: String { report + "." + name }

    /// A result with an identity of its own.
    init(
        name: String, report: String, kind: RuleKind, severity: Severity, status: RuleStatus, left: Value,
        right: Value, imbalance: Value, cells: [String], description: String
    ) {
        self.init(
            identity: Identity(name: name, kind: kind, severity: severity, cells: cells, description: description),
            report: report, status: status, left: left, right: right, imbalance: imbalance)
    }

    /// A result of a rule whose identity is shared.
    init(identity: Identity, report: String, status: RuleStatus, left: Value, right: Value, imbalance: Value) {
        self.identity = identity
        self.report = report
        self.status = status
        self.left = left
        self.right = right
        self.imbalance = imbalance
    }

    public static func == (a: RuleResult, b: RuleResult) -> Bool {
        a.report == b.report && a.status == b.status && a.left == b.left && a.right == b.right
            && a.imbalance == b.imbalance
            && (a.identity === b.identity
                || (a.name == b.name && a.kind == b.kind && a.severity == b.severity && a.cells == b.cells
                    && a.description == b.description))
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(report)
        hasher.combine(kind)
        hasher.combine(severity)
        hasher.combine(status)
        hasher.combine(left)
        hasher.combine(right)
        hasher.combine(imbalance)
        hasher.combine(cells)
        hasher.combine(description)
    }
}
