import GongkaiCore

/// A failed statement: what went wrong and, when known, the Character offset in the statement to put a caret under.
///
/// Backed by the one diagnostic type: a formula's own (its `F…` code, its span moved into the statement) or a
/// command's (`S001`).
struct ShellError: Error, CustomStringConvertible {
    /// The diagnostic: code, message (its summary), and the span in the statement.
    var diagnostic: Diagnostic

    /// The code every command error has (a formula's keeps its own).
    static let commandCode = "S001"

    /// What went wrong.
    var message: String {
        get { diagnostic.summary }
        set { diagnostic.summary = newValue }
    }
    /// 0-based Character offset into the statement.
    var column: Int? {
        get { diagnostic.span?.start }
        set { diagnostic.span = newValue.map { SourceSpan(start: $0, end: $0 + length) } }
    }
    /// How many Characters the caret spans (the whole name or token a formula error is about).
    var length: Int { max(1, diagnostic.span?.count ?? 1) }

    init(_ message: String, column: Int? = nil) {
        diagnostic = Diagnostic(
            code: Self.commandCode, message, span: column.map { SourceSpan(start: $0, end: $0 + 1) })
    }

    /// An engine error; a formula error's span (in the formula) is moved by `offset` to the statement.
    init(engine error: EngineError, statement: String, offset: Int? = nil) {
        diagnostic = Diagnostic(code: Self.commandCode, error.description)
        if case .formula(let formulaError, let source) = error {
            let formula = formulaError.diagnostic
            diagnostic = Diagnostic(
                code: formula.code, formula.summary + (formula.help.map { "; " + $0 } ?? ""))
            if let span = formula.span {
                // Find the formula in the statement when the caller did not say where it starts.
                let start = offset ?? statement.characterOffset(of: source)
                diagnostic.span = start.map {
                    SourceSpan(start: $0 + span.start, end: $0 + max(span.end, span.start + 1))
                }
            }
        }
    }

    var description: String { message }
}

extension String {
    /// The Character offset of the first occurrence of `needle`, if any.
    func characterOffset(of needle: String) -> Int? {
        guard !needle.isEmpty, let range = firstRange(of: needle) else { return nil }
        return distance(from: startIndex, to: range.lowerBound)
    }
}
