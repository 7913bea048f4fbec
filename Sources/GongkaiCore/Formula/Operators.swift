/// A prefix operator: `-x`, `+x`.
public enum UnaryOperator: String, Sendable, Hashable, CaseIterable {
    case minus = "-"
    case plus = "+"
}

/// An infix operator, spreadsheet precedence: comparisons < `&` < `+ -` < `* /` (unary signs bind tighter still).
public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case concatenate = "&"
    /// `=` or `==`.
    case equal = "="
    /// `<>` or `!=`.
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    /// Binding strength; every level is left-associative.
    public var precedence: Int {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 1
        case .concatenate: 2
        case .add, .subtract: 3
        case .multiply, .divide: 4
        }
    }

    /// Whether the operator compares and yields 1 or 0.
    public var isComparison: Bool { precedence == 1 }

    /// The canonical spelling (`=` for `==`, `<>` for `!=`).
    public var symbol: String { rawValue }
}
