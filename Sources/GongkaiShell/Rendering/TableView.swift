import GongkaiCore

/// Builds the terminal form of a template table in the official layout, from the template alone: labels, header
/// tree and order all come from `ReportTemplate`; the caller supplies values and the cells to mark.
struct TableView {
    let template: ReportTemplate
    /// The value of a template cell, by index.
    let value: (Int) -> Value
    /// Cells to mark with `!` (the totals of failing rules, cells out of domain).
    let marked: Set<Int>
    var width: Int = 80

    /// The table's lines: title, then the grid(s).
    func render(_ table: TemplateTable) -> [String] {
        var lines = [table.fullTitle]
        switch table.layout {
        case .sections:
            for section in table.sections {
                lines.append("")
                if let heading = section.heading { lines.append(heading) }
                lines += GridRenderer(width: width).render(sectionGrid(table, section))
            }
        case .grid(let header, let corner):
            for section in table.sections {
                var grid = sectionGrid(table, section)
                grid.header = header
                grid.corner = corner
                lines += GridRenderer(width: width).render(grid)
            }
        case .singleRow(let header):
            // The leaves of the header name `row.column`; one body row carries every value.
            let leaves = Grid.leaves(of: header)
            let cells = leaves.map { template.cell(named: "\(table.id).\($0.key)") }
            let row = Grid.Row(
                label: "", depth: 0, values: cells.map { $0.map { TableView.text(value($0.index)) } ?? "?" },
                marks: cells.map { $0.map { marked.contains($0.index) } ?? false })
            lines += GridRenderer(width: width).render(Grid(header: header, corner: nil, rows: [row], hasLabels: false))
        }
        return lines
    }

    /// A section as a grid: its columns as a flat header, its rows with nested labels (shared label prefixes become
    /// group heading lines, as the merged cells of the printed table).
    private func sectionGrid(_ table: TemplateTable, _ section: TemplateSection) -> Grid {
        let header = section.columns.map { HeaderNode.column($0.key, label: TableView.columnLabel($0)) }
        var rows: [Grid.Row] = []
        var previous: [String] = []
        // Table 二 repeats the section heading as the first label of every row: drop it, the heading line says it.
        let dropped = section.heading == nil ? 0 : 1
        for row in section.rows {
            let labels = Array(row.labels.dropFirst(dropped))
            let parents = labels.dropLast()
            var shared = 0
            while shared < parents.count, shared < previous.count, parents[shared] == previous[shared] { shared += 1 }
            for depth in shared..<parents.count {
                rows.append(Grid.Row(label: parents[depth], depth: depth, values: nil, marks: []))
            }
            previous = Array(parents)
            let cells = section.columns.map { template.cell(table: table.id, row: row.key, column: $0.key) }
            rows.append(
                Grid.Row(
                    label: TableView.shortLabel(labels.last ?? row.key), depth: parents.count,
                    values: cells.map { $0.map { TableView.text(value($0.index)) } ?? "?" },
                    marks: cells.map { $0.map { marked.contains($0.index) } ?? false }))
        }
        return Grid(header: header, corner: section.rowHeader, rows: rows, hasLabels: true)
    }

    /// How a value shows in a table: numbers plain, empty as `-` (never 0), errors by code.
    static func text(_ value: Value) -> String {
        value.isEmpty ? "-" : value.description
    }

    /// A row label without its trailing remark: `（二）部分公开（区分处理的，…）` → `（二）部分公开`.
    static func shortLabel(_ label: String) -> String {
        guard label.hasSuffix("）"), let open = label.dropFirst().lastIndex(of: "（") else { return label }
        let head = label[..<open]
        // Keep labels that are only an ordinal plus the remark intact.
        return head.count > 3 ? String(head) : label
    }

    /// The last label of a column (`商业企业` rather than `法人或其他组织/商业企业`).
    static func columnLabel(_ column: TemplateColumn) -> String { column.labels.last ?? column.key }
}
