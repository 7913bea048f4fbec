import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Every fixture report against its golden JSON: all 200 cells, the empty cells and the inferred cells exactly.
@Suite("Import: fixture reports match their goldens")
struct GoldenReportTests {
    static let importer = ReportImporter()

    static func load(_ golden: Golden) throws -> ImportedReport {
        try importer.importReport(bytes: try Fixtures.bytes("reports/" + golden.source), fileName: golden.source)
    }

    @Test("every cell equals the golden value, in the report's own format", arguments: Golden.allFormats)
    func values(_ file: String) throws {
        let golden = try Golden(file)
        let report = try Self.load(golden)
        #expect(report.template.id == golden.template.id)
        #expect(golden.cells.count == golden.template.cells.count)
        let mismatches = golden.mismatches(report)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches:\n\(mismatches.joined(separator: "\n"))")
    }

    @Test("empty cells are exactly the golden's missing list", arguments: Golden.allFormats)
    func missing(_ file: String) throws {
        let golden = try Golden(file)
        let report = try Self.load(golden)
        #expect(report.missingNames == golden.missing)
        for note in report.missing { #expect(!note.reason.isEmpty) }
    }

    @Test("inferred cells are exactly the golden's inferred list", arguments: Golden.allFormats)
    func inferred(_ file: String) throws {
        let golden = try Golden(file)
        let report = try Self.load(golden)
        #expect(report.inferredNames == golden.inferred)
        for note in report.inferred {
            #expect(report.values[note.cell]?.1.origin == .inferred)
            #expect(!note.reason.isEmpty)
        }
        // Everything else was read as printed.
        let inferred = Set(report.inferred.map(\.cell))
        for (cell, entry) in report.values where !inferred.contains(cell) { #expect(entry.1.origin == .read) }
    }

    @Test("organisation and year come from the title", arguments: Golden.allFormats)
    func metadata(_ file: String) throws {
        let golden = try Golden(file)
        let report = try Self.load(golden)
        #expect(report.org == golden.org)
        #expect(report.year == golden.year)
        #expect(report.texts["meta.org"] == golden.org)
        #expect(report.texts["meta.year"] == String(golden.year))
    }

    @Test(
        "each input kind is recognised",
        arguments: [
            ("上犹县政府办-2023.txt", InputKind.cellPerLine), ("淮安市-2024.txt", .pdfText), ("上海市科委-2024.md", .markdown),
            ("平潭综合实验区-2021.txt", .flatText), ("平潭综合实验区-2021.html", .html), ("洪泽区-2023.txt", .pdfText),
            ("洪泽区-2023.pdf", .pdf), ("淮安市-2024.docx", .word),
        ])
    func kind(_ file: String, _ kind: InputKind) throws {
        let report = try Self.importer.importReport(bytes: try Fixtures.bytes("reports/" + file), fileName: file)
        #expect(report.kind == kind)
        #expect(report.encoding == .utf8)
    }

    @Test("prose sections 一、五、六 are kept as text, without page furniture", arguments: Golden.files)
    func prose(_ file: String) throws {
        let golden = try Golden(file)
        let report = try Self.load(golden)
        let overview = try #require(report.texts["text.s1"])
        #expect(overview.count > 200)
        #expect(!overview.contains("主动公开政府信息情况"))
        let other = try #require(report.texts["text.s6"])
        #expect(other.contains("处理费") || other.contains("收费"))
        #expect(!other.contains("扫一扫") && !other.contains("附件下载"))
        #expect(report.texts["meta.title"]?.contains(String(golden.year)) == true)
    }
}
