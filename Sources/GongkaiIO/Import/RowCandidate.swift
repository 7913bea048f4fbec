/// A number or blank cell read from the source, with its place.
struct CellToken {
    var isBlank: Bool
    /// The digits as printed (thousands separators dropped), or the blank mark.
    var digits: [Unicode.Scalar]
    var place: SourcePlace
    /// An annotation or unit printed with the number.
    var note: String?
    /// Touches the label text before it: a run that may hold several cells.
    var glued: Bool
    /// Where an HTML cell lies in its table's grid.
    var grid: GridSpot? = nil
    /// Why the cell cannot be read although the row was placed (no cell in that column, a value spanning columns).
    var problem: String? = nil
    /// The kind of damage ``problem`` reports (a layout problem when nil).
    var damage: ImportIssue.Damage? = nil

    /// Grid columns and rows an HTML cell covers.
    struct GridSpot {
        var column: Int
        var span: Int
        var rows: Int
        var continued: Bool
        var end: Int { column + span }
    }

    var text: String { String(scalars: digits) }
    /// A number, or a printed blank mark (`—`, `/`, `无`); an empty cell of a table row is not content.
    var hasContent: Bool { !isBlank || !digits.isEmpty }
}

/// A run of cells in the source that may be one printed row, with the label text that precedes it.
struct RowCandidate {
    /// Normalised label text: the row's own label cells for a table row, or the text since the previous run otherwise.
    var label: [Unicode.Scalar]
    /// From a table row (markdown, HTML) whose label cells are its own; free text collects labels from around it.
    var structured: Bool
    var cells: [CellToken]
    /// The HTML table a row of cells placed in a grid comes from (``SourceBlock/gridTable``).
    var gridTable: Int? = nil
    /// The table's value columns as grid boundaries (start of each, then the end), found from its full data rows.
    var columns: [Int]? = nil

    var line: Int { Int(cells.first?.place.line ?? 0) }

    /// Whether the cells can be read as `width` values: as they are, after dropping trailing blanks, or by splitting runs.
    func canFill(_ width: Int) -> Bool {
        if gridCells(width) != nil { return true }
        let cells = trimmedCells(width)
        if cells.count == width { return true }
        if cells.count > width { return false }
        var capacity = 0
        for cell in cells {
            if cell.isBlank { return false }
            capacity += DigitRunSplitter.isWhole(cell.digits) ? 1 : cell.digits.count
        }
        return capacity >= width
    }

    /// The cells for a row of `width` values: a table row may carry empty cells after its last column, or around a
    /// value spanning several grid columns (`| 行政许可 | | 97 | |`); printed blank marks always count.
    func trimmedCells(_ width: Int) -> [CellToken] {
        if let mapped = gridCells(width) { return mapped }
        guard cells.count > width else { return cells }
        var cells = cells
        while cells.count > width, cells.last?.isBlank == true { cells.removeLast() }
        if cells.count > width {
            let kept = cells.filter(\.hasContent)
            if kept.count == width { return kept }
        }
        return cells
    }
}

extension RowCandidate {
    /// The cells of an HTML row for a template row of `width` values, by grid column: exactly `width` tokens, a column
    /// that cannot be read (no cell, a value spanning several columns or rows) being a blank token with its problem.
    /// Nil when the row is not from a grid, the table's columns are unknown, or the widths do not correspond.
    func gridCells(_ width: Int) -> [CellToken]? {
        guard let columns, columns.count >= 2 else { return nil }
        let count = columns.count - 1
        let first = columns[0]
        let end = columns[count]
        // A value outside the table's value columns: not this mapping's to judge.
        for cell in cells where cell.hasContent {
            guard let spot = cell.grid, spot.end > first, spot.column < end else { return nil }
        }
        let rowPlace = cells.first?.place ?? SourcePlace(line: 0, offset: 0)
        func unreadable(_ problem: String, at place: SourcePlace) -> CellToken {
            CellToken(isBlank: true, digits: [], place: place, note: nil, glued: false, problem: problem)
        }
        if width == 1 && count > 1 {
            // A single-value row under several columns (table 二's 行政许可): its one value, wherever it sits.
            let content = cells.filter(\.hasContent)
            guard content.count <= 1 else { return nil }
            guard let cell = content.first ?? cells.first else { return nil }
            if !cell.isBlank, let spot = cell.grid, spot.rows > 1 || spot.continued {
                return [
                    unreadable(
                        "'\(cell.text)' spans \(spot.rows) rows; which row it belongs to is ambiguous", at: cell.place)
                ]
            }
            return [cell]
        }
        guard width == count else { return nil }
        var result: [CellToken] = []
        result.reserveCapacity(width)
        for k in 0..<count {
            let low = columns[k]
            let high = columns[k + 1]
            // The cells covering the column, and those with content: counted, the first of each kept.
            var covering = (count: 0, first: 0)
            var withContent = (count: 0, first: 0)
            for (c, cell) in cells.enumerated() {
                guard let spot = cell.grid, spot.column < high && spot.end > low else { continue }
                if covering.count == 0 { covering.first = c }
                covering.count += 1
                if cell.hasContent {
                    if withContent.count == 0 { withContent.first = c }
                    withContent.count += 1
                }
            }
            let chosen = withContent.count == 1 ? withContent.first : covering.count == 1 ? covering.first : nil
            guard let chosen else {
                if covering.count == 0 {
                    result.append(
                        unreadable("no cell in the source row for this column (the row ends early)", at: rowPlace))
                } else if withContent.count == 0 {
                    result.append(cells[covering.first])
                } else {
                    let shared = cells.filter { cell in
                        cell.hasContent && cell.grid.map { $0.column < high && $0.end > low } ?? false
                    }
                    result.append(
                        unreadable(
                            "\(shared.count) cells ('\(shared.map(\.text).joined(separator: "', '"))') share one column",
                            at: shared[0].place))
                }
                continue
            }
            let cell = cells[chosen]
            guard let spot = cell.grid else { return nil }
            var spanned = 0
            for c in 0..<count where columns[c] < spot.end && columns[c + 1] > spot.column { spanned += 1 }
            if cell.isBlank {
                result.append(cell)  // a blank spanning columns or rows is blank in each
            } else if spanned > 1 {
                result.append(
                    unreadable(
                        "'\(cell.text)' spans \(spanned) value columns; which one it belongs to is ambiguous",
                        at: cell.place))
            } else if spot.rows > 1 || spot.continued {
                result.append(
                    unreadable(
                        "'\(cell.text)' spans \(spot.rows) rows; which row it belongs to is ambiguous", at: cell.place))
            } else {
                result.append(cell)
            }
        }
        return result
    }

    /// The value columns of each HTML table, from its full data rows: the most common count of value cells among rows
    /// with at least two, and the grid columns those rows' cells start at. Header text is never used: Word exports
    /// overlap header spans, while data rows are regular.
    static func assignGridColumns(_ candidates: inout [RowCandidate]) {
        var tables: [Int: [Int]] = [:]
        for (c, candidate) in candidates.enumerated() {
            if let table = candidate.gridTable { tables[table, default: []].append(c) }
        }
        for (_, members) in tables {
            var frequency: [Int: Int] = [:]
            for c in members where candidates[c].cells.count >= 2 {
                frequency[candidates[c].cells.count, default: 0] += 1
            }
            guard let full = frequency.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else {
                // Only single-value rows: each is its own column.
                for c in members {
                    if let spot = candidates[c].cells.first?.grid, candidates[c].cells.count == 1 {
                        candidates[c].columns = [spot.column, spot.end]
                    }
                }
                continue
            }
            var starts = Set<Int>()
            var end = 0
            for c in members where candidates[c].cells.count == full {
                for cell in candidates[c].cells {
                    guard let spot = cell.grid else { continue }
                    starts.insert(spot.column)
                    end = Swift.max(end, spot.end)
                }
            }
            // Full rows that disagree on their columns: no grid mapping, rows are read by order as before.
            guard starts.count == full else { continue }
            let columns = starts.sorted() + [end]
            for c in members { candidates[c].columns = columns }
        }
    }
}
