import Foundation
import GongkaiCore
import Testing

@testable import GongkaiIO

/// Issue 12: CRLF line endings are read; a file cut off anywhere is an error with its line, never a smaller session.
extension WorkbookFileTests {
    @Test("a workbook of two real reports saved with CRLF (and a BOM) reads back the same")
    func crlfIsRead() throws {
        let book = try session()
        let text = WorkbookFile.render(book.document())
        let windows = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(windows.utf8.count == text.utf8.count + 3 + text.filter { $0 == "\n" }.count)
        #expect(WorkbookFile.isWorkbook(windows))
        #expect(try WorkbookFile.parse(windows) == book.document())
        // Mixed endings too (a file edited in two editors).
        let mixed = text.split(separator: "\n").enumerated().map {
            $0.offset % 2 == 0 ? $0.element + "\r\n" : $0.element + "\n"
        }
        .joined()
        #expect(try WorkbookFile.parse(mixed) == book.document())
    }

    @Test("a real workbook cut at any line boundary or inside a line is an error naming where it stops")
    func truncationIsAnError() throws {
        let text = WorkbookFile.render(try session().document())
        #expect(text.hasSuffix("\nend\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()  // the final newline
        #expect(lines.count > 400)
        // Every section boundary matters, so: the first lines, every 13th, and the last ones before `end`.
        let cuts = Set(
            Array(1..<8) + Array(stride(from: 8, to: lines.count, by: 13)) + Array((lines.count - 8)..<lines.count))
        for kept in cuts.sorted() {
            let cut = lines.prefix(kept).joined(separator: "\n") + "\n"
            do {
                _ = try WorkbookFile.parse(cut)
                Issue.record("cut after line \(kept) parsed")
            } catch {
                // A cut inside a quoted string is reported where it breaks; a clean cut where the file ends.
                #expect(error.line <= kept, "cut after \(kept): \(error)")
                if error.message.contains("‘end’") {
                    #expect(error.line == kept)
                    #expect(
                        error.description
                            == "line \(kept): the file ends without its ‘end’ line: it was cut off after line \(kept)")
                }
            }
        }
        // Half of the bytes, in the middle of a line.
        let half = String(decoding: Array(text.utf8).prefix(text.utf8.count / 2), as: UTF8.self)
        #expect(throws: WorkbookFile.ParseError.self) { try WorkbookFile.parse(half) }
        // The whole file parses.
        _ = try WorkbookFile.parse(text)
    }

    @Test("text after the end line is refused; a version-1 file reads without it, with a note")
    func endMarker() throws {
        let error = try #require(throws: WorkbookFile.ParseError.self) {
            try WorkbookFile.parse("gongkai workbook 2\nend\nreport a template=2021\n")
        }
        #expect(error == WorkbookFile.ParseError(line: 3, message: "text after the ‘end’ line"))
        let legacy = "gongkai workbook 1\ncurrent a\n\nreport a template=2021\nvalue t3.new.natural 1\n"
        let document = try WorkbookFile.parse(legacy)
        #expect(document.reports.map(\.name) == ["a"])
        #expect(WorkbookFile.notes(legacy).count == 1)
        #expect(WorkbookFile.notes(WorkbookFile.render(document)).isEmpty)
        // In version 1, `end` was never a keyword.
        #expect(throws: WorkbookFile.ParseError.self) { try WorkbookFile.parse(legacy + "end\n") }
    }
}
