import Foundation
import GongkaiCore

/// Loads a published 政府信息公开工作年度报告 (text, PDF-extracted text, flattened page text, markdown or HTML; UTF-8 or
/// GB18030; a PDF through Poppler's `pdftotext`; a Word `.docx`) into the cells of a template — or Gongkai's own CSV
/// and `.xlsx` exports read back (``SpreadsheetImporter``).
///
/// ```swift
/// let report = try ReportImporter().importReport(contentsOf: URL(fileURLWithPath: "淮安市-2024.txt"))
/// report.value("t3.total.total")      // 3050
/// report.provenance("t3.total.total") // 淮安市-2024.txt:126:29
/// print(ImportSummary(report).rendered())
/// ```
///
/// The importer needs no engine: it returns plain values with their provenance, and lists every cell it left empty.
/// A report in the 2019 trial format is recognised by its table 二 and read into ``ReportTemplate/trial2019``, never
/// as 2021 (``ImportedReport/template`` says which).
public struct ReportImporter: Sendable {
    /// The format reports are read into.
    public let template: ReportTemplate
    /// Headings and printed rows, derived once from the template.
    let plan: ImportPlan
    /// The `pdftotext` executable for PDFs; nil: the one on `PATH`, found when a PDF is loaded.
    public var pdftotext: String?
    /// Seconds a child process (`pdftotext`) may run before it is stopped and the load fails.
    public var childTimeout: Double = 60

    /// An importer per format, its plan built once: where a report printed in another format is handed.
    static let byFormat = Dictionary(
        uniqueKeysWithValues: ReportTemplate.all.map { ($0.id, ReportImporter(template: $0)) })

    /// An importer for the official 2021 format.
    public init(template: ReportTemplate = .official2021) {
        self.template = template
        self.plan = ImportPlan(template)
    }

    /// Reads a report file. Throws ``ImportError`` for unreadable, binary, undecodable or table-less files.
    public func importReport(contentsOf url: URL) throws -> ImportedReport {
        if let size = (try? url.resourceValues(forKeys: [.fileSizeKey]))?.fileSize, size > ImportLimits.maxInputBytes {
            throw ImportError.tooLarge(url.lastPathComponent, bytes: size)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ImportError.unreadable(url.lastPathComponent, "\(error.localizedDescription)")
        }
        return try importReport(bytes: [UInt8](data), fileName: url.lastPathComponent, path: url.path)
    }

    /// Reads a report from its bytes; `fileName` is used for provenance and to recognise `.html`/`.md`. A PDF, a
    /// Word file and a spreadsheet are recognised by their content; `path`, where the bytes were read from, is what
    /// `pdftotext` is given (without it, the PDF is written to a temporary file first).
    public func importReport(bytes: [UInt8], fileName: String? = nil, path: String? = nil) throws(ImportError)
        -> ImportedReport
    {
        if PDFText.isPDF(bytes, fileName: fileName) {
            return try importPDF(bytes: bytes, fileName: fileName, path: path)
        }
        // Both .docx and .xlsx are zip archives: a Word document has word/document.xml.
        if !WordDocument.isWordArchive(bytes),
            let spreadsheet = try SpreadsheetImporter(template: template).importIfSpreadsheet(bytes, fileName: fileName)
        {
            return spreadsheet
        }
        if let word = try WordDocument.recognise(bytes, file: fileName) {
            return try importWord(word, fileName: fileName)
        }
        // Text of any kind is bounded before it is decoded (a PDF's or a workbook's own text is bounded by their readers).
        guard bytes.count <= ImportLimits.maxInputBytes else { throw .tooLarge(fileName, bytes: bytes.count) }
        let decoded = try SourceDecoder.decode(bytes, file: fileName)
        return try importReport(
            scalars: decoded.scalars, fileName: fileName, encoding: decoded.encoding, issues: decoded.issues)
    }

    /// Reads a report from text already decoded.
    public func importReport(text: String, fileName: String? = nil) throws(ImportError) -> ImportedReport {
        guard text.utf8.count <= ImportLimits.maxInputBytes else { throw .tooLarge(fileName, bytes: text.utf8.count) }
        return try importReport(
            scalars: text.unicodeScalars.map(SourceDocument.fold), fileName: fileName, encoding: .utf8, issues: [])
    }

    func importReport(
        scalars: [Unicode.Scalar], fileName: String?, encoding: SourceEncoding, issues: [ImportIssue],
        plainText: Bool = false, kind knownKind: InputKind? = nil
    ) throws(ImportError) -> ImportedReport {
        let document =
            !plainText && Self.isHTML(scalars, fileName: fileName)
            ? HTMLReader.document(scalars) : SourceDocument(plainText: scalars)
        return try importReport(
            document: document, fileName: fileName, encoding: encoding, issues: issues, kind: knownKind)
    }

    /// Reads the tables and prose of a document already split into blocks. `recognising`: whether a report printed
    /// in another format is handed to that format's importer.
    func importReport(
        document: SourceDocument, fileName: String?, encoding: SourceEncoding, issues: [ImportIssue],
        kind knownKind: InputKind? = nil, recognising: Bool = true
    ) throws(ImportError) -> ImportedReport {
        var reader = ReportReader(template: template, plan: plan, document: document, file: fileName)
        // A report printed in another format Gongkai knows (the 2019 trial format) is read into that format's
        // template, in its own layout; that importer does not look further.
        if recognising, let other = reader.otherFormat(), let importer = ReportImporter.byFormat[other.id] {
            return try importer.importReport(
                document: document, fileName: fileName, encoding: encoding, issues: issues, kind: knownKind,
                recognising: false)
        }
        let (sections, tablesFound) = try reader.read()
        guard tablesFound > 0, !reader.values.isEmpty else { throw .noTables(fileName) }

        var metadata = ReportMetadata(document)
        // Headings and markup never reach a text cell (an empty name is no name).
        metadata.org = metadata.org.map(TextMarkup.plain).flatMap { $0.isEmpty ? nil : $0 }
        metadata.title = metadata.title.map(TextMarkup.plain).flatMap { $0.isEmpty ? nil : $0 }
        var texts = sections.mapValues(TextMarkup.plain).filter { !$0.value.isEmpty }
        if let org = metadata.org { texts["meta.org"] = org }
        if let year = metadata.year { texts["meta.year"] = String(year) }
        if let title = metadata.title { texts["meta.title"] = title }

        let kind: InputKind =
            knownKind
            ?? (document.isHTML
                ? .html
                : document.hasPipeRows
                    ? .markdown
                    : reader.sawGluedRuns
                        ? .flatText : reader.multiValueLines > reader.singleValueLines ? .pdfText : .cellPerLine)
        var present = [Bool](repeating: false, count: template.cells.count)
        for index in reader.values.keys where index >= 0 && index < present.count { present[index] = true }
        let missing = template.cells.filter { !present[$0.index] }.map {
            CellNote(cell: $0.index, reason: reader.missingReasons[$0.index] ?? "not found")
        }
        let inferred = template.cells.compactMap { cell in
            reader.inferredReasons[cell.index].map { CellNote(cell: cell.index, reason: $0) }
        }
        var report = ImportedReport(
            template: template, kind: kind, encoding: encoding, file: fileName, org: metadata.org, year: metadata.year,
            title: metadata.title, texts: texts, values: reader.values, missing: missing, inferred: inferred,
            diagnostics: issues + reader.issues)
        report.subtotals = reader.subtotals
        return report
    }

    /// HTML by name, or by markup near the start.
    static func isHTML(_ text: [Unicode.Scalar], fileName: String?) -> Bool {
        if let name = fileName {
            // The suffix compared in ASCII, case aside: no other letter lowercases to these ASCII letters.
            if name.hasSuffix(asciiCaseless: ".html") || name.hasSuffix(asciiCaseless: ".htm") { return true }
            if name.hasSuffix(asciiCaseless: ".md") || name.hasSuffix(asciiCaseless: ".txt") { return false }
        }
        // A tag that opens an HTML page within the first 4 KiB scalars, ASCII letters compared case aside: every
        // needle begins with `<`, so only the places of a `<` are tried (Foundation's `contains` on a String costs
        // more than the whole import of a text report).
        let limit = Swift.min(text.count, 4096)
        return text.withUnsafeBufferPointer { t in
            for start in 0..<limit where t[start] == "<" {
                for needle in htmlOpenings where start + needle.count <= limit {
                    var k = 1
                    while k < needle.count {
                        let v = t[start + k].value
                        guard (v >= 0x41 && v <= 0x5A ? v + 32 : v) == needle[k] else { break }
                        k += 1
                    }
                    if k == needle.count { return true }
                }
            }
            return false
        }
    }

    /// The openings ``isHTML(_:fileName:)`` looks for, lowercase, as scalar values.
    static let htmlOpenings: [[UInt32]] = ["<html", "<!doctype html", "<table"].map { $0.unicodeScalars.map(\.value) }
}

extension String {
    /// Whether the text ends with `suffix`, an ASCII text, ASCII letters compared without case.
    func hasSuffix(asciiCaseless suffix: String) -> Bool {
        // Compared from the end, byte by byte: a generic `suffix` of the UTF-8 view walks the whole name.
        let bytes = utf8
        guard bytes.count >= suffix.utf8.count else { return false }
        var index = bytes.endIndex
        for b in suffix.utf8.reversed() {
            bytes.formIndex(before: &index)
            let a = bytes[index]
            guard (a >= 0x41 && a <= 0x5A ? a + 32 : a) == b else { return false }
        }
        return true
    }
}
