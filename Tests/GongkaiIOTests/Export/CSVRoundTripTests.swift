import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiTestSupport
import Testing

/// Reads CSV with Python's `csv` module — an implementation that shares nothing with ours.
enum PythonCSV {
    static let script = """
        import csv, json, sys
        with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
            json.dump(list(csv.reader(f)), sys.stdout, ensure_ascii=False)
        """

    static func rows(_ csv: String) throws -> [[String]] {
        let python = try #require(ExportFixtures.tool("python3"), "python3 is needed to read CSV independently")
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("export.csv")
        try Data(csv.utf8).write(to: file)
        let result = try ExportFixtures.run(python, ["-c", script, file.path])
        try #require(result.status == 0, "python3 failed: \(String(decoding: result.error, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String]])
    }
}

/// Finds every cell's value in the official CSV layout using only the template's data (not the exporter's grid):
/// tables by their titles, columns by their header paths, rows by their label paths.
struct OfficialCSVReader {
    let template: ReportTemplate
    var values: [String: String] = [:]

    init(rows: [[String]], template: ReportTemplate, heading: String) throws {
        self.template = template
        try #require(rows.first == [heading], "first row is the report heading")
        var blocks: [[[String]]] = [[]]
        for row in rows.dropFirst() {
            if row.isEmpty { blocks.append([]) } else { blocks[blocks.count - 1].append(row) }
        }
        for block in blocks {
            let title = try #require(block.first?.first)
            let table = try #require(template.tables.first { $0.fullTitle == title }, "unknown table title \(title)")
            switch table.layout {
            case .sections: try readSections(block.dropFirst(), table)
            case .grid(let header, let corner): try readGrid(block.dropFirst(), table, header: header, corner: corner)
            case .singleRow(let header): try readSingleRow(block.dropFirst(), table, header: header)
            }
        }
    }

    mutating func store(_ table: TemplateTable, _ row: String, _ column: String, _ value: String) throws {
        let cell = try #require(template.cell(table: table.id, row: row, column: column))
        #expect(values[cell.name] == nil, "\(cell.name) appears twice")
        values[cell.name] = value
    }

    mutating func readSections(_ rows: ArraySlice<[String]>, _ table: TemplateTable) throws {
        var rows = rows[...]
        for section in table.sections {
            if let heading = section.heading {
                #expect(rows.first?.first == heading)
                rows = rows.dropFirst()
            }
            let header = try #require(rows.first)
            #expect(header[0] == section.rowHeader ?? "")
            for (c, column) in section.columns.enumerated() { #expect(header[1 + c] == column.labels.last) }
            rows = rows.dropFirst()
            for templateRow in section.rows {
                let row = try #require(rows.first)
                #expect(row[0] == templateRow.labels.last)
                for (c, column) in section.columns.enumerated() {
                    try store(table, templateRow.key, column.key, row[1 + c])
                }
                rows = rows.dropFirst()
            }
        }
        #expect(rows.isEmpty)
    }

    /// Labels without blanks and without a label repeated next to itself (a merged cell filled in).
    static func path(_ labels: some Sequence<String>) -> [String] {
        labels.filter { !$0.isEmpty }.reduce(into: []) { path, label in if path.last != label { path.append(label) } }
    }

    /// The header path of each column, top to bottom.
    static func headerPaths(_ rows: ArraySlice<[String]>, from column: Int) -> [[String]] {
        let width = rows.map(\.count).max() ?? 0
        return (column..<width).map { c in path(rows.map { c < $0.count ? $0[c] : "" }) }
    }

    mutating func readGrid(_ rows: ArraySlice<[String]>, _ table: TemplateTable, header: [HeaderNode], corner: String)
        throws
    {
        let depth = header.map(\.depth).max() ?? 0
        let templateRows = table.sections.flatMap(\.rows)
        let labelColumns = templateRows.map(\.labels.count).max() ?? 0
        let headerRows = rows.prefix(depth)
        #expect(headerRows.first?.first == corner)
        let columns = table.sections[0].columns
        let keys = try OfficialCSVReader.headerPaths(headerRows, from: labelColumns).map { path in
            try #require(columns.first { path.suffix($0.labels.count).elementsEqual($0.labels) }, "header \(path)").key
        }
        #expect(keys.count == columns.count)
        let body = rows.dropFirst(depth)
        #expect(body.count == templateRows.count)
        for row in body {
            let labels = OfficialCSVReader.path(row.prefix(labelColumns))
            let templateRow = try #require(templateRows.first { $0.labels == labels }, "row \(labels)")
            for (j, key) in keys.enumerated() { try store(table, templateRow.key, key, row[labelColumns + j]) }
        }
    }

    mutating func readSingleRow(_ rows: ArraySlice<[String]>, _ table: TemplateTable, header: [HeaderNode]) throws {
        let depth = header.map(\.depth).max() ?? 0
        let section = table.sections[0]
        let paths = OfficialCSVReader.headerPaths(rows.prefix(depth), from: 0)
        #expect(rows.count == depth + 1)
        let data = try #require(rows.last)
        for (j, path) in paths.enumerated() {
            let row = try #require(section.rows.first { path.starts(with: $0.labels) }, "header \(path)")
            let column = try #require(section.columns.first { path == row.labels + $0.labels }, "header \(path)")
            try store(table, row.key, column.key, data[j])
        }
    }
}

@Suite("CSV export read back by Python's csv module")
struct CSVRoundTripTests {
    @Test("official layout gives every cell's value; empty stays empty", arguments: ExportFixtures.goldenNames)
    func officialLayout(name: String) throws {
        let golden = try ExportFixtures.golden(name)
        for excel in [false, true] {
            let csv = try Exporter.export([golden.report], format: .csv, options: ExportOptions(excel: excel))
            let rows = try PythonCSV.rows(csv)
            let reader = try OfficialCSVReader(
                rows: rows, template: golden.report.template, heading: golden.report.heading)
            #expect(reader.values.count == golden.report.template.cells.count)
            for (cell, expected) in golden.expected {
                #expect(reader.values[cell] == expected?.description ?? "", "\(name) \(cell)")
            }
        }
    }

    @Test("several reports in the official layout, one after another")
    func severalReports() throws {
        let first = try ExportFixtures.golden("上海市科委-2024")
        let second = try ExportFixtures.golden("平潭综合实验区-2021.html")
        let rows = try PythonCSV.rows(try Exporter.export([first.report, second.report], format: .csv))
        let split = try #require(rows.firstIndex(of: [second.report.heading]))
        #expect(rows[split - 1].isEmpty)
        for (golden, part) in [(first, rows[..<(split - 1)]), (second, rows[split...])] {
            let reader = try OfficialCSVReader(
                rows: Array(part), template: golden.report.template, heading: golden.report.heading)
            for (cell, expected) in golden.expected { #expect(reader.values[cell] == expected?.description ?? "") }
        }
    }

    @Test("one selected table alone, without titles")
    func selectedTable() throws {
        let golden = try ExportFixtures.golden("淮安市-2024")
        let csv = try Exporter.export(
            [golden.report], format: .csv, tables: ["三"], options: ExportOptions(titles: false))
        let rows = try PythonCSV.rows(csv)
        #expect(rows.count == 3 + 25)
        #expect(rows.allSatisfy { $0.count == 10 })
        let total = try #require(rows.first { $0.prefix(3) == ["三、本年度办理结果", "（七）总计", ""] })
        #expect(total.last == golden.expected["t3.total.total"]??.description)
    }

    @Test("long form: one row per cell for several reports together")
    func longForm() throws {
        let goldens = try ExportFixtures.goldenNames.map(ExportFixtures.golden)
        let csv = try Exporter.export(goldens.map(\.report), format: .csvLong)
        let rows = try PythonCSV.rows(csv)
        #expect(rows.first == ["report", "cell", "table", "row", "column", "unit", "value", "status"])

        var seen: [String: Set<String>] = [:]
        for row in rows.dropFirst() {
            try #require(row.count == 8)
            let (report, name, value, status) = (row[0], row[1], row[6], row[7])
            let golden = try #require(goldens.first { $0.name == report })
            let template = golden.report.template
            if name.hasPrefix("meta.") {
                #expect(status == "text")
                #expect(value == (name == "meta.org" ? golden.org : golden.year))
                continue
            }
            let cell = try #require(template.cell(named: name))
            #expect(row[2] == cell.table && row[3] == cell.rowPath && row[4] == cell.columnPath)
            #expect(row[5] == cell.unit.rawValue)
            let expected = try #require(golden.expected[name])
            #expect(value == expected?.description ?? "", "\(report) \(name)")
            #expect(status == (expected == nil ? "empty" : "read"), "\(report) \(name)")
            seen[report, default: []].insert(name)
        }
        for golden in goldens { #expect(seen[golden.name]?.count == golden.report.template.cells.count) }
    }

    @Test("Excel profile: BOM, CRLF, same content")
    func excelProfile() throws {
        let golden = try ExportFixtures.golden("上犹县政府办-2023")
        let plain = try Exporter.data([golden.report], format: .csvLong)
        let excel = try Exporter.data([golden.report], format: .csvLong, options: ExportOptions(excel: true))
        #expect(Array(excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(!plain.starts(with: [0xEF, 0xBB, 0xBF]))
        let excelText = String(decoding: excel.dropFirst(3), as: UTF8.self)
        #expect(
            excelText.components(separatedBy: "\r\n").joined(separator: "\n") == String(decoding: plain, as: UTF8.self))
        #expect(
            try PythonCSV.rows(String(decoding: excel, as: UTF8.self))
                == PythonCSV.rows(String(decoding: plain, as: UTF8.self)))
    }
}
