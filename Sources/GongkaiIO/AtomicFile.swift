#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way Gongkai writes a file (exports, workbook files, `.output`, `.record`, the history): all or nothing,
/// with every error reported. C library only, so the shell's start-up path needs no Foundation.
///
/// A regular file (or a path that does not exist yet) is written through a temporary file in the same folder:
/// created exclusively (`O_CREAT|O_EXCL|O_NOFOLLOW`, a random name `.NAME.<16 hex>.tmp`, so a planted file or
/// symbolic link there is never opened), written with every `write` checked, `fsync`ed, renamed over the destination,
/// and the folder `fsync`ed. A reader sees the old file or the new one, never a half-written one; any failure
/// removes the temporary file and leaves the old file as it was.
///
/// * A replaced file keeps its permission bits (a 0600 file stays 0600) and, where allowed, its group; a new file
///   gets the default of the umask (0666 & ~umask).
/// * A symbolic link at the destination is **replaced by the new file, never followed** — unless it leads to
///   something that is not a regular file (`/dev/stdout`, a FIFO), which is then written directly, as below.
/// * A destination that exists and is not a regular file (a terminal, `/dev/null`, `/dev/full`, a FIFO) cannot be
///   replaced: it is opened without creating anything and written directly, every write checked (`/dev/full` fails
///   with "no space left on device"). So is anything under `/dev/` or `/proc/` (`-o /dev/stdout` with standard output
///   on a file appends to that file; the link `/dev/stdout` is never replaced). A directory is refused.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct WriteError: Error, CustomStringConvertible, Equatable {
        /// The destination path, as the user named it.
        public let path: String
        /// What went wrong, as the system said it (lower case: "no space left on device").
        public let reason: String

        /// `cannot write PATH: REASON`
        public var description: String { "cannot write \(path): \(reason)" }

        /// An error for `path` with the system's reason for `code` (an `errno`).
        init(path: String, code: Int32) {
            self.path = path
            self.reason = AtomicFile.reason(code)
        }

        /// An error for `path` with the given reason.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Writes `text` as UTF-8; errors name the file `name` (as the user typed it) when given.
    public static func write(_ text: String, toPath path: String, shownAs name: String? = nil) throws(WriteError) {
        var text = text
        let failure: WriteError? = text.withUTF8 { buffer in
            do throws(WriteError) {
                try write(UnsafeRawBufferPointer(buffer), toPath: path, shownAs: name, permissions: nil)
                return nil
            } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Writes bytes; errors name the file `name` when given.
    public static func write(_ bytes: [UInt8], toPath path: String, shownAs name: String? = nil) throws(WriteError) {
        let failure: WriteError? = bytes.withUnsafeBytes { buffer in
            do throws(WriteError) {
                try write(buffer, toPath: path, shownAs: name, permissions: nil)
                return nil
            } catch { return error }
        }
        if let failure { throw failure }
    }

    /// Writes what `produce` writes to the descriptor it is given (for a library that writes files itself, by the
    /// name `/dev/fd/N`); `permissions` forces the mode bits (the history is always 0600). `produce` returns false
    /// when it failed, with `errno` set.
    public static func write(
        toPath path: String, shownAs name: String? = nil, permissions: UInt32? = nil,
        produce: (_ descriptor: Int32) -> Bool
    ) throws(WriteError) {
        try replace(path: path, name: name ?? path, permissions: permissions) { descriptor in
            produce(descriptor) ? nil : errno
        }
    }

    // MARK: The one implementation

    private static func write(
        _ buffer: UnsafeRawBufferPointer, toPath path: String, shownAs name: String?, permissions: UInt32?
    ) throws(WriteError) {
        try replace(path: path, name: name ?? path, permissions: permissions) { descriptor in
            writeAll(buffer, to: descriptor)
        }
    }

    /// Writes the whole buffer, retrying after `EINTR` and partial writes; the `errno` of a failure, else nil.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        guard let base = buffer.baseAddress else { return nil }
        var offset = 0
        while offset < buffer.count {
            let n = systemWrite(descriptor, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            offset += n
        }
        return nil
    }

    private static func replace(
        path: String, name: String, permissions: UInt32?, body: (Int32) -> Int32?
    ) throws(WriteError) {
        guard !path.isEmpty else { throw WriteError(path: name, reason: "empty file name") }
        var link = stat()
        let exists = lstat(path, &link) == 0
        if exists, path.hasPrefix("/dev/") || path.hasPrefix("/proc/") {
            try writeDirectly(path: path, name: name, body: body)
            return
        }
        if exists {
            var info = link
            if fileType(link) == S_IFLNK, stat(path, &info) != 0 { info = link }  // a dangling link is replaced
            switch fileType(info) {
            case S_IFDIR: throw WriteError(path: name, reason: "is a directory")
            case S_IFREG, S_IFLNK: break
            default:
                // A device, FIFO or socket: there is nothing to replace, only something to write to.
                try writeDirectly(path: path, name: name, body: body)
                return
            }
        }
        let directory = folder(of: path)
        let base = path.split(separator: "/").last.map(String.init) ?? path
        // The replaced file's mode bits (not a link's: a replaced link gives a new file).
        var mode: mode_t? = permissions.map { mode_t($0) }
        if mode == nil, exists, fileType(link) == S_IFREG { mode = link.st_mode & 0o7777 }
        var temporary = ""
        var descriptor: Int32 = -1
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<16 {
            let suffix = String(generator.next() as UInt64, radix: 16)
            temporary = (directory == "." && !path.hasPrefix("./") ? "" : directory + "/") + ".\(base).\(suffix).tmp"
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 || errno != EEXIST { break }
        }
        guard descriptor >= 0 else { throw WriteError(path: name, code: errno) }
        func fail(_ code: Int32) -> WriteError {
            close(descriptor)
            unlink(temporary)
            return WriteError(path: name, code: code)
        }
        if let mode {
            if fchmod(descriptor, mode) != 0 { throw fail(errno) }
            if permissions == nil { _ = fchown(descriptor, uid_t.max, link.st_gid) }  // the group where allowed
        }
        if let code = body(descriptor) { throw fail(code) }
        if fsync(descriptor) != 0 { throw fail(errno) }
        if close(descriptor) != 0 {
            let code = errno
            unlink(temporary)
            throw WriteError(path: name, code: code)
        }
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw WriteError(path: name, code: code)
        }
        // The rename itself reaches the disk with the folder. Some file systems cannot sync a folder; the file is
        // in place by now, so that is not an error.
        let folderDescriptor = open(directory, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Writes to an existing non-regular file (a device, a FIFO), or through `/dev/stdout`: opened without creating or
    /// truncating anything, appending.
    private static func writeDirectly(path: String, name: String, body: (Int32) -> Int32?) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_APPEND | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else { throw WriteError(path: name, code: errno) }
        if let code = body(descriptor) {
            close(descriptor)
            throw WriteError(path: name, code: code)
        }
        if close(descriptor) != 0 { throw WriteError(path: name, code: errno) }
    }

    /// The folder holding `path`: `.` for a bare name, `/` for a file at the root.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func fileType(_ info: stat) -> mode_t { info.st_mode & S_IFMT }

    /// The system's message for an `errno`, in lower case.
    static func reason(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message).lowercased()
    }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif
