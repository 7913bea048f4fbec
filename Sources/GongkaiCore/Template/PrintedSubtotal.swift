/// A group of rows printed as one row without its items — 洪泽区 prints （六）其他处理 so, in the 2021 format whose （六）
/// has three items. Its figures are kept, never dropped: the report gets the group's subtotal as named cells
/// (`t3.result.other.natural` …) and two rules per column that check them (``Workbook/loadReport(name:template:cells:provenance:texts:subtotals:)``).
public struct PrintedSubtotal: Sendable, Equatable {
    /// The table (`t3`).
    public let table: String
    /// The group's row path (`result.other`): its items are the rows below it (`result.other.nofix` …).
    public let row: String
    /// The group's label as the template prints it (`（六）其他处理`).
    public let label: String
    /// One value per column key (`natural` … `total`), as printed.
    public let values: [(column: String, value: DecimalNumber)]
    /// Where the row was printed.
    public let provenance: Provenance

    public init(
        table: String, row: String, label: String, values: [(column: String, value: DecimalNumber)],
        provenance: Provenance
    ) {
        self.table = table
        self.row = row
        self.label = label
        self.values = values
        self.provenance = provenance
    }

    public static func == (a: PrintedSubtotal, b: PrintedSubtotal) -> Bool {
        a.table == b.table && a.row == b.row && a.label == b.label && a.provenance == b.provenance
            && a.values.map(\.column) == b.values.map(\.column) && a.values.map(\.value) == b.values.map(\.value)
    }

    /// The named cell holding the subtotal of `column`: `t3.result.other.natural`.
    public func cellName(_ column: String) -> String { Self.cellName(table: table, row: row, column: column) }

    /// The named cell holding the subtotal of `row` in `table` for `column`.
    static func cellName(table: String, row: String, column: String) -> String { "\(table).\(row).\(column)" }

    /// The error of a subtotal whose row has no items below it in the template.
    static func noItems(table: String, row: String) -> EngineError {
        .invalidValue(cellName(table: table, row: row, column: "*"), reason: "no rows below \(row) in \(table)")
    }

    /// Whether `cell` is one of the items the subtotal of `row` in `table` stands for (a row below it).
    static func isItem(_ cell: TemplateCell, table: String, row: String) -> Bool {
        cell.table == table && cell.rowKey.hasPrefix(row + ".")
    }
}
