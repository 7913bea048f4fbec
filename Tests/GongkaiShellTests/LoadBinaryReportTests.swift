import Foundation
import GongkaiShell
import Testing

/// `.load` reads a PDF (through pdftotext) and a Word file by their content, as the user names them.
@Suite(
    "Loading PDF and Word reports",
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext"),
        "pdftotext (poppler-utils) is not installed"))
struct LoadBinaryReportTests {
    static let reports = Harness.root + "/Tests/Fixtures/reports/"

    @Test func pdfAndWord() throws {
        let (shell, out) = Harness.shell()
        shell.run(
            script: """
                .load "\(Self.reports)洪泽区-2024.pdf" as hz2024
                .explain t3.new.total
                .load "\(Self.reports)淮安市-2024.docx" as ha2024
                t3.total.total
                """, name: nil)
        #expect(out.text.contains("/洪泽区-2024.pdf as hz2024: 179 of 200 cells"))
        #expect(out.text.contains("PDF (pdftotext -"))
        // The place of a PDF value is page:line:column.
        #expect(out.text.contains("source      洪泽区-2024.pdf:"))
        #expect(out.text.contains("/淮安市-2024.docx as ha2024: 200 of 200 cells"))
        #expect(out.text.hasSuffix("\n3050\n"))
    }
}
