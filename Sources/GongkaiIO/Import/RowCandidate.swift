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
        var count = cells.count
        while count > width, cells[count - 1].isBlank { count -= 1 }
        if count == width { return true }
        if count > width { return false }
        var capacity = 0
        for cell in cells[..<count] {
            if cell.isBlank { return false }
            capacity += cell.digits.contains(".") ? 1 : cell.digits.count
        }
        return capacity >= width
    }

    /// The cells without the blank cells a table row may carry after its last column.
    func trimmedCells(_ width: Int) -> [CellToken] {
        var cells = cells
        while cells.count > width, cells.last?.isBlank == true { cells.removeLast() }
        return cells
    }
}
