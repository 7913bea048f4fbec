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

        /// The keys of ``byKey``, apart: the search reads only them.
        static let keys = byKey.map(\.key)

        /// The tag whose name has `key`, ``other`` for any other (a binary search: a handful of comparisons, in
        /// place; every tag of a page asks).
        static func named(_ key: UInt64) -> Tag {
            let low = keys.withUnsafeBufferPointer { keys in
                var low = 0
                var high = keys.count
                while low < high {
                    let mid = (low &+ high) >> 1
                    if keys[mid] < key { low = mid &+ 1 } else { high = mid }
                }
                return low < keys.count && keys[low] == key ? low : -1
            }
            return low >= 0 ? byKey[low].tag : .other
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

    struct Reader {
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
    }
}
