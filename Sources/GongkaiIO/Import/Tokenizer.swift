/// A piece of source text as the importer sees it: words of label text, numbers, and blank-cell marks.
struct Token {
    enum Kind { case text, number, blank }

    var kind: Kind
    /// A number's digits and decimal point (thousands separators dropped), a blank's mark; empty for text, which is
    /// `source[offset..<end]`.
    var scalars: [Unicode.Scalar]
    /// Index of the first scalar in the ``SourceText`` it came from.
    var offset: Int
    /// Index after its last scalar.
    var end: Int
    /// An annotation or unit printed with a number (`其中修订16件`, `元`).
    var note: String?
    /// The number touches the text before it (no space): a flattened table, where runs may hold several cells.
    var glued: Bool = false
}

/// Splits a line of report text into tokens.
///
/// Ordinals stay with their labels: `1.属于国家秘密`, `1、申请人…`, `1本机关…`, and the ordinal a flattened page glues to
/// the end of a row's digits (`…10000016.属于四类…` is the run `1000001` and the label `6.属于四类…`).
enum Tokenizer {
    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
    static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\u{3000}" || c == "\u{A0}" }
    static func isIdeograph(_ c: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(c.value) || (0xF900...0xFAFF).contains(c.value)
    }
    static func isLetter(_ c: Unicode.Scalar) -> Bool {
        isIdeograph(c) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }
    static func isLatin(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
    }
    static let chineseNumerals = ScalarSet("一二三四五六七八九十")
    /// What a blank cell is printed as.
    static let blankMarks = ScalarSet("—-－–/／\\―━─")
    /// Units a count or amount may carry in a cell.
    static let units = ScalarSet("件元个项条次")

    static func isBlankMark(_ word: Slice<UnsafeBufferPointer<Unicode.Scalar>>) -> Bool {
        guard let first = word.first, word.count <= 4, !isDigit(first), !isIdeograph(first) || word.count == 1 else {
            return false
        }
        if word.count == 1 && (word.first == "无" || word.first == "空") { return true }
        return word.count <= 4 && word.allSatisfy { blankMarks.contains($0) }
    }

    /// The tokens of `s` that start in `from..<to`.
    static func tokens(_ s: ScalarLine, from: Int = 0, to: Int = Int.max) -> [Token] {
        var tokens: [Token] = []
        self.tokens(s, from: from, to: to, into: &tokens)
        return tokens
    }

    /// The same, into a buffer kept across lines; at most `limit` tokens (the rest of the line is not scanned).
    static func tokens(
        _ line: ScalarLine, from: Int = 0, to: Int = Int.max, limit: Int = Int.max, into tokens: inout [Token]
    ) {
        // Emptied from the end: `removeAll(keepingCapacity:)` goes through a generic range replacement, slow per line.
        while !tokens.isEmpty { tokens.removeLast() }
        line.storage.withUnsafeBufferPointer { storage in
            scan(
                UnsafeBufferPointer(rebasing: storage[line.base..<(line.base + line.count)]), from: from, to: to,
                limit: limit,
                into: &tokens)
        }
    }

    /// The scanner proper, on the line's scalars (zero-based).
    private static func scan(
        _ s: UnsafeBufferPointer<Unicode.Scalar>, from: Int, to: Int, limit: Int, into tokens: inout [Token]
    ) {
        let n = Swift.min(s.count, to)
        var i = from
        var wordStart = true
        func addText(_ range: Range<Int>) {
            if let last = tokens.last, last.kind == .text, last.end == range.lowerBound {
                tokens[tokens.count - 1].end = range.upperBound
            } else {
                tokens.append(Token(kind: .text, scalars: [], offset: range.lowerBound, end: range.upperBound))
            }
        }
        while i < n && tokens.count < limit {
            let c = s[i]
            if isSpace(c) {
                i += 1
                wordStart = true
                continue
            }
            // A signed number (`-3`): the sign is kept, so the domain rule reports it; it is never read as 3.
            if wordStart, c == "-" || c == "－" || c == "−", i + 1 < n, isDigit(s[i + 1]) {
                var j = i + 1
                while j < n && isDigit(s[j]) { j += 1 }
                if j + 1 < n && s[j] == "." && isDigit(s[j + 1]) {
                    j += 1
                    while j < n && isDigit(s[j]) { j += 1 }
                }
                if j == n || isSpace(s[j]) {
                    var digits = Array(UnsafeBufferPointer(rebasing: s[(i + 1)..<j]))
                    digits.insert("-", at: 0)
                    tokens.append(Token(kind: .number, scalars: digits, offset: i, end: j))
                    wordStart = false
                    i = j
                    continue
                }
            }
            // Only a word opening with a blank mark (`—`, `/`, `无`) can be one: most words are not measured.
            if wordStart, c == "无" || c == "空" || (!isDigit(c) && !isIdeograph(c) && blankMarks.contains(c)) {
                var end = i
                while end < n && !isSpace(s[end]) { end += 1 }
                if isBlankMark(s[i..<end]) {
                    tokens.append(
                        Token(
                            kind: .blank, scalars: Array(UnsafeBufferPointer(rebasing: s[i..<end])), offset: i, end: end
                        ))
                    i = end
                    continue
                }
            }
            guard isDigit(c) else {
                var end = i + 1
                while end < n && !isSpace(s[end]) && !isDigit(s[end]) { end += 1 }
                addText(i..<end)
                wordStart = false
                i = end
                continue
            }
            // A run of digits, with thousands separators and a decimal fraction.
            var j = i
            while j < n && isDigit(s[j]) { j += 1 }
            var plain = true
            // `3,119`: groups of three after a first group of at most three.
            if j - i <= 3 {
                while j + 3 < n, s[j] == ",", isDigit(s[j + 1]), isDigit(s[j + 2]), isDigit(s[j + 3]),
                    j + 4 == n || !isDigit(s[j + 4])
                {
                    j += 4
                    plain = false
                }
            }
            if j + 1 < n && s[j] == "." && isDigit(s[j + 1]) {
                j += 1
                while j < n && isDigit(s[j]) { j += 1 }
                plain = false
            }
            // `35-15`: a signed value glued to the one before it (a 2019 table 二 row, 本年增/减) stays in the run, its
            // sign kept, so the splitter cuts before the sign and never reads -15 as 15 or as a row of its own.
            while plain, j + 1 < n, s[j] == "-" || s[j] == "－" || s[j] == "−", isDigit(s[j + 1]) {
                j += 1
                while j < n && isDigit(s[j]) { j += 1 }
            }
            let after: Unicode.Scalar? = j < n ? s[j] : nil
            let glued = !wordStart && tokens.last?.kind == .text
            // `1.属于…`, `1、申请人…`, and an ordinal glued to the end of a run.
            if plain, let after, after == "." || after == "、", j + 1 < n, isLetter(s[j + 1]) || s[j + 1] == "“" {
                if j - i == 1 {
                    addText(i..<j)
                    wordStart = false
                    i = j
                    continue
                }
                tokens.append(number(s, i..<(j - 1), glued: glued))
                addText((j - 1)..<j)
                wordStart = false
                i = j
                continue
            }
            // `1本机关不掌握…`: a lone digit opening a word before a label is its ordinal.
            if plain, j - i == 1, wordStart, let after, isIdeograph(after), !units.contains(after) {
                addText(i..<j)
                wordStart = false
                i = j
                continue
            }
            // `100%` and `2023年` are prose, not cells; digits touching a replaced byte (U+FFFD) are damaged; digits
            // touching a Latin letter (`3e2`, `A1`) are a word, not a number.
            let prose = after.map {
                $0 == "%" || $0 == "％" || $0 == "年" || $0 == "月" || $0 == "日" || $0 == "\u{FFFD}" || isLatin($0)
            }
            if prose == true || (i > 0 && (s[i - 1] == "\u{FFFD}" || isLatin(s[i - 1]))) {
                var end = j
                while end < n && !isSpace(s[end]) && !isDigit(s[end]) { end += 1 }
                addText(i..<end)
                wordStart = false
                i = end
                continue
            }
            var token = number(s, i..<j, glued: glued)
            // A unit or an annotation printed with the number: `251000元`, `22（其中修订16件）`.
            if let after, units.contains(after) {
                token.note = String(after)
                j += 1
            } else if after == "万", j + 1 < n, s[j + 1] == "元" {
                token.note = "万元"
                j += 2
            } else if let after, after == "（" || after == "(" {
                let close: Unicode.Scalar = after == "（" ? "）" : ")"
                if let end = s[(j + 1)..<Swift.min(n, j + 40)].firstIndex(where: {
                    $0 == close || $0 == "）" || $0 == ")"
                }) {
                    let content = s[(j + 1)..<end]
                    if content.count >= 2 && !content.allSatisfy({ chineseNumerals.contains($0) }) {
                        token.note = String(scalars: content)
                        j = end + 1
                    }
                }
            }
            token.end = j
            tokens.append(token)
            wordStart = false
            i = j
        }
    }

    /// `0`…`9` as arrays made once: most cells of a report are a single digit, and need no allocation then.
    static let singleDigits: [[Unicode.Scalar]] = (0..<10).map { [Unicode.Scalar(UInt8(0x30 + $0))] }

    private static func number(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ range: Range<Int>, glued: Bool) -> Token {
        if range.count == 1, isDigit(s[range.lowerBound]) {
            let digit = Int(s[range.lowerBound].value - 0x30)
            return Token(
                kind: .number, scalars: singleDigits[digit], offset: range.lowerBound, end: range.upperBound,
                glued: glued)
        }
        var digits = Array(UnsafeBufferPointer(rebasing: s[range]))
        if digits.contains(",") { digits.removeAll { $0 == "," } }
        for k in digits.indices where digits[k] == "－" || digits[k] == "−" { digits[k] = "-" }
        return Token(kind: .number, scalars: digits, offset: range.lowerBound, end: range.upperBound, glued: glued)
    }

    /// Whether a trimmed line is a page number: `- 1 -`, `— 2 —`, `第3页`, `第 3 页 共 6 页`, `3/6`.
    static let dashes = ScalarSet("-－—–―")

    static func isPageNumber(_ line: ScalarLine) -> Bool {
        guard line.count <= 40 else { return false }
        let candidate = line.storage.withUnsafeBufferPointer { storage -> Bool in
            var visible = 0
            var digit = false
            var mark = false
            for k in line.base..<(line.base + line.count) {
                let c = storage[k]
                if isSpace(c) { continue }
                visible += 1
                if visible > 16 { return false }
                if isDigit(c) {
                    digit = true
                } else if c == "第" || c == "/" || (c.value >= 0x2010 && dashes.contains(c)) || c == "-" || c == "－" {
                    mark = true
                } else if isIdeograph(c) && c != "页" && c != "共" {
                    return false  // words: not a page number
                }
            }
            return digit && mark
        }
        guard candidate else { return false }
        let t = line.filter { !isSpace($0) }
        if let first = t.first, let last = t.last, dashes.contains(first), dashes.contains(last) {
            return t.dropFirst().dropLast().allSatisfy { isDigit($0) || dashes.contains($0) }
        }
        if t.first == "第" && t.contains("页") {
            return t.allSatisfy { isDigit($0) || $0 == "第" || $0 == "页" || $0 == "共" }
        }
        if let slash = t.firstIndex(of: "/") {
            return t[..<slash].allSatisfy(isDigit) && t[(slash + 1)...].allSatisfy(isDigit) && slash > 0
                && slash < t.count - 1
        }
        return false
    }
}

/// A handful of scalars; a linear scan beats hashing at this size, and the tokenizer asks for every scalar.
struct ScalarSet: Sendable {
    let values: [UInt32]

    init(_ members: String) { values = members.unicodeScalars.map(\.value) }

    init(_ members: [Unicode.Scalar]) { values = members.map(\.value) }

    func contains(_ c: Unicode.Scalar) -> Bool { values.contains(c.value) }
}
