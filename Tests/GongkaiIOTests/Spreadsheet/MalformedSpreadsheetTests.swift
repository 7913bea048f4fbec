import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Damaged spreadsheets are clear errors or partial reads with their places, never a crash.
@Suite("Malformed spreadsheets")
struct MalformedSpreadsheetTests {
    static func workbook() throws -> [UInt8] {
        try Exporter.bytes([try ExportFixtures.golden("上犹县政府办-2023").report], format: .xlsx)
    }

    @Test("a truncated or garbled .xlsx is error I300", arguments: [0.1, 0.5, 0.9])
    func truncated(fraction: Double) throws {
        let bytes = try Self.workbook()
        let cut = Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
        #expect(throws: ImportError.self) { try ReportImporter().importReport(bytes: cut, fileName: "cut.xlsx") }
        do {
            _ = try ReportImporter().importReport(bytes: cut, fileName: "cut.xlsx")
        } catch {
            #expect(error.code == "I300" || error.code == "I005", "\(error)")
        }
    }

    @Test("a zip archive without a workbook is no Excel file")
    func notAWorkbook() throws {
        let zip = try XLSXArchive.zip([("word/document.xml", Array("<w:document/>".utf8))])
        #expect(throws: ImportError.self) { try ReportImporter().importReport(bytes: zip, fileName: "a.xlsx") }
    }

    @Test("broken sheet XML reads what it can and says the rest is missing")
    func brokenSheet() throws {
        var entries = try XLSXArchive.entries(of: try Self.workbook())
        let sheet = try #require(entries["xl/worksheets/sheet2.xml"])
        // Cut table 三's sheet in the middle of a cell: the rows before it still count.
        entries["xl/worksheets/sheet2.xml"] = Array(sheet.prefix(sheet.count / 2))
        let zip = try XLSXArchive.zip(entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        let imported = try ReportImporter().importReport(bytes: zip, fileName: "half.xlsx")
        #expect(imported.value("t4.review.total") != .empty)
        #expect(!imported.missing.isEmpty)
        #expect(imported.values.count + imported.missing.count == 200)
    }

    @Test("a CSV with no table of the format is error I005")
    func noTables() throws {
        #expect(throws: ImportError.self) {
            try ReportImporter().importReport(bytes: Array("a,b,c\n1,2,3\n".utf8), fileName: "x.csv")
        }
    }

    @Test("CSV quoting: commas, quotes and line breaks inside fields; a guarded formula loses its guard")
    func quoting() {
        let grid = CSVRecords.grid(Array("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",'=1+2,x\n".unicodeScalars))
        #expect(grid.text(.init(row: 1, column: 1)) == "b,1")
        #expect(grid.text(.init(row: 1, column: 2)) == "say \"hi\"")
        #expect(grid.text(.init(row: 2, column: 0)) == "two\nlines")
        #expect(grid.text(.init(row: 2, column: 1)) == "=1+2")
        #expect(grid.recordLines == [1, 2])
    }
}
