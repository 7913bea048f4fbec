import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Writes Word files with python-docx (`Tests/Fixtures/scripts/html_to_docx.py`) from Gongkai's HTML export.
enum WordWriter {
    static let python = ExportFixtures.tool("python3")
    static let available: Bool = {
        guard let python else { return false }
        return (try? ExportFixtures.run(python, ["-c", "import docx"]).status) == 0
    }()
    static let script = Fixtures.url("scripts/html_to_docx.py")

    /// The .docx python-docx writes from an HTML page; `merges` are `LABEL:ROWS:FIRST:LAST[:TEXT]` (see the script).
    static func docx(html: String, merges: [String] = []) throws -> [UInt8] {
        let python = try #require(python)
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("report.html")
        let target = directory.appendingPathComponent("report.docx")
        try Data(html.utf8).write(to: source)
        let run = try ExportFixtures.run(
            python, [script.path, source.path, target.path] + merges.flatMap { ["--merge", $0] })
        try #require(run.status == 0, "python-docx failed: \(String(decoding: run.error, as: UTF8.self))")
        return [UInt8](try Data(contentsOf: target))
    }

    /// A golden report exported to HTML by Gongkai, then written to Word by python-docx.
    static func docx(golden name: String, merges: [String] = []) throws -> [UInt8] {
        try docx(html: try Exporter.export([try ExportFixtures.golden(name).report], format: .html), merges: merges)
    }
}

/// Word documents: tables read as grids (gridSpan and vMerge expanded), paragraphs as prose, spans reported.
@Suite("Import: Word .docx files", .enabled(if: WordWriter.available, "python3 with python-docx is not installed"))
struct WordImportTests {
    static func load(_ bytes: [UInt8]) throws -> ImportedReport {
        try ReportImporter().importReport(bytes: bytes, fileName: "report.docx")
    }

    @Test(
        "each golden report written to .docx by python-docx loads back exactly", arguments: ExportFixtures.goldenNames)
    func golden(_ name: String) throws {
        let golden = try ExportFixtures.golden(name)
        let report = try Self.load(try WordWriter.docx(golden: name))
        #expect(report.kind == .word)
        var mismatches: [String] = []
        for cell in report.template.cells {
            let expected: Value = (golden.expected[cell.name] ?? nil).map(Value.number) ?? .empty
            let actual = report.values[cell.index]?.0 ?? .empty
            if actual != expected { mismatches.append("\(cell.name): expected \(expected), got \(actual)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
        let empty = report.template.cells.filter { (golden.expected[$0.name] ?? nil) == nil }.map(\.name)
        #expect(report.missingNames == empty)
        #expect(report.inferred.isEmpty)
        #expect(report.org == golden.org)
        #expect(report.year.map(String.init) == golden.year)
        // Places are paragraph:character, and every value was read as printed.
        for (_, entry) in report.values {
            #expect(
                entry.1.origin == .read && entry.1.file == "report.docx" && entry.1.line != nil && entry.1.column != nil
            )
        }
    }

    @Test("the committed 淮安市-2024.docx (python-docx, for the benchmark) loads to the 淮安 golden")
    func committedFixture() throws {
        let golden = try Golden("淮安市-2024.json")
        let report = try Self.load(try Fixtures.bytes("reports/淮安市-2024.docx"))
        #expect(golden.mismatches(report).isEmpty)
        #expect(report.missing.isEmpty && report.org == golden.org)
    }

    @Test("a blank merged across four columns, and one merged down two rows: those cells empty, none shifted")
    func blankSpans() throws {
        // Grid columns of table 三: 0–2 labels, 3 自然人 … 8 其他, 9 总计.
        let plain = try Self.load(try WordWriter.docx(golden: "淮安市-2024"))
        let report = try Self.load(
            try WordWriter.docx(golden: "淮安市-2024", merges: ["（二）部分公开:1:4:7", "（三）不予公开:2:8:8"]))
        let expected =
            ["commercial", "research", "nonprofit", "legal"].map { "t3.result.partial.\($0)" }
            + ["t3.result.denied.secret.otherorg", "t3.result.denied.law.otherorg"]
        #expect(report.missingNames == expected)
        #expect(report.missing.allSatisfy { $0.reason.contains("blank") }, "\(report.missing)")
        for cell in report.template.cells where !expected.contains(cell.name) {
            #expect(report.values[cell.index]?.0 == plain.values[cell.index]?.0, "\(cell.name)")
        }
    }

    @Test("a number merged across two value columns is ambiguous: both cells reported, the rest not shifted")
    func numberSpan() throws {
        let plain = try Self.load(try WordWriter.docx(golden: "淮安市-2024"))
        let report = try Self.load(try WordWriter.docx(golden: "淮安市-2024", merges: ["（一）予以公开:1:5:6:2"]))
        let expected = ["t3.result.open.research", "t3.result.open.nonprofit"]
        #expect(report.missingNames == expected)
        #expect(report.missing.allSatisfy { $0.reason.contains("ambiguous") }, "\(report.missing)")
        #expect(report.diagnostics.filter { $0.code == "I111" }.count == 2)
        for cell in report.template.cells where !expected.contains(cell.name) {
            #expect(report.values[cell.index]?.0 == plain.values[cell.index]?.0, "\(cell.name)")
        }
    }

    @Test("paragraphs are prose: the sections' text comes back, headings are not in it")
    func prose() throws {
        let html = String(decoding: try Fixtures.bytes("export/shangyou-2023.html"), as: UTF8.self)
        let report = try Self.load(try WordWriter.docx(html: html))
        #expect(report.texts["text.s1"]?.contains("本机关2023年收到政府信息公开申请7件") == true)
        #expect(report.texts["text.s1"]?.contains("总体情况") == false)
        #expect(report.org == "上犹县政府办")
        #expect(report.year == 2023)
    }

    @Test("damaged document.xml (cut, spliced, tags dropped or repeated) loads or fails cleanly, never traps")
    func damagedXML() throws {
        // document.xml as Python's zipfile reads it from the python-docx file.
        let python = try #require(WordWriter.python)
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("report.docx").path
        try Data(try WordWriter.docx(golden: "洪泽区-2023")).write(to: URL(fileURLWithPath: path))
        let read = try ExportFixtures.run(
            python,
            [
                "-c",
                "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml'))",
                path,
            ])
        let xml = Array(String(decoding: read.output, as: UTF8.self).unicodeScalars)
        try #require(xml.count > 10_000)
        var random = SplitMix64(seed: UInt64(xml.count))  // seeded, so a failure replays
        let importer = ReportImporter()
        for round in 0..<60 {
            var damaged = xml
            for _ in 0..<(1 + round % 4) {
                let a = random.below(damaged.count)
                let b = Swift.min(damaged.count, a + random.below(400))
                switch random.below(3) {
                case 0: damaged.removeSubrange(a..<b)
                case 1: damaged.insert(contentsOf: damaged[a..<b], at: random.below(damaged.count))
                default: damaged = Array(damaged[..<a])
                }
                if damaged.isEmpty { break }
            }
            let document = WordDocument(xml: damaged).document()
            guard
                let report = try? importer.importReport(
                    document: document, fileName: "damaged.docx", encoding: .utf8, issues: [], kind: .word)
            else { continue }
            // Every value read has a place in a paragraph of the damaged document.
            for (_, entry) in report.values {
                #expect(entry.1.line.map { $0 >= 1 && $0 <= document.lines.count } == true, "round \(round)")
            }
        }
    }

    @Test("not a Word document: a ZIP without word/document.xml, an old .doc, a damaged archive — a clear error")
    func notWord() throws {
        // A spreadsheet-like ZIP, written by Python's zipfile.
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("book.zip").path
        let python = try #require(WordWriter.python)
        let write = try ExportFixtures.run(
            python,
            ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1], 'w').writestr('xl/workbook.xml', '<w/>')", path])
        try #require(write.status == 0)
        let zip = try Data(contentsOf: URL(fileURLWithPath: path))
        let xlsx = try #require(throws: ImportError.self) { try Self.load([UInt8](zip)) }
        #expect(xlsx.code == "I013" && xlsx.message.contains("word/document.xml"))
        let doc = try #require(throws: ImportError.self) {
            try Self.load([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512))
        }
        #expect(doc.code == "I013" && doc.message.contains(".docx"))
        let real = try WordWriter.docx(golden: "淮安市-2024")
        for cut in [8, real.count / 3, real.count - 30] {
            #expect(throws: ImportError.self) { try Self.load(Array(real.prefix(cut))) }
        }
    }
}
