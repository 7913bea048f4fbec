import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// A report loaded from a PDF keeps its pages in a workbook file: `page=` before `line=`, restored exactly.
@Suite(
    "Workbook files: PDF places keep their page",
    .enabled(if: ExportFixtures.tool("pdftotext") != nil, "pdftotext (poppler-utils) is not installed"))
struct WorkbookFilePageTests {
    @Test func pagesRoundTrip() throws {
        let imported = try ReportImporter().importReport(contentsOf: Fixtures.url("reports/洪泽区-2024.pdf"))
        let book = Workbook()
        _ = try book.loadReport(
            name: "hz2024", template: imported.template, values: imported.values, texts: imported.texts)
        let text = WorkbookFile.render(book.document())
        let place = try #require(imported.provenance("t3.new.natural"))
        let page = try #require(place.page)
        let line = try #require(place.line)
        #expect(text.contains("value t3.new.natural 95 file=\"洪泽区-2024.pdf\" page=\(page) line=\(line) col="))
        let reloaded = try Workbook(document: try WorkbookFile.parse(text))
        #expect(reloaded.document() == book.document())
        #expect(try reloaded.provenance(of: "hz2024.t3.new.natural") == place)
        #expect(WorkbookFile.render(reloaded.document()) == text)
    }
}
