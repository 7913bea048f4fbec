/// A small, tolerant HTML reader: paragraphs become text blocks and `<tr>` rows become table rows with their cells.
///
/// It copes with what government sites publish: Word-exported markup (`<o:p>`, `mso-` styles), unclosed `<p>`/`<td>`,
/// entities (`&nbsp;`, `&#20013;`), comments, scripts and styles. Each `<table>` is expanded into a grid
/// (``HTMLGrid``: `colspan`/`rowspan` as a browser lays them out), so the importer maps value cells by grid column.
/// A table holding another table is page layout: its cells are read as text.
///
/// One pass over the scalars: a tag's name is recognised from its scalars (``Tag``), never made a string, and its
/// attributes are read where they lie; the source lines are views into the text.
enum HTMLReader {
    /// The blocks of an HTML text already folded by ``SourceDocument/fold(_:)`` (as the decoder returns it).
    static func document(_ text: [Unicode.Scalar]) -> SourceDocument {
        var reader = Reader(text)
        reader.run()
        return SourceDocument(blocks: reader.blocks, lines: reader.lines, markupTitle: reader.metaTitle ?? reader.title)
    }

    /// The tags the reader acts on; any other name is ``other``.
    enum Tag: Equatable {
        case script, style, title, meta, table, tr, td, th
        /// A tag that ends a paragraph (`p`, `div`, `br`, `li`, `h1`…).
        case block
        case other

        /// The tags by name: those with a role of their own, then the block tags.
        static let names: [(name: String, tag: Tag)] =
            [
                ("script", .script), ("style", .style), ("title", .title), ("meta", .meta), ("table", .table),
                ("tr", .tr), ("td", .td), ("th", .th),
            ]
            + [
                "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tbody", "thead", "tfoot",
                "section", "article", "header", "footer", "blockquote", "center", "hr", "dd", "dt", "dl", "pre",
                "caption",
            ].map { ($0, Tag.block) }

        /// The tags by the key of their name (``code(_:)`` of each scalar, 6 bits each), sorted by key.
        static let byKey: [(key: UInt64, tag: Tag)] = names.map { entry in
            (entry.name.unicodeScalars.reduce(UInt64(0)) { $0 &* 64 &+ UInt64(code($1)) }, entry.tag)
        }.sorted { $0.key < $1.key }

        /// The tag whose name has `key`, ``other`` for any other (a binary search: a handful of comparisons).
        static func named(_ key: UInt64) -> Tag {
            var low = 0
            var high = byKey.count
            while low < high {
                let mid = (low + high) / 2
                if byKey[mid].key < key { low = mid + 1 } else { high = mid }
            }
            return low < byKey.count && byKey[low].key == key ? byKey[low].tag : .other
        }

        /// The code of a lowercased name scalar (`a`–`z`, `0`–`9`, `:`), 0 for any other: a name holding such a
        /// scalar, or longer than 10, is no tag the reader knows.
        static func code(_ c: Unicode.Scalar) -> Int {
            switch c.value {
            case 0x61...0x7A: Int(c.value - 0x61) + 1
            case 0x30...0x39: Int(c.value - 0x30) + 27
            case 0x3A: 37
            default: 0
            }
        }
    }

    private struct Reader {
        let s: [Unicode.Scalar]
        var i = 0
        var line: Int32 = 1
        var lineStart = 0
        var lines: [ScalarLine] = []
        var blocks: [SourceBlock] = []
        var title: String?
        var metaTitle: String?
        // The text being gathered: a paragraph, or the cell of the open row.
        var buffer: [Unicode.Scalar] = []
        var places: [SourcePlace] = []
        var row: [HTMLGrid.SourceCell]?
        var rowPlace = SourcePlace(line: 1, offset: 0)
        var inCell = false
        /// The open cell's `colspan`, `rowspan` and `<td>` place.
        var cellSpans = (colspan: 1, rowspan: 1)
        var cellPlace = SourcePlace(line: 1, offset: 0)
        /// The open tables, innermost last: their rows so far, and whether a nested table made one page layout.
        var tables: [(rows: [[HTMLGrid.SourceCell]], rowPlaces: [SourcePlace], layout: Bool)] = []
        var tableCount = 0
        /// Where block tags (`<p>`, `<br>`) fell in the open cell's text: paragraph ends, should the cell be layout.
        var cellBreaks: [Int] = []
        var inLayout: Bool { tables.last?.layout == true }

        /// Where each line break is: the source lines, made when the text is read.
        var breaks: [Int] = []
        /// A `\r` was passed: lines may hold one, which a line does not keep.
        var sawReturn = false

        init(_ text: [Unicode.Scalar]) { s = text }

        var place: SourcePlace { SourcePlace(line: line, offset: Int32(i - lineStart)) }

        mutating func advance() {
            let c = s[i]
            if c.value <= 0x0D { pass(c, at: i) }
            i += 1
        }

        /// Notes a line break or a `\r` at `k`.
        mutating func pass(_ c: Unicode.Scalar, at k: Int) {
            if c == "\n" {
                line += 1
                lineStart = k + 1
                breaks.append(k)
            } else if c == "\r" {
                sawReturn = true
            }
        }

        /// After a scan noted its line breaks in ``breaks``: the line and its start.
        mutating func followBreaks() {
            line = Int32(breaks.count + 1)
            lineStart = breaks.last.map { $0 + 1 } ?? 0
        }

        /// The source lines without their line breaks, as views into the text; a line holding a `\r` is copied
        /// without it, unless it is the last scalar.
        func sourceLines() -> [ScalarLine] {
            var lines: [ScalarLine] = []
            lines.reserveCapacity(breaks.count + 1)
            var start = 0
            for end in breaks + [s.count] {
                var last = end
                if sawReturn && last > start && s[last - 1] == "\r" { last -= 1 }
                if sawReturn && s[start..<last].contains("\r") {
                    lines.append(ScalarLine(s[start..<last].filter { $0 != "\r" }))
                } else {
                    lines.append(ScalarLine(s, start..<last))
                }
                start = end + 1
            }
            return lines
        }

        mutating func run() {
            while i < s.count {
                if s[i] == "<" {
                    readMarkup()
                } else if s[i] == "&" {
                    let at = place
                    let decoded = readEntity()
                    append(decoded, at)
                } else {
                    let c = s[i]
                    let at = place
                    advance()
                    append(c == "\n" || c == "\r" || c == "\t" ? " " : c, at)
                }
            }
            endRow()
            while !tables.isEmpty { endTable() }
            flushText()
            lines = sourceLines()
        }

        mutating func append(_ c: Unicode.Scalar, _ at: SourcePlace) {
            if c == " " && (buffer.isEmpty || buffer.last == " ") { return }
            buffer.append(c)
            places.append(at)
        }

        mutating func takeBuffer() -> SourceText? {
            while buffer.last == " " {
                buffer.removeLast()
                places.removeLast()
            }
            defer {
                cellBreaks.removeAll(keepingCapacity: true)
                buffer.removeAll(keepingCapacity: true)
                places.removeAll(keepingCapacity: true)
            }
            guard let first = places.first else { return nil }
            return SourceText(scalars: ScalarLine(buffer), start: first, places: places)
        }

        mutating func flushText() {
            guard !inCell, row == nil, let text = takeBuffer() else { return }
            blocks.append(SourceBlock(text: text, cells: nil))
        }

        mutating func endCell() {
            guard inCell else { return }
            inCell = false
            let text = takeBuffer() ?? SourceText(scalars: ScalarLine([]), start: cellPlace, places: nil)
            row?.append(
                HTMLGrid.SourceCell(
                    text: text, colspan: cellSpans.colspan, rowspan: cellSpans.rowspan, origin: cellPlace))
        }

        mutating func endRow() {
            endCell()
            guard let cells = row else { return }
            row = nil
            if tables.isEmpty { tables.append(([], [], false)) }  // a `<tr>` outside any `<table>`
            tables[tables.count - 1].rows.append(cells)
            tables[tables.count - 1].rowPlaces.append(rowPlace)
        }

        /// Closes the innermost table: its rows become blocks, each with its cells placed in the table's grid.
        mutating func endTable() {
            endRow()
            guard let table = tables.popLast() else { return }
            emitRows(table.rows, places: table.rowPlaces)
        }

        mutating func emitRows(_ rows: [[HTMLGrid.SourceCell]], places rowPlaces: [SourcePlace]) {
            guard !rows.isEmpty else { return }
            tableCount += 1
            blocks.append(contentsOf: HTMLGrid.blocks(rows, places: rowPlaces, table: tableCount))
        }

        /// A table opening inside a cell: the enclosing table is page layout, and its cells are read as text from now.
        mutating func openNestedTable() {
            guard !tables.isEmpty, !inLayout else { return }
            // The cell's text so far is prose: its paragraphs become blocks again.
            var pieces: [SourceText] = []
            var from = 0
            for cut in cellBreaks + [buffer.count] where cut > from {
                let part = Array(buffer[from..<cut])
                let partPlaces = Array(places[from..<cut])
                from = cut
                guard part.contains(where: { $0 != " " }) else { continue }
                pieces.append(SourceText(scalars: ScalarLine(part), start: partPlaces[0], places: partPlaces))
            }
            buffer.removeAll(keepingCapacity: true)
            places.removeAll(keepingCapacity: true)
            cellBreaks.removeAll()
            inCell = false
            row = nil
            let outer = tables.removeLast()
            emitRows(outer.rows, places: outer.rowPlaces)
            tables.append(([], [], true))
            for piece in pieces {
                // Spaces at the ends of a paragraph are not text.
                var scalars = Array(piece.scalars)
                var piecePlaces = piece.places ?? []
                while scalars.first == " " {
                    scalars.removeFirst()
                    piecePlaces.removeFirst()
                }
                while scalars.last == " " {
                    scalars.removeLast()
                    piecePlaces.removeLast()
                }
                guard let first = piecePlaces.first else { continue }
                blocks.append(
                    SourceBlock(
                        text: SourceText(scalars: ScalarLine(scalars), start: first, places: piecePlaces), cells: nil))
            }
        }

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
                let code = Tag.code(lower)
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
            let tag = known ? Tag.named(key) : .other
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
}
