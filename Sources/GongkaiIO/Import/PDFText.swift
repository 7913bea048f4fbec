import Foundation
import GongkaiCore

/// The text of a PDF, extracted by Poppler's `pdftotext` run as a child process.
///
/// A child process rather than libpoppler-glib through a C module: the build needs no Poppler headers and no GLib, the
/// shell builds and runs where Poppler is absent (only loading a PDF then fails, saying how to install it), a damaged
/// or hostile PDF can crash or hang only the child (which is timed out), and the text is exactly what `pdftotext`
/// prints, which users can reproduce by hand. The child gets the file path as an argument, never a shell string.
enum PDFText {
    /// `pdftotext`'s reading modes tried, best first: `-layout` keeps a table row on one line in column order; `-raw`
    /// keeps the content-stream order, which reads some WPS tables better.
    enum Mode: String, CaseIterable {
        case layout
        case raw
    }

    /// The text of one extraction, form feeds removed, and where each page starts.
    struct Extracted {
        /// UTF-8 text as `pdftotext` printed it, without the form feeds between pages.
        var bytes: [UInt8]
        var pages: PageMap
        var mode: Mode
        /// Wall-clock time of the child process.
        var seconds: Double
    }

    /// Whether bytes are a PDF: `%PDF-` opening them, or within the first 1024 bytes of a file named `.pdf` (the PDF
    /// specification allows leading junk; a text that merely mentions `%PDF-` is still a text).
    static func isPDF(_ bytes: [UInt8], fileName: String? = nil) -> Bool {
        let marker: [UInt8] = Array("%PDF-".utf8)
        if bytes.starts(with: marker) { return true }
        guard fileName?.lowercased().hasSuffix(".pdf") == true else { return false }
        let head = bytes.prefix(1024)
        guard head.count >= marker.count else { return false }
        for start in head.startIndex...(head.endIndex - marker.count)
        where head[start] == 0x25 && head[start..<(start + marker.count)].elementsEqual(marker) {
            return true
        }
        return false
    }

    /// Runs `pdftotext -<mode> -enc UTF-8 PATH -` and splits its output into pages.
    static func extract(
        path: String, mode: Mode, executable: String?, timeout: Double, file: String?
    ) throws(ImportError) -> Extracted {
        guard let tool = executable ?? ChildProcess.locate("pdftotext"),
            FileManager.default.isExecutableFile(atPath: tool)
        else { throw .popplerMissing(file) }
        // A path starting with `-` would be read as an option.
        let argument = path.hasPrefix("-") ? "./" + path : path
        let result: ChildProcess.Result
        do {
            result = try ChildProcess.run(
                tool, ["-\(mode.rawValue)", "-enc", "UTF-8", argument, "-"], timeout: timeout)
        } catch {
            switch error {
            case .launch(let reason): throw .popplerFailed(file, "cannot run \(tool): \(reason)")
            case .timedOut(let seconds):
                throw .popplerFailed(file, "pdftotext did not finish in \(Int(seconds)) s; it was stopped")
            }
        }
        guard result.status == 0 else {
            let message = String(decoding: result.error, as: UTF8.self).split(separator: "\n").last.map(String.init)
            throw .popplerFailed(
                file, "pdftotext exited with status \(result.status)" + (message.map { ": \($0)" } ?? ""))
        }
        let (bytes, pages) = PageMap.split(result.output)
        guard bytes.contains(where: { $0 > 0x20 }) else { throw .pdfWithoutText(file) }
        return Extracted(bytes: bytes, pages: pages, mode: mode, seconds: result.seconds)
    }
}

/// The pages of a text extracted from a PDF: the 1-based line each page starts on.
struct PageMap: Sendable {
    /// The first line of page `k + 1`; starts with 1.
    var starts: [Int]

    var count: Int { starts.count }

    /// Removes the form feeds `pdftotext` puts after each page, noting the line the next page starts on. A form feed
    /// at the very end closes the last page and starts none.
    static func split(_ output: [UInt8]) -> (bytes: [UInt8], pages: PageMap) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(output.count)
        var starts = [1]
        var line = 1
        for byte in output {
            if byte == 0x0C {
                starts.append(line)
                continue
            }
            if byte == 0x0A { line += 1 }
            bytes.append(byte)
        }
        // The form feed closing the last page starts none: no page starts past the last line.
        let lastLine = bytes.last == 0x0A ? line - 1 : line
        while starts.count > 1, let last = starts.last, last > lastLine { starts.removeLast() }
        return (bytes, PageMap(starts: starts))
    }

    /// Page and line in that page of a line of the whole text.
    func locate(line: Int) -> (page: Int, line: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= line { low = mid } else { high = mid - 1 }
        }
        return (low + 1, line - starts[low] + 1)
    }

    /// `line 178` in a reason becomes `page 5 line 12`: the importer's reasons name lines of the whole text.
    func rewrite(_ reason: String) -> String {
        var out = ""
        var rest = Substring(reason)
        while let range = rest.range(of: "line ") {
            out += rest[..<range.lowerBound]
            let digits = rest[range.upperBound...].prefix { $0.isASCII && $0.isNumber }
            if let number = Int(digits) {
                let place = locate(line: number)
                out += "page \(place.page) line \(place.line)"
                rest = rest[digits.endIndex...]
            } else {
                out += "line "
                rest = rest[range.upperBound...]
            }
        }
        return out + rest
    }
}

extension ImportedReport {
    /// The report with every place given as page and line in the page, for a text extracted from a PDF.
    func paginated(_ pages: PageMap) -> ImportedReport {
        var values = self.values
        for (cell, entry) in values {
            var provenance = entry.1
            if let line = provenance.line {
                let place = pages.locate(line: line)
                provenance.page = place.page
                provenance.line = place.line
            }
            provenance.note = provenance.note.map(pages.rewrite)
            values[cell] = (entry.0, provenance)
        }
        let diagnostics = self.diagnostics.map { issue in
            let place = issue.line.map(pages.locate)
            return ImportIssue(
                code: issue.code, severity: issue.severity, pages.rewrite(issue.summary), table: issue.table,
                row: issue.row, page: place?.page, line: place?.line, column: issue.column)
        }
        var report = ImportedReport(
            template: template, kind: kind, encoding: encoding, file: file, org: org, year: year, title: title,
            texts: texts, values: values,
            missing: missing.map { CellNote(cell: $0.cell, reason: pages.rewrite($0.reason)) },
            inferred: inferred.map { CellNote(cell: $0.cell, reason: pages.rewrite($0.reason)) },
            diagnostics: diagnostics, extraction: extraction, extractionSeconds: extractionSeconds)
        report.subtotals = subtotals.map { subtotal in
            var provenance = subtotal.provenance
            if let line = provenance.line {
                let place = pages.locate(line: line)
                provenance.page = place.page
                provenance.line = place.line
            }
            return PrintedSubtotal(
                table: subtotal.table, row: subtotal.row, label: subtotal.label, values: subtotal.values,
                provenance: provenance)
        }
        return report
    }
}
