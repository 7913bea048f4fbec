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

    var line: Int { Int(cells.first?.place.line ?? 0) }

    /// Whether the cells can be read as `width` values: as they are, after dropping trailing blanks, or by splitting runs.
    func canFill(_ width: Int) -> Bool {
        let cells = trimmedCells(width)
        if cells.count == width { return true }
        if cells.count > width { return false }
        var capacity = 0
        for cell in cells {
            if cell.isBlank { return false }
            capacity += cell.digits.contains(".") ? 1 : cell.digits.count
        }
        return capacity >= width
    }

    /// The cells for a row of `width` values: a table row may carry empty cells after its last column, or around a
    /// value spanning several grid columns (`| 行政许可 | | 97 | |`); printed blank marks always count.
    func trimmedCells(_ width: Int) -> [CellToken] {
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
