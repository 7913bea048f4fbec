import GongkaiCore

/// Column widths for a printed table, derived from what its cells show.
///
/// Widths are in em of the table's font. Each column asks for what its own cells need: a row label on one line, a
/// label merged over several rows wrapped over them, a header on at most two lines, values on one line; all value
/// columns share the widest need so the table looks regular. Space left over on the page is shared out evenly;
/// when the needs exceed the page, the widest single-row label column gives way (it wraps), and only if that is not
/// enough does everything shrink in proportion.
struct ColumnPlan {
    /// The width of each grid column, in em.
    let widths: [Double]
    /// The estimated number of text lines of each grid row, used to centre merged cells over wrapped rows.
    let lines: [Int]

    /// Text width in em: CJK characters are 1 em, ASCII about half.
    static func ems(_ text: String) -> Double { Double(displayWidth(text)) / 2 }

    /// The narrowest a column may get, in em.
    static let minimumWidth = 2.0
    /// The most a value asks for, in em: 12 digits.
    static let maximumValueWidth = 6.0
    /// Slack added to a need so text does not touch the rules, in em.
    static let padding = 0.5

    /// Plans a grid for a line of `available` em, after the column separators (`separator` em per column).
    init(grid: TableGrid, available: Double, separator: Double, text: (GridCell) -> String) {
        let n = grid.columnCount
        var need = Array(repeating: ColumnPlan.minimumWidth, count: n)
        var wraps = Array(repeating: false, count: n)
        var valueNeed = ColumnPlan.minimumWidth
        for cell in grid.cells where cell.columnSpan == 1 {
            let width = ColumnPlan.ems(text(cell))
            let isLabelColumn = cell.column < grid.labelColumnCount
            switch cell.content {
            case .label, .header, .corner, .heading:
                if isLabelColumn {
                    // A label merged over rows may wrap over them; a single-row label asks for one line.
                    let lines = cell.rowSpan > 1 ? Double(cell.rowSpan) : 1
                    need[cell.column] = max(
                        need[cell.column],
                        max(ColumnPlan.minimumWidth, (width / lines).rounded(.up)) + ColumnPlan.padding)
                    if cell.rowSpan == 1 { wraps[cell.column] = true }
                } else {
                    valueNeed = max(valueNeed, (width / 2).rounded(.up) + ColumnPlan.padding)
                }
            case .value:
                // Numbers ask for one line; a long text value wraps instead of widening every value column.
                valueNeed = max(valueNeed, min(width, ColumnPlan.maximumValueWidth) + ColumnPlan.padding)
            }
        }
        for c in grid.labelColumnCount..<n { need[c] = valueNeed }
        let room = available - separator * Double(n)
        var widths = need
        let total = need.reduce(0, +)
        if total <= room {
            let extra = (room - total) / Double(n)
            widths = need.map { $0 + extra }
        } else if let widest = (0..<n).filter({ wraps[$0] }).max(by: { need[$0] < need[$1] }) {
            let others = total - need[widest]
            widths[widest] = max(room - others, 6)
        }
        let planned = widths.reduce(0, +)
        if planned > room { widths = widths.map { $0 * room / planned } }
        self.widths = widths

        // Lines per row: the most any single-row cell of the row needs at its planned width.
        var lines = Array(repeating: 1, count: grid.rowCount)
        for cell in grid.cells where cell.rowSpan == 1 {
            let span = cell.column..<(cell.column + cell.columnSpan)
            let width = span.reduce(0) { $0 + widths[$1] } + separator * Double(cell.columnSpan - 1)
            let needed = Int((ColumnPlan.ems(text(cell)) / max(width, 0.5)).rounded(.up))
            lines[cell.row] = max(lines[cell.row], needed)
        }
        self.lines = lines
    }
}
