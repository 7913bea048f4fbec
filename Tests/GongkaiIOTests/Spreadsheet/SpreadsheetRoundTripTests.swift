import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Every fixture exported (CSV official, CSV for Excel, CSV long, XLSX) and imported back gives exactly its cells.
@Suite("Spreadsheet round trips")
struct SpreadsheetRoundTripTests {
    /// An export as a file: its format, options and the name it is imported under.
    struct Variant: CustomStringConvertible, Sendable {
        let format: ExportFormat
        let excel: Bool
        let file: String
        var description: String { format.rawValue + (excel ? " --excel" : "") }
    }

    static let variants = [
        Variant(format: .csv, excel: false, file: "report.csv"),
        Variant(format: .csv, excel: true, file: "report.csv"),
        Variant(format: .csvLong, excel: false, file: "report.csv"),
        Variant(format: .csvLong, excel: true, file: "long.txt"),
        Variant(format: .xlsx, excel: false, file: "report.xlsx"),
    ]

    @Test("export → import gives the golden cells", arguments: ExportFixtures.goldenNames, variants)
    func roundTrip(name: String, variant: Variant) throws {
        let golden = try ExportFixtures.golden(name)
        let bytes = try Exporter.bytes(
            [golden.report], format: variant.format, options: ExportOptions(excel: variant.excel))
        let imported = try ReportImporter().importReport(bytes: bytes, fileName: variant.file)
        SpreadsheetRoundTripTests.expectCells(imported, golden.expected)
        #expect(imported.diagnostics.filter { $0.severity == .warning }.isEmpty, "\(imported.diagnostics)")
        #expect(imported.texts["meta.org"] == golden.org)
        #expect(imported.texts["meta.year"] == golden.year)
    }

    /// Gongkai's CSV as Excel or WPS saves it again: GBK without BOM, CRLF, numbers stored as text with separators.
    @Test("official CSV re-saved: GBK, CRLF, numbers as text", arguments: ExportFixtures.goldenNames)
    func resavedCSV(name: String) throws {
        let golden = try ExportFixtures.golden(name)
        var text = try Exporter.export([golden.report], format: .csv)
        // The first value of table 三's first row, written as a full-width number with a thousands separator.
        let template = ReportTemplate.official2021
        let cell = try #require(template.cells.first { $0.name == "t3.new.natural" })
        let value = try #require(golden.expected[cell.name] ?? nil)
        let label = try #require(cell.rowLabels.first)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.hasPrefix(label + ",") })
        var fields = lines[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let column = try #require(fields.firstIndex { !$0.isEmpty && $0 != label })
        #expect(fields[column] == value.description)
        fields[column] = "\"" + SpreadsheetRoundTripTests.fullWidth(value.description) + "\""
        lines[row] = fields.joined(separator: ",")
        text = lines.joined(separator: "\r\n")
        let gbk = try #require(text.data(using: String.Encoding(rawValue: 0x8000_0632)))
        let imported = try ReportImporter().importReport(bytes: [UInt8](gbk), fileName: "re-saved.csv")
        #expect(imported.encoding == .gb18030)
        SpreadsheetRoundTripTests.expectCells(imported, golden.expected)
    }

    @Test("a value that is not a number, and a number outside the tables, are reported with their place")
    func unplaceable() throws {
        let golden = try ExportFixtures.golden("淮安市-2024")
        var text = try Exporter.export([golden.report], format: .csv, tables: ["t4"])
        let lines = text.split(separator: "\n").map(String.init)
        let last = try #require(lines.last)
        var fields = last.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[0] = "abc"
        text = (lines.dropLast() + [fields.joined(separator: ","), "", "note,,12"]).joined(separator: "\n") + "\n"
        let imported = try ReportImporter().importReport(bytes: Array(text.utf8), fileName: "t4.csv")
        #expect(imported.value("t4.review.upheld") == .empty)
        #expect(imported.missingNames.contains("t4.review.upheld"))
        let issues = imported.diagnostics.map(\.description)
        #expect(
            issues.contains { $0.contains("line \(lines.count), field 1 (t4.review.upheld): ‘abc’ is not a number") })
        #expect(issues.contains { $0.contains("line \(lines.count + 2), field 3: ‘12’ lies outside the tables") })
        // Every other cell of table 四 is read as exported.
        for cell in ReportTemplate.official2021.cells(ofTable: "t4") where cell.name != "t4.review.upheld" {
            #expect(imported.value(cell.name) == (golden.expected[cell.name] ?? nil).map(Value.number) ?? .empty)
        }
    }

    @Test("long CSV: an unknown cell name is reported with its line, the others load")
    func longUnknownCell() throws {
        let golden = try ExportFixtures.golden("上犹县政府办-2023")
        let text = try Exporter.export([golden.report], format: .csvLong)
            .replacingOccurrences(of: ",t3.new.natural,", with: ",t3.new.naturel,")
        let imported = try ReportImporter().importReport(bytes: Array(text.utf8), fileName: "long.csv")
        #expect(imported.kind == .csvLong)
        #expect(imported.value("t3.new.natural") == .empty)
        #expect(
            imported.diagnostics.contains {
                $0.code == "I305" && $0.message.contains("t3.new.naturel") && $0.line != nil
            })
        #expect(imported.values.count == golden.expected.values.filter { $0 != nil }.count - 1)
    }

    @Test("several reports in one export: the first is loaded, the others are said", arguments: variants)
    func severalReports(variant: Variant) throws {
        let first = try ExportFixtures.golden("上犹县政府办-2023")
        let second = try ExportFixtures.golden("淮安市-2024")
        let bytes = try Exporter.bytes([first.report, second.report], format: variant.format)
        let imported = try ReportImporter().importReport(bytes: bytes, fileName: variant.file)
        SpreadsheetRoundTripTests.expectCells(imported, first.expected)
        let code = variant.format == .csvLong ? "I306" : "I304"
        let notes = imported.diagnostics.filter { $0.code == code }
        #expect(notes.count == (variant.format == .csvLong ? 1 : 3), "\(imported.diagnostics)")
        #expect(notes.allSatisfy { $0.severity == .note })
        #expect(!imported.diagnostics.contains { $0.severity == .warning }, "the other report's numbers are no strays")
    }

    /// The cells of an import against the golden values: each one equal, empty where the golden is empty.
    static func expectCells(
        _ imported: ImportedReport, _ expected: [String: DecimalNumber?],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var wrong: [String] = []
        for cell in imported.template.cells {
            let want = (expected[cell.name] ?? nil).map(Value.number) ?? .empty
            if imported.value(cell.name) != want {
                wrong.append("\(cell.name): \(imported.value(cell.name)) ≠ \(want)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) cells differ: \(wrong.prefix(5))", sourceLocation: sourceLocation)
    }

    /// `1234` → `１，２３４`: full-width digits, a full-width comma between groups of three.
    static func fullWidth(_ digits: String) -> String {
        var out = ""
        for (n, c) in digits.enumerated() {
            if n > 0 && (digits.count - n) % 3 == 0 { out += "，" }
            let value = (c.unicodeScalars.first?.value ?? 0x30) - 0x30 + 0xFF10
            out.unicodeScalars.append(Unicode.Scalar(value) ?? "?")
        }
        return out
    }
}
