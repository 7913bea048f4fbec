import GongkaiCore

/// One cell of a printed table: where it sits, what it spans and what it shows.
public struct GridCell: Sendable, Hashable {
    /// What a grid cell shows.
    public enum Content: Sendable, Hashable {
        /// The note over the label columns of the header (table 三's 勾稽 note).
        case corner(String)
        /// A group-heading row across the whole table (table 二's `第二十条第（一）项`).
        case heading(String)
        /// A column header (`申请人情况`, `自然人`) or a section's row-header label (`信息内容`).
        case header(String)
        /// A row label (`三、本年度办理结果`, `1.属于国家秘密`).
        case label(String)
        /// A value: the index of the template cell.
        case value(Int)
    }

    /// The grid row of the top-left corner, from 0.
    public let row: Int
    /// The grid column of the top-left corner, from 0.
    public let column: Int
    /// How many grid rows the cell covers (a `\multirow`, `rowspan`).
    public internal(set) var rowSpan: Int
    /// How many grid columns the cell covers (a `\multicolumn`, `colspan`).
    public let columnSpan: Int
    /// What the cell shows.
    public let content: Content
    /// The cell heads a group — a row label shared by the rows below it, a header over sub-headers — rather than
    /// stretching over positions that have nothing of their own.
    public let isGroup: Bool

    /// The fixed text of a corner, heading, header or label cell; `nil` for a value.
    public var label: String? {
        switch content {
        case .corner(let text), .heading(let text), .header(let text), .label(let text): text
        case .value: nil
        }
    }

    /// The template cell index of a value cell.
    public var valueIndex: Int? {
        if case .value(let index) = content { return index }
        return nil
    }

    /// A header-like cell (corner, heading, header): printed as `<th>` and in bold.
    public var isHeader: Bool {
        switch content {
        case .corner, .heading, .header: true
        case .label, .value: false
        }
    }
}

/// A template table laid out as the official format prints it: a rectangle of grid positions covered by cells with
/// spans. Every exporter (and any renderer) draws from this one geometry, derived from the template's sections, header
/// trees and row label paths — never from a list of its own.
///
/// * `sections` (table 二): per section a heading row across the table, a column-header row (`信息内容` + columns) and
///   the data rows; a section with fewer columns than the widest stretches its last column.
/// * `grid` (table 三): a corner cell over the label columns × header rows, the header tree, then one grid row per data
///   row whose labels merge down where consecutive rows share a label prefix and stretch right where a path is short.
/// * `singleRow` (table 四): the header tree over one row of values.
public struct TableGrid: Sendable {
    /// The template table laid out.
    public let table: TemplateTable
    /// Grid rows, headers included.
    public let rowCount: Int
    /// Grid columns, label columns included.
    public let columnCount: Int
    /// The leading columns holding row labels (3 for table 三, 1 for table 二, 0 for table 四).
    public let labelColumnCount: Int
    /// The leading rows forming the column header (3 for tables 三 and 四; 0 for table 二, whose headers repeat per section).
    public let headerRowCount: Int
    /// Every cell, in row-major order of their top-left corners.
    public let cells: [GridCell]
    /// `单位：件` when every cell of the table shares one unit that no header names; `nil` otherwise.
    public let unitNote: String?

    /// For each grid position, the index in `cells` of the cell covering it.
    private let owner: [[Int]]

    /// Lays out a table of the template.
    public init(table: TemplateTable, template: ReportTemplate) throws(ExportError) {
        var builder = Builder(table: table, template: template)
        switch table.layout {
        case .sections: try builder.layOutSections()
        case .grid(let header, let corner): try builder.layOutGrid(header: header, corner: corner)
        case .singleRow(let header): try builder.layOutSingleRow(header: header)
        }
        self.table = table
        rowCount = builder.rowCount
        columnCount = builder.columnCount
        labelColumnCount = builder.labelColumnCount
        headerRowCount = builder.headerRowCount
        cells = builder.cells.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        var owner = Array(repeating: Array(repeating: -1, count: builder.columnCount), count: builder.rowCount)
        for (index, cell) in cells.enumerated() {
            for r in cell.row..<(cell.row + cell.rowSpan) {
                for c in cell.column..<(cell.column + cell.columnSpan) { owner[r][c] = index }
            }
        }
        guard owner.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw .inconsistentTemplate("table \(table.id) leaves grid positions uncovered")
        }
        self.owner = owner
        let units = Set(template.cells(ofTable: table.id).map(\.unit))
        let headersNameUnit = cells.contains { $0.label?.contains("单位") == true }
        unitNote = units.count == 1 && !headersNameUnit ? units.first.map { "单位：\($0.rawValue)" } : nil
    }

    /// The cells whose top-left corner is in grid row `row`, left to right.
    public func cells(inRow row: Int) -> [GridCell] {
        cells.filter { $0.row == row }
    }

    /// The cell covering a grid position.
    public func cell(atRow row: Int, column: Int) -> GridCell {
        cells[owner[row][column]]
    }

    /// The grid as a rectangle of texts, for formats without merged cells (CSV, Markdown).
    ///
    /// A merged cell's text is written at its top-left position. A group — a row label shared by several rows, a
    /// header over several columns — is repeated along the rows or columns it groups, so every data row carries its
    /// full label path and every value column its full header path. Positions a cell covers only to fill a shorter
    /// path (a row label stretched right, a header stretched down, the corner note, a value over merged columns) are
    /// left blank.
    public func flattened<Text>(blank: Text, _ text: (GridCell) -> Text) -> [[Text]] {
        var rows = Array(repeating: Array(repeating: blank, count: columnCount), count: rowCount)
        for cell in cells {
            let value = text(cell)
            for r in cell.row..<(cell.row + cell.rowSpan) {
                for c in cell.column..<(cell.column + cell.columnSpan) {
                    let isOrigin = r == cell.row && c == cell.column
                    let repeats: Bool
                    switch cell.content {
                    case .label: repeats = cell.isGroup && c == cell.column
                    case .header: repeats = cell.isGroup && r == cell.row
                    case .corner, .heading, .value: repeats = false
                    }
                    if isOrigin || repeats { rows[r][c] = value }
                }
            }
        }
        return rows
    }
}

/// Accumulates cells while a layout is derived.
private struct Builder {
    let table: TemplateTable
    let template: ReportTemplate
    var cells: [GridCell] = []
    var rowCount = 0
    var columnCount = 0
    var labelColumnCount = 0
    var headerRowCount = 0

    init(table: TemplateTable, template: ReportTemplate) {
        self.table = table
        self.template = template
    }

    mutating func add(
        _ row: Int, _ column: Int, rows: Int = 1, columns: Int = 1, group: Bool = false, _ content: GridCell.Content
    ) {
        cells.append(
            GridCell(row: row, column: column, rowSpan: rows, columnSpan: columns, content: content, isGroup: group))
    }

    func valueIndex(row: String, column: String) throws(ExportError) -> Int {
        guard let cell = template.cell(table: table.id, row: row, column: column) else {
            throw .inconsistentTemplate("\(table.id).\(row).\(column) is not a cell of the template")
        }
        return cell.index
    }

    /// Table 二: heading row, column-header row and data rows for each section.
    mutating func layOutSections() throws(ExportError) {
        let valueColumns = table.sections.map(\.columns.count).max() ?? 0
        labelColumnCount = 1
        columnCount = 1 + valueColumns
        var row = 0
        for section in table.sections {
            if let heading = section.heading {
                add(row, 0, columns: columnCount, .heading(heading))
                row += 1
            }
            // A section with fewer columns than the table stretches its last one over the rest.
            func span(_ c: Int) -> Int { c == section.columns.count - 1 ? valueColumns - c : 1 }
            add(row, 0, .header(section.rowHeader ?? ""))
            for (c, column) in section.columns.enumerated() {
                add(row, 1 + c, columns: span(c), .header(column.labels.last ?? column.key))
            }
            row += 1
            for templateRow in section.rows {
                add(row, 0, .label(templateRow.labels.last ?? templateRow.key))
                for (c, column) in section.columns.enumerated() {
                    add(row, 1 + c, columns: span(c), .value(try valueIndex(row: templateRow.key, column: column.key)))
                }
                row += 1
            }
        }
        rowCount = row
    }

    /// Places a header tree from `row`, `column`; leaves stretch down to the last header row.
    mutating func placeHeader(_ nodes: [HeaderNode], row: Int, column: Int, depth: Int) {
        var column = column
        for node in nodes {
            switch node {
            case .column(_, let label):
                add(row, column, rows: depth - row, .header(label))
            case .group(let label, let children):
                add(row, column, columns: node.span, group: true, .header(label))
                placeHeader(children, row: row + 1, column: column, depth: depth)
            }
            column += node.span
        }
    }

    /// The value-column keys of a header tree, left to right.
    static func leafKeys(_ nodes: [HeaderNode]) -> [String] {
        nodes.flatMap { node -> [String] in
            switch node {
            case .column(let key, _): [key]
            case .group(_, let children): leafKeys(children)
            }
        }
    }

    /// Table 三: corner + header tree, then label paths merged by shared prefixes and values.
    mutating func layOutGrid(header: [HeaderNode], corner: String) throws(ExportError) {
        let rows = table.sections.flatMap(\.rows)
        let keys = Builder.leafKeys(header)
        labelColumnCount = rows.map(\.labels.count).max() ?? 0
        headerRowCount = header.map(\.depth).max() ?? 0
        columnCount = labelColumnCount + keys.count
        add(0, 0, rows: headerRowCount, columns: labelColumnCount, .corner(corner))
        placeHeader(header, row: 0, column: labelColumnCount, depth: headerRowCount)
        // The open merged label at each level: its label prefix and its position in `cells`.
        var open: [(prefix: ArraySlice<String>, cell: Int)?] = Array(repeating: nil, count: labelColumnCount)
        for (i, templateRow) in rows.enumerated() {
            let row = headerRowCount + i
            let labels = templateRow.labels
            for level in labels.indices {
                let isLast = level == labels.count - 1
                let prefix = labels[...level]
                if !isLast, let group = open[level], group.prefix == prefix {
                    cells[group.cell].rowSpan += 1
                    continue
                }
                add(row, level, columns: isLast ? labelColumnCount - level : 1, group: !isLast, .label(labels[level]))
                for deeper in level..<labelColumnCount { open[deeper] = nil }
                if !isLast { open[level] = (prefix, cells.count - 1) }
            }
            for (c, key) in keys.enumerated() {
                add(row, labelColumnCount + c, .value(try valueIndex(row: templateRow.key, column: key)))
            }
        }
        rowCount = headerRowCount + rows.count
    }

    /// Table 四: the header tree over one row; leaf keys are `row.column` (`suit.direct.upheld`).
    mutating func layOutSingleRow(header: [HeaderNode]) throws(ExportError) {
        let keys = Builder.leafKeys(header)
        headerRowCount = header.map(\.depth).max() ?? 0
        columnCount = keys.count
        placeHeader(header, row: 0, column: 0, depth: headerRowCount)
        for (c, key) in keys.enumerated() {
            guard let cell = template.cell(named: "\(table.id).\(key)") else {
                throw .inconsistentTemplate("\(table.id).\(key) is not a cell of the template")
            }
            add(headerRowCount, c, .value(cell.index))
        }
        rowCount = headerRowCount + 1
    }
}
