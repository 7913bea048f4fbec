import GongkaiCore
import GongkaiIO

/// The application layer: a workbook and every I/O call on it, typed in and typed out.
///
/// The REPL's dot-commands and the command line's subcommands both call a session and only render what it returns:
/// ``LoadOutcome`` for each file loaded, ``ReportCheck`` for each report checked, ``ExportResult`` for an export.
/// Values are read by cell index (``Workbook/value(report:cell:)``), never through name strings.
///
/// ```swift
/// let session = Session()
/// let outcomes = session.load(["reports/"])          // every file of the folder, one outcome each
/// let checks = session.check()                         // every loaded report
/// let code = CheckSummary(checks: checks, outcomes: outcomes).exitCode(allowIncomplete: false)
/// ```
public final class Session {
    /// The reports, formulas, names and rules.
    public internal(set) var workbook: Workbook
    /// Where each loaded report came from, by report name.
    public internal(set) var sources: [String: ReportSource] = [:]
    /// Every file read (reports, workbooks, scripts), so that no write ever lands on one.
    public var inputs = InputFiles()
    /// The directory relative paths are taken from; nil is the process's working directory.
    public var directory: String?
    /// Where Ctrl-C is learnt of; loading many files stops between files when it is requested.
    public var interruption: Interruption
    /// One importer (and so one import plan, derived once from the template) for every file of the session.
    let importer = ReportImporter()
    /// Whether a load gives the importer's account of what it could not read (``LoadedReport/notes``). A check that
    /// prints only its summary turns it off: it shows no notes, and rendering them was 6% of its time.
    public var explainsImports = true
    /// Report names given by default, per base, so that a thousand reports of one body stay linear to name.
    var nameCounters: [String: Int] = [:]

    /// A session over `workbook` (a new, empty one by default).
    public init(workbook: Workbook = Workbook(), interruption: Interruption = Interruption()) {
        self.workbook = workbook
        self.interruption = interruption
    }

    /// A file name as the file system should see it: relative names are taken from ``directory``.
    public func path(_ name: String) -> String {
        guard let directory, !name.hasPrefix("/") else { return name }
        return directory + "/" + name
    }

    /// Swaps in a restored workbook (a workbook file replaces an empty session).
    func replaceWorkbook(_ restored: Workbook) {
        workbook = restored
        sources = [:]
        nameCounters = [:]
    }
}

/// Where a loaded report came from.
public struct ReportSource: Sendable, Hashable {
    /// The file as the user named it (for a restored workbook, the report's original file when its cells say it).
    public var file: String
    /// The workbook file it was restored from, if any.
    public var workbook: String?
    /// Damage or doubt in the input (truncated, a row missing, invalid UTF-8 replaced, a value unreadable …), one
    /// `code line:column: message` each; a glued run the rules could not split is a note, not damage.
    public var damage: [String]

    /// A source.
    /// (The importer's account of what it could not read is said when the report loads, ``LoadedReport/notes``, and
    /// not kept: with 10,000 reports loaded it was 5% of the heap and nothing read it again.)
    public init(file: String, workbook: String? = nil, damage: [String] = []) {
        self.file = file
        self.workbook = workbook
        self.damage = damage
    }
}
