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

    /// Reads a published report.
    static func importReport(path: String) throws -> LoadedReport {
        throw Unavailable(description: "\(path): importing published reports is not available in this build yet")
    }

    /// Reads a workbook file.
    static func readWorkbook(path: String) throws -> WorkbookDocument {
        throw Unavailable(description: "\(path): workbook files are not available in this build yet")
    }

    /// Writes a workbook file atomically.
    static func writeWorkbook(_ document: WorkbookDocument, path: String) throws {
        throw Unavailable(description: "\(path): workbook files are not available in this build yet")
    }

    /// The export of `report` in `format`, as text.
    static func export(format: String, workbook: Workbook, report: String, tables: [String], excel: Bool) throws
        -> String
    {
        throw Unavailable(description: "the \(format) export is not available in this build yet")
    }
}
