import GongkaiCore

/// A failed statement: what went wrong and, when known, the Character offset in the statement to put a caret under.
struct ShellError: Error, CustomStringConvertible {
    var message: String
    /// 0-based Character offset into the statement.
    var column: Int?
    /// How many Characters the caret spans (the whole name or token a formula error is about).
    var length = 1

    init(_ message: String, column: Int? = nil) {
        self.message = message
        self.column = column
    }

    /// An engine error; a formula error's span (in the formula) is moved by `offset` to the statement.
    init(engine error: EngineError, statement: String, offset: Int? = nil) {
        message = error.description
        if case .formula(let formulaError, let source) = error {
            let diagnostic = formulaError.diagnostic
            message = diagnostic.summary + (diagnostic.help.map { "; " + $0 } ?? "")
            if let span = diagnostic.span {
                // Find the formula in the statement when the caller did not say where it starts.
                let start = offset ?? statement.characterOffset(of: source)
                column = start.map { $0 + span.start }
                length = max(1, span.end - span.start)
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
