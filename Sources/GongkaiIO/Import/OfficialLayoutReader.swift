import GongkaiCore

/// Places the values of the official tables as Gongkai exports them (CSV official layout, `.xlsx`) back into their
/// cells, from the sheets' texts — also after Excel or WPS re-saved the file: another sheet name, labels only in the
/// first cell of a merge, numbers stored as text (`1,000`, `５`).
///
/// Each table is found by its labels: the layout ``TableGrid`` derives from the template (the one geometry every
/// exporter uses) is laid over the sheet where its labels match, wherever the table starts. A value is read only from
/// its own position; a value that is not a number, and a number outside every table, is reported with its place and
/// left out — never moved into a neighbour.
struct OfficialLayoutReader {
    let template: ReportTemplate
    let file: String?

    /// What was read.
    struct Result {
        var values: [Int: (Value, Provenance)] = [:]
        var issues: [ImportIssue] = []
        /// Tables found, by id.
        var tables: [String] = []
        /// The first text above the first table (the report's heading), for the report's metadata.
        var heading: String?
    }

    /// One position of a table's layout: a fixed label, or a value cell's template index.
    private enum Slot: Equatable {
        case blank
        case label(String)
        case value(Int)
    }

    func read(_ grids: [SpreadsheetGrid]) -> Result {
        var result = Result()
        // Per grid, the rectangles (rows, columns) of the tables found.
        var claimed: [Int: [(rows: ClosedRange<Int>, columns: ClosedRange<Int>)]] = [:]
        for table in template.tables {
            guard let layout = try? TableGrid(table: table, template: template) else { continue }
            let slots = layout.flattened(blank: Slot.blank) { cell in
                cell.valueIndex.map(Slot.value) ?? .label(OfficialLayoutReader.normalized(cell.label ?? ""))
            }
            let origins = layout.cells.filter { $0.valueIndex == nil && !($0.label ?? "").isEmpty }.count
            var found: (grid: Int, row: Int, column: Int)?
            for (g, grid) in grids.enumerated() {
                let size = (rows: layout.rowCount, columns: layout.columnCount)
                for origin in locate(slots, labels: origins, size: size, in: grid) {
                    // A copy not loaded is still a table: its numbers are not strays.
                    claimed[g, default: []].append(
                        (origin.row...(origin.row + size.rows - 1), origin.column...(origin.column + size.columns - 1)))
                    guard found != nil else {
                        found = (g, origin.row, origin.column)
                        continue
                    }
                    result.issues.append(
                        ImportIssue(
                            code: "I304", severity: .note,
                            "another table \(table.number) at \(grid.place(origin)) is not loaded (the first one is)",
                            table: table.id, line: grid.line(origin), column: origin.column + 1))
                }
            }
            guard let (g, top, left) = found else {
                result.issues.append(
                    ImportIssue(
                        code: "I303", severity: .warning, "table \(table.number) (\(table.fullTitle)) was not found",
                        table: table.id))
                continue
            }
            result.tables.append(table.id)
            let grid = grids[g]
            for (r, row) in slots.enumerated() {
                for (c, slot) in row.enumerated() {
                    guard case .value(let index) = slot else { continue }
                    let key = SpreadsheetGrid.Key(row: top + r, column: left + c)
                    guard let text = grid.text(key) else { continue }
                    read(text, at: key, in: grid, cell: template.cells[index], into: &result)
                }
            }
        }
        // Numbers nobody placed: outside every table found.
        for (g, grid) in grids.enumerated() {
            for key in grid.cells.keys.sorted() {
                let inside = (claimed[g] ?? []).contains {
                    $0.rows.contains(key.row) && $0.columns.contains(key.column)
                }
                guard !inside, let text = grid.text(key), case .number? = NumberText.read(text) else { continue }
                result.issues.append(
                    ImportIssue(
                        code: "I302", severity: .warning,
                        "\(grid.place(key)): ‘\(text)’ lies outside the tables and was not placed",
                        line: grid.line(key), column: key.column + 1))
            }
        }
        if let first = grids.first {
            result.heading = first.cells.keys.sorted().lazy.compactMap { first.text($0) }.first {
                $0.contains("报告") || $0.contains("政府信息公开")
            }
        }
        return result
    }

    /// Reads one value cell's text.
    private func read(
        _ text: String, at key: SpreadsheetGrid.Key, in grid: SpreadsheetGrid, cell: TemplateCell,
        into result: inout Result
    ) {
        func refuse(_ why: String) {
            result.issues.append(
                ImportIssue(
                    code: "I301", severity: .warning, "\(grid.place(key)) (\(cell.name)): \(why); left empty",
                    table: cell.table,
                    row: cell.rowKey, line: grid.line(key), column: key.column + 1))
        }
        switch NumberText.read(text) {
        case .blank?: return
        case .number(let number, let unit)?:
            if let unit, !NumberText.unit(unit, fits: cell.unit) {
                return refuse("‘\(text)’ is in \(unit), the cell in \(cell.unit.rawValue)")
            }
            let provenance = Provenance(
                file: file, line: grid.line(key), column: key.column + 1, origin: .read,
                note: grid.sheet.map { "sheet \($0) " + SpreadsheetXML.reference(key.row, key.column) })
            result.values[cell.index] = (.number(number), provenance)
        case nil: refuse("‘\(text)’ is not a number")
        }
    }

    /// Where the layout's top-left corner lies in `grid`, top to bottom, for each copy of the table there: at least
    /// half of its label cells read the same, and few positions hold a different label. Of overlapping candidates the
    /// best matching one stands.
    private func locate(
        _ slots: [[Slot]], labels: Int, size: (rows: Int, columns: Int), in grid: SpreadsheetGrid
    ) -> [SpreadsheetGrid.Key] {
        var anchors: [(row: Int, column: Int, label: String)] = []
        for (r, row) in slots.enumerated() {
            for (c, slot) in row.enumerated() {
                if case .label(let text) = slot, !text.isEmpty, !anchors.contains(where: { $0.label == text }) {
                    anchors.append((r, c, text))
                }
            }
            if anchors.count >= 4 { break }
        }
        var byText: [String: [SpreadsheetGrid.Key]] = [:]
        let wanted = Set(anchors.map(\.label))
        for (key, text) in grid.cells {
            let normal = OfficialLayoutReader.normalized(text)
            if wanted.contains(normal) { byText[normal, default: []].append(key) }
        }
        var tried = Set<SpreadsheetGrid.Key>()
        var accepted: [(key: SpreadsheetGrid.Key, matched: Int)] = []
        for anchor in anchors {
            for key in (byText[anchor.label] ?? []).sorted() {
                let origin = SpreadsheetGrid.Key(row: key.row - anchor.row, column: key.column - anchor.column)
                guard origin.row >= 1, origin.column >= 0, tried.insert(origin).inserted else { continue }
                var matched = 0
                var conflicts = 0
                var total = 0
                for (r, row) in slots.enumerated() {
                    for (c, slot) in row.enumerated() {
                        guard case .label(let label) = slot, !label.isEmpty else { continue }
                        total += 1
                        guard let text = grid.text(SpreadsheetGrid.Key(row: origin.row + r, column: origin.column + c))
                        else { continue }
                        if OfficialLayoutReader.normalized(text) == label { matched += 1 } else { conflicts += 1 }
                    }
                }
                guard matched * 2 >= labels, conflicts <= max(2, total / 10) else { continue }
                accepted.append((origin, matched))
            }
        }
        var kept: [SpreadsheetGrid.Key] = []
        for candidate in accepted.sorted(by: { ($1.matched, $0.key) < ($0.matched, $1.key) }) {
            let overlaps = kept.contains { other in
                abs(other.row - candidate.key.row) < size.rows
                    && abs(other.column - candidate.key.column) < size.columns
            }
            if !overlaps { kept.append(candidate.key) }
        }
        return kept.sorted()
    }

    /// A label compared without blanks, line breaks or full-width forms.
    static func normalized(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let folded = NumberText.fold(scalar)
            if folded == " " || folded == "\t" || folded == "\n" || folded == "\r" { continue }
            out.append(folded)
        }
        return String(out)
    }
}
