import GongkaiCore
import GongkaiIO

/// A published report read from a file, ready to load into the workbook.
struct LoadedReport {
    var template: ReportTemplate
    var values: [Int: (Value, Provenance)]
    var texts: [String: String]
    /// Lines the importer wants the user to see (what it inferred, what it could not read).
    var notes: [String]
    /// The report's year, if the importer found it, for the default report name.
    var year: String?
}

/// The shell's one door to GongkaiIO: importing reports, reading and writing workbook files, exporting.
enum IOBridge {
    /// Why a file operation is unavailable or failed.
    struct Unavailable: Error, CustomStringConvertible {
        let description: String
    }

    /// What a file given to `.load` turned out to be.
    enum LoadedFile {
        case report(LoadedReport)
        case workbook(WorkbookDocument)
    }

    /// Reads a file for `.load`: a workbook file (recognised by its first line) or a published report.
    /// Errors name the file `name`, as the user typed it; provenance names it by its last path component.
    static func read(path: String, shownAs name: String) throws -> LoadedFile {
        let bytes = try FileAccess.readBytes(path, shownAs: name)
        let prefix = String(decoding: bytes.prefix(64), as: UTF8.self)
        if WorkbookFile.isWorkbook(prefix) {
            // A workbook file is UTF-8; bytes that are not are damage, never silently replaced.
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let decoded = String(decoding: bytes, as: UTF8.self)
                let line = 1 + (decoded.firstIndex(of: "\u{FFFD}").map { decoded[..<$0].filter { $0 == "\n" }.count } ?? 0)
                throw Unavailable(description: "\(name): line \(line): invalid UTF-8 (the file is damaged)")
            }
            do {
                return .workbook(try WorkbookFile.parse(text))
            } catch {
                throw Unavailable(description: "\(name): \(error)")
            }
        }
        if prefix.hasPrefix("gongkai workbook") {
            let header = prefix.prefix { $0 != "\n" && $0 != "\r" }
            throw Unavailable(
                description: "\(name): line 1: ‘\(header)’ is not a workbook version this gongkai reads (‘gongkai workbook 1’)")
        }
        let fileName = name.split(separator: "/").last.map(String.init) ?? name
        let imported: ImportedReport
        do {
            imported = try ReportImporter().importReport(bytes: bytes, fileName: fileName)
        } catch {
            throw Unavailable(description: error.description)
        }
        // A complete, exact import needs no account; otherwise the importer's summary says what was not read as printed.
        let notes = imported.missing.isEmpty && imported.inferred.isEmpty && imported.diagnostics.isEmpty
            ? [] : ImportSummary(imported).rendered().split(separator: "\n").map(String.init)
        return .report(
            LoadedReport(
                template: imported.template, values: imported.values, texts: imported.texts, notes: notes,
                year: imported.year.map(String.init)))
    }

    /// Writes a workbook file atomically.
    static func writeWorkbook(_ document: WorkbookDocument, path: String, shownAs name: String) throws {
        try FileAccess.writeAtomically(path, WorkbookFile.render(document), shownAs: name)
    }

    /// The export of `reports` in `format`, as text, one after another (the long CSV as one table); `tables` empty
    /// means every table.
    static func export(format name: String, workbook: Workbook, reports: [String], tables: [String], excel: Bool) throws
        -> String
    {
        guard let format = ExportFormat(rawValue: name) else {
            throw Unavailable(description: "unknown format ‘\(name)’")
        }
        var exportReports: [ExportReport] = []
        for report in reports {
            let template = try workbook.template(of: report)
            let texts = try workbook.texts(report: report)
            exportReports.append(
                ExportReport(
                    name: report, template: template, texts: texts,
                    status: { cell in
                        // Entered values keep their origin (read, inferred, entered); the rest were computed.
                        if let provenance = try? workbook.provenance(of: report + "." + cell.name) {
                            return CellStatus(provenance.origin)
                        }
                        return .computed
                    },
                    value: { cell in (try? workbook.value(of: report + "." + cell.name)) ?? .error(.reference) }))
        }
        do {
            return try Exporter.export(
                exportReports, format: format, tables: tables.isEmpty ? nil : tables,
                options: ExportOptions(excel: excel))
        } catch {
            throw Unavailable(description: error.description)
        }
    }
}
