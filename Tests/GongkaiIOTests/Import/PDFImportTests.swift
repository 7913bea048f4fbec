import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// PDFs loaded directly, through Poppler's pdftotext as a child process: the published 洪泽区 PDFs to their goldens,
/// places as page:line:column, Gongkai's own LaTeX export back to its cells, and the failures of the child.
@Suite(
    "Import: PDF files through pdftotext",
    .enabled(if: ExportFixtures.tool("pdftotext") != nil, "pdftotext (poppler-utils) is not installed"))
struct PDFImportTests {
    static func load(_ pdf: String, importer: ReportImporter = ReportImporter()) throws -> ImportedReport {
        try importer.importReport(contentsOf: Fixtures.url("reports/" + pdf))
    }

    @Test("every one of the 200 cells equals the golden; missing and inferred lists too", arguments: Golden.pdfs)
    func golden(_ golden: String, _ pdf: String) throws {
        let expected = try Golden(golden)
        let report = try Self.load(pdf)
        #expect(report.kind == .pdf)
        #expect(report.extraction?.hasPrefix("pdftotext -") == true)
        #expect(report.extraction?.hasSuffix("5 pages") == true)
        let mismatches = expected.mismatches(report)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
        #expect(report.missingNames == expected.missing)
        #expect(report.inferredNames == expected.inferred)
        #expect(report.org == expected.org)
        #expect(report.year == expected.year)
        #expect(report.texts["text.s1"].map { $0.count > 200 } == true)
    }

    @Test("each value's page:line:column points at its digits in pdftotext's text of that page", arguments: Golden.pdfs)
    func pagePlaces(_ golden: String, _ pdf: String) throws {
        let report = try Self.load(pdf)
        let mode = try #require(
            report.extraction?.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        let tool = try #require(ExportFixtures.tool("pdftotext"))
        let run = try ExportFixtures.run(tool, [mode, "-enc", "UTF-8", Fixtures.url("reports/" + pdf).path, "-"])
        // The independent split: pages at form feeds, lines at line feeds.
        let pages = String(decoding: run.output, as: UTF8.self).split(
            separator: "\u{0C}", omittingEmptySubsequences: false
        )
        .map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) } }
        var seen = Set<Int>()
        for (cell, entry) in report.values {
            let provenance = entry.1
            let page = try #require(provenance.page, "\(report.template.cells[cell].name) has no page")
            let line = try #require(provenance.line)
            let column = try #require(provenance.column)
            seen.insert(page)
            try #require(page <= pages.count && line <= pages[page - 1].count)
            let text = pages[page - 1][line - 1]
            try #require(column <= text.count)
            let printed = String(text[(column - 1)...].prefix { $0.isNumber || $0 == "." })
            guard case .number(let value) = entry.0 else { continue }
            #expect(DecimalNumber(printed) == value, "\(report.template.cells[cell].name) at \(provenance)")
            #expect(provenance.description.hasPrefix("\(pdf):\(page):\(line):\(column)"))
        }
        #expect(seen.count >= 2, "the tables run over several pages")
    }

    @Test("bytes without a path are extracted from a temporary copy, with the same cells")
    func bytesWithoutPath() throws {
        let pdf = "洪泽区-2024.pdf"
        let fromBytes = try ReportImporter().importReport(bytes: try Fixtures.bytes("reports/" + pdf), fileName: pdf)
        let fromFile = try Self.load(pdf)
        #expect(fromBytes.values.count == fromFile.values.count)
        for (cell, entry) in fromFile.values { #expect(fromBytes.values[cell]?.0 == entry.0) }
        #expect(fromBytes.values.values.allSatisfy { $0.1.file == pdf })
    }

    /// Goldens with every printed row complete: their LaTeX PDFs come back cell for cell. In the others a row has an
    /// empty cell, which a PDF's text does not show at all (上海 table 三 row 四 without its 总计, 平潭 2021 table 二 row
    /// 行政规范性文件 without values): such a row cannot be placed by position, and its cells stay empty and reported.
    static let completeRows: Set<String> = ["上犹县政府办-2023", "淮安市-2024", "洪泽区-2023", "洪泽区-2024"]

    @Test(
        "Gongkai's own LaTeX export, compiled by xelatex, loads back to its cells",
        arguments: ExportFixtures.goldenNames)
    func latexExport(_ name: String) throws {
        try #require(LaTeXRunner.available)
        let golden = try ExportFixtures.golden(name)
        let result = try LaTeXRunner.compile(try Exporter.export([golden.report], format: .latex))
        defer { try? FileManager.default.removeItem(at: result.directory) }
        let report = try ReportImporter().importReport(contentsOf: result.pdf)
        #expect(report.kind == .pdf)
        var wrong: [String] = []
        var lost: [String] = []
        for cell in report.template.cells {
            let expected: Value = (golden.expected[cell.name] ?? nil).map(Value.number) ?? .empty
            let actual = report.values[cell.index]?.0 ?? .empty
            if actual == expected { continue }
            // Never a wrong value: a cell that does not come back is empty and listed with its reason.
            if actual == .empty && report.missingNames.contains(cell.name) {
                lost.append(cell.name)
            } else {
                wrong.append("\(cell.name): expected \(expected), got \(actual)")
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong:\n\(wrong.joined(separator: "\n"))")
        if Self.completeRows.contains(name) { #expect(lost.isEmpty, "lost: \(lost)") } else { #expect(lost.count < 10) }
        #expect(report.org == golden.org)
        #expect(report.year.map(String.init) == golden.year)
    }

    @Test("without pdftotext, the error says how to install Poppler")
    func popplerMissing() throws {
        var importer = ReportImporter()
        importer.pdftotext = "/nonexistent/bin/pdftotext"
        let error = try #require(throws: ImportError.self) { try Self.load("洪泽区-2023.pdf", importer: importer) }
        #expect(error.code == "I007")
        #expect(error.message.contains("apt-get install poppler-utils"))
        #expect(error.file == "洪泽区-2023.pdf")
    }

    @Test("a hung pdftotext is stopped after the time limit and reported")
    func hungChild() throws {
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fake = directory.appendingPathComponent("pdftotext")
        try Data("#!/bin/sh\nexec sleep 30\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        var importer = ReportImporter()
        importer.pdftotext = fake.path
        importer.childTimeout = 0.5
        let error = try #require(throws: ImportError.self) { try Self.load("洪泽区-2023.pdf", importer: importer) }
        #expect(error.code == "I008")
        #expect(error.message.contains("did not finish"))
    }

    @Test("a damaged PDF is pdftotext's error, with its exit status; a PDF without text asks for OCR")
    func damaged() throws {
        let importer = ReportImporter()
        let damaged = try #require(throws: ImportError.self) {
            try importer.importReport(bytes: Array("%PDF-1.7\n% not really a PDF\n".utf8), fileName: "bad.pdf")
        }
        #expect(damaged.code == "I008")
        #expect(damaged.message.contains("exited with status"))
        // A real PDF whose only page has no text (drawn by xelatex).
        try #require(LaTeXRunner.available)
        let blank = try LaTeXRunner.compile(
            "\\documentclass{article}\\pagestyle{empty}\\begin{document}\\rule{1cm}{1cm}\\end{document}")
        defer { try? FileManager.default.removeItem(at: blank.directory) }
        let scan = try #require(throws: ImportError.self) { try importer.importReport(contentsOf: blank.pdf) }
        #expect(scan.code == "I012")
    }

    @Test("a PDF is recognised by %PDF- at its start, or after leading junk in a file named .pdf; a text is a text")
    func recognition() {
        let pdf = Array("%PDF-1.7\n".utf8)
        #expect(PDFText.isPDF(pdf))
        #expect(PDFText.isPDF(Array("junk\r\n".utf8) + pdf, fileName: "a.PDF"))
        #expect(!PDFText.isPDF(Array("junk\r\n".utf8) + pdf, fileName: "a.txt"))
        #expect(!PDFText.isPDF(Array("本报告另有 %PDF- 版本".utf8)))
        #expect(!PDFText.isPDF([]))
    }

    @Test("page maps: form feeds end pages, the last one starts none; lines in reasons become page and line")
    func pageMap() {
        let (bytes, pages) = PageMap.split(Array("a\nb\n\u{0C}c\nd\n\u{0C}\u{0C}e\n\u{0C}".utf8))
        #expect(String(decoding: bytes, as: UTF8.self) == "a\nb\nc\nd\ne\n")
        #expect(pages.starts == [1, 3, 5, 5])
        #expect(pages.locate(line: 2) == (1, 2))
        #expect(pages.locate(line: 4) == (2, 2))
        #expect(pages.locate(line: 5) == (4, 1))
        #expect(
            pages.rewrite("blank in the source at line 4; line x") == "blank in the source at page 2 line 2; line x")
    }
}
