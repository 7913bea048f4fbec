/// A cell of an HTML table row placed in the table's grid, after `colspan`/`rowspan` expansion.
struct HTMLGridCell {
    /// The text of the source cell (for a rowspan continuation, the text of the cell in the row it starts in).
    var text: SourceText
    /// First grid column it covers.
    var column: Int
    /// Grid columns it covers.
    var span: Int
    /// Rows it covers, counting the row it starts in.
    var rowSpan: Int
    /// The source cell starts in a row above and reaches into this one (`rowspan`).
    var continued: Bool
    /// Where the source cell starts: its `<td>` (its text may be empty).
    var origin: SourcePlace

    var end: Int { column + span }
}

/// Expands the rows of a table (HTML, or a Word document's) into a rectangular grid, as a browser lays it out.
///
/// Each row of the result lists, in column order, every source cell that covers part of the row: its own cells and the
/// cells reaching down from rows above. Grid slots no cell covers are simply absent (a row cut short).
enum HTMLGrid {
    /// A cell as written: its text, spans and `<td>` place.
    struct SourceCell {
        var text: SourceText
        var colspan: Int
        var rowspan: Int
        var origin: SourcePlace
    }

    /// The HTML limit for `colspan` is 1000; report tables never come near, so a smaller cap bounds hostile input.
    static let maxColspan = 256

    /// The grid rows and the grid width (columns).
    static func expand(_ rows: [[SourceCell]]) -> (rows: [[HTMLGridCell]], width: Int) {
        // For each grid column, the cell reaching down into the next row and how many more rows it covers.
        var spill: [(cell: HTMLGridCell, left: Int)?] = []
        var result: [[HTMLGridCell]] = []
        result.reserveCapacity(rows.count)
        var width = 0
        for (r, cells) in rows.enumerated() {
            var out: [HTMLGridCell] = []
            out.reserveCapacity(cells.count + 2)
            var x = 0
            func takeContinuations(upTo limit: Int) {
                while x < limit, x < spill.count, let s = spill[x], s.left > 0 {
                    var cell = s.cell
                    cell.continued = true
                    out.append(cell)
                    x = Swift.max(x + 1, cell.end)
                }
            }
            for source in cells {
                // Skip the slots taken by cells from rows above.
                while x < spill.count, let s = spill[x], s.left > 0 { takeContinuations(upTo: s.cell.end) }
                let span = Swift.min(Swift.max(source.colspan, 1), maxColspan)
                // rowspan=0 means "to the end of the table"; never beyond the rows there are.
                let remaining = rows.count - r
                let down = source.rowspan <= 0 ? remaining : Swift.min(source.rowspan, remaining)
                let cell = HTMLGridCell(
                    text: source.text, column: x, span: span, rowSpan: down, continued: false, origin: source.origin)
                out.append(cell)
                if down > 1 {
                    if spill.count < x + span {
                        spill.append(contentsOf: repeatElement(nil, count: x + span - spill.count))
                    }
                    for k in x..<(x + span) { spill[k] = (cell, down) }
                }
                x += span
            }
            // Cells from above after the row's last own cell.
            while x < spill.count {
                if let s = spill[x], s.left > 0 { takeContinuations(upTo: spill.count) } else { x += 1 }
            }
            width = Swift.max(width, out.last?.end ?? 0)
            // One row fewer for every cell reaching down.
            for k in spill.indices {
                guard let s = spill[k] else { continue }
                spill[k] = s.left > 1 ? (s.cell, s.left - 1) : nil
            }
            result.append(out)
        }
        return (result, width)
    }

    /// The rows of table number `table` as source blocks, each with its cells placed in the table's grid: what the
    /// importer reads of a table, whichever markup it came from (HTML `<table>`, Word `<w:tbl>`).
    static func blocks(_ rows: [[SourceCell]], places rowPlaces: [SourcePlace], table: Int) -> [SourceBlock] {
        let grid = expand(rows)
        var blocks: [SourceBlock] = []
        blocks.reserveCapacity(rows.count)
        for (r, cells) in rows.enumerated() {
            var joined: [Unicode.Scalar] = []
            var places: [SourcePlace] = []
            for cell in cells {
                joined.append(contentsOf: cell.text.scalars)
                joined.append(" ")
                for k in 0...cell.text.scalars.count { places.append(cell.text.place(at: k)) }
            }
            blocks.append(
                SourceBlock(
                    text: SourceText(scalars: ScalarLine(joined), start: rowPlaces[r], places: places),
                    cells: cells.map(\.text), grid: grid.rows[r], gridTable: table))
        }
        return blocks
    }
}
