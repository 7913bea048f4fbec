import GongkaiCore
import GongkaiIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a statement changed, as the journal records it.
enum JournalChange: Equatable {
    /// One template or text cell (`reference` as typed, in `report` when given): one edit line.
    case cell(reference: String, report: String?)
    /// Anything else (a load, `.undo`, a rule, a name): the journal is rewritten as a snapshot.
    case snapshot
}

/// The journal of a session: where it goes, what is pending, how many changes are unsaved.
///
/// A journal is created at the first change after a start, a load of a workbook file or a `.save`; it lives beside
/// the workbook file (`.NAME.gkw.PID-TIME.journal`) when the session has one, else in the state folder
/// (`$XDG_STATE_HOME/gongkai/session-PID-TIME.journal`).
struct JournalState {
    /// Journaling is on (the launcher turns it on; a library shell keeps no journal).
    var enabled = false
    /// When journal writes are `fsync`ed: after each at a terminal, grouped in scripts (see ``Shell/enableJournal``).
    var durability: JournalWriter.Durability = .everyWrite
    /// The state folder for the journal of a session without a workbook file.
    var stateFolder: String?
    /// The workbook file the session was loaded from or saved to, absolute.
    var workbookFile: String?
    /// The open journal, once something changed.
    var writer: JournalWriter?
    /// Changes since the last save or load of a workbook file.
    var changes = 0
    /// What the statement running now changed.
    var pending: JournalChange?
    /// An orphaned journal found at an interactive start, offered before the first prompt.
    var offer: OrphanJournal?
    /// The snapshot is rewritten once this many edit lines follow it.
    static let compactAfter = 4096
}

/// A journal whose process is gone: an unsaved session a crash left behind.
public struct OrphanJournal: Sendable, Equatable {
    /// The journal's path.
    public var path: String
    /// When it was last written (seconds since 1970).
    public var modified: Int
    /// What it holds.
    public var contents: JournalFile.Contents

    /// `2025-03-01 14:07`, local time.
    public var modifiedText: String { Shell.localTime(modified) }
}

extension Shell {
    /// Turns the journal on: changes are journaled from now on, the session's own journal in `stateFolder` unless
    /// it has a workbook file. Each change is written before the next statement runs (a killed process loses
    /// nothing acknowledged); `durability` says when it is `fsync`ed too — after each change for a person at a
    /// terminal, grouped for a script (`.none` only to measure what `fsync` costs).
    public func enableJournal(stateFolder: String?, durability: JournalWriter.Durability = .everyWrite) {
        journal.enabled = stateFolder != nil
        journal.stateFolder = stateFolder
        journal.durability = durability
    }

    /// A script's journal reaches the disk at least this often.
    public static let scriptJournalSync = JournalWriter.Durability.grouped(milliseconds: 50)

    /// The journal's path while one is open.
    public var journalPath: String? { journal.writer?.path }

    /// Notes a change the running statement made; it is journaled when the statement ends. `unsaved: false` for a
    /// report loaded from its file: the journal needs it (later edits replay onto it), but nothing typed would be
    /// lost without it, so `.quit` does not ask and a crash leaves nothing to recover.
    func noteChange(_ change: JournalChange, unsaved: Bool = true) {
        if unsaved { journal.changes += 1 }
        // Two changes in one statement are one record: a snapshot.
        journal.pending = journal.pending == nil ? change : .snapshot
    }

    /// Makes the running statement's change durable before the prompt returns: appends its edit line, or rewrites
    /// the snapshot. A journal that cannot be written is said once, and journaling stops.
    func flushJournal() {
        guard let change = journal.pending else { return }
        journal.pending = nil
        guard journal.enabled else { return }
        do {
            // The header only when a snapshot is written (not per edit line: `getpid` is a system call).
            func header() -> JournalFile.Header {
                JournalFile.Header(pid: getpid(), workbook: journal.workbookFile, changes: journal.changes)
            }
            guard let writer = journal.writer else {
                journal.writer = try createJournal(header())
                return
            }
            if case .cell(let reference, let report) = change, writer.records < JournalState.compactAfter,
                let cell = try? workbook.documentCell(reference, in: report)
            {
                // In a script the line is held and written with the output it acknowledges (``writeHeld``).
                writer.holding = standardOutput.holding
                try writer.append(.cell(cell))
            } else {
                try writer.rewrite(header: header(), document: workbook.document())
            }
        } catch {
            journalFailed(error)
        }
    }

    /// A journal that cannot be written is said once, and journaling stops.
    func journalFailed(_ error: any Error) {
        journal.writer?.remove()
        journal.writer = nil
        journal.enabled = false
        warn("\(error); changes from now on are not journaled")
    }

    /// The current report changed (`.reports NAME`): recorded when a journal is open.
    func noteCurrentReport() {
        guard journal.enabled, journal.pending == nil, let writer = journal.writer,
            let current = workbook.currentReport
        else { return }
        try? writer.append(.current(current))
    }

    /// The session's changes are in `workbookFile` now (saved to it, or loaded from it): the journal starts over.
    func rebaseJournal(onto workbookFile: String) {
        journal.writer?.remove()
        journal.writer = nil
        journal.pending = nil
        journal.changes = 0
        journal.workbookFile = absolutePath(workbookFile)
    }

    /// A clean end (`.quit`, the end of a script or of input): the journal is removed.
    public func endJournal() {
        journal.writer?.remove()
        journal.writer = nil
    }

    /// Creates this session's journal, beside its workbook file when it has one (else, or when that folder cannot
    /// be written, in the state folder).
    private func createJournal(_ header: JournalFile.Header) throws -> JournalWriter {
        let stamp = "\(getpid())-\(time(nil))"
        var places: [String] = []
        if let file = journal.workbookFile {
            let base = file.split(separator: "/").last.map(String.init) ?? file
            places.append("\(AtomicFile.folder(of: file))/.\(base).\(stamp).journal")
        }
        if let folder = journal.stateFolder, HistoryFile.createFolder(folder) {
            places.append("\(folder)/session-\(stamp).journal")
        }
        var failure: (any Error)?
        for path in places {
            do {
                return try JournalWriter.create(
                    path: path, header: header, document: workbook.document(), durability: journal.durability)
            } catch {
                failure = failure ?? error
            }
        }
        throw failure ?? AtomicFile.WriteError(path: "the journal", reason: "no folder to keep it in")
    }

    /// `name` from the root: relative to `options.directory`, else the working directory.
    func absolutePath(_ name: String) -> String {
        let named = path(name)
        if named.hasPrefix("/") { return named }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return named }
        let here = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (here == "/" ? "" : here) + "/" + (named.hasPrefix("./") ? String(named.dropFirst(2)) : named)
    }

    // MARK: Leaving

    /// `.quit`, `quit`, `exit`: at the prompt the loop asks first when changes are unsaved; a script with unsaved
    /// changes is refused (`.quit!` leaves anyway).
    func quitCommand(force: Bool) throws -> ShellStatus {
        if force {
            journal.changes = 0
            journal.pending = nil
        } else if scriptDepth > 0, journal.changes > 0 {
            let count = journal.changes
            throw ShellError(
                "\(count) unsaved change\(count == 1 ? "" : "s"): .save FILE first, or .quit! to leave without "
                    + (count == 1 ? "it" : "them"))
        }
        return .quit
    }

    // MARK: Recovering

    /// The orphaned journals (their process gone) in `stateFolder` and beside each workbook file of `files`, the
    /// newest first. A journal that cannot be read, or a symbolic link, is left alone.
    public static func orphanJournals(stateFolder: String?, besides files: [String]) -> [OrphanJournal] {
        var candidates: [String] = []
        if let stateFolder {
            for entry in listDirectoryForCompletion(stateFolder) ?? []
            where entry.name.hasPrefix("session-") && entry.name.hasSuffix(".journal") {
                candidates.append(stateFolder + "/" + entry.name)
            }
        }
        for file in files where file.hasSuffix(".gkw") {
            let folder = AtomicFile.folder(of: file)
            let base = file.split(separator: "/").last.map(String.init) ?? file
            for entry in listDirectoryForCompletion(folder) ?? []
            where entry.name.hasPrefix("." + base + ".") && entry.name.hasSuffix(".journal") {
                candidates.append(folder + "/" + entry.name)
            }
        }
        var found: [OrphanJournal] = []
        for path in candidates {
            guard let (bytes, modified) = FileAccess.readRegularFile(path),
                let contents = try? JournalFile.parse(String(decoding: bytes, as: UTF8.self)),
                contents.header.pid != getpid(), kill(contents.header.pid, 0) != 0, errno == ESRCH
            else { continue }
            // Reports loaded from their files and nothing else: nothing typed to recover.
            guard contents.changes > 0 else {
                unlink(path)
                continue
            }
            found.append(OrphanJournal(path: path, modified: modified, contents: contents))
        }
        return found.sorted { ($0.modified, $0.path) > ($1.modified, $1.path) }
    }

    /// Replaces the session by the one `orphan` journaled, journals it afresh for this process, removes the orphan
    /// and says what was recovered.
    public func recover(_ orphan: OrphanJournal) throws {
        let restored = try attempt { () throws(EngineError) in try Workbook(document: orphan.contents.document) }
        session.replaceWorkbook(restored)
        journal.writer?.remove()
        journal.writer = nil
        journal.workbookFile = orphan.contents.header.workbook
        journal.changes = orphan.contents.changes
        // This process's own journal first, then the orphan goes: a crash in between leaves one of them.
        journal.pending = .snapshot
        flushJournal()
        unlink(orphan.path)
        let count = orphan.contents.changes
        var line =
            "recovered \(count) change\(count == 1 ? "" : "s") from \(orphan.path) (last at \(orphan.modifiedText))"
        if let file = orphan.contents.header.workbook { line += " — the session of \(file)" }
        output.line(line.escapingControls())
        if orphan.contents.droppedTail {
            output.line("(a cut last line, never acknowledged, was dropped)")
        }
    }

    /// The question an interactive start asks about an orphaned journal.
    static func recoveryQuestion(_ orphan: OrphanJournal) -> String {
        let count = orphan.contents.changes
        return "an unsaved session from \(orphan.modifiedText) (\(count) change\(count == 1 ? "" : "s")) was found: "
            + "recover it? [y/N] "
    }

    /// Offers `orphan` before the first prompt of an interactive start.
    public func offerRecovery(_ orphan: OrphanJournal) { journal.offer = orphan }

    /// Before the first prompt: asks about an orphaned journal found at the start, and recovers it on `y`.
    public func sessionStarts(ask: (String) -> String?) {
        guard let orphan = journal.offer else { return }
        journal.offer = nil
        guard InteractiveSession.isYes(ask(Shell.recoveryQuestion(orphan))) else {
            output.line("not recovered; gongkai --recover recovers it later")
            return
        }
        do {
            try recover(orphan)
        } catch {
            errors.line("Error: cannot recover \(orphan.path): \(error)")
        }
    }

    /// Seconds since 1970 as local `YYYY-MM-DD HH:MM`.
    static func localTime(_ seconds: Int) -> String {
        var clock = time_t(seconds)
        var parts = tm()
        guard localtime_r(&clock, &parts) != nil else { return "\(seconds)" }
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M", &parts)
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
