import GongkaiCore

/// Reads the words, quoted strings and `key=value` attributes of one workbook or journal line (``WorkbookFile``).
struct LineScanner {
    var rest: Substring
    let number: Int

    init(line: Substring, number: Int) {
        rest = line
        self.number = number
    }

    private func error(_ message: String) -> WorkbookFile.ParseError {
        WorkbookFile.ParseError(line: number, message: message)
    }

    private mutating func skipSpaces() {
        rest = rest.drop { $0 == " " || $0 == "\t" }
    }

    mutating func word(_ what: String) throws(WorkbookFile.ParseError) -> String {
        skipSpaces()
        let word = rest.prefix { $0 != " " && $0 != "\t" && $0 != "=" && $0 != "\"" }
        guard !word.isEmpty else { throw error("expected \(what)") }
        rest = rest.dropFirst(word.count)
        return String(word)
    }

    mutating func string() throws(WorkbookFile.ParseError) -> String {
        skipSpaces()
        guard rest.first == "\"" else { throw error("expected a quoted string") }
        rest = rest.dropFirst()
        var out = ""
        while let c = rest.first {
            rest = rest.dropFirst()
            switch c {
            case "\"": return out
            case "\\":
                guard let e = rest.first else { throw error("unfinished escape at the end of the line") }
                rest = rest.dropFirst()
                switch e {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "t": out.append("\t")
                case "\"", "\\": out.append(e)
                case "u":
                    // `\u001B`: a control character, as ``Swift/String/quotedLiteral`` writes it.
                    let hex = rest.prefix(4)
                    guard hex.count == 4, let code = UInt32(String(hex), radix: 16), let scalar = Unicode.Scalar(code)
                    else { throw error("‘\\u’ needs four hexadecimal digits") }
                    rest = rest.dropFirst(4)
                    out.unicodeScalars.append(scalar)
                default: throw error("unknown escape ‘\\\(e)’")
                }
            default: out.append(c)
            }
        }
        throw error("unterminated string")
    }

    mutating func value() throws(WorkbookFile.ParseError) -> Value {
        skipSpaces()
        if rest.first == "\"" { return .text(try string()) }
        let token = try word("a value")
        if token == "empty" { return .empty }
        if let number = DecimalNumber(token) { return .number(number) }
        if let error = CellError(rawValue: token) { return .error(error) }
        throw error("‘\(token)’ is not a value (a number, a quoted text, empty or an error code)")
    }

    mutating func attributes() throws(WorkbookFile.ParseError) -> [String: String] {
        var result: [String: String] = [:]
        while true {
            skipSpaces()
            if rest.isEmpty { return result }
            let key = try word("an attribute")
            guard rest.first == "=" else { throw error("expected ‘=’ after ‘\(key)’") }
            rest = rest.dropFirst()
            let value = rest.first == "\"" ? try string() : try word("a value for \(key)=")
            guard result.updateValue(value, forKey: key) == nil else { throw error("‘\(key)=’ appears twice") }
        }
    }

    mutating func restAfterEquals() throws(WorkbookFile.ParseError) -> String {
        skipSpaces()
        guard rest.first == "=" else { throw error("expected ‘=’ before the formula") }
        let source = rest.dropFirst().trimmingCharacters(in: .whitespaces)
        guard !source.isEmpty else { throw error("empty formula") }
        return source
    }

    mutating func isAtEnd() -> Bool {
        skipSpaces()
        return rest.isEmpty
    }

    mutating func end() throws(WorkbookFile.ParseError) {
        skipSpaces()
        guard rest.isEmpty else { throw error("unexpected ‘\(rest)’") }
    }
}
