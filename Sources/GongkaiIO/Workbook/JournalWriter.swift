import GongkaiCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes one session's journal (``JournalFile``): created exclusively, 0600, never through a symbolic link; every
/// write checked, and `fsync`ed as its ``Durability`` says.
///
/// ```swift
/// let journal = try JournalWriter.create(path: path, header: header, document: workbook.document())
/// try journal.append(.cell(cell))        // durable when it returns
/// journal.remove()                       // a clean end
/// ```
public final class JournalWriter {
    /// When a write reaches the disk. Every write is in the kernel before it returns, so a killed process
    /// (`kill -9`, a crash) loses nothing that was written; `fsync` is what a power cut needs.
    public enum Durability: Sendable, Equatable {
        /// `fsync` after every write: a person at the prompt, where each change is worth the 0.2–2 ms.
        case everyWrite
        /// `fsync` when the last one is at least `milliseconds` old (and on ``sync()``): a script, where a
        /// power cut may lose the last moments, which running the script again redoes.
        case grouped(milliseconds: Int)
        /// Never (to measure what `fsync` costs).
        case none
    }

    /// The journal's path.
    public let path: String
    /// When writes are `fsync`ed.
    public let durability: Durability
    /// The edit lines appended since the snapshot.
    public private(set) var records = 0
    /// How many times the journal was `fsync`ed.
    public private(set) var syncs = 0
    private var descriptor: Int32
    /// When the last `fsync` was (nil: none yet).
    private var lastSync: ContinuousClock.Instant?

    private init(path: String, descriptor: Int32, durability: Durability) {
        self.path = path
        self.descriptor = descriptor
        self.durability = durability
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Creates the journal at `path` with its snapshot: `O_CREAT|O_EXCL|O_NOFOLLOW`, mode 0600, so an existing file
    /// or a planted symbolic link is never opened.
    public static func create(
        path: String, header: JournalFile.Header, document: WorkbookDocument, durability: Durability = .everyWrite
    ) throws(AtomicFile.WriteError) -> JournalWriter {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AtomicFile.WriteError(path: path, code: errno) }
        let journal = JournalWriter(path: path, descriptor: descriptor, durability: durability)
        do {
            var snapshot = TextBuilder()
            snapshot.append(JournalFile.render(header, document: document))
            try journal.write(snapshot)
        } catch {
            journal.remove()
            throw error
        }
        journal.syncFolder()
        return journal
    }

    /// Appends one acknowledged edit: written when it returns, on the disk as ``durability`` says — or, while
    /// ``holding``, kept until ``writeHeld()``.
    public func append(_ record: JournalFile.Record) throws(AtomicFile.WriteError) {
        if holding {
            JournalFile.append(record, to: &held)
        } else {
            var line = TextBuilder()
            JournalFile.append(record, to: &line)
            try write(line)
        }
        records += 1
    }

    /// Whether appended lines are kept until ``writeHeld()``: a script, whose shell writes them in blocks before the
    /// output that acknowledges them, instead of one system call per statement.
    public var holding = false
    private var held = TextBuilder(capacity: 0)

    /// Writes the lines kept while ``holding`` (one write), on the disk as ``durability`` says.
    public func writeHeld() throws(AtomicFile.WriteError) {
        guard held.count > 0 else { return }
        defer { held.removeAll() }
        try write(held)
    }

    /// Replaces the whole journal by a new snapshot, atomically (``AtomicFile``, 0600), which compacts it.
    public func rewrite(header: JournalFile.Header, document: WorkbookDocument) throws(AtomicFile.WriteError) {
        held = TextBuilder(capacity: 0)  // the snapshot holds what they say
        let text = JournalFile.render(header, document: document)
        try AtomicFile.write(toPath: path, permissions: 0o600) { descriptor in
            var text = text
            return text.withUTF8 { AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: descriptor) } == nil
        }
        if descriptor >= 0 { close(descriptor) }
        descriptor = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw AtomicFile.WriteError(path: path, code: errno) }
        records = 0
    }

    /// Closes and deletes the journal: the session ended cleanly, or its changes are saved.
    public func remove() {
        held = TextBuilder(capacity: 0)
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(path)
    }

    private func write(_ text: TextBuilder) throws(AtomicFile.WriteError) {
        guard descriptor >= 0 else { throw AtomicFile.WriteError(path: path, reason: "the journal is closed") }
        if let code = text.withBytes({ AtomicFile.writeAll($0, to: descriptor) }) {
            throw AtomicFile.WriteError(path: path, code: code)
        }
        switch durability {
        case .everyWrite: try sync()
        case .grouped(let milliseconds):
            if lastSync.map({ ContinuousClock.now - $0 >= .milliseconds(milliseconds) }) ?? true { try sync() }
        case .none: break
        }
    }

    /// `fsync`s what was written since the last one (a grouped journal before a pause: the end of a script).
    public func sync() throws(AtomicFile.WriteError) {
        guard descriptor >= 0, durability != .none else { return }
        if fsync(descriptor) != 0 { throw AtomicFile.WriteError(path: path, code: errno) }
        lastSync = ContinuousClock.now
        syncs += 1
    }

    /// The new file's name reaches the disk with its folder.
    private func syncFolder() {
        guard durability != .none else { return }
        let folder = open(AtomicFile.folder(of: path), O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }
}
