/// A small, tolerant HTML reader: paragraphs become text blocks and `<tr>` rows become table rows with their cells.
///
/// It copes with what government sites publish: Word-exported markup (`<o:p>`, `mso-` styles), unclosed `<p>`/`<td>`,
/// entities (`&nbsp;`, `&#20013;`), comments, scripts and styles. Each `<table>` is expanded into a grid
/// (``HTMLGrid``: `colspan`/`rowspan` as a browser lays them out), so the importer maps value cells by grid column.
/// A table holding another table is page layout: its cells are read as text.
enum HTMLReader {
    static func document(_ text: [Unicode.Scalar]) -> SourceDocument {
        var reader = Reader(text)
        reader.run()
        return SourceDocument(blocks: reader.blocks, lines: reader.lines, markupTitle: reader.metaTitle ?? reader.title)
    }

    private static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead", "tfoot",
        "section", "article", "header", "footer", "blockquote", "center", "hr", "dd", "dt", "dl", "pre", "caption",
    ]

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

        init(_ text: [Unicode.Scalar]) {
            var scalars: [Unicode.Scalar] = []
            scalars.reserveCapacity(text.count)
            var current: [Unicode.Scalar] = []
            for scalar in text {
                let folded = SourceDocument.fold(scalar)
                scalars.append(folded)
                if scalar == "\n" {
                    lines.append(ScalarLine(current))
                    current.removeAll(keepingCapacity: true)
                } else if scalar != "\r" {
                    current.append(folded)
                }
            }
            lines.append(ScalarLine(current))
            s = scalars
        }

        var place: SourcePlace { SourcePlace(line: line, offset: Int32(i - lineStart)) }

        mutating func advance() {
            if s[i] == "\n" {
                line += 1
                lineStart = i + 1
            }
            i += 1
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
            if starts(with: "<!--") {
                skip(past: "-->")
                return
            }
            let tagPlace = place
            advance()  // <
            var closing = false
            if i < s.count && s[i] == "/" {
                closing = true
                advance()
            }
            var name = ""
            while i < s.count, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == ":" {
                name.unicodeScalars.append(s[i].properties.lowercaseMapping.unicodeScalars.first ?? s[i])
                advance()
            }
            let attributesStart = i
            var quote: Unicode.Scalar?
            while i < s.count {
                let c = s[i]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    break
                }
                advance()
            }
            let attributes = Array(s[attributesStart..<Swift.min(i, s.count)])
            if i < s.count { advance() }  // >
            if name.isEmpty { return }
            if !closing && (name == "script" || name == "style") {
                skip(past: "</\(name)")
                skip(past: ">")
                return
            }
            if !closing && name == "title" {
                let start = i
                skip(past: "</title")
                let end = Swift.max(start, i - 7)
                title = String(scalars: s[start..<end]).trimmingSpaces
                skip(past: ">")
                return
            }
            if !closing && name == "meta" {
                let text = String(scalars: attributes)
                if text.contains("ArticleTitle"), let content = attribute("content", in: text) { metaTitle = content }
                return
            }
            switch (name, closing) {
            case ("table", false):
                if inCell {
                    openNestedTable()
                } else {
                    endRow()
                    flushText()
                }
                tables.append(([], [], false))
            case ("table", true):
                endRow()
                flushText()
                if !tables.isEmpty { endTable() }
            case (_, _) where inLayout && (name == "tr" || name == "td" || name == "th"):
                flushText()
            case ("tr", false):
                flushText()
                endRow()
                row = []
                rowPlace = tagPlace
            case ("tr", true):
                endRow()
                flushText()
            case ("td", false), ("th", false):
                if row == nil {
                    flushText()
                    row = []
                    rowPlace = tagPlace
                }
                endCell()
                inCell = true
                cellPlace = tagPlace
                cellSpans = (Self.span("colspan", in: attributes), Self.span("rowspan", in: attributes))
            case ("td", true), ("th", true):
                endCell()
            default:
                if HTMLReader.blockTags.contains(name) {
                    if inCell {
                        append(" ", tagPlace)
                        if cellBreaks.last != buffer.count { cellBreaks.append(buffer.count) }
                    } else {
                        flushText()
                    }
                }
            }
        }

        /// The value of `colspan=3`, `ROWSPAN="22"`, `colspan = '2'`; 1 when absent or not a number, 0 kept (rowspan=0).
        static func span(_ key: String, in attributes: [Unicode.Scalar]) -> Int {
            let key = Array(key.unicodeScalars)
            func lower(_ c: Unicode.Scalar) -> Unicode.Scalar {
                c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 32)! : c
            }
            var i = 0
            let n = attributes.count
            while i + key.count <= n {
                // A whole attribute name: not the tail of another (`data-colspan`).
                let before: Unicode.Scalar = i == 0 ? " " : attributes[i - 1]
                guard before == " " || before == "\t" || before == "\n" || before == "\"" || before == "'",
                    (0..<key.count).allSatisfy({ lower(attributes[i + $0]) == key[$0] })
                else {
                    i += 1
                    continue
                }
                var k = i + key.count
                while k < n && (attributes[k] == " " || attributes[k] == "\t" || attributes[k] == "\n") { k += 1 }
                guard k < n, attributes[k] == "=" else {
                    i += 1
                    continue
                }
                k += 1
                while k < n
                    && (attributes[k] == " " || attributes[k] == "\t" || attributes[k] == "\n" || attributes[k] == "\""
                        || attributes[k] == "'")
                {
                    k += 1
                }
                var value = 0
                var digits = 0
                while k < n, Tokenizer.isDigit(attributes[k]), digits < 6 {
                    value = value * 10 + Int(attributes[k].value - 0x30)
                    digits += 1
                    k += 1
                }
                return digits == 0 ? 1 : value
            }
            return 1
        }

        func attribute(_ key: String, in text: String) -> String? {
            guard let range = text.firstRange(of: key + "=\"") else { return nil }
            let rest = text[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }

        func starts(with prefix: String) -> Bool {
            var k = i
            for p in prefix.unicodeScalars {
                guard k < s.count, s[k] == p || (s[k].properties.lowercaseMapping.unicodeScalars.first == p) else {
                    return false
                }
                k += 1
            }
            return true
        }

        mutating func skip(past marker: String) {
            while i < s.count && !starts(with: marker) { advance() }
            for _ in marker.unicodeScalars where i < s.count { advance() }
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
