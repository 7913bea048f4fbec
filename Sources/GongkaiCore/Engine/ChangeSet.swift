/// A cell whose value changed in one mutation.
public struct CellChange: Sendable, Hashable {
    /// The report holding the cell.
    public let report: String
    /// The cell's name within its report (`t3.new.natural`, a user name).
    public let name: String
    /// The value before the mutation.
    public let old: Value
    /// The value after it.
    public let new: Value

    /// `report.name`, the form that refers to the cell from any report.
    public var qualifiedName: String { report + "." + name }
}

/// A rule whose status changed in one mutation; `nil` means the rule did not exist on that side.
public struct RuleChange: Sendable, Hashable {
    /// The rule's name (`t3.balance.natural`, `domain`, a user rule).
    public let name: String
    /// The report the rule is listed with.
    public let report: String
    /// The status before; nil when the rule did not exist.
    public let old: RuleStatus?
    /// The status after; nil when the rule no longer exists.
    public let new: RuleStatus?
    /// The rule's result after the change; `nil` when the rule was removed.
    public let result: RuleResult?

    /// The rule held (or did not exist) before and fails now.
    public var broke: Bool { new?.isFailing == true && old?.isFailing != true }
    /// The rule failed before and holds now.
    public var healed: Bool { old?.isFailing == true && new == .holds }
    /// `report.name`
    public var qualifiedName: String { report + "." + name }
}

/// Everything one mutation changed: cell values (old → new) and rule statuses, in a deterministic order
/// (reports in load order; within a report, official cell order then user names; rules in listing order).
public struct ChangeSet: Sendable, Hashable {
    /// Cells whose value changed.
    public var cells: [CellChange]
    /// Rules whose status changed, appeared or disappeared.
    public var rules: [RuleChange]

    /// A change set from its parts.
    public init(cells: [CellChange] = [], rules: [RuleChange] = []) {
        self.cells = cells
        self.rules = rules
    }

    /// Nothing changed.
    public var isEmpty: Bool { cells.isEmpty && rules.isEmpty }
    /// The rules this mutation broke.
    public var broken: [RuleChange] { rules.filter(\.broke) }
    /// The rules this mutation healed.
    public var healed: [RuleChange] { rules.filter(\.healed) }
}
