import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiTestSupport
import Testing

/// Issue 12: the CSV formula guard works on Unicode scalars; a long unbreakable run cannot stop xelatex.
@Suite("Export hardening")
struct ExportHardeningTests {
    /// `=` (or `+ - @`) followed by a combining mark, a zero-width joiner or a variation selector: one Character that
    /// is not `=`, but a spreadsheet still sees a formula.
    static let disguised = [
        "=\u{301}cmd|' /C calc'!A0", "=\u{200D}1+1", "+\u{FE0F}1", "-\u{20DD}2", "@\u{0308}SUM(1)", "=\u{200D}\u{301}1",
    ]

    @Test("a formula leader followed by a combining mark or joiner is guarded (read back by Python's csv)")
    func disguisedFormulas() throws {
        var report = try ExportFixtures.golden("上犹县政府办-2023").report
        report.texts["meta.title"] = Self.disguised[0]
        report.texts["text.s1"] = Self.disguised[1]
        let cells = ["t3.new.commercial", "t3.new.research", "t3.new.nonprofit", "t3.new.legal", "t3.new.otherorg"]
        for (cell, text) in zip(cells, Self.disguised.dropFirst()) {
            report.values[try #require(report.template.index(of: cell))] = .text(text)
        }
        for format in [ExportFormat.csv, .csvLong] {
            let rows = try PythonCSV.rows(try Exporter.export([report], format: format))
            let fields = rows.joined()
            for text in Self.disguised {
                #expect(fields.contains("'" + text), "\(format): \(text.unicodeScalars.map { $0.value })")
                #expect(!fields.contains(text) || fields.contains("'" + text))
            }
            for field in fields {
                guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else {
                    continue
                }
                #expect(DecimalNumber(field) != nil, "unguarded: \(field)")
            }
        }
    }

    @Test(
        "1,500 letters or 600 digits in a row compile, and print whole",
        .enabled(if: LaTeXRunner.available, "xelatex or pdftotext is not installed: skipped"))
    func longRuns() throws {
        var report = try ExportFixtures.golden("上犹县政府办-2023").report
        let letters = String(repeating: "a", count: 1500)
        let digits = String(repeating: "1", count: 600)
        let marked = String(repeating: "e\u{301}", count: 1000)
        report.texts["meta.org"] = digits
        report.texts["text.s1"] = letters + "。\n" + marked
        report.texts["text.s6"] = "http://www.example.gov.cn/" + String(repeating: "x/y_z", count: 400)
        let latex = try Exporter.export([report], format: .latex)
        // A break opportunity in every run, never between a letter and its accent.
        #expect(!latex.contains(String(repeating: "a", count: 21)))
        #expect(!latex.contains("}\u{301}"))
        let result = try LaTeXRunner.compile(latex)
        defer { try? FileManager.default.removeItem(at: result.directory) }
        // (On one page: pdftotext puts a page number inside a run that spans two.)
        #expect(result.text.contains(letters))
        #expect(result.text.contains(digits))
    }
}
