import GongkaiCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes one session's journal (``JournalFile``): created exclusively, 0600, never through a symbolic link; every
/// write checked and, when `durable`, `fsync`ed before it returns.
///
/// ```swift
/// let journal = try JournalWriter.create(path: path, header: header, document: workbook.document())
/// try journal.append(.cell(cell))        // durable when it returns
/// journal.remove()                       // a clean end
/// ```
public final class JournalWriter {
    /// The journal's path.
    public let path: String
    /// `fsync` after every write (off only to measure what it costs).
    public let durable: Bool
    /// The edit lines appended since the snapshot.
    public private(set) var records = 0
    private var descriptor: Int32

    private init(path: String, descriptor: Int32, durable: Bool) {
        self.path = path
        self.descriptor = descriptor
        self.durable = durable
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Creates the journal at `path` with its snapshot: `O_CREAT|O_EXCL|O_NOFOLLOW`, mode 0600, so an existing file
    /// or a planted symbolic link is never opened.
    public static func create(
        path: String, header: JournalFile.Header, document: WorkbookDocument, durable: Bool = true
    ) throws(AtomicFile.WriteError) -> JournalWriter {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AtomicFile.WriteError(path: path, code: errno) }
        let journal = JournalWriter(path: path, descriptor: descriptor, durable: durable)
        do {
            try journal.write(JournalFile.render(header, document: document))
        } catch {
            journal.remove()
            throw error
        }
        journal.syncFolder()
        return journal
    }

    /// Appends one acknowledged edit; durable when it returns.
    public func append(_ record: JournalFile.Record) throws(AtomicFile.WriteError) {
        try write(JournalFile.line(record))
        records += 1
    }

    /// Replaces the whole journal by a new snapshot, atomically (``AtomicFile``, 0600), which compacts it.
    public func rewrite(header: JournalFile.Header, document: WorkbookDocument) throws(AtomicFile.WriteError) {
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
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(path)
    }

    private func write(_ text: String) throws(AtomicFile.WriteError) {
        guard descriptor >= 0 else { throw AtomicFile.WriteError(path: path, reason: "the journal is closed") }
        var text = text
        if let code = text.withUTF8({ AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }) {
            throw AtomicFile.WriteError(path: path, code: code)
        }
        if durable, fsync(descriptor) != 0 { throw AtomicFile.WriteError(path: path, code: errno) }
    }

    /// The new file's name reaches the disk with its folder.
    private func syncFolder() {
        guard durable else { return }
        let folder = open(AtomicFile.folder(of: path), O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }
}
