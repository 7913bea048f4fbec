#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The files a load argument stands for: a file, every report-like file below a folder, or the matches of a glob.
enum InputExpansion {
    /// The kinds of file a folder or glob contributes, by extension (lower-case, without the dot). Anything else in
    /// a folder is passed over with a note.
    static let reportExtensions: Set<String> = [
        "txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx", "csv", "xlsx", "gkw",
    ]

    /// One argument expanded: `(path, shown)` pairs in a stable order, and the files passed over (with why).
    ///
    /// A folder is walked recursively in name order, hidden entries left out; a pattern with `*`, `?` or `[` is
    /// expanded by `glob(3)` when no file has that very name. A plain path is returned as it is, even when it does not
    /// exist (the load then says why it cannot be read).
    static func expand(_ argument: String, resolve: (String) -> String) -> (files: [String], passed: [(String, String)])
    {
        let path = resolve(argument)
        if isDirectory(path) {
            var files: [String] = []
            var passed: [(String, String)] = []
            walk(path, shown: argument, into: &files, passed: &passed)
            return (files, passed)
        }
        if isPattern(argument), !exists(path) {
            let matches = globMatches(path).map { match in
                // Shown as the user would write it: relative to the same place as the pattern.
                path == argument
                    ? match : argument.isEmpty ? match : String(match.dropFirst(path.count - argument.count))
            }
            var files: [String] = []
            var passed: [(String, String)] = []
            for match in matches {
                let full = resolve(match)
                if isDirectory(full) {
                    walk(full, shown: match, into: &files, passed: &passed)
                } else {
                    files.append(match)
                }
            }
            return (files, passed)
        }
        return ([argument], [])
    }

    /// Whether `text` holds a glob character.
    static func isPattern(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The extension of a file name, lower-case, without the dot; empty when it has none.
    static func fileExtension(_ name: String) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return "" }
        return base[base.index(after: dot)...].lowercased()
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    private static func walk(
        _ path: String, shown: String, into files: inout [String], passed: inout [(String, String)]
    ) {
        guard let directory = opendir(path) else {
            files.append(shown)  // the load says why it cannot be read
            return
        }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        closedir(directory)
        let prefix = shown.hasSuffix("/") ? shown : shown + "/"
        let fullPrefix = path.hasSuffix("/") ? path : path + "/"
        for name in names.sorted() {
            if isDirectory(fullPrefix + name) {
                walk(fullPrefix + name, shown: prefix + name, into: &files, passed: &passed)
            } else if reportExtensions.contains(fileExtension(name)) {
                files.append(prefix + name)
            } else {
                passed.append(
                    (
                        prefix + name,
                        "not a report file (\(fileExtension(name).isEmpty ? "no extension" : "." + fileExtension(name)))"
                    ))
            }
        }
    }

    private static func globMatches(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var matches: [String] = []
        for i in 0..<Int(result.gl_pathc) {
            if let cString = result.gl_pathv[i] { matches.append(String(cString: cString)) }
        }
        return matches.sorted()
    }
}
