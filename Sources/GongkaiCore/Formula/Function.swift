/// A built-in function. Names are case-insensitive in formulas and printed in lower case.
public enum Function: String, Sendable, Hashable, CaseIterable {
    // Aggregates: any number of arguments, wildcards allowed, empty cells skipped.
    case sum, product, min, max, average, count, counta
    // Logic.
    case `if`, iferror, and, or, not
    // Tests; never an error themselves.
    case isblank, iserror, isnumber, istext
    // Rounding and arithmetic.
    case abs, sign, int, trunc, round, roundup, rounddown, floor, ceiling, mod
    // Text.
    case len, concat

    /// Looks a function up by name, ignoring case; accepts the aliases `ceil` and `concatenate`.
    public init?(named name: some StringProtocol) {
        let lower = name.lowercased()
        switch lower {
        case "ceil": self = .ceiling
        case "concatenate": self = .concat
        default:
            guard let function = Function(rawValue: lower) else { return nil }
            self = function
        }
    }

    /// The canonical name, as printed.
    public var name: String { rawValue }

    /// The fewest arguments the function takes.
    public var minimumArity: Int {
        switch self {
        case .if, .iferror, .mod: 2
        default: 1
        }
    }

    /// The most arguments the function takes; `nil` for no limit.
    public var maximumArity: Int? {
        switch self {
        case .sum, .product, .min, .max, .average, .count, .counta, .and, .or, .concat: nil
        case .abs, .sign, .int, .not, .isblank, .iserror, .isnumber, .istext, .len: 1
        case .trunc, .round, .roundup, .rounddown, .floor, .ceiling, .iferror, .mod: 2
        case .if: 3
        }
    }

    /// Whether arguments may be wildcards standing for many cells (`sum(t3.*.natural)`).
    public var acceptsManyCells: Bool { maximumArity == nil }

    /// `round(x[, places])` — the call shape for messages and help.
    public var signature: String {
        switch self {
        case .sum, .product, .min, .max, .average, .count, .counta, .and, .or, .concat: "\(name)(x, …)"
        case .abs, .sign, .int, .not, .isblank, .iserror, .isnumber, .istext, .len: "\(name)(x)"
        case .trunc, .round, .roundup, .rounddown: "\(name)(x[, places])"
        case .floor, .ceiling: "\(name)(x[, step])"
        case .iferror: "iferror(x, fallback)"
        case .mod: "mod(x, divisor)"
        case .if: "if(condition, then[, else])"
        }
    }
}
