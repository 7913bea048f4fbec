/// How serious a rule, a diagnostic or an import issue is: the one severity scale of Gongkai.
///
/// Rules are `warning` (soft: reported, never changes an exit code) or `error` (official: fails a check);
/// ``isRuleSeverity`` tells the two apart from `note`, which only diagnostics and import issues carry (informative:
/// something ignored or noticed, no cell affected). Import warnings concern cells left empty.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case note
    case warning
    case error

    /// Whether a rule may have this severity (`warning` or `error`).
    public var isRuleSeverity: Bool { self != .note }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }
}
