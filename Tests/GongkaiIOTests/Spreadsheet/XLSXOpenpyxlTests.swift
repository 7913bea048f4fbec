import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// The `.xlsx` export checked and edited by openpyxl, an implementation that shares nothing with ours.
@Suite("XLSX with openpyxl")
struct XLSXOpenpyxlTests {
    /// Prints the workbook as JSON (sheets, merged ranges, every value with its type), then renames sheet 表三, types
    /// a number as full-width text into one cell, a number into another, text into a third and a number outside the
    /// tables, and saves the result as a second file.
    static let script = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {"sheets": wb.sheetnames, "merged": {}, "cells": {}}
        for ws in wb.worksheets:
            out["merged"][ws.title] = sorted(str(r) for r in ws.merged_cells.ranges)
            out["cells"][ws.title] = {c.coordinate: [type(c.value).__name__, str(c.value)]
                                      for row in ws.iter_rows() for c in row if c.value is not None}
        edits = json.loads(sys.argv[3])
        for sheet, coordinate, value in edits:
            wb[sheet][coordinate] = value
        wb["表三"].title = "Sheet 3 (edited)"
        wb.save(sys.argv[2])
        json.dump(out, sys.stdout, ensure_ascii=False)
        """

    /// Where a value cell sits in its sheet: `D6` (grid rows start on sheet row 3).
    static func reference(of name: String, template: ReportTemplate) throws -> (sheet: String, cell: String) {
        let cell = try #require(template.cells.first { $0.name == name })
        let table = try #require(template.table(cell.table))
        let grid = try TableGrid(table: table, template: template)
        let placed = try #require(grid.cells.first { $0.valueIndex == cell.index })
        return ("表" + table.number, SpreadsheetXML.reference(placed.row + XLSXExporter.firstGridRow, placed.column))
    }

    @Test("openpyxl reads merged headers and numbers; its edits load back", arguments: ExportFixtures.goldenNames)
    func edited(name: String) throws {
        let python = try #require(ExportFixtures.tool("python3"))
        let check = try ExportFixtures.run(python, ["-c", "import openpyxl"])
        try #require(check.status == 0, "openpyxl is needed (scripts/deps.sh installs it)")
        let golden = try ExportFixtures.golden(name)
        let template = golden.report.template
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = directory.appendingPathComponent("report.xlsx")
        let edited = directory.appendingPathComponent("edited.xlsx")
        try Data(try Exporter.bytes([golden.report], format: .xlsx)).write(to: original)

        let carried = try Self.reference(of: "t3.carried.natural", template: template)
        // The amount cell a float from Excel lands in: the fee (万元) in 2021, 政府集中采购 采购总金额 (元) in 2019.
        let amount = template.index(of: "t2.fee.amount") != nil ? "t2.fee.amount" : "t2.procure.amount"
        let fee = try Self.reference(of: amount, template: template)
        let upheld = try Self.reference(of: "t4.review.upheld", template: template)
        let edits: [[Any]] = [
            [carried.sheet, carried.cell, "１，２３４"], [fee.sheet, fee.cell, 0.1 + 0.2],
            [upheld.sheet, upheld.cell, "unknown"], ["表四", "B20", 77],
        ]
        let editJSON = String(decoding: try JSONSerialization.data(withJSONObject: edits), as: UTF8.self)
        let result = try ExportFixtures.run(python, ["-c", Self.script, original.path, edited.path, editJSON])
        try #require(result.status == 0, "openpyxl failed: \(String(decoding: result.error, as: UTF8.self))")
        let json = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])

        // The sheets and their merged ranges are the grid's spans, plus the heading and the title rows.
        #expect(json["sheets"] as? [String] == ["表二", "表三", "表四"])
        let merged = try #require(json["merged"] as? [String: [String]])
        let cells = try #require(json["cells"] as? [String: [String: [String]]])
        for table in template.tables {
            let grid = try TableGrid(table: table, template: template)
            let last = SpreadsheetXML.columnName(grid.columnCount - 1)
            var expected = ["A1:\(last)1", "A2:\(last)2"]
            for cell in grid.cells where cell.rowSpan > 1 || cell.columnSpan > 1 {
                let top = cell.row + XLSXExporter.firstGridRow
                expected.append(
                    SpreadsheetXML.reference(top, cell.column) + ":"
                        + SpreadsheetXML.reference(top + cell.rowSpan - 1, cell.column + cell.columnSpan - 1))
            }
            #expect(merged["表" + table.number] == expected.sorted(), "merged ranges of 表\(table.number)")
            #expect(!expected.filter { !$0.hasPrefix("A1:") && !$0.hasPrefix("A2:") }.isEmpty)
            // Every value is a number as openpyxl sees it (int, or float for the fee), with the golden value.
            for cell in template.cells(ofTable: table.id) {
                let place = try Self.reference(of: cell.name, template: template)
                let seen = cells["表" + table.number]?[place.cell]
                guard let want = golden.expected[cell.name] ?? nil else {
                    #expect(seen == nil, "\(cell.name) is empty")
                    continue
                }
                #expect(
                    seen?.first == (cell.unit.isIntegral ? "int" : want.isInteger ? "int" : "float"), "\(cell.name)")
                #expect(seen.flatMap { $0.last }.flatMap { DecimalNumber($0) } == want, "\(cell.name)")
            }
        }

        // Loaded back: the edits, under the new sheet name; every other cell as before; what cannot be placed said.
        let imported = try ReportImporter().importReport(contentsOf: edited)
        #expect(imported.kind == .xlsx)
        var expected = golden.expected
        expected["t3.carried.natural"] = DecimalNumber(1234)
        expected[amount] = DecimalNumber("0.3")
        expected["t4.review.upheld"] = .some(nil)
        SpreadsheetRoundTripTests.expectCells(imported, expected)
        let issues = imported.diagnostics.map(\.description)
        #expect(
            issues.contains { $0.contains("sheet 表四 \(upheld.cell) (t4.review.upheld): ‘unknown’ is not a number") })
        #expect(issues.contains { $0.contains("sheet 表四 B20: ‘77’ lies outside the tables") })
    }
}
