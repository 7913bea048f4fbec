/// A message about the user's input: a stable code, a severity, a one-line summary and where it applies.
///
/// Shared by the formula parser, the engine, the importer and the shell. The data is kept apart from its rendering
/// (``rendered(source:)``); the wording of each module's messages lives in static factories of that module's error
/// type (``FormulaError``), so call sites read as phrases.
///
/// ```
/// error[F004]: expected ')' at column 9
///   | sum(1, 2
///   |         ^
/// ```
public struct Diagnostic: Sendable, Hashable {
    /// A stable identifier such as `F004`; tests and documentation refer to it, wording may change.
    public var code: String
    /// How serious it is.
    public var severity: Severity
    /// What went wrong, without the location (`expected ')'`).
    public var summary: String
    /// Where, in Characters of the source line; `nil` when the diagnostic concerns the input as a whole.
    public var span: SourceSpan?
    /// The 1-based line, when the source has several lines (imported report text).
    public var line: Int?
    /// The file the source came from, if any.
    public var file: String?
    /// A suggestion for fixing it (`did you mean 't3.total.natural'?`).
    public var help: String?

    /// A diagnostic; `summary` is the message without its location.
    public init(
        code: String, severity: Severity = .error, _ summary: String, span: SourceSpan? = nil, line: Int? = nil,
        file: String? = nil, help: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.summary = summary
        self.span = span
        self.line = line
        self.file = file
        self.help = help
    }

    /// The summary with its 1-based location: `expected ')' at column 12`, `… at line 3, column 5`.
    public var message: String {
        switch (line, span) {
        case (let line?, let span?): "\(summary) at line \(line), column \(span.column)"
        case (let line?, nil): "\(summary) at line \(line)"
        case (nil, let span?): "\(summary) at column \(span.column)"
        case (nil, nil): summary
        }
    }

    /// The same diagnostic for a fragment that starts `offset` Characters into a longer line.
    public func shifted(by offset: Int) -> Diagnostic {
        var copy = self
        copy.span = span?.shifted(by: offset)
        return copy
    }
}

extension Diagnostic: CustomStringConvertible {
    /// One line: `error[F010]: unknown function 'summ' at column 1; did you mean 'sum'?`
    public var description: String {
        var text = "\(severity.rawValue)[\(code)]: "
        if let file { text += "\(file): " }
        text += message
        if let help { text += "; \(help)" }
        return text
    }
}
