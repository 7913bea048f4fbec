/// Splits formula source into tokens, offsets in Characters.
///
/// `*` is context-sensitive: after an operand it multiplies, elsewhere it starts a wildcard name (`sum(*.natural)`).
struct Lexer {
    private let characters: [Character]
    private var offset = 0

    init(_ source: String) {
        characters = Array(source)
    }

    /// All tokens, ending with `.end` (whose span is the end of the input).
    static func tokens(of source: String) throws(FormulaError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        var previousEndsOperand = false
        while true {
            let token = try lexer.next(afterOperand: previousEndsOperand)
            tokens.append(token)
            if token.kind == .end { return tokens }
            previousEndsOperand = token.endsOperand
        }
    }

    private var current: Character? { offset < characters.count ? characters[offset] : nil }

    private func peek(_ distance: Int = 1) -> Character? {
        offset + distance < characters.count ? characters[offset + distance] : nil
    }

    private mutating func next(afterOperand: Bool) throws(FormulaError) -> Token {
        while let character = current, character.isWhitespace { offset += 1 }
        let start = offset
        guard let character = current else { return Token(kind: .end, span: SourceSpan(at: start), text: "") }
        if character.isASCIIDigit || (character == "." && peek()?.isASCIIDigit == true) { return try number() }
        if character.startsIdentifier || (character == "*" && !afterOperand) { return try name() }
        if character == "\"" { return try text() }
        let kind: Token.Kind
        var length = 1
        switch character {
        case "+": kind = .plus
        case "-": kind = .minus
        case "*": kind = .star
        case "/": kind = .slash
        case "&": kind = .ampersand
        case "(": kind = .leftParenthesis
        case ")": kind = .rightParenthesis
        case ",": kind = .comma
        case "=":
            kind = .equal
            if peek() == "=" { length = 2 }
        case "!" where peek() == "=":
            kind = .notEqual
            length = 2
        case "<":
            switch peek() {
            case "=": (kind, length) = (.lessOrEqual, 2)
            case ">": (kind, length) = (.notEqual, 2)
            default: kind = .less
            }
        case ">":
            if peek() == "=" { (kind, length) = (.greaterOrEqual, 2) } else { kind = .greater }
        default:
            throw .unexpectedCharacter(character, at: start)
        }
        offset += length
        return token(kind, from: start)
    }

    private func token(_ kind: Token.Kind, from start: Int) -> Token {
        Token(kind: kind, span: SourceSpan(start: start, end: offset), text: String(characters[start..<offset]))
    }

    /// Digits with an optional fraction: `12`, `0.5`, `.5`, `24252.311082`. No exponent, sign or separators.
    private mutating func number() throws(FormulaError) -> Token {
        let start = offset
        while current?.isASCIIDigit == true { offset += 1 }
        if current == ".", peek()?.isASCIIDigit == true {
            offset += 1
            while current?.isASCIIDigit == true { offset += 1 }
        }
        let text = String(characters[start..<offset])
        guard let value = DecimalNumber(text) else {
            throw .invalidNumber(text, span: SourceSpan(start: start, end: offset))
        }
        return token(.number(value), from: start)
    }

    /// A dotted name: segments of ASCII letters, digits and `_` (not starting with a digit), or `*` / `**`.
    private mutating func name() throws(FormulaError) -> Token {
        let start = offset
        var segments: [Reference.Segment] = []
        while true {
            if current == "*" {
                offset += 1
                if current == "*" {
                    offset += 1
                    segments.append(.oneOrMore)
                } else {
                    segments.append(.one)
                }
                if let next = current, next.continuesIdentifier || next == "*" {
                    throw .expected("'.' after a wildcard", found: lookahead())
                }
            } else if current?.startsIdentifier == true {
                let segmentStart = offset
                while current?.continuesIdentifier == true { offset += 1 }
                segments.append(.name(String(characters[segmentStart..<offset])))
            } else {
                throw .expected("a name after '.'", found: lookahead())
            }
            guard current == "." else { break }
            offset += 1
        }
        return token(.name(segments), from: start)
    }

    /// A one-Character token at the current offset, for messages about what was found instead.
    private func lookahead() -> Token {
        guard let character = current else { return Token(kind: .end, span: SourceSpan(at: offset), text: "") }
        return Token(kind: .stray, span: SourceSpan(start: offset, end: offset + 1), text: String(character))
    }

    /// `"…"`, with `""` standing for one quote inside.
    private mutating func text() throws(FormulaError) -> Token {
        let start = offset
        offset += 1
        var value = ""
        while true {
            guard let character = current else { throw .unterminatedText(from: start, to: offset) }
            offset += 1
            if character == "\"" {
                guard current == "\"" else { break }
                offset += 1
            }
            value.append(character)
        }
        return token(.text(value), from: start)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isWholeNumber }
    fileprivate var startsIdentifier: Bool { isASCII && (isLetter || self == "_") }
    fileprivate var continuesIdentifier: Bool { isASCII && (isLetter || isWholeNumber || self == "_") }
}
