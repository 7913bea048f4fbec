/// A report as data, to restore it (undo of a removal, redo of a load, a workbook file).
struct ReportSnapshot {
    let name: String
    let slot: Int
    let shape: TemplateShape
    /// Entered values in official order (`.empty` = not entered); no cells at all when nothing is entered.
    let values: CellValues
    let provenance: ProvenanceTable
    /// Text cells in template order.
    let texts: [Value]
    /// User formulas on template cells: (index, source).
    var formulas: [(Int, String)] = []
    /// User names in definition order: (name, source).
    var definitions: [(String, String)] = []
}
