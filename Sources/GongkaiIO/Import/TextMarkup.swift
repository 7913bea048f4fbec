/// Takes the markup out of a text cell's value, so that what reaches `meta.org`, `meta.title` and `text.s1`… is the
/// report's words: a Markdown heading mark (`# 平潭综合实验区…`), emphasis, a link, an HTML tag left in copied text
/// (`<br>`, `<span style=…>`), a LaTeX command (`{\zihao{3}\bfseries 淮安市人民政府…}`). Report prose holds none of
/// these characters in their markup sense, so each kind is removed only where its own syntax is complete.
enum TextMarkup {
    /// LaTeX commands whose braced arguments are layout, not text: dropped with them.
    static let layoutCommands: Set<String> = [
        "zihao", "vspace", "hspace", "setlength", "fontsize", "label", "ref", "includegraphics", "begin", "end",
        "documentclass", "usepackage", "geometry", "ctexset", "setmainfont", "setCJKmainfont", "pagestyle",
        "thispagestyle", "newcommand", "renewcommand", "arraystretch", "cline", "cmidrule", "color", "rule",
    ]

    /// The text without markup, lines kept, spaces at the ends of lines and empty lines dropped.
    static func plain(_ text: String) -> String {
        if !hasMarkupBytes(text) { return plainLines(text) }
        var scalars = text.scalarArray
        if scalars.contains("\\") { scalars = withoutLaTeX(scalars) }
        if scalars.contains("<") { scalars = withoutTags(scalars) }
        var lines: [String] = []
        for line in String(scalars: scalars).split(separator: "\n", omittingEmptySubsequences: false) {
            let cleaned = withoutMarkdown(Substring(line)).trimmingSpaces
            if !cleaned.isEmpty { lines.append(cleaned) }
        }
        return lines.joined(separator: "\n")
    }

    /// The bytes that can start or belong to markup (and `\r`, which a line split by Characters keeps inside a
    /// line): a text with none of them is plain as it is, up to its lines' spaces.
    static let markupBytes: [Bool] = (0..<256).map { byte in
        "\\<>#*_`[&\r".utf8.contains(UInt8(byte))
    }

    /// Whether the text holds one of ``markupBytes`` (on its UTF-8 storage when it is contiguous, as it is when built
    /// from scalars).
    static func hasMarkupBytes(_ text: String) -> Bool {
        markupBytes.withUnsafeBufferPointer { markup in
            text.utf8.withContiguousStorageIfAvailable { bytes in
                var k = 0
                while k < bytes.count {
                    // Eight bytes at a time where none is ASCII (Chinese text): markup bytes all are.
                    if k &+ 8 <= bytes.count, let base = bytes.baseAddress,
                        UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                            == 0x8080_8080_8080_8080
                    {
                        k &+= 8
                        continue
                    }
                    if bytes[k] < 0x80 && markup[Int(bytes[k])] { return true }
                    k &+= 1
                }
                return false
            } ?? text.utf8.contains { markup[Int($0)] }
        }
    }

    /// ``plain(_:)`` of a text without markup bytes: its lines trimmed, empty lines dropped — one pass over the
    /// bytes instead of a Character split and a rebuilt String per line. A line that neither starts nor ends with
    /// a space (most do not) is kept as it is.
    static func plainLines(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var start = text.startIndex
        let utf8 = text.utf8
        // The line breaks' byte offsets, found on the contiguous UTF-8 when the string has it.
        let breaks =
            utf8.withContiguousStorageIfAvailable { bytes in bytes.indices.filter { bytes[$0] == 0x0A } }
            ?? utf8.indices.filter { utf8[$0] == 0x0A }.map { utf8.distance(from: utf8.startIndex, to: $0) }
        var next = 0
        while start < text.endIndex {
            let end = next < breaks.count ? utf8.index(utf8.startIndex, offsetBy: breaks[next]) : text.endIndex
            next += 1
            let raw = text[start..<end]
            let scalars = raw.unicodeScalars
            let kept =
                scalars.first.map { !$0.properties.isWhitespace } == true
                    && scalars.last.map { !$0.properties.isWhitespace } == true
                ? raw : Substring(raw.trimmingSpaces)
            if !kept.isEmpty {
                if !out.isEmpty { out += "\n" }
                out += kept
            }
            start = end < text.endIndex ? utf8.index(after: end) : end
        }
        return out
    }

    /// A line without its Markdown block marks (`## `, `> `) and inline marks (`**`, `__`, `` ` ``, `[text](url)`).
    static func withoutMarkdown(_ line: Substring) -> String {
        var rest = line.drop { $0 == " " || $0 == "\t" }
        // A heading mark: one to six `#`, then a space or the end (`#平潭…` from a converter that dropped the space).
        let hashes = rest.prefix { $0 == "#" }.count
        if hashes > 0 && hashes <= 6 { rest = rest.dropFirst(hashes).drop { $0 == " " } }
        while rest.hasPrefix(">") { rest = rest.dropFirst().drop { $0 == " " } }
        var out = String(rest)
        // Byte checks first: Foundation's substring search dominated loading a report's prose.
        let bytes = out.utf8
        for (mark, byte) in [("**", UInt8(ascii: "*")), ("__", UInt8(ascii: "_")), ("`", UInt8(ascii: "`"))]
        where bytes.contains(byte) {
            out = out.replacingAll(mark, with: "")
        }
        guard out.utf8.contains(UInt8(ascii: "[")) else { return out }
        // Links and images: `[text](url)` → text; `![alt](url)` → nothing.
        while let open = out.firstIndex(of: "["), let close = out[open...].firstIndex(of: "]"),
            out.index(after: close) < out.endIndex, out[out.index(after: close)] == "(",
            let end = out[close...].firstIndex(of: ")")
        {
            let isImage = open > out.startIndex && out[out.index(before: open)] == "!"
            let label = isImage ? "" : String(out[out.index(after: open)..<close])
            let start = isImage ? out.index(before: open) : open
            out.replaceSubrange(start...end, with: label)
        }
        return out
    }

    /// Without `<tag …>`, `</tag>`, `<br/>` and `<!-- … -->` (a `<` not opening a tag stays); `&nbsp;` and the like
    /// become their character.
    static func withoutTags(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == "<", let end = tagEnd(s, from: i) {
                i = end
                continue
            }
            if s[i] == "&", let (scalar, end) = entity(s, from: i) {
                out.append(scalar)
                i = end
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    /// Where a tag opening at `i` ends (past its `>`), if it is one: a letter or `/`/`!` after `<`, no `<` or line
    /// break before the `>`.
    static func tagEnd(_ s: [Unicode.Scalar], from i: Int) -> Int? {
        guard i + 1 < s.count else { return nil }
        let next = s[i + 1]
        guard next.isASCII && (next.properties.isAlphabetic || next == "/" || next == "!") else { return nil }
        var k = i + 1
        while k < s.count, s[k] != ">", s[k] != "<", s[k] != "\n", k - i < 2048 { k += 1 }
        return k < s.count && s[k] == ">" ? k + 1 : nil
    }

    /// The character of an entity (`&nbsp;`, `&ldquo;`, `&#x4E00;`) starting at `i`, and where it ends; the names
    /// are ``HTMLReader/entity(named:)``'s, the one table of them.
    static func entity(_ s: [Unicode.Scalar], from i: Int) -> (Unicode.Scalar, Int)? {
        var k = i + 1
        var name = ""
        while k < s.count, k - i <= 8, s[k].isASCII,
            s[k].properties.isAlphabetic || s[k] == "#" || ("0"..."9").contains(s[k])
        {
            name.unicodeScalars.append(s[k])
            k += 1
        }
        guard k < s.count, s[k] == ";", let scalar = HTMLReader.entity(named: name) else { return nil }
        return (scalar, k + 1)
    }

    /// Without LaTeX commands and their grouping braces: `\bfseries X` → `X`, `\textbf{X}` → `X`, `\zihao{3}` → ``,
    /// `\%` → `%`, `\\` → a line break, `~` → a space. A backslash not followed by a letter or a special stays.
    static func withoutLaTeX(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        var sawCommand = false
        func isLetter(_ c: Unicode.Scalar) -> Bool { c.isASCII && c.properties.isAlphabetic }
        while i < s.count {
            let c = s[i]
            guard c == "\\", i + 1 < s.count else {
                out.append(c)
                i += 1
                continue
            }
            let next = s[i + 1]
            if "%&_#${}".unicodeScalars.contains(next) {
                out.append(next)
                i += 2
                continue
            }
            if next == "\\" {
                out.append("\n")
                i += 2
                continue
            }
            guard isLetter(next) else {
                out.append(c)
                i += 1
                continue
            }
            sawCommand = true
            var k = i + 1
            var name = ""
            while k < s.count, isLetter(s[k]) {
                name.unicodeScalars.append(s[k])
                k += 1
            }
            if name == "par" { out.append("\n") }
            // An optional argument, then (for layout commands) the braced arguments.
            if k < s.count, s[k] == "[", let close = s[k...].firstIndex(of: "]") { k = close + 1 }
            if layoutCommands.contains(name) {
                while k < s.count, s[k] == "{", let close = matchingBrace(s, from: k) { k = close + 1 }
            }
            // The space ending a command name is not text.
            while k < s.count, s[k] == " " { k += 1 }
            i = k
        }
        guard sawCommand else { return s }
        // Grouping braces and ties of a LaTeX text are markup too.
        return out.compactMap { $0 == "{" || $0 == "}" ? nil : $0 == "~" ? " " : $0 }
    }

    static func matchingBrace(_ s: [Unicode.Scalar], from open: Int) -> Int? {
        var depth = 0
        var k = open
        while k < s.count {
            if s[k] == "{" {
                depth += 1
            } else if s[k] == "}" {
                depth -= 1
                if depth == 0 { return k }
            }
            k += 1
        }
        return nil
    }
}

extension String {
    /// Every occurrence of `target` replaced.
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
