/// Everything `explain` shows about one cell.
public struct CellInfo: Sendable, Hashable {
    /// What kind of cell it is.
    public enum Kind: String, Sendable, Hashable {
        /// A template input cell.
        case input
        /// A template total (formula while nothing is entered).
        case total
        /// Metadata or prose (`meta.org`, `text.s1`).
        case text
        /// A user-defined name.
        case user
    }

    /// The report holding the cell.
    public let report: String
    /// The cell's name within the report.
    public let name: String
    /// Input, total, text or user name.
    public let kind: Kind
    /// Row label path (template cells), or the text cell's label.
    public let rowLabels: [String]
    /// Column label path (template cells).
    public let columnLabels: [String]
    /// The unit of a template cell (件, 万元); nil for text and user cells.
    public let unit: CellUnit?
    /// The current value.
    public let value: Value
    /// A value was entered (a template total then stands in place of its formula).
    public let isEntered: Bool
    /// Where an entered value came from; nil when nothing is entered.
    public let provenance: Provenance?
    /// The user formula's source text; for a computing template total, the sum it computes (`t3.new.natural + …`).
    public let formula: String?
    /// For a template total: the sum of its parts now, whether or not a value is entered (so `explain` can show
    /// "entered 9, sum 8"); nil for other cells.
    public let sum: Value?
    /// The cells this one reads, qualified when outside its report.
    public let precedents: [String]
    /// The cells that read this one.
    public let dependents: [String]
    /// The rules that involve this cell.
    public let rules: [String]
}
