/// Why a formula cannot be parsed or bound: a ``Diagnostic`` with a stable `F…` code and a span.
public struct FormulaError: Error, Sendable, Hashable {
    /// Code, message, span and help.
    public var diagnostic: Diagnostic {
        get { stored.value }
        set { stored = OutOfLine(newValue) }
    }
    /// Behind one pointer: the error is thrown through the parser's and binder's recursion (up to
    /// ``Formula/heightLimit`` frames), each of which reserves room for it.
    private var stored: OutOfLine<Diagnostic>

    /// Wraps a diagnostic.
    public init(_ diagnostic: Diagnostic) {
        stored = OutOfLine(diagnostic)
    }

    /// A formula error with the given code, summary and place; for resolvers that need their own wording.
    public init(code: String, _ summary: String, span: SourceSpan?, help: String? = nil) {
        stored = OutOfLine(Diagnostic(code: code, summary, span: span, help: help))
    }

    /// The full message with its column: `expected ')' at column 12`.
    public var message: String { diagnostic.message }
    /// The diagnostic code, e.g. `F004`.
    public var code: String { diagnostic.code }
    /// Where in the formula, in Characters.
    public var span: SourceSpan? { diagnostic.span }
}

extension FormulaError: CustomStringConvertible {
    /// One line: `error[F004]: expected ')' at column 12`.
    public var description: String { diagnostic.description }
}

// MARK: Messages — the wording of every formula diagnostic lives here.

extension FormulaError {
    /// F001: a character that starts no token.
    static func unexpectedCharacter(_ character: Character, at offset: Int) -> FormulaError {
        let ascii: String? =
            switch character {
            case "（": "("
            case "）": ")"
            case "，", "、": ","
            case "＋": "+"
            case "－", "—": "-"
            case "＊", "×": "*"
            case "／", "÷": "/"
            case "＝": "="
            case "＜": "<"
            case "＞": ">"
            case "“", "”", "＂": "\""
            case "．", "。": "."
            case "０"..."９": "digits 0-9"
            default: nil
            }
        return FormulaError(
            code: "F001", "unexpected '\(character)'", span: SourceSpan(start: offset, end: offset + 1),
            help: ascii.map { "write ASCII \($0.count == 1 ? "'\($0)'" : $0) instead" })
    }

    /// F002: a text literal without its closing quote.
    static func unterminatedText(from offset: Int, to end: Int) -> FormulaError {
        FormulaError(
            code: "F002", "text is missing its closing '\"'", span: SourceSpan(start: offset, end: end))
    }

    /// F003: a number literal that is not an exact decimal in range.
    static func invalidNumber(_ text: String, span: SourceSpan) -> FormulaError {
        let fraction = text.split(separator: ".", maxSplits: 1).dropFirst().first?.count ?? 0
        let reason =
            fraction > DecimalNumber.maxScale
            ? "has more than \(DecimalNumber.maxScale) fraction digits" : "is too large (more than 35 digits)"
        return FormulaError(code: "F003", "number \(text) \(reason)", span: span)
    }

    /// F004: the parser needed `expected` (`')'`, `an expression`) and found `found`, or the end of the formula.
    static func expected(_ expected: String, found: String?, at span: SourceSpan) -> FormulaError {
        let summary = found.map { "expected \(expected), found '\(FormulaError.cut($0))'" } ?? "expected \(expected)"
        return FormulaError(code: "F004", summary, span: span)
    }

    /// Source text quoted in a message, cut to 60 Characters so that a message stays one short line.
    static func cut(_ text: String) -> String { text.count > 60 ? String(text.prefix(60)) + "…" : text }

    /// F005: nesting beyond ``Formula/nestingLimit``.
    static func tooDeep(at span: SourceSpan) -> FormulaError {
        FormulaError(code: "F005", "formula nested more than \(Formula.nestingLimit) levels deep", span: span)
    }

    /// F006: an expression tree taller than ``Formula/heightLimit`` (a chain of that many operators).
    static func tooLong(at span: SourceSpan) -> FormulaError {
        FormulaError(
            code: "F006",
            "formula has a chain of more than \(Formula.heightLimit) operators; write a long sum as sum(…) or in parts",
            span: span)
    }

    /// F010: a call of something that is not a built-in function.
    static func unknownFunction(_ name: String, span: SourceSpan) -> FormulaError {
        let suggestion = name.contains(".") ? nil : nearestName(to: name, in: Function.allCases.map(\.name))
        return FormulaError(
            code: "F010", "unknown function '\(FormulaError.cut(name))'", span: span,
            help: suggestion.map { "did you mean '\($0)'?" })
    }

    /// F011: a call with too few or too many arguments.
    static func wrongArity(_ function: Function, given: Int, span: SourceSpan) -> FormulaError {
        let expected: String
        switch (function.minimumArity, function.maximumArity) {
        case (let low, nil): expected = "at least \(low) argument\(low == 1 ? "" : "s")"
        case (let low, let high?) where low == high: expected = "\(low) argument\(low == 1 ? "" : "s")"
        case (let low, let high?): expected = "\(low) to \(high) arguments"
        }
        return FormulaError(
            code: "F011", "\(function.name) takes \(expected), not \(given)", span: span,
            help: "usage: \(function.signature)")
    }

    /// F012: a wildcard or many-cell name where a single value is needed.
    public static func manyCells(_ reference: Reference) -> FormulaError {
        let aggregates = Function.allCases.filter(\.acceptsManyCells).map(\.name).joined(separator: ", ")
        return FormulaError(
            code: "F012",
            "'\(FormulaError.cut(reference.description))' stands for many cells where one value is needed",
            span: reference.span,
            help: "use it as an argument of \(aggregates)")
    }

    /// F020: a name the resolver does not know; `candidates` feed the "did you mean" suggestion.
    public static func unknownName(_ reference: Reference, candidates: some Sequence<String>) -> FormulaError {
        let suggestion = nearestName(to: reference.name, in: candidates)
        return FormulaError(
            code: "F020", "unknown name '\(FormulaError.cut(reference.description))'", span: reference.span,
            help: suggestion.map { "did you mean '\($0)'?" })
    }

    /// F021: a wildcard that matches no cell.
    public static func noMatch(_ reference: Reference) -> FormulaError {
        FormulaError(code: "F021", "no cell matches '\(FormulaError.cut(reference.description))'", span: reference.span)
    }
}
