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
    /// The table id (`t3`), when an imported report's diagnostic concerns a table.
    public var table: String? {
        get { report?.value.table }
        set { setReport { $0.table = newValue } }
    }
    /// The row key (`result.open`), when it concerns a row.
    public var row: String? {
        get { report?.value.row }
        set { setReport { $0.row = newValue } }
    }
    /// 1-based page of a paginated source (a PDF), if known; ``line`` then counts within that page.
    public var page: Int? {
        get { report?.value.page }
        set { setReport { $0.page = newValue } }
    }
    /// The kind of damage or doubt in the input it reports (an imported report's), nil for anything else.
    public var damage: Damage? {
        get { report?.value.damage }
        set { setReport { $0.damage = newValue } }
    }
    /// Where, in Characters of the source line; `nil` when the diagnostic concerns the input as a whole.
    public var span: SourceSpan?
    /// The 1-based line, when the source has several lines (imported report text, a workbook file).
    public var line: Int?
    /// The file the source came from, if any.
    public var file: String?
    /// A suggestion for fixing it (`did you mean 't3.total.natural'?`).
    public var help: String?
    /// Where in an imported report, out of line: a formula's diagnostic, thrown through deep recursion, stays small.
    private var report: OutOfLine<ReportPlace>?

    /// The table, row, page and damage of an imported report's diagnostic.
    struct ReportPlace: Sendable, Hashable {
        var table: String?
        var row: String?
        var page: Int?
        var damage: Damage?
    }

    private mutating func setReport(_ change: (inout ReportPlace) -> Void) {
        var place = report?.value ?? ReportPlace()
        change(&place)
        report = place == ReportPlace() ? nil : OutOfLine(place)
    }

    /// A diagnostic; `summary` is the message without its location. `column` (1-based, in Characters) stands for a
    /// point span when no `span` is given.
    public init(
        code: String, severity: Severity = .error, _ summary: String, table: String? = nil, row: String? = nil,
        page: Int? = nil, span: SourceSpan? = nil, line: Int? = nil, column: Int? = nil, file: String? = nil,
        help: String? = nil, damage: Damage? = nil
    ) {
        self.code = code
        self.severity = severity
        self.summary = summary
        self.span = span ?? column.map { SourceSpan(at: max(0, $0 - 1)) }
        self.line = line
        self.file = file
        self.help = help
        let place = ReportPlace(table: table, row: row, page: page, damage: damage)
        report = place == ReportPlace() ? nil : OutOfLine(place)
    }

    /// The 1-based column, in Characters, where it applies.
    public var column: Int? { span?.column }

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
    /// One line. A diagnostic of a statement or formula puts its column after the message —
    /// `error[F010]: unknown function 'summ' at column 1; did you mean 'sum'?` —; one of a file with lines (an
    /// imported report, a workbook file) puts its place first, as compilers do:
    /// `warning[I201] line 12:3: table 三 row （二）部分公开: 6 numbers where 7 are expected`
    /// (`page 3 line 12:3` for a PDF).
    public var description: String {
        headline + (help.map { "; \($0)" } ?? "")
    }

    /// The first line of both renderings (``description``, ``rendered(source:)``), without the help.
    var headline: String {
        var text = "\(severity.rawValue)[\(code)]"
        if let line {
            text += (page.map { " page \($0)" } ?? "") + " line \(line)" + (span.map { ":\($0.column)" } ?? "") + ": "
            if let file { text += "\(file): " }
            return text + summary
        }
        text += ": "
        if let file { text += "\(file): " }
        return text + message
    }
}

extension Diagnostic {
    /// What is wrong with the input where a diagnostic reports damage: every kind leaves the cells it concerns
    /// empty (or, for a repaired byte or a control character, says which text was changed), never filled with a guess.
    public enum Damage: String, Sendable, Hashable, CaseIterable {
        /// The file ends inside a table or a number: it was cut.
        case truncated
        /// A whole table is not in the file.
        case missingTable
        /// A row of a table is not in the file.
        case missingRow
        /// A row's values could not be laid on its cells: too many or too few, unlabelled rows that do not fit.
        case malformedRow
        /// A value cell holds something that is not a number (`32*`, `50%`, `无数据`, `3e2`).
        case unreadableValue
        /// A number longer than the importer's digit limit (`ImportLimits.maxValueDigits`).
        case numberTooLarge
        /// Invalid UTF-8 byte sequences were replaced by U+FFFD.
        case invalidUTF8
        /// A control character (C0 other than tab and line breaks, DEL, C1) inside a table.
        case controlCharacter
        /// A table, or a row of one, appears twice; the first is used.
        case duplicate
        /// Glued digits with several readings that the rules cannot settle.
        case ambiguousSplit
        /// A search stopped at its documented cap (`ImportLimits.splitSteps`).
        case searchCapped
    }
}

/// A value kept behind one pointer (an indirect enum's box): a large, rarely set part of a small value.
indirect enum OutOfLine<Value: Sendable & Hashable>: Sendable, Hashable {
    case stored(Value)

    init(_ value: Value) { self = .stored(value) }

    var value: Value {
        switch self {
        case .stored(let value): value
        }
    }
}
