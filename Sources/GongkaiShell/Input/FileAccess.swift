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
        guard let file = fopen(path, "rb") else { throw Failure(path: name ?? path, reason: systemReason()) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n > 0 { bytes += chunk[0..<n] }
            if n < chunk.count {
                if ferror(file) != 0 { throw Failure(path: name ?? path, reason: systemReason()) }
                break
            }
        }
        return bytes
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
