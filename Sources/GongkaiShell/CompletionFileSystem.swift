#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a directory for path completion: `""` is the working directory, a leading `~/` the home directory.
///
/// Returns nil when the directory cannot be opened; `.` and `..` are left out.
public func listDirectoryForCompletion(_ path: String) -> [DirectoryEntry]? {
    var directory = path.isEmpty ? "." : path
    if directory == "~/" || directory.hasPrefix("~/"), let home = getenv("HOME") {
        directory = String(cString: home) + directory.dropFirst()
    }
    guard let handle = opendir(directory) else { return nil }
    defer { closedir(handle) }
    var entries: [DirectoryEntry] = []
    while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name == "." || name == ".." { continue }
        var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
        if Int32(entry.pointee.d_type) == Int32(DT_LNK) || Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
            // Follow symbolic links and fill in what the file system did not say.
            var info = stat()
            let full = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            isDirectory = stat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
        entries.append(DirectoryEntry(name, isDirectory: isDirectory))
    }
    return entries
}
