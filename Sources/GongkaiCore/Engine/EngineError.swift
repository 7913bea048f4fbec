/// Why a workbook call failed. A failed call leaves the workbook exactly as it was.
public enum EngineError: Error, Sendable, Hashable {
    /// No loaded report has this name.
    case unknownReport(String)
    /// The name refers to no cell; `suggestion` is the nearest existing name, if any is close.
    case unknownName(String, suggestion: String?)
    /// A report name must match `[a-z_][a-z0-9_]*` and must not look like a cell name (`t3`, `meta`).
    case invalidReportName(String)
    /// A user name must be dotted identifiers (`rate`, `t3.result.denied.natural`) and not clash with a cell or report.
    case invalidName(String, reason: String)
    /// A report or rule with this name exists already.
    case duplicate(String)
    /// The definition would make the cell depend on itself; the path runs `a → b → a` (each depends on the next).
    case cycle(path: [String])
    /// The formula does not parse or bind; the error's diagnostic has the span within `source` (for a caret).
    case formula(FormulaError, source: String)
    /// The value does not fit the cell (text in a numeric cell, an error value).
    case invalidValue(String, reason: String)
    /// The cell cannot take this input (a formula in a text cell, an entered value in a user name).
    case notAllowed(String, reason: String)
    /// The name is still used by these formulas or rules; drop them first.
    case inUse(String, by: [String])
    /// No rule has this name.
    case unknownRule(String)
    /// The operation needs a current report and none is loaded.
    case noReport
}

extension EngineError: CustomStringConvertible {
    /// A one-line message for the shell.
    public var description: String {
        switch self {
        case .unknownReport(let name): "no report named ‘\(name)’"
        case .unknownName(let name, let suggestion):
            "unknown name ‘\(name)’" + (suggestion.map { "; did you mean ‘\($0)’?" } ?? "")
        case .invalidReportName(let name):
            "‘\(name)’ is not a valid report name (lower-case letters, digits, _; not a table id such as t3 or meta)"
        case .invalidName(let name, let reason): "‘\(name)’ cannot be used as a name: \(reason)"
        case .duplicate(let name): "‘\(name)’ exists already"
        case .cycle(let path): "circular reference: " + path.joined(separator: " → ")
        case .formula(let error, _): error.description
        case .invalidValue(let name, let reason): "\(name): \(reason)"
        case .notAllowed(let name, let reason): "\(name): \(reason)"
        case .inUse(let name, let users): "‘\(name)’ is used by " + users.joined(separator: ", ")
        case .unknownRule(let name): "no rule named ‘\(name)’"
        case .noReport: "no report is loaded"
        }
    }
}
