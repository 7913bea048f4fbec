/// Splits formula source into tokens, offsets in Characters.
///
/// `*` is context-sensitive: after an operand it multiplies, elsewhere it starts a wildcard name (`sum(*.natural)`).
/// Works on ``FormulaSource`` byte codes, one per Character.
struct Lexer {
    private let source: FormulaSource
    private let codes: [UInt8]
    private var offset = 0

    init(_ source: FormulaSource) {
        self.source = source
        codes = source.codes
    }

    /// All tokens, ending with `.end` (whose span is the end of the input).
    static func tokens(of source: FormulaSource) throws(FormulaError) -> [Token] {
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

    /// The code at `offset + distance`, 0 past the end.
    private func code(_ distance: Int = 0) -> UInt8 {
        offset + distance < codes.count ? codes[offset + distance] : 0
    }

    private mutating func next(afterOperand: Bool) throws(FormulaError) -> Token {
        while offset < codes.count, codes[offset].isBlank { offset += 1 }
        let start = offset
        guard offset < codes.count else { return Token(kind: .end, span: SourceSpan(at: start)) }
        let current = codes[offset]
        if current.isDigit || (current == UInt8(ascii: ".") && code(1).isDigit) { return try number() }
        if current.startsIdentifier || (current == UInt8(ascii: "*") && !afterOperand) { return try name() }
        if current == UInt8(ascii: "\"") { return try text() }
        let next = code(1)
        let kind: Token.Kind
        var length = 1
        switch current {
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "&"): kind = .ampersand
        case UInt8(ascii: "("): kind = .leftParenthesis
        case UInt8(ascii: ")"): kind = .rightParenthesis
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: "="):
            kind = .equal
            if next == UInt8(ascii: "=") { length = 2 }
        case UInt8(ascii: "!") where next == UInt8(ascii: "="):
            (kind, length) = (.notEqual, 2)
        case UInt8(ascii: "<"):
            switch next {
            case UInt8(ascii: "="): (kind, length) = (.lessOrEqual, 2)
            case UInt8(ascii: ">"): (kind, length) = (.notEqual, 2)
            default: kind = .less
            }
        case UInt8(ascii: ">"):
            if next == UInt8(ascii: "=") { (kind, length) = (.greaterOrEqual, 2) } else { kind = .greater }
        default:
            throw .unexpectedCharacter(source.character(at: start), at: start)
        }
        offset += length
        return token(kind, from: start)
    }

    private func token(_ kind: Token.Kind, from start: Int) -> Token {
        Token(kind: kind, span: SourceSpan(start: start, end: offset))
    }

    /// The source text from `start` to the current offset, which is ASCII (names and numbers).
    private func asciiText(from start: Int) -> String {
        String(decoding: codes[start..<offset], as: UTF8.self)
    }

    /// Digits with an optional fraction: `12`, `0.5`, `.5`, `24252.311082`. No exponent, sign or separators.
    private mutating func number() throws(FormulaError) -> Token {
        let start = offset
        while code().isDigit { offset += 1 }
        if code() == UInt8(ascii: "."), code(1).isDigit {
            offset += 1
            while code().isDigit { offset += 1 }
        }
        let text = asciiText(from: start)
        guard let value = DecimalNumber(text) else {
            throw .invalidNumber(text, span: SourceSpan(start: start, end: offset))
        }
        return token(.number(value), from: start)
    }

    /// A dotted name: segments of ASCII letters, Han ideographs, digits and `_` (not starting with a digit), or `*` / `**`.
    private mutating func name() throws(FormulaError) -> Token {
        let start = offset
        var segments: [Reference.Segment] = []
        while true {
            if code() == UInt8(ascii: "*") {
                let segmentStart = offset
                offset += 1
                if code() == UInt8(ascii: "*") {
                    offset += 1
                    segments.append(.oneOrMore)
                } else if code().continuesIdentifier {
                    // `*_2024.t3…`, `*洪泽区*.t3…`: a glob segment starting with `*`, followed by more segments.
                    while code().continuesIdentifier { offset += 1 }
                    if code() == UInt8(ascii: "*"), code(1) == UInt8(ascii: ".") { offset += 1 }
                    guard code() == UInt8(ascii: ".") else {
                        offset = segmentStart + 1
                        throw expectedHere("'.' after a wildcard")
                    }
                    segments.append(.glob(source.text(segmentStart..<offset)))
                } else {
                    segments.append(.one)
                }
                if code().continuesIdentifier || code() == UInt8(ascii: "*") {
                    throw expectedHere("'.' after a wildcard")
                }
            } else if code().startsIdentifier {
                let segmentStart = offset
                while code().continuesIdentifier { offset += 1 }
                // `hz*.t4…`: a glob segment; `*` then `.` and a name cannot be a product (`x*.5` has a digit).
                if code() == UInt8(ascii: "*"), code(1) == UInt8(ascii: "."),
                    code(2).startsIdentifier || code(2) == UInt8(ascii: "*")
                {
                    offset += 1
                    segments.append(.glob(source.text(segmentStart..<offset)))
                } else {
                    segments.append(.name(source.text(segmentStart..<offset)))
                }
            } else {
                throw expectedHere("a name after '.'")
            }
            guard code() == UInt8(ascii: ".") else { break }
            offset += 1
        }
        return token(.name(segments), from: start)
    }

    /// F004 at the current Character (or the end), saying what was expected there.
    private func expectedHere(_ expected: String) -> FormulaError {
        guard offset < codes.count else { return .expected(expected, found: nil, at: SourceSpan(at: offset)) }
        return .expected(
            expected, found: source.text(offset..<offset + 1), at: SourceSpan(start: offset, end: offset + 1))
    }

    /// `"…"`, with `""` standing for one quote inside.
    private mutating func text() throws(FormulaError) -> Token {
        let start = offset
        offset += 1
        var value = ""
        var run = offset
        while true {
            guard offset < codes.count else { throw .unterminatedText(from: start, to: offset) }
            offset += 1
            guard codes[offset - 1] == UInt8(ascii: "\"") else { continue }
            value += source.text(run..<offset - 1)
            guard code() == UInt8(ascii: "\"") else { break }
            // `""`: keep one quote, go on after the second.
            run = offset
            offset += 1
        }
        return token(.text(value), from: start)
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    fileprivate var startsIdentifier: Bool {
        (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") || self == UInt8(ascii: "_")
            || self == FormulaSource.han
    }
    fileprivate var continuesIdentifier: Bool { startsIdentifier || isDigit }
    /// Space, tab, line breaks; any Unicode whitespace was already coded as a space.
    fileprivate var isBlank: Bool {
        self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\n")
            || self == UInt8(ascii: "\r")
    }
}
