import Foundation
import ZIPFoundation

/// A Word document (`.docx`, Office Open XML): a ZIP archive whose `word/document.xml` holds the body.
///
/// The body is read into the same blocks as an HTML page: every paragraph (`<w:p>`) outside a table is a line of
/// prose; every table (`<w:tbl>`) is a grid whose cells carry their `gridSpan` (columns) and `vMerge` (rows, a
/// `restart` cell reaching down over the `continue` cells below it) as `colspan`/`rowspan`, expanded by ``HTMLGrid``
/// and placed by the same code as HTML tables — a blank or a number spanning several value columns is reported,
/// never shifted. Places are paragraph:character: "line" N is the N-th paragraph of the body in document order
/// (table-cell paragraphs included), the column a character in it.
struct WordDocument {
    /// The text of `word/document.xml`, decoded.
    let xml: [Unicode.Scalar]

    /// Largest `document.xml` read (uncompressed): a report is well under 1 MB; this bounds a ZIP bomb.
    static let maxDocumentBytes: UInt64 = 64 << 20

    /// A Word document if the bytes are a ZIP archive holding `word/document.xml`; nil for anything that is not a
    /// ZIP archive (or an old binary `.doc`, which is refused with advice).
    /// Whether `bytes` are a zip archive holding `word/document.xml` (a `.docx`, not an `.xlsx`).
    static func isWordArchive(_ bytes: [UInt8]) -> Bool {
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]),
            let archive = try? Archive(data: Data(bytes), accessMode: .read)
        else { return false }
        return archive["word/document.xml"] != nil
    }

    static func recognise(_ bytes: [UInt8], file: String?) throws(ImportError) -> WordDocument? {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw .notWord(
                file, "this is a Word 97–2003 (.doc) or other OLE file; save it as .docx (or as text) and load that")
        }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            throw .notWord(file, "a damaged ZIP archive (\(error))")
        }
        guard let entry = archive["word/document.xml"] else {
            throw .notWord(file, "a ZIP archive without word/document.xml: not a Word .docx file")
        }
        guard entry.uncompressedSize <= maxDocumentBytes else {
            throw .notWord(
                file, "word/document.xml is \(entry.uncompressedSize) bytes uncompressed, more than any report")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 16, skipCRC32: false) { chunk in
                data.append(chunk)
                if UInt64(data.count) > maxDocumentBytes { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            throw .notWord(file, "word/document.xml cannot be extracted (\(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .notWord(file, "word/document.xml is not UTF-8")
        }
        return WordDocument(xml: Array(text.unicodeScalars))
    }

    /// The body as blocks: paragraphs and table rows, in document order.
    func document() -> SourceDocument {
        var reader = WordXMLReader(xml)
        reader.run()
        return SourceDocument(blocks: reader.blocks, lines: reader.lines, markupTitle: nil)
    }
}

extension ReportImporter {
    /// Reads a Word document's tables and prose.
    func importWord(_ word: WordDocument, fileName: String?) throws(ImportError) -> ImportedReport {
        try importReport(document: word.document(), fileName: fileName, encoding: .utf8, issues: [], kind: .word)
    }
}
