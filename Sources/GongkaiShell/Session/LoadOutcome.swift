import GongkaiCore

/// What became of one file given to a load.
public enum LoadOutcome: Sendable {
    /// A published report, loaded as a new report.
    case loaded(LoadedReport)
    /// A workbook file, restored with its reports, and what the user should know about it (an old file's missing
    /// end line).
    case restored(file: String, reports: [String], notes: [String])
    /// Not loaded, for a reason that counts: the run's exit code is 2.
    case refused(file: String, reason: LoadRefusal, message: String)
    /// Plainly not a report (a README, notes, a picture in a folder): passed over with a note; no exit code changes.
    case skipped(file: String, why: String)

    /// The file as the user named it (or as found in a folder).
    public var file: String {
        switch self {
        case .loaded(let report): report.file
        case .restored(let file, _, _), .refused(let file, _, _), .skipped(let file, _): file
        }
    }
}

/// A report loaded from a published file.
public struct LoadedReport: Sendable {
    /// The file as the user named it.
    public var file: String
    /// The report's name in the session.
    public var name: String
    /// How many template cells the template has, and how they were filled.
    public var cellCount: Int
    /// Read, inferred and missing cells.
    public var cells: CellCounts
    /// How many text cells (body, year, title, prose) hold text.
    public var texts: Int
    /// The importer's account of what it could not read as printed (empty in a ``LoadBatch`` whose outcomes were
    /// handed to a callback as they came: said there, not kept).
    public var notes: [String]
}

/// Why a file was refused.
public enum LoadRefusal: String, Sendable, Hashable, CaseIterable {
    /// It could not be opened or read.
    case unreadable
    /// The file is empty.
    case empty
    /// Larger than any report (``ImportLimits/maxInputBytes``).
    case tooLarge = "too large"
    /// Binary data that is no report text, nor a PDF, Word or Excel file Gongkai reads.
    case binary
    /// Neither UTF-8 nor GB18030/GBK.
    case undecodable
    /// A text with no recognisable report tables.
    case noTables = "no tables"
    /// A workbook file that is damaged, or that would replace a session already holding reports.
    case workbook
    /// The report could not be entered into the workbook (a name taken, a value refused).
    case rejected

    /// The import error code each refusal stands for, where it comes from the importer.
    static func fromImport(code: String) -> LoadRefusal {
        switch code {
        case "I001": .unreadable
        case "I002": .empty
        case "I003", "I013": .binary
        case "I009": .tooLarge
        case "I004": .undecodable
        case "I007", "I008", "I300": .unreadable
        default: .noTables
        }
    }
}

/// A load of many files: one outcome per file, in order, and whether Ctrl-C stopped it between files.
public struct LoadBatch: Sendable {
    /// Every file's outcome.
    public var outcomes: [LoadOutcome] = []
    /// Ctrl-C stopped the load; the files before it stay loaded.
    public var interrupted = false

    /// The reports loaded.
    public var loaded: [LoadedReport] {
        outcomes.compactMap { if case .loaded(let report) = $0 { report } else { nil } }
    }

    /// The refused files with their reasons.
    public var refused: [(file: String, reason: LoadRefusal, message: String)] {
        outcomes.compactMap {
            if case .refused(let file, let reason, let message) = $0 { (file, reason, message) } else { nil }
        }
    }

    /// The skipped files.
    public var skipped: [(file: String, why: String)] {
        outcomes.compactMap { if case .skipped(let file, let why) = $0 { (file, why) } else { nil } }
    }

    /// The workbooks restored.
    public var restored: [(file: String, reports: [String])] {
        outcomes.compactMap { if case .restored(let file, let reports, _) = $0 { (file, reports) } else { nil } }
    }
}

/// Where a load of many files is: files done, files in all, the file being read.
public struct LoadProgress: Sendable {
    /// Files finished.
    public var done: Int
    /// Files in all.
    public var total: Int
    /// The file being read next.
    public var file: String
}
