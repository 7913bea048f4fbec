/// A built-in function. Names are case-insensitive in formulas and printed in lower case.
public enum Function: String, Sendable, Hashable, CaseIterable {
    // Aggregates: any number of arguments, wildcards allowed, empty cells skipped.
    case sum, product, min, max, average, count, counta, countblank
    // Order statistics over many cells: a median, a percentile, a rank.
    case median, percentile, rank
    // Logic.
    case `if`, iferror, and, or, not
    // Tests; never an error themselves.
    case isblank, iserror, isnumber, istext
    // Rounding and arithmetic.
    case abs, sign, int, trunc, round, roundup, rounddown, floor, ceiling, mod, power
    // Text.
    case len, concat

    /// Looks a function up by name, ignoring case; accepts the aliases `ceil` and `concatenate`.
    public init?(named name: some StringProtocol) {
        let lower = name.lowercased()
        switch lower {
        case "ceil": self = .ceiling
        case "concatenate": self = .concat
        case "avg": self = .average
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
        case .if, .iferror, .mod, .power, .percentile, .rank: 2
        default: 1
        }
    }

    /// The most arguments the function takes; `nil` for no limit.
    public var maximumArity: Int? {
        switch self {
        case .sum, .product, .min, .max, .average, .count, .counta, .countblank, .and, .or, .concat, .median: nil
        case .percentile, .rank: 2
        case .abs, .sign, .int, .not, .isblank, .iserror, .isnumber, .istext, .len: 1
        case .trunc, .round, .roundup, .rounddown, .floor, .ceiling, .iferror, .mod, .power: 2
        case .if: 3
        }
    }

    /// Whether arguments may be wildcards standing for many cells (`sum(t3.*.natural)`).
    public var acceptsManyCells: Bool { maximumArity == nil }

    /// Whether the argument at `index` may be a wildcard standing for many cells: any argument of an aggregate,
    /// the first of `percentile(x, p)`, the second of `rank(value, x)`.
    public func acceptsManyCells(at index: Int) -> Bool {
        switch self {
        case .percentile: index == 0
        case .rank: index == 1
        default: acceptsManyCells
        }
    }

    /// `round(x[, places])` — the call shape for messages and help.
    public var signature: String {
        switch self {
        case .sum, .product, .min, .max, .average, .count, .counta, .countblank, .and, .or, .concat, .median:
            "\(name)(x, …)"
        case .percentile: "percentile(x, p)"
        case .rank: "rank(value, x)"
        case .abs, .sign, .int, .not, .isblank, .iserror, .isnumber, .istext, .len: "\(name)(x)"
        case .trunc, .round, .roundup, .rounddown: "\(name)(x[, places])"
        case .floor, .ceiling: "\(name)(x[, step])"
        case .iferror: "iferror(x, fallback)"
        case .mod: "mod(x, divisor)"
        case .power: "power(x, n)"
        case .if: "if(condition, then[, else])"
        }
    }

    /// What the function gives, in one line, for help listings.
    public var summary: String {
        switch self {
        case .sum: "total of the numbers; empty cells skipped"
        case .product: "product of the numbers; empty cells skipped"
        case .min: "smallest number (0 when there is none)"
        case .max: "largest number (0 when there is none)"
        case .average: "mean of the numbers, 18 fraction digits; #DIV/0! when there is none (alias avg)"
        case .median: "middle number; the mean of the two middle ones for an even count; #N/A when there is none"
        case .percentile:
            "the p-th quantile (0 ≤ p ≤ 1) interpolated linearly between closest ranks (Excel PERCENTILE.INC)"
        case .rank: "1 for the largest of the numbers x, 2 for the next…; ties share the best rank; #N/A if absent"
        case .count: "how many values are numbers"
        case .counta: "how many values are not empty"
        case .countblank: "how many values are empty"
        case .if: "then when the condition is true (not 0, not empty), else otherwise (empty if omitted)"
        case .iferror: "x, or the fallback when x is an error"
        case .and: "1 when every value is true, else 0"
        case .or: "1 when some value is true, else 0"
        case .not: "1 when x is false (0 or empty), else 0"
        case .isblank: "1 when x is empty"
        case .iserror: "1 when x is an error"
        case .isnumber: "1 when x is a number"
        case .istext: "1 when x is text"
        case .abs: "absolute value"
        case .sign: "-1, 0 or 1"
        case .int: "largest integer not above x"
        case .trunc: "cut toward zero to the given places"
        case .round: "rounded half away from zero to the given places (negative: tens, hundreds, …)"
        case .roundup: "rounded away from zero to the given places"
        case .rounddown: "rounded toward zero to the given places"
        case .floor: "down to a multiple of step (default 1)"
        case .ceiling: "up to a multiple of step (default 1)"
        case .mod: "remainder of x / divisor, with the divisor's sign"
        case .power: "x to the integer power n (exact for integers; #NUM! for a fractional n)"
        case .len: "number of characters"
        case .concat: "the values joined as text"
        }
    }
}
