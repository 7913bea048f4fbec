#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading scripts and writing `.output` files with the C library: no Foundation on the shell's start-up path.
enum FileAccess {
    /// A file that could not be read or written, with the system's reason.
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    /// The file's text (UTF-8; invalid bytes become U+FFFD).
    static func readText(_ path: String, shownAs name: String? = nil) throws -> String {
        String(decoding: try readBytes(path, shownAs: name), as: UTF8.self)
    }

    /// The file's bytes; errors name the file `name` (as the user typed it) when given.
    static func readBytes(_ path: String, shownAs name: String? = nil) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(path: name ?? path, reason: systemReason()) }
        defer { close(descriptor) }
        guard let bytes = readAll(descriptor) else { throw Failure(path: name ?? path, reason: systemReason()) }
        return bytes
    }

    /// A regular file's bytes and when it was last written (seconds since 1970), never through a symbolic link (a
    /// journal another user may have planted); nil when it cannot be read or is not a regular file.
    static func readRegularFile(_ path: String) -> (bytes: [UInt8], modified: Int)? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let bytes = readAll(descriptor) else {
            return nil
        }
        return (bytes, Int(info.st_mtim.tv_sec))
    }

    /// Everything left to read from `descriptor`; nil on a read error (`errno` says which). A regular file is read
    /// straight into an array of its size (and a byte more, to see its end); what a growing file or a pipe gives
    /// beyond that comes in chunks.
    private static func readAll(_ descriptor: Int32) -> [UInt8]? {
        var info = stat()
        let size = fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: Swift.max(size, 0) + 1) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            while count < buffer.count {
                let n = read(descriptor, base + count, buffer.count - count)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failed = true }
                if n <= 0 { return }
                count += n
            }
        }
        if failed { return nil }
        // Short of the buffer: the end was read.
        if bytes.count <= size { return bytes }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(descriptor, &chunk, chunk.count)
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { return bytes }
            bytes += chunk[0..<n]
        }
    }

    /// Whether `path` names an existing regular file or directory.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Fails unless a file can be created at `path` (its directory exists and is writable).
    static func checkWritable(_ path: String, shownAs name: String? = nil) throws {
        let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
        guard access(directory.isEmpty ? "/" : directory, W_OK) == 0 else {
            throw Failure(path: name ?? path, reason: systemReason())
        }
    }

    /// Creates a folder and its missing parents (`mkdir -p`); an existing folder is fine.
    static func makeDirectory(_ path: String, shownAs name: String? = nil) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            var info = stat()
            if stat(prefix, &info) != 0 {
                guard mkdir(prefix, 0o777) == 0 || errno == EEXIST else {
                    throw Failure(path: name ?? path, reason: systemReason())
                }
            } else if (info.st_mode & S_IFMT) != S_IFDIR {
                throw Failure(path: name ?? path, reason: "\(prefix) is not a folder")
            }
            prefix += "/"
        }
    }

    private static func systemReason() -> String {
        guard let message = strerror(errno) else { return "error \(errno)" }
        return String(cString: message).lowercased()
    }
}
