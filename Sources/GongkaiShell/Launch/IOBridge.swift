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

    /// Whether the file is a workbook file (by extension) rather than a published report.
    static func isWorkbookFile(_ path: String) -> Bool { path.hasSuffix(".gkw") }

    /// Reads a published report from `path`; provenance names the file by its last path component.
    static func importReport(path: String, shownAs name: String) throws -> LoadedReport {
        let bytes = try FileAccess.readBytes(path, shownAs: name)
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let imported: ImportedReport
        do {
            imported = try ReportImporter().importReport(bytes: bytes, fileName: fileName)
        } catch {
            throw Unavailable(description: error.description)
        }
        var notes: [String] = []
        if !imported.missing.isEmpty {
            let names = imported.missingNames
            let shown = names.prefix(4).joined(separator: " ") + (names.count > 4 ? " …" : "")
            notes.append("\(names.count) cells not found, left empty: \(shown)")
        }
        for note in imported.inferred {
            notes.append("inferred \(imported.template.cells[note.cell].name): \(note.reason)")
        }
        for issue in imported.diagnostics where issue.severity == .warning {
            notes.append(issue.description)
        }
        return LoadedReport(
            template: imported.template, values: imported.values, texts: imported.texts, notes: notes,
            year: imported.year.map(String.init))
    }

    /// Reads a workbook file.
    static func readWorkbook(path: String) throws -> WorkbookDocument {
        throw Unavailable(description: "\(path): workbook files are not available in this build yet")
    }

    /// Writes a workbook file atomically.
    static func writeWorkbook(_ document: WorkbookDocument, path: String) throws {
        throw Unavailable(description: "\(path): workbook files are not available in this build yet")
    }

    /// The export of `report` in `format`, as text; `tables` empty means every table.
    static func export(format name: String, workbook: Workbook, report: String, tables: [String], excel: Bool) throws
        -> String
    {
        guard let format = ExportFormat(rawValue: name) else {
            throw Unavailable(description: "unknown format ‘\(name)’")
        }
        let template = try workbook.template(of: report)
        let texts = try workbook.texts(report: report)
        let exportReport = ExportReport(
            name: report, template: template, texts: texts,
            status: { cell in
                if let provenance = try? workbook.provenance(of: report + "." + cell.name) {
                    return CellStatus(provenance.origin)
                }
                return .computed
            },
            value: { cell in (try? workbook.value(of: report + "." + cell.name)) ?? .error(.reference) })
        do {
            return try Exporter.export(
                [exportReport], format: format, tables: tables.isEmpty ? nil : tables,
                options: ExportOptions(excel: excel))
        } catch {
            throw Unavailable(description: error.description)
        }
    }
}
