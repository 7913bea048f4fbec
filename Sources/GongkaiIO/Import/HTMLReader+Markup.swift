// The markup side of HTMLReader's one pass: tags, attributes, comments, scripts and entities.

extension HTMLReader.Reader {
    /// Reads `<…>`: a tag, a comment, a doctype; skips the content of script and style.
    mutating func readMarkup() {
        if i + 1 < s.count && s[i + 1] == "!" && starts(with: Self.commentOpen) {
            skip(past: Self.commentClose)
            return
        }
        let tagPlace = place
        advance()  // <
        var closing = false
        if i < s.count && s[i] == "/" {
            closing = true
            advance()
        }
        // The name, each scalar lowercased (its mapping's first scalar), read into a key.
        var length = 0
        var key: UInt64 = 0
        var known = true
        while i < s.count {
            let c = s[i]
            let lower: Unicode.Scalar
            if c.value < 0x80 {
                guard Tokenizer.isLatin(c) || Tokenizer.isDigit(c) || c == ":" else { break }
                lower = c.value <= 0x5A && c.value >= 0x41 ? Unicode.Scalar(UInt8(c.value + 32)) : c
            } else {
                guard c.properties.isAlphabetic else { break }
                lower = c.properties.lowercaseMapping.unicodeScalars.first ?? c
            }
            let code = HTMLReader.Tag.code(lower)
            if code == 0 || length >= 10 { known = false }
            key = key &* 64 &+ UInt64(code)
            length += 1
            advance()
        }
        let attributesStart = i
        i = Self.tagEnd(s, from: i, breaks: &breaks, sawReturn: &sawReturn)
        followBreaks()
        let attributes = s[attributesStart..<Swift.min(i, s.count)]
        if i < s.count { advance() }  // >
        if length == 0 { return }
        let tag = known ? HTMLReader.Tag.named(key) : .other
        if !closing && (tag == .script || tag == .style) {
            skip(past: tag == .script ? Self.scriptClose : Self.styleClose)
            skip(past: Self.tagEnd)
            return
        }
        if !closing && tag == .title {
            let start = i
            skip(past: Self.titleClose)
            let end = Swift.max(start, i - 7)
            title = String(scalars: s[start..<end]).trimmingSpaces
            skip(past: Self.tagEnd)
            return
        }
        if !closing && tag == .meta {
            // Foundation's search only where the scalars hold the name as it is (nothing else is canonically equal
            // to these ASCII letters): most pages have many <meta> tags, few of them the title.
            guard LabelText.firstIndex(of: Self.articleTitle[...], in: Array(attributes)) != nil else { return }
            let text = String(scalars: attributes)
            if text.contains("ArticleTitle"), let content = attribute("content", in: text) { metaTitle = content }
            return
        }
        switch (tag, closing) {
        case (.table, false):
            if inCell {
                openNestedTable()
            } else {
                endRow()
                flushText()
            }
            tables.append(([], [], false))
        case (.table, true):
            endRow()
            flushText()
            if !tables.isEmpty { endTable() }
        case (.tr, _) where inLayout, (.td, _) where inLayout, (.th, _) where inLayout:
            flushText()
        case (.tr, false):
            flushText()
            endRow()
            row = []
            rowPlace = tagPlace
        case (.tr, true):
            endRow()
            flushText()
        case (.td, false), (.th, false):
            if row == nil {
                flushText()
                row = []
                rowPlace = tagPlace
            }
            endCell()
            inCell = true
            cellPlace = tagPlace
            cellSpans = Self.spans(in: attributes)
        case (.td, true), (.th, true):
            endCell()
        case (.block, _):
            if inCell {
                append(" ", tagPlace)
                if cellBreaks.last != buffer.count { cellBreaks.append(buffer.count) }
            } else {
                flushText()
            }
        default:
            break
        }
    }

    static let commentOpen = Array("<!--".unicodeScalars)
    static let commentClose = Array("-->".unicodeScalars)
    static let scriptClose = Array("</script".unicodeScalars)
    static let styleClose = Array("</style".unicodeScalars)
    static let titleClose = Array("</title".unicodeScalars)
    static let tagEnd = Array(">".unicodeScalars)
    static let articleTitle = Array("ArticleTitle".unicodeScalars)

    /// The values of `colspan=3`, `ROWSPAN="22"`, `colspan = '2'` in a tag's attributes: the first of each name
    /// (a whole attribute name, not the tail of another: `data-colspan`) followed by `=`; 1 when absent or not a
    /// number, 0 kept (rowspan=0). Found from the `=` signs, so a long `style` costs one comparison a scalar.
    static func spans(in attributes: ArraySlice<Unicode.Scalar>) -> (colspan: Int, rowspan: Int) {
        var colspan: Int?
        var rowspan: Int?
        attributes.withUnsafeBufferPointer { text in
            func isBlank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" }
            func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
                c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(UInt8(c.value + 32)) : c
            }
            /// Whether the attribute name ending at `end` is `key`.
            func names(_ key: [Unicode.Scalar], endingAt end: Int) -> Bool {
                guard end >= key.count else { return false }
                let start = end - key.count
                let before: Unicode.Scalar = start == 0 ? " " : text[start - 1]
                return (isBlank(before) || before == "\"" || before == "'")
                    && (0..<key.count).allSatisfy { lower(text[start + $0]) == key[$0] }
            }
            /// The number after the `=` at `equals`, its blanks and quotes skipped; 1 when there is none.
            func value(after equals: Int) -> Int {
                var k = equals + 1
                while k < text.count && (isBlank(text[k]) || text[k] == "\"" || text[k] == "'") { k += 1 }
                var value = 0
                var digits = 0
                while k < text.count, Tokenizer.isDigit(text[k]), digits < 6 {
                    value = value * 10 + Int(text[k].value - 0x30)
                    digits += 1
                    k += 1
                }
                return digits == 0 ? 1 : value
            }
            let sign = SIMD4<UInt32>(repeating: 0x3D)
            var equals = 0
            while equals < text.count {
                // Four scalars at a time up to the next `=`: a Word cell's `style` holds none.
                if equals &+ 4 <= text.count, let base = text.baseAddress,
                    !any(UnsafeRawPointer(base + equals).loadUnaligned(as: SIMD4<UInt32>.self) .== sign)
                {
                    equals &+= 4
                    continue
                }
                defer { equals += 1 }
                guard text[equals] == "=" else { continue }
                var end = equals
                while end > 0 && isBlank(text[end - 1]) { end -= 1 }
                if colspan == nil && names(Self.colspan, endingAt: end) { colspan = value(after: equals) }
                if rowspan == nil && names(Self.rowspan, endingAt: end) { rowspan = value(after: equals) }
                if colspan != nil && rowspan != nil { break }
            }
        }
        return (colspan ?? 1, rowspan ?? 1)
    }

    static let colspan = Array("colspan".unicodeScalars)
    static let rowspan = Array("rowspan".unicodeScalars)

    func attribute(_ key: String, in text: String) -> String? {
        guard let range = text.firstRange(of: key + "=\"") else { return nil }
        let rest = text[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// Whether the text at `i` reads `prefix`: each scalar is the prefix's, or lowercases to it (``matches``).
    func starts(with prefix: [Unicode.Scalar]) -> Bool {
        guard i + prefix.count <= s.count else { return false }
        for k in 0..<prefix.count where !Self.matches(s[i + k], prefix[k]) { return false }
        return true
    }

    /// `c` is `p`, or the first scalar of `c`'s lowercase mapping is (ASCII upper case without Unicode tables).
    static func matches(_ c: Unicode.Scalar, _ p: Unicode.Scalar) -> Bool {
        if c == p { return true }
        if c.value < 0x80 { return c.value >= 0x41 && c.value <= 0x5A && c.value + 32 == p.value }
        return c.properties.lowercaseMapping.unicodeScalars.first == p
    }

    /// Moves past the next `marker`, or to the end.
    mutating func skip(past marker: [Unicode.Scalar]) {
        i = Self.find(marker, in: s, from: i, breaks: &breaks, sawReturn: &sawReturn)
        followBreaks()
        for _ in marker where i < s.count { advance() }
    }

    /// The first `>` from `start` outside quotes, or the end; the line breaks and `\r`s passed are noted.
    static func tagEnd(_ s: [Unicode.Scalar], from start: Int, breaks: inout [Int], sawReturn: inout Bool) -> Int {
        s.withUnsafeBufferPointer { text in
            var k = start
            while k < text.count {
                let c = text[k].value
                if c == 0x3E { break }
                k += 1
                if c == 0x22 || c == 0x27 {
                    // A quoted value, to its closing quote: a `>` in it does not end the tag. Word's long `style`
                    // values are passed four scalars at a time while none is the quote or a line break.
                    let quote = SIMD4<UInt32>(repeating: c)
                    let breaking = SIMD4<UInt32>(repeating: 0x0D)
                    while k < text.count {
                        if k &+ 4 <= text.count, let base = text.baseAddress {
                            let four = UnsafeRawPointer(base + k).loadUnaligned(as: SIMD4<UInt32>.self)
                            if !any(four .== quote) && !any(four .<= breaking) {
                                k &+= 4
                                continue
                            }
                        }
                        let d = text[k].value
                        k += 1
                        if d == c { break }
                        if d <= 0x0D {
                            if d == 0x0A { breaks.append(k - 1) } else if d == 0x0D { sawReturn = true }
                        }
                    }
                } else if c <= 0x0D {
                    if c == 0x0A { breaks.append(k - 1) } else if c == 0x0D { sawReturn = true }
                }
            }
            return k
        }
    }

    /// Where `marker` next starts from `start` (as ``starts(with:)`` reads it), or the end; the line breaks and
    /// `\r`s passed are noted. The marker opens with punctuation (`<`, `-`, `>`), which only itself matches: no
    /// lowercase mapping starts with it.
    static func find(
        _ marker: [Unicode.Scalar], in s: [Unicode.Scalar], from start: Int, breaks: inout [Int],
        sawReturn: inout Bool
    ) -> Int {
        guard let first = marker.first else { return start }
        return s.withUnsafeBufferPointer { text in
            var k = start
            search: while k < text.count {
                let c = text[k]
                if c == first && k + marker.count <= text.count {
                    var m = 1
                    while m < marker.count && matches(text[k + m], marker[m]) { m += 1 }
                    if m == marker.count { break search }
                }
                if c.value <= 0x0D {
                    if c == "\n" { breaks.append(k) } else if c == "\r" { sawReturn = true }
                }
                k += 1
            }
            return k
        }
    }

    /// Decodes `&name;` or `&#…;`; a lone `&` stays itself.
    mutating func readEntity() -> Unicode.Scalar {
        var k = i + 1
        var name = ""
        while k < s.count, k - i <= 10, s[k] != ";" {
            name.unicodeScalars.append(s[k])
            k += 1
        }
        guard k < s.count, s[k] == ";" else {
            advance()
            return "&"
        }
        guard let decoded = HTMLReader.entity(named: name) else {
            advance()
            return "&"
        }
        while i <= k { advance() }
        return SourceDocument.fold(decoded)
    }
}
