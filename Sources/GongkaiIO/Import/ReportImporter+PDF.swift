import Foundation
import GongkaiCore

// PDF files: the text `pdftotext` extracts, read like any PDF text, with places as page:line:column.
extension ReportImporter {
    /// Reads a PDF through `pdftotext`: first in `-layout` mode; when cells are left empty, in `-raw` mode too, and the
    /// reading with fewer empty cells (then fewer warnings) is kept; on a tie, `-layout`.
    func importPDF(bytes: [UInt8], fileName: String?, path: String?) throws(ImportError) -> ImportedReport {
        guard let path else {
            return try withTemporaryCopy(bytes, file: fileName) { (copy: String) throws(ImportError) in
                try importPDF(bytes: bytes, fileName: fileName, path: copy)
            }
        }
        var best: ImportedReport?
        var firstError: ImportError?
        var childSeconds = 0.0
        for mode in PDFText.Mode.allCases {
            let reading: ImportedReport
            do {
                let extracted = try PDFText.extract(
                    path: path, mode: mode, executable: pdftotext, timeout: childTimeout, file: fileName)
                childSeconds += extracted.seconds
                reading = try importPDFText(extracted, fileName: fileName)
            } catch {
                // Poppler missing, failing or timing out fails every mode alike.
                if ["I007", "I008", "I012"].contains(error.code) { throw error }
                if firstError == nil { firstError = error }
                continue
            }
            if let current = best {
                let warnings = { (r: ImportedReport) in r.diagnostics.filter { $0.severity == .warning }.count }
                if (reading.missing.count, warnings(reading)) < (current.missing.count, warnings(current)) {
                    best = reading
                }
            } else {
                best = reading
            }
            if best?.missing.isEmpty == true { break }
        }
        if var best {
            best.extractionSeconds = childSeconds
            return best
        }
        throw firstError ?? .noTables(fileName)
    }

    /// Reads one extraction's text.
    func importPDFText(_ extracted: PDFText.Extracted, fileName: String?) throws(ImportError) -> ImportedReport {
        let decoded = try SourceDecoder.decode(extracted.bytes, file: fileName)
        var report = try importReport(
            scalars: decoded.scalars, fileName: fileName, encoding: decoded.encoding, issues: decoded.issues,
            plainText: true, kind: .pdf)
        let pages = extracted.pages.count
        report.extractionSeconds = extracted.seconds
        report.extraction = "pdftotext -\(extracted.mode.rawValue), \(pages) page\(pages == 1 ? "" : "s")"
        return report.paginated(extracted.pages)
    }

    /// Runs `body` on a private temporary copy of `bytes`, removed afterwards.
    private func withTemporaryCopy<T>(
        _ bytes: [UInt8], file: String?, _ body: (String) throws(ImportError) -> T
    ) throws(ImportError) -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(UUID().uuidString).pdf")
        do {
            try Data(bytes).write(to: url, options: .withoutOverwriting)
        } catch {
            throw .unreadable(file, "cannot write a temporary copy for pdftotext: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }
}
