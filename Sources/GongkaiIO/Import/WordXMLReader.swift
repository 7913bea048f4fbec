/// Reads the body of `word/document.xml` into paragraphs and table grids (see ``WordDocument``).
///
/// A small tolerant scanner, not a validating parser: it knows the WordprocessingML elements a report's text lives in —
/// `w:p`, `w:t`, `w:tab`, `w:br`, `w:tbl`, `w:tr`, `w:tc`, `w:gridSpan`, `w:vMerge`, `w:gridBefore` — and ignores the
/// rest; deleted text, field codes and the fallback copies of text boxes (`mc:Fallback`) are skipped.
struct WordXMLReader {
    let s: [Unicode.Scalar]
    var i = 0
    /// Every paragraph's text, in document order: "line" N of a place is paragraph N.
    var lines: [ScalarLine] = []
    var blocks: [SourceBlock] = []
    var tableCount = 0

    /// A table cell as written, before `vMerge` becomes a row span.
    struct Cell {
        var text: SourceText
        var gridSpan = 1
        var vMerge: Merge = .none
        var origin: SourcePlace
    }

    enum Merge { case none, restart, proceed }

    /// An open table: its rows, where each starts, the open row and cell.
    struct Table {
        var rows: [[Cell]] = []
        var rowPlaces: [SourcePlace] = []
        var row: [Cell]?
        var rowPlace = SourcePlace(line: 1, offset: 0)
        var gridBefore = 0
        /// The open cell's paragraphs and properties.
        var cell: (paragraphs: [SourceText], gridSpan: Int, vMerge: Merge)?
    }

    var tables: [Table] = []
    /// The open paragraphs' text (a text box's paragraph opens inside another).
    var paragraphs: [[Unicode.Scalar]] = []
    /// Inside `<w:t>`: its characters are text.
    var inText = false

    init(_ xml: [Unicode.Scalar]) { s = xml }

    /// The place a paragraph about to close will have.
    var nextParagraphPlace: SourcePlace { SourcePlace(line: Int32(lines.count + 1), offset: 0) }

    mutating func run() {
        while i < s.count {
            if s[i] == "<" {
                readMarkup()
            } else if s[i] == "&" {
                let c = readEntity()
                if inText { appendText(c) }
            } else {
                if inText { appendText(SourceDocument.fold(s[i])) }
                i += 1
            }
        }
        while !paragraphs.isEmpty { endParagraph() }
        while !tables.isEmpty { endTable() }
    }

    mutating func appendText(_ c: Unicode.Scalar) {
        guard !paragraphs.isEmpty else { return }
        paragraphs[paragraphs.count - 1].append(c == "\n" || c == "\r" || c == "\t" ? " " : c)
    }

    mutating func endParagraph() {
        guard let text = paragraphs.popLast() else { return }
        let place = nextParagraphPlace
        lines.append(ScalarLine(text))
        let source = SourceText(scalars: ScalarLine(text), start: place, places: nil)
        if !tables.isEmpty, tables[tables.count - 1].cell != nil {
            tables[tables.count - 1].cell?.paragraphs.append(source)
        } else if text.contains(where: { $0 != " " }) {
            blocks.append(SourceBlock(text: source, cells: nil))
        }
    }

    mutating func endCell() {
        guard !tables.isEmpty, let open = tables[tables.count - 1].cell else { return }
        tables[tables.count - 1].cell = nil
        // The cell's paragraphs, joined by a space, each scalar keeping its paragraph place.
        let filled = open.paragraphs.filter { !$0.scalars.isEmpty }
        let origin = open.paragraphs.first?.start ?? nextParagraphPlace
        var text = SourceText(scalars: ScalarLine([]), start: origin, places: nil)
        if filled.count == 1 {
            text = filled[0]
        } else if filled.count > 1 {
            var scalars: [Unicode.Scalar] = []
            var places: [SourcePlace] = []
            for paragraph in filled {
                if !scalars.isEmpty {
                    scalars.append(" ")
                    places.append(places[places.count - 1])
                }
                for k in 0..<paragraph.scalars.count {
                    scalars.append(paragraph.scalars[k])
                    places.append(paragraph.place(at: k))
                }
            }
            text = SourceText(scalars: ScalarLine(scalars), start: places[0], places: places)
        }
        if tables[tables.count - 1].row == nil { startRow() }
        tables[tables.count - 1].row?.append(
            Cell(text: text, gridSpan: open.gridSpan, vMerge: open.vMerge, origin: origin))
    }

    mutating func startRow() {
        tables[tables.count - 1].row = []
        tables[tables.count - 1].rowPlace = nextParagraphPlace
        tables[tables.count - 1].gridBefore = 0
    }

    mutating func endRow() {
        endCell()
        guard !tables.isEmpty, var row = tables[tables.count - 1].row else { return }
        tables[tables.count - 1].row = nil
        let before = tables[tables.count - 1].gridBefore
        // Grid columns skipped before the first cell: an empty cell of that width keeps the others in their columns.
        if before > 0 {
            let place = tables[tables.count - 1].rowPlace
            row.insert(
                Cell(
                    text: SourceText(scalars: ScalarLine([]), start: place, places: nil), gridSpan: before,
                    origin: place), at: 0)
        }
        tables[tables.count - 1].rows.append(row)
        tables[tables.count - 1].rowPlaces.append(tables[tables.count - 1].rowPlace)
    }

    /// Closes the innermost table: `vMerge` runs become row spans, and the rows become blocks in the table's grid.
    mutating func endTable() {
        endRow()
        guard let table = tables.popLast(), !table.rows.isEmpty else { return }
        tableCount += 1
        blocks.append(
            contentsOf: HTMLGrid.blocks(Self.sourceCells(table.rows), places: table.rowPlaces, table: tableCount))
    }

    /// The rows as HTML-style cells: a `restart` cell spans down over the `continue` cells starting in its grid column
    /// in the rows below, which are dropped; a `continue` cell with nothing to continue stays a cell of its own.
    static func sourceCells(_ rows: [[Cell]]) -> [[HTMLGrid.SourceCell]] {
        // The grid column each cell starts in.
        let starts: [[Int]] = rows.map { row in
            var x = 0
            return row.map { cell in
                defer { x += Swift.min(Swift.max(cell.gridSpan, 1), HTMLGrid.maxColspan) }
                return x
            }
        }
        var dropped = rows.map { [Bool](repeating: false, count: $0.count) }
        var result: [[HTMLGrid.SourceCell]] = []
        result.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            var out: [HTMLGrid.SourceCell] = []
            for (c, cell) in row.enumerated() where !dropped[r][c] {
                var down = 1
                if cell.vMerge == .restart {
                    var below = r + 1
                    while below < rows.count,
                        let k = starts[below].firstIndex(of: starts[r][c]), rows[below][k].vMerge == .proceed
                    {
                        dropped[below][k] = true
                        down += 1
                        below += 1
                    }
                }
                out.append(
                    HTMLGrid.SourceCell(text: cell.text, colspan: cell.gridSpan, rowspan: down, origin: cell.origin))
            }
            result.append(out)
        }
        return result
    }

    // MARK: Markup

    /// Reads `<…>`: an element start, end or empty element; comments and processing instructions are skipped.
    mutating func readMarkup() {
        if starts(with: "<!--") {
            skip(past: "-->")
            return
        }
        if starts(with: "<?") || starts(with: "<!") {
            skip(past: ">")
            return
        }
        i += 1
        var closing = false
        if i < s.count && s[i] == "/" {
            closing = true
            i += 1
        }
        let nameStart = i
        while i < s.count, s[i] != " ", s[i] != ">", s[i] != "/", s[i] != "\t", s[i] != "\n", s[i] != "\r" { i += 1 }
        let name = String(scalars: s[nameStart..<i])
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
            i += 1
        }
        let selfClosing = i > attributesStart && s[i - 1] == "/"
        let attributes = s[attributesStart..<Swift.min(i, s.count)]
        if i < s.count { i += 1 }  // >
        if closing {
            end(name)
        } else {
            start(name, attributes: attributes)
            if selfClosing { end(name) }
        }
    }

    mutating func start(_ name: String, attributes: ArraySlice<Unicode.Scalar>) {
        switch name {
        case "mc:Fallback":
            // The same content again, for older readers.
            skip(past: "</mc:Fallback")
            skip(past: ">")
        case "w:delText", "w:instrText":
            skip(past: "</" + name)
            skip(past: ">")
        case "w:p": paragraphs.append([])
        case "w:t": inText = true
        case "w:tab", "w:br", "w:cr": appendText(" ")
        case "w:noBreakHyphen", "w:softHyphen": appendText("-")
        case "w:tbl":
            while !paragraphs.isEmpty && tables.last?.cell == nil { endParagraph() }
            tables.append(Table())
        case "w:tr" where !tables.isEmpty:
            endRow()
            startRow()
        case "w:tc" where !tables.isEmpty:
            endCell()
            if tables[tables.count - 1].row == nil { startRow() }
            tables[tables.count - 1].cell = ([], 1, .none)
        case "w:gridSpan" where tables.last?.cell != nil:
            tables[tables.count - 1].cell?.gridSpan = Swift.max(1, Self.number(Self.value(attributes)) ?? 1)
        case "w:vMerge" where tables.last?.cell != nil:
            let value = Self.value(attributes)
            tables[tables.count - 1].cell?.vMerge = value == "restart" ? .restart : .proceed
        case "w:gridBefore" where tables.last?.row != nil:
            tables[tables.count - 1].gridBefore = Swift.min(
                HTMLGrid.maxColspan, Self.number(Self.value(attributes)) ?? 0)
        default: break
        }
    }

    mutating func end(_ name: String) {
        switch name {
        case "w:t": inText = false
        case "w:p": endParagraph()
        case "w:tc": endCell()
        case "w:tr": endRow()
        case "w:tbl" where !tables.isEmpty: endTable()
        default: break
        }
    }

    /// The `w:val` attribute of an element, if any.
    static func value(_ attributes: ArraySlice<Unicode.Scalar>) -> String? {
        let text = String(scalars: attributes)
        guard let range = text.range(of: "w:val=") else { return nil }
        let rest = text[range.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let body = rest.dropFirst()
        return String(body.prefix { $0 != quote })
    }

    /// A small positive number (spans), nil for anything else.
    static func number(_ text: String?) -> Int? {
        guard let text, !text.isEmpty, text.count <= 6, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        return Int(text)
    }

    func starts(with prefix: String) -> Bool {
        var k = i
        for p in prefix.unicodeScalars {
            guard k < s.count, s[k] == p else { return false }
            k += 1
        }
        return true
    }

    mutating func skip(past marker: String) {
        while i < s.count && !starts(with: marker) { i += 1 }
        i = Swift.min(s.count, i + marker.unicodeScalars.count)
    }

    /// Decodes `&lt;`, `&amp;`, `&#20013;`, `&#x4E2D;`; anything else stays a `&`.
    mutating func readEntity() -> Unicode.Scalar {
        var k = i + 1
        var name = ""
        while k < s.count, k - i <= 10, s[k] != ";" {
            name.unicodeScalars.append(s[k])
            k += 1
        }
        guard k < s.count, s[k] == ";" else {
            i += 1
            return "&"
        }
        guard let decoded = HTMLReader.entity(named: name) else {
            i += 1
            return "&"
        }
        i = k + 1
        return SourceDocument.fold(decoded)
    }
}
