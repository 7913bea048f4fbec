/// The unit a numeric cell is counted in.
public enum CellUnit: String, Sendable, Hashable {
    /// 件: a count, always a non-negative integer.
    case count = "件"
    /// 万元: ten thousand yuan, a decimal (the fee of table 二 only).
    case tenThousandYuan = "万元"
    /// 元: yuan, a decimal (the 2019 format's procurement amount).
    case yuan = "元"

    /// Whether values must be whole numbers.
    public var isIntegral: Bool { self == .count }
}

/// A value column of a template section, e.g. 自然人 of table 三.
public struct TemplateColumn: Sendable, Hashable {
    /// The last segment of a cell name, e.g. `natural`.
    public let key: String
    /// The Chinese label path as `cells.csv` prints it, e.g. `["法人或其他组织", "商业企业"]`.
    public let labels: [String]
    public let unit: CellUnit
    /// The column is the 总计 of the other columns of its section.
    public let isTotal: Bool
    /// Values may be negative (the 2019 format's 本年增/减); everywhere else the domain rule forbids it.
    public let isSigned: Bool

    public init(
        _ key: String, _ labels: [String], unit: CellUnit = .count, isTotal: Bool = false, isSigned: Bool = false
    ) {
        self.key = key
        self.labels = labels
        self.unit = unit
        self.isTotal = isTotal
        self.isSigned = isSigned
    }
}

/// How a row takes part in the table's totals.
public enum RowRole: Sendable, Hashable {
    /// An ordinary row.
    case plain
    /// A leaf counted in the section's total row (（一）…（六） sub-items of table 三).
    case leaf
    /// The total of all `leaf` rows of its section, per column (（七）总计).
    case total
}

/// A data row of a template section, e.g. （三）不予公开 / 1.属于国家秘密.
public struct TemplateRow: Sendable, Hashable {
    /// The row path of a cell name, e.g. `result.denied.secret`.
    public let key: String
    /// The Chinese label path, outermost first; the merged label cells of the printed table follow from shared prefixes.
    public let labels: [String]
    public let role: RowRole

    public init(_ key: String, _ labels: [String], role: RowRole = .plain) {
        self.key = key
        self.labels = labels
        self.role = role
    }
}

/// A block of a table with one set of columns: table 二 has four (第二十条第（一）（五）（六）（八）项), 三 and 四 one each.
public struct TemplateSection: Sendable, Hashable {
    /// The group-header row printed above the section (`第二十条第（一）项`), if any.
    public let heading: String?
    /// The label of the row-label column in the section's column-header row (`信息内容`), if it prints one.
    public let rowHeader: String?
    public let columns: [TemplateColumn]
    public let rows: [TemplateRow]

    public init(heading: String? = nil, rowHeader: String? = nil, columns: [TemplateColumn], rows: [TemplateRow]) {
        self.heading = heading
        self.rowHeader = rowHeader
        self.columns = columns
        self.rows = rows
    }
}

/// A node of a multi-level column header: a label spanning the columns of its children, or one column (a leaf).
public indirect enum HeaderNode: Sendable, Hashable {
    /// A header cell over exactly one value column, given by its key.
    case column(String, label: String)
    /// A header cell spanning its children.
    case group(String, [HeaderNode])

    public var label: String {
        switch self {
        case .column(_, let label), .group(let label, _): label
        }
    }
    /// The number of value columns under this node.
    public var span: Int {
        switch self {
        case .column: 1
        case .group(_, let children): children.reduce(0) { $0 + $1.span }
        }
    }
    /// The number of header rows this node occupies at its deepest.
    public var depth: Int {
        switch self {
        case .column: 1
        case .group(_, let children): 1 + (children.map(\.depth).max() ?? 0)
        }
    }
}

/// How a table is printed in the official format.
public enum TableLayout: Sendable, Hashable {
    /// Sections stacked, each with its heading row and column-header row (table 二).
    case sections
    /// One header over rows of label cells and value cells (table 三).
    case grid(header: [HeaderNode], corner: String)
    /// The rows × columns printed side by side as one row of values under a header (table 四).
    case singleRow(header: [HeaderNode])
}

/// One of the template's tables.
public struct TemplateTable: Sendable, Hashable {
    /// The first segment of its cell names: `t2`, `t3`, `t4`.
    public let id: String
    /// The Chinese section number (`二`).
    public let number: String
    /// The title, without its number (`主动公开政府信息情况`).
    public let title: String
    public let sections: [TemplateSection]
    public let layout: TableLayout

    public init(id: String, number: String, title: String, sections: [TemplateSection], layout: TableLayout) {
        self.id = id
        self.number = number
        self.title = title
        self.sections = sections
        self.layout = layout
    }

    /// `二、主动公开政府信息情况`
    public var fullTitle: String { "\(number)、\(title)" }
}

/// A numeric cell of the template, as listed in `cells.csv`.
public struct TemplateCell: Sendable, Hashable {
    /// Its position in official order, from 0; engines index per-report storage by it.
    public let index: Int
    /// `t3.result.denied.secret.natural`
    public let name: String
    public let tableIndex: Int
    public let sectionIndex: Int
    public let rowIndex: Int
    public let columnIndex: Int
    public let table: String
    public let rowKey: String
    public let columnKey: String
    public let rowLabels: [String]
    public let columnLabels: [String]
    public let unit: CellUnit
    /// Values may be negative.
    public let isSigned: Bool
    /// The cells this one sums while no value is entered; empty for an input cell.
    public let totalOf: [Int]

    /// A total (formula) cell rather than an input.
    public var isTotal: Bool { !totalOf.isEmpty }
    /// `cells.csv` form of the row labels, joined by `/`.
    public var rowPath: String { rowLabels.joined(separator: "/") }
    /// `cells.csv` form of the column labels, joined by `/`.
    public var columnPath: String { columnLabels.joined(separator: "/") }
}

/// An official equality between sums of cells: `Σ lhs = Σ rhs`.
public struct TemplateEquality: Sendable, Hashable {
    /// A stable, documented name, e.g. `t3.balance.natural`.
    public let name: String
    /// What the rule says, in Chinese, for listings.
    public let description: String
    public let lhs: [Int]
    public let rhs: [Int]
    public let severity: Severity
}

/// A per-column equality the template states between rows, e.g. 一 + 二 = （七） + 四 for every column of table 三.
public struct RowBalance: Sendable, Hashable {
    /// The rule name prefix; the column key is appended (`t3.balance` → `t3.balance.natural`).
    public let name: String
    public let description: String
    public let table: String
    public let lhsRows: [String]
    public let rhsRows: [String]
}

/// A per-column equality between two reports of one body in consecutive years.
public struct CrossYearRule: Sendable, Hashable {
    /// The rule name prefix; the column key is appended (`xyear.carried.natural`).
    public let name: String
    public let description: String
    public let table: String
    /// The row of the later year's report …
    public let thisYearRow: String
    /// … equals this row of the earlier year's report.
    public let lastYearRow: String
}

/// A non-numeric cell every report carries: metadata (`meta.org` 发布机关) or a prose section (`text.s1` 一、总体情况).
public struct TemplateTextCell: Sendable, Hashable {
    public let name: String
    public let label: String

    public init(_ name: String, _ label: String) {
        self.name = name
        self.label = label
    }
}

/// A whole report format: tables, cells, totals and official rules, defined once as data.
///
/// Everything else — engine formulas, rule checks, display, import and export — derives from a `ReportTemplate`.
public struct ReportTemplate: Sendable {
    /// A short identifier (`2021`, `2019`).
    public let id: String
    /// The document that fixes the format.
    public let source: String
    public let tables: [TemplateTable]
    /// Every numeric cell in official order.
    public let cells: [TemplateCell]
    /// Equalities stated by the format and implied by its totals, in official order.
    public let equalities: [TemplateEquality]
    /// Soft rules between two years of one body.
    public let crossYear: [CrossYearRule]
    /// Metadata and prose text cells (`meta.org`, `text.s1`), with their Chinese labels.
    public let textCells: [TemplateTextCell]
    /// Labels this format prints and no other format has, by which a report in it is recognised wherever they stand
    /// (the 2019 format's table 二 headers); each is one of the template's own labels or headings (a test holds it).
    public let markers: [String]

    private let indexByName: [String: Int]

    /// Builds a template, deriving cells, totals and equalities from the tables.
    public init(
        id: String, source: String, tables: [TemplateTable], balances: [RowBalance], crossYear: [CrossYearRule],
        textCells: [TemplateTextCell], markers: [String] = []
    ) {
        self.id = id
        self.source = source
        self.markers = markers
        self.tables = tables
        self.crossYear = crossYear
        self.textCells = textCells
        var cells: [TemplateCell] = []
        var position: [String: Int] = [:]
        // Pass 1: names and labels; totals need the indices of their terms, so they come in pass 2.
        for (t, table) in tables.enumerated() {
            for (s, section) in table.sections.enumerated() {
                for (r, row) in section.rows.enumerated() {
                    for (c, column) in section.columns.enumerated() {
                        let name = "\(table.id).\(row.key).\(column.key)"
                        position[name] = cells.count
                        cells.append(
                            TemplateCell(
                                index: cells.count, name: name, tableIndex: t, sectionIndex: s, rowIndex: r,
                                columnIndex: c, table: table.id, rowKey: row.key, columnKey: column.key,
                                rowLabels: row.labels, columnLabels: column.labels, unit: column.unit,
                                isSigned: column.isSigned, totalOf: []))
                    }
                }
            }
        }
        var equalities: [TemplateEquality] = []
        var totalOf: [Int: [Int]] = [:]
        for table in tables {
            for section in table.sections {
                func index(_ row: TemplateRow, _ column: TemplateColumn) -> Int {
                    position["\(table.id).\(row.key).\(column.key)"]!  // both come from this section
                }
                // 总计 column = sum of the other columns, for every row (rules 6 and 7).
                if let totalColumn = section.columns.first(where: \.isTotal) {
                    let parts = section.columns.filter { !$0.isTotal }
                    for row in section.rows {
                        let terms = parts.map { index(row, $0) }
                        totalOf[index(row, totalColumn)] = terms
                        equalities.append(
                            TemplateEquality(
                                name: "\(table.id).rowsum.\(row.key)",
                                description:
                                    "\(row.labels.joined(separator: "/")): \(totalColumn.labels.joined(separator: "/")) = "
                                    + parts.map { $0.labels.last! }.joined(separator: " + "),
                                lhs: [index(row, totalColumn)], rhs: terms, severity: .error))
                    }
                }
                // （七）总计 row = sum of the leaf rows, for every column (rule 5). Where a cell is both a row and a
                // column total, its formula is the column sum above and this equality is a check only.
                if let totalRow = section.rows.first(where: { $0.role == .total }) {
                    let leaves = section.rows.filter { $0.role == .leaf }
                    for column in section.columns {
                        let cell = index(totalRow, column)
                        let terms = leaves.map { index($0, column) }
                        if totalOf[cell] == nil { totalOf[cell] = terms }
                        equalities.append(
                            TemplateEquality(
                                name: "\(table.id).colsum.\(column.key)",
                                description:
                                    "\(column.labels.joined(separator: "/")): \(totalRow.labels.last!) = 各项办理结果之和",
                                lhs: [cell], rhs: terms, severity: .error))
                    }
                }
            }
        }
        // Row balances stated by the format (rule 1), one per column.
        for balance in balances {
            guard let table = tables.first(where: { $0.id == balance.table }) else { continue }
            for section in table.sections {
                let keys = Set(section.rows.map(\.key))
                guard (balance.lhsRows + balance.rhsRows).allSatisfy(keys.contains) else { continue }
                for column in section.columns {
                    func cell(_ row: String) -> Int { position["\(table.id).\(row).\(column.key)"]! }
                    equalities.append(
                        TemplateEquality(
                            name: "\(balance.name).\(column.key)",
                            description: "\(column.labels.joined(separator: "/")): \(balance.description)",
                            lhs: balance.lhsRows.map(cell), rhs: balance.rhsRows.map(cell), severity: .error))
                }
            }
        }
        // Official order: the balance first (it is the rule printed in the table), then the sums.
        let stated = equalities.filter { eq in balances.contains { eq.name.hasPrefix($0.name + ".") } }
        self.equalities = stated + equalities.filter { !stated.contains($0) }
        self.cells = cells.map { cell in
            guard let terms = totalOf[cell.index] else { return cell }
            return TemplateCell(
                index: cell.index, name: cell.name, tableIndex: cell.tableIndex, sectionIndex: cell.sectionIndex,
                rowIndex: cell.rowIndex, columnIndex: cell.columnIndex, table: cell.table, rowKey: cell.rowKey,
                columnKey: cell.columnKey, rowLabels: cell.rowLabels, columnLabels: cell.columnLabels, unit: cell.unit,
                isSigned: cell.isSigned, totalOf: terms)
        }
        self.indexByName = position
    }

    /// The index of the numeric cell with this name (`t3.total.natural`), if the template has it.
    public func index(of name: String) -> Int? { indexByName[name] }

    /// The numeric cell with this name, if the template has it.
    public func cell(named name: String) -> TemplateCell? { indexByName[name].map { cells[$0] } }

    /// The table with this id (`t3`).
    public func table(_ id: String) -> TemplateTable? { tables.first { $0.id == id } }

    /// The cells of one table, in official order.
    public func cells(ofTable id: String) -> ArraySlice<TemplateCell> {
        guard let first = cells.firstIndex(where: { $0.table == id }) else { return [] }
        let end = cells[first...].firstIndex { $0.table != id } ?? cells.endIndex
        return cells[first..<end]
    }

    /// The cell at a section's row and column.
    public func cell(table id: String, row: String, column: String) -> TemplateCell? {
        cell(named: "\(id).\(row).\(column)")
    }
}
