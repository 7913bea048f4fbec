import GongkaiCore

// The rows of a table region as candidates: text lines, HTML/Word grid rows, Markdown pipe rows.
extension ReportReader {
    // MARK: Candidates

    /// Groups the numbers of a region into row candidates.
    mutating func candidates(from start: BlockPlace, to end: BlockPlace) -> [RowCandidate] {
        var result: [RowCandidate] = []
        var pending: [Unicode.Scalar] = []
        var current: RowCandidate?
        var currentIsColumn = false  // the current run is one value per line (a copied Word table)
        var tokens: [Token] = []
        var closedCells = 0  // cells in `result`
        func close() {
            if let c = current {
                result.append(c)
                closedCells += c.cells.count
            }
            current = nil
        }
        var b = start.block
        while b <= end.block && b < document.blocks.count {
            defer { b += 1 }
            if isPageNumber[b] { continue }
            if closedCells + (current?.cells.count ?? 0) > ImportLimits.maxRegionValues {
                // A table holds a few hundred values; this region is not one table. What follows is not read.
                let place = document.blocks[b].text.place(at: 0)
                issues.append(
                    ImportIssue(
                        code: "I116",
                        severity: .warning,
                        "more than \(ImportLimits.maxRegionValues) numbers under one table heading; the rest of the table region "
                            + "from here is not read",
                        line: Int(place.line), column: document.characterColumn(place), damage: .searchCapped))
                break
            }
            let from = b == start.block ? start.offset : 0
            let to = b == end.block ? end.offset : Int.max
            if let cells = document.blocks[b].cells {
                let block = document.blocks[b]
                guard from == 0 else { continue }
                close()
                pending.removeAll()
                if let grid = block.grid {
                    if let row = gridCandidate(grid, table: block.gridTable) {
                        result.append(row)
                        closedCells += row.cells.count
                    }
                } else if let row = structuredCandidate(cells) {
                    result.append(row)
                    closedCells += row.cells.count
                }
                continue
            }
            let text = document.blocks[b].text
            Tokenizer.tokens(
                text.scalars, from: from, to: to, limit: 2 * ImportLimits.maxRegionValues + 2, into: &tokens)
            if tokens.isEmpty { continue }
            // A report never ends on a table number; a file that does was cut inside it.
            if b == document.blocks.count - 1, document.endsMidLine, let last = tokens.last, last.kind == .number,
                last.end >= text.scalars.count - 1
            {
                tokens.removeLast()
                issues.append(
                    ImportIssue(
                        code: "I110",
                        severity: .warning,
                        "the file ends inside the number '\(String(scalars: last.scalars))' (truncated?); it is not used",
                        line: Int(text.place(at: last.offset).line),
                        column: document.characterColumn(text.place(at: last.offset)), damage: .truncated))
                if tokens.isEmpty { continue }
            }
            var numbers = 0
            for token in tokens where token.kind != .text { numbers += 1 }
            let isColumnLine = tokens.count == 1 && numbers == 1
            if numbers == 1 { singleValueLines += 1 } else if numbers > 1 { multiValueLines += 1 }
            if current != nil && !(currentIsColumn && isColumnLine) { close() }
            for token in tokens {
                if token.kind == .text {
                    close()
                    noteUnreadableText(token, in: text, after: pending)
                    for k in token.offset..<token.end {
                        if let folded = LabelText.fold(text.scalars[k]) { pending.append(folded) }
                    }
                    continue
                }
                if current == nil {
                    current = RowCandidate(label: pending, structured: false, cells: [])
                    current?.cells.reserveCapacity(8)
                    pending.removeAll(keepingCapacity: true)
                    currentIsColumn = isColumnLine
                }
                if token.glued { sawGluedRuns = true }
                current?.cells.append(
                    CellToken(
                        isBlank: token.kind == .blank, digits: token.scalars, place: text.place(at: token.offset),
                        note: token.note, glued: token.glued))
            }
        }
        close()
        RowCandidate.assignGridColumns(&result)
        return result
    }

    /// An HTML table row in its grid: label cells, then value cells with their grid columns. A label cell reaching
    /// down from a row above (`三、本年度办理结果`, rowspan 22) separates label and values but is not this row's label.
    func gridCandidate(_ grid: [HTMLGridCell], table: Int) -> RowCandidate? {
        var label: [Unicode.Scalar] = []
        var values: [CellToken] = []
        for cell in grid {
            let tokens = Tokenizer.tokens(cell.text.scalars)
            let spot = CellToken.GridSpot(
                column: cell.column, span: cell.span, rows: cell.rowSpan, continued: cell.continued)
            if tokens.isEmpty || (tokens.count == 1 && tokens[0].kind == .blank) {
                let place = tokens.first.map { cell.text.place(at: $0.offset) } ?? cell.origin
                values.append(
                    CellToken(
                        isBlank: true, digits: tokens.first?.scalars ?? [], place: place, note: nil, glued: false,
                        grid: spot))
            } else if tokens.count == 1 && tokens[0].kind == .number {
                let t = tokens[0]
                values.append(
                    CellToken(
                        isBlank: false, digits: t.scalars, place: cell.text.place(at: t.offset), note: t.note,
                        glued: false, grid: spot))
            } else if !cell.continued, Self.isUnreadableValue(cell.text.scalars, after: values) {
                var token = Self.unreadable(cell.text.scalars, place: cell.text.place(at: tokens.first?.offset ?? 0))
                token.grid = spot
                values.append(token)
            } else {
                if !cell.continued { label.append(contentsOf: LabelText.normalized(cell.text.scalars)) }
                values.removeAll()
            }
        }
        guard !values.isEmpty, !label.isEmpty || values.contains(where: \.hasContent) else { return nil }
        return RowCandidate(label: label, structured: true, cells: values, gridTable: table)
    }

    /// A table row: label cells, then value cells (everything after the last label cell).
    func structuredCandidate(_ cells: [SourceText]) -> RowCandidate? {
        var label: [Unicode.Scalar] = []
        var values: [CellToken] = []
        for cell in cells {
            let tokens = Tokenizer.tokens(cell.scalars)
            if tokens.isEmpty || (tokens.count == 1 && tokens[0].kind == .blank) {
                let offset = tokens.first?.offset ?? 0
                values.append(
                    CellToken(
                        isBlank: true, digits: tokens.first?.scalars ?? [], place: cell.place(at: offset), note: nil,
                        glued: false))
            } else if tokens.count == 1 && tokens[0].kind == .number {
                let t = tokens[0]
                values.append(
                    CellToken(
                        isBlank: false, digits: t.scalars, place: cell.place(at: t.offset), note: t.note, glued: false))
            } else if Self.isUnreadableValue(cell.scalars, after: values)
                || (!label.isEmpty && plan.namesRow(label) && !plan.namesRow(LabelText.normalized(cell.scalars)))
            {
                // Text after the cell naming the row (`| 一、本年新收… | 无数据 | 2 |`) is where the row's first value goes.
                values.append(Self.unreadable(cell.scalars, place: cell.place(at: tokens.first?.offset ?? 0)))
            } else {
                label.append(contentsOf: LabelText.normalized(cell.scalars))
                values.removeAll()
            }
        }
        // A row of label and empty cells may be a data row left blank (`行政许可 | &nbsp;`) or a header row: it is kept,
        // but only a label can place it (see ``RowCandidate/hasContent``).
        guard !values.isEmpty, !label.isEmpty || values.contains(where: \.hasContent) else { return nil }
        return RowCandidate(label: label, structured: true, cells: values)
    }
}
