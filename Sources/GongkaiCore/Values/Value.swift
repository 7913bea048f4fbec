/// What a cell holds.
///
/// `empty` is not zero: a blank or `—` in a published table is a missing value, and stays one through import, display
/// and export. Errors are values too, and propagate through formulas like a spreadsheet's `#DIV/0!`.
public enum Value: Sendable, Hashable {
    case empty
    case number(DecimalNumber)
    /// Metadata and prose (`meta.org`, `text.s1`), or a text result.
    case text(String)
    case error(CellError)

    public var number: DecimalNumber? {
        if case .number(let n) = self { return n }
        return nil
    }
    public var isEmpty: Bool { self == .empty }
    public var isError: Bool {
        if case .error = self { return true }
        return false
    }
}

extension Value: CustomStringConvertible {
    /// The value as the shell prints it: numbers in plain decimal, empty as an empty string, errors as `#DIV/0!`.
    public var description: String {
        switch self {
        case .empty: ""
        case .number(let n): n.description
        case .text(let t): t
        case .error(let e): e.code
        }
    }
}

extension Value: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(DecimalNumber(value)) }
}

/// An error value, spreadsheet style. The code is what a cell shows; the engine's diagnostics say where it arose.
public enum CellError: String, Sendable, Hashable, CaseIterable, Error {
    case divisionByZero = "#DIV/0!"
    /// A result beyond the exact decimal range (35 digits).
    case overflow = "#NUM!"
    /// An operand of the wrong kind: text where a number is needed, a bad argument.
    case type = "#VALUE!"
    /// A name that refers to nothing (a dropped cell, an unloaded report).
    case reference = "#REF!"
    /// Part of a dependency cycle.
    case cycle = "#CYCLE!"
    /// No value to work with where one is required.
    case notAvailable = "#N/A"

    public var code: String { rawValue }

    public init(_ error: ArithmeticError) {
        switch error {
        case .overflow: self = .overflow
        case .divisionByZero: self = .divisionByZero
        }
    }
}
