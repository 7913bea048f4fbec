/// Joins input lines into statements: a line ending in `\` or leaving a `(` open continues on the next line.
///
/// Parentheses inside string literals (`"…"`) do not count. Lines are joined with a newline so that positions in
/// error messages still point into the line the user typed.
struct StatementBuffer {
    private(set) var pending: [String] = []

    /// Whether an incomplete statement is waiting for more lines.
    var isEmpty: Bool { pending.isEmpty }

    /// The number of lines held so far.
    var lineCount: Int { pending.count }

    /// Adds a line; returns the complete statement once it is balanced, or `nil` while it continues.
    mutating func append(_ line: String) -> String? {
        if line.hasLastCharacter("\\") {
            pending.append(String(line.dropLast()))
            return nil
        }
        if pending.isEmpty {
            // A statement of one line (nearly all): no array, no join.
            if StatementBuffer.openParentheses(in: line) > 0 {
                pending.append(line)
                return nil
            }
            return line
        }
        pending.append(line)
        let statement = pending.joined(separator: "\n")
        if StatementBuffer.openParentheses(in: statement) > 0 { return nil }
        pending = []
        return statement
    }

    /// Whatever is pending, as a statement (at end of input), and clears it.
    mutating func flush() -> String? {
        guard !pending.isEmpty else { return nil }
        defer { pending = [] }
        return pending.joined(separator: "\n")
    }

    /// Drops the pending lines (Ctrl-C).
    mutating func reset() { pending = [] }

    /// Opening minus closing parentheses outside string literals.
    static func openParentheses(in text: String) -> Int {
        var depth = 0
        var inString = false
        // ASCII text (most statements): bytes are Characters, no grapheme breaking needed. Read through a span of the
        // string's storage; the first other byte hands the text to the Characters' loop.
        let bytes = text.utf8.span
        var ascii = true
        for k in bytes.indices {
            switch bytes[k] {
            case UInt8(ascii: "\""): inString.toggle()
            case UInt8(ascii: "(") where !inString: depth += 1
            case UInt8(ascii: ")") where !inString: depth -= 1
            case 0x80...: ascii = false
            default: break
            }
            if !ascii { break }
        }
        if ascii { return depth }
        depth = 0
        inString = false
        for character in text {
            switch character {
            case "\"": inString.toggle()
            case "(" where !inString: depth += 1
            case ")" where !inString: depth -= 1
            default: break
            }
        }
        return depth
    }
}
