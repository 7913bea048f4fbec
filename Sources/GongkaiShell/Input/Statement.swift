import GongkaiCore

/// One complete input statement, classified.
///
/// At the prompt a line is a dot-command (`.show t3`), an assignment (`t3.new.natural = 8`, `cell = <formula>`,
/// `cell =` to clear), a definition of a named cell (`let rate = …` or `rate := …`) or an expression to evaluate.
/// `NAME = …` at the start of a line always assigns; compare with `==` in a bare expression.
enum Statement: Equatable {
    /// Nothing but blanks or a comment (`-- …` or `# …`).
    case empty
    /// `.name rest-of-line`
    case command(name: String, arguments: String)
    /// `target = right` (right is empty for a clear); `rightOffset` is the Character offset of `right` in the line.
    case assignment(target: String, right: String, rightOffset: Int)
    /// `let name = formula` or `name := formula`.
    case definition(name: String, formula: String, formulaOffset: Int)
    /// Anything else: evaluated and printed.
    case expression(String)

    /// Classifies a statement; never fails (expressions are checked by the formula parser later).
    init(_ text: String) {
        if let assignment = Statement.asciiAssignment(text) {
            self = assignment
        } else {
            self.init(classifying: text)
        }
    }

    /// The general classification, Character by Character (any text).
    init(classifying text: String) {
        let characters = Array(text)
        var i = 0
        func skipBlanks() { while i < characters.count, characters[i].isWhitespace { i += 1 } }
        skipBlanks()
        guard i < characters.count else {
            self = .empty
            return
        }
        let rest = String(characters[i...])
        if rest.hasPrefix("--") || rest.hasPrefix("#") {
            self = .empty
            return
        }
        if characters[i] == "." {
            var j = i + 1
            while j < characters.count, !characters[j].isWhitespace { j += 1 }
            let name = String(characters[(i + 1)..<j])
            let arguments = String(characters[j...]).trimmingBlanks()
            self = .command(name: name, arguments: arguments)
            return
        }
        let start = i
        // `let NAME = …`
        if let name = Statement.name(in: characters, from: &i), name == "let" {
            skipBlanks()
            let nameStart = i
            if let defined = Statement.name(in: characters, from: &i), i > nameStart {
                skipBlanks()
                if i < characters.count,
                    characters[i] == "="
                        || (characters[i] == ":" && i + 1 < characters.count
                            && characters[i + 1] == "=")
                {
                    i += characters[i] == ":" ? 2 : 1
                    self = .definition(
                        name: defined, formula: Statement.tail(characters, from: i).text,
                        formulaOffset: Statement.tail(characters, from: i).offset)
                    return
                }
            }
            i = start
        } else {
            i = start
        }
        // `NAME := …` or `NAME = …` (but not `NAME == …`)
        if let target = Statement.name(in: characters, from: &i) {
            skipBlanks()
            if i + 1 < characters.count, characters[i] == ":", characters[i + 1] == "=" {
                let tail = Statement.tail(characters, from: i + 2)
                self = .definition(name: target, formula: tail.text, formulaOffset: tail.offset)
                return
            }
            if i < characters.count, characters[i] == "=", i + 1 >= characters.count || characters[i + 1] != "=" {
                let tail = Statement.tail(characters, from: i + 1)
                self = .assignment(target: target, right: tail.text, rightOffset: tail.offset)
                return
            }
        }
        self = .expression(text.trimmingBlanks())
    }

    /// The common statement `NAME = RIGHT` in printable ASCII (blanks: spaces and tabs), classified on bytes, where
    /// a Character is a byte; nil for anything else, which the general path classifies.
    static func asciiAssignment(_ text: String) -> Statement? {
        // The bytes read through a span of the string's storage (no array; the UTF-8 view's iterator costs several
        // times more per byte).
        let line = text.utf8.span
        for k in line.indices where !((line[k] >= 0x20 && line[k] < 0x7F) || line[k] == 0x09) { return nil }
        let isBlank = { (b: UInt8) in b == 0x20 || b == 0x09 }
        let isLetter = { (b: UInt8) in (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == 0x5F }
        let isDigit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        var i = 0
        while i < line.count, isBlank(line[i]) { i += 1 }
        // A dotted name, as `name(in:from:)` reads it.
        let start = i
        guard i < line.count, isLetter(line[i]) else { return nil }
        while true {
            while i < line.count, isLetter(line[i]) || isDigit(line[i]) { i += 1 }
            if i + 1 < line.count, line[i] == UInt8(ascii: "."), isLetter(line[i + 1]) {
                i += 1
                continue
            }
            break
        }
        let target = String(utf8Bytes: line.extracting(start..<i))
        guard target != "let" else { return nil }
        while i < line.count, isBlank(line[i]) { i += 1 }
        guard i < line.count, line[i] == UInt8(ascii: "="), i + 1 >= line.count || line[i + 1] != UInt8(ascii: "=")
        else { return nil }
        var from = i + 1
        while from < line.count, isBlank(line[from]) { from += 1 }
        var end = line.count
        while end > from, isBlank(line[end - 1]) { end -= 1 }
        return .assignment(
            target: target, right: String(utf8Bytes: line.extracting(from..<end)), rightOffset: from)
    }

    /// A dotted name (`t3.new.natural`, `sy2023.rate`) starting at `i`, advancing past it.
    static func name(in characters: [Character], from i: inout Int) -> String? {
        let start = i
        var j = i
        while true {
            guard j < characters.count, NameSyntax.startsSegment(characters[j]) else { return nil }
            while j < characters.count, NameSyntax.continuesSegment(characters[j]) { j += 1 }
            if j + 1 < characters.count, characters[j] == ".", NameSyntax.startsSegment(characters[j + 1]) {
                j += 1
                continue
            }
            break
        }
        i = j
        return String(characters[start..<j])
    }

    /// The text after `i` with surrounding blanks removed, and the offset where it starts.
    static func tail(_ characters: [Character], from i: Int) -> (text: String, offset: Int) {
        var start = i
        while start < characters.count, characters[start].isWhitespace { start += 1 }
        var end = characters.count
        while end > start, characters[end - 1].isWhitespace { end -= 1 }
        return (String(characters[start..<end]), start)
    }
}

extension String {
    /// The string without leading and trailing blanks (spaces, tabs, newlines).
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
