import GongkaiCore

/// Reads back what Gongkai exported and people edited in Excel or WPS: the official-layout CSV, the long CSV
/// (`report,cell,…,value,status`) and `.xlsx` — by content (a zip archive, the long CSV's header) or by the `.csv`
/// extension. Anything else is left to the text importer.
struct SpreadsheetImporter {
    let template: ReportTemplate

    /// The report in `bytes` if they are a spreadsheet; nil when they are not (a published text, HTML, …).
    func importIfSpreadsheet(_ bytes: [UInt8], fileName: String?) throws(ImportError) -> ImportedReport? {
        // A name's suffix, case aside: lowercased (a Unicode mapping, slow on a Chinese name) only where its last bytes
        // already are the suffix's, ASCII case aside (no other letter lowercases to these).
        func named(_ suffix: String) -> Bool {
            guard let name = fileName, name.hasSuffix(asciiCaseless: suffix) else { return false }
            return name.lowercased().hasSuffix(suffix)
        }
        if XLSXArchive.isArchive(bytes) {
            guard !named(".docx") else { return nil }
            let grids: [SpreadsheetGrid]
            do {
                grids = try XLSXReader.grids(bytes)
            } catch {
                throw ImportError(code: "I300", "cannot read the Excel workbook: \(error)", file: fileName)
            }
            let (importer, result) = bestLayout(grids, fileName: fileName)
            guard !result.tables.isEmpty else { throw .noTables(fileName) }
            return importer.report(result, kind: .xlsx, encoding: .utf8, fileName: fileName, issues: [])
        }
        guard named(".csv") || CSVLongReader.hasHeader(bytes) else { return nil }
        let decoded = try SourceDecoder.decode(bytes, file: fileName)
        let grid = CSVRecords.grid(decoded.scalars)
        if CSVLongReader.isLong(grid) {
            return CSVLongReader(template: CSVLongReader.template(of: grid, default: template), file: fileName).read(
                grid, encoding: decoded.encoding, issues: decoded.issues)
        }
        // A CSV without Gongkai's tables (a published table saved as CSV by someone else) is left to the text importer.
        let (importer, result) = bestLayout([grid], fileName: fileName)
        guard !result.tables.isEmpty else { return nil }
        return importer.report(
            result, kind: .csvOfficial, encoding: decoded.encoding, fileName: fileName, issues: decoded.issues)
    }

    /// The official layout read with each format Gongkai knows, when this importer is the 2021 one: the format
    /// whose layout places the most values (a 2019-format export read back stays 2019); ties keep this template.
    private func bestLayout(_ grids: [SpreadsheetGrid], fileName: String?) -> (
        SpreadsheetImporter, OfficialLayoutReader.Result
    ) {
        let candidates =
            template.id == ReportTemplate.official2021.id ? ReportTemplate.all : [template]
        var best: (SpreadsheetImporter, OfficialLayoutReader.Result)?
        for candidate in candidates {
            let result = OfficialLayoutReader(template: candidate, file: fileName).read(grids)
            if let best, best.1.values.count >= result.values.count { continue }
            best = (SpreadsheetImporter(template: candidate), result)
        }
        return best!
    }

    /// The imported report from the official layout's values, with the metadata of the heading above the tables.
    func report(
        _ result: OfficialLayoutReader.Result, kind: InputKind, encoding: SourceEncoding, fileName: String?,
        issues: [ImportIssue]
    ) -> ImportedReport {
        var texts: [String: String] = [:]
        var org: String?
        var year: Int?
        if let heading = result.heading {
            let metadata = ReportMetadata(SourceDocument(plainText: heading.unicodeScalars.map(SourceDocument.fold)))
            org = metadata.org
            year = metadata.year
            if let org { texts["meta.org"] = org }
            if let year { texts["meta.year"] = String(year) }
        }
        return ImportedReport(
            template: template, kind: kind, encoding: encoding, file: fileName, org: org, year: year, title: nil,
            texts: texts, values: result.values, missing: missing(result.values, issues: result.issues), inferred: [],
            diagnostics: issues + result.issues)
    }

    /// Every cell without a value, with the reason: the issue about its place, or an empty place.
    func missing(_ values: [Int: (Value, Provenance)], issues: [ImportIssue]) -> [CellNote] {
        template.cells.filter { values[$0.index] == nil }.map { cell in
            let issue = issues.first { $0.code == "I301" && $0.summary.contains("(\(cell.name))") }
            let lost = issues.first { $0.code == "I303" && $0.table == cell.table }
            return CellNote(
                cell: cell.index, reason: issue?.summary ?? lost.map { _ in "its table was not found" } ?? "empty")
        }
    }
}

/// The long CSV: one row per cell, `report,cell,table,row,column,unit,value,status`; columns found by their header
/// names, so a column moved or added in Excel does not matter. Rows of the first report are loaded.
struct CSVLongReader {
    let template: ReportTemplate
    let file: String?

    static let header = "report,cell,table,row,column"

    /// Whether the file opens with the long CSV's header (after an optional byte-order mark).
    static func hasHeader(_ bytes: [UInt8]) -> Bool {
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        return body.starts(with: Array(header.utf8))
    }

    /// The format whose cells the file's `cell` column names: a name only the 2019 trial format has
    /// (`t2.reg.created`, `t3.result.other.natural`) makes it that format's; otherwise `fallback`.
    static func template(of grid: SpreadsheetGrid, default fallback: ReportTemplate) -> ReportTemplate {
        guard fallback.id == ReportTemplate.official2021.id else { return fallback }
        var cellColumn: Int?
        for (key, text) in grid.cells where key.row == 1 && text == "cell" { cellColumn = key.column }
        guard let cellColumn else { return fallback }
        for (key, name) in grid.cells where key.column == cellColumn && key.row > 1 {
            if fallback.index(of: name) == nil,
                let other = ReportTemplate.all.first(where: { $0.index(of: name) != nil })
            {
                return other
            }
        }
        return fallback
    }

    /// Whether the first record names the long CSV's columns.
    static func isLong(_ grid: SpreadsheetGrid) -> Bool {
        grid.text(SpreadsheetGrid.Key(row: 1, column: 0)) == "report"
            && grid.text(SpreadsheetGrid.Key(row: 1, column: 1)) == "cell"
    }

    func read(_ grid: SpreadsheetGrid, encoding: SourceEncoding, issues: [ImportIssue]) -> ImportedReport {
        var columns: [String: Int] = [:]
        for (key, text) in grid.cells where key.row == 1 { columns[text] = key.column }
        let rows = Set(grid.cells.keys.map(\.row)).sorted().dropFirst()
        var values: [Int: (Value, Provenance)] = [:]
        var texts: [String: String] = [:]
        var diagnostics = issues
        var report: String?
        var skipped = 0
        let textNames = Set(template.textCells.map(\.name))
        func field(_ row: Int, _ name: String) -> (SpreadsheetGrid.Key, String?) {
            let key = SpreadsheetGrid.Key(row: row, column: columns[name] ?? -1)
            return (key, grid.text(key))
        }
        for row in rows {
            let (_, reportName) = field(row, "report")
            let (cellKey, cellName) = field(row, "cell")
            let (valueKey, value) = field(row, "value")
            if report == nil { report = reportName }
            guard reportName == report else {
                skipped += 1
                continue
            }
            guard let name = cellName else {
                if value != nil {
                    diagnostics.append(
                        ImportIssue(
                            code: "I305", severity: .warning,
                            "\(grid.place(cellKey)): a value without a cell name was not placed",
                            line: grid.line(cellKey), column: cellKey.column + 1))
                }
                continue
            }
            if textNames.contains(name) {
                if let value { texts[name] = value }
                continue
            }
            guard let index = template.index(of: name) else {
                diagnostics.append(
                    ImportIssue(
                        code: "I305",
                        severity: .warning,
                        "\(grid.place(cellKey)): no cell ‘\(name)’ in the \(template.id) format; not placed",
                        line: grid.line(cellKey), column: cellKey.column + 1))
                continue
            }
            let cell = template.cells[index]
            guard let value else { continue }
            switch NumberText.read(value) {
            case .number(let number, let unit)? where unit.map { NumberText.unit($0, fits: cell.unit) } ?? true:
                values[index] = (
                    .number(number), Provenance(file: file, line: grid.line(valueKey), column: valueKey.column + 1)
                )
            case .blank?: continue
            default:
                diagnostics.append(
                    ImportIssue(
                        code: "I301", severity: .warning,
                        "\(grid.place(valueKey)) (\(name)): ‘\(value)’ is not a number; left empty",
                        table: cell.table, row: cell.rowKey, line: grid.line(valueKey), column: valueKey.column + 1))
            }
        }
        if skipped > 0 {
            diagnostics.append(
                ImportIssue(
                    code: "I306", severity: .note,
                    "\(skipped) rows of other reports than \(report ?? "the first") were not loaded "
                        + "(one report per load)"
                ))
        }
        let importer = SpreadsheetImporter(template: template)
        return ImportedReport(
            template: template, kind: .csvLong, encoding: encoding, file: file, org: texts["meta.org"],
            year: texts["meta.year"].flatMap { Int($0) }, title: texts["meta.title"], texts: texts, values: values,
            missing: importer.missing(values, issues: diagnostics), inferred: [], diagnostics: diagnostics)
    }
}
