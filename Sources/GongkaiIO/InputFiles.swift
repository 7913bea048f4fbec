#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's identity on disk: its device and inode (`st_dev`, `st_ino`), so that `in.txt`, `./in.txt`, a hard link
/// and a symbolic link to it are all the same file.
public struct FileIdentity: Hashable, Sendable {
    /// `st_dev`
    public let device: UInt64
    /// `st_ino`
    public let inode: UInt64

    /// The identity of the file at `path` (symbolic links followed), or nil when there is no such file.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// The files a session or a command read its reports from, so that no output ever overwrites one: `gongkai export
/// in.txt -o in.txt`, `.export csv in.txt` or `.save in.txt` after `.load in.txt` are refused, whatever the spelling
/// of the path (compared by ``FileIdentity`` at the moment of writing, not by string).
///
/// ```swift
/// var inputs = InputFiles()
/// inputs.add("reports/in.txt", shownAs: "in.txt", kind: .report)
/// try inputs.checkOutput("reports/./in.txt", shownAs: "out")   // throws InputFiles.Overwrite
/// ```
public struct InputFiles: Sendable {
    /// What an input file holds.
    public enum Kind: Sendable, Equatable {
        /// A published report (text, Markdown, HTML): never overwritten.
        case report
        /// A workbook file: `.save` may write it again (that is how a session is kept), nothing else may.
        case workbook
        /// A script being run (`gongkai run`, `.read`): never overwritten by its own `.output` or `.export`.
        case script
    }

    /// One input: its path as opened, as the user typed it, and its kind.
    public struct Input: Sendable, Equatable {
        /// The path as opened (relative names resolved against the shell's directory).
        public let path: String
        /// The name the user typed, for messages.
        public let name: String
        /// What the file holds.
        public let kind: Kind
    }

    /// Writing the output would overwrite an input.
    public struct Overwrite: Error, CustomStringConvertible, Equatable {
        /// The output, as the user named it.
        public let output: String
        /// The input it would overwrite, as the user named it.
        public let input: String

        /// `refusing to overwrite in.txt: it is the input in.txt (write the output to another file)`
        public var description: String {
            "refusing to overwrite \(output): it is the input \(input) (write the output to another file)"
        }
    }

    /// The inputs, in the order added.
    public private(set) var inputs: [Input] = []

    /// No inputs.
    public init() {}

    /// Adds an input (a file already read).
    public mutating func add(_ path: String, shownAs name: String? = nil, kind: Kind) {
        inputs.append(Input(path: path, name: name ?? path, kind: kind))
    }

    /// Throws ``Overwrite`` when the file at `path` is one of the inputs (a workbook input is allowed for `kinds`
    /// that include `.workbook`: `.save` onto the workbook file it loaded). A path that does not exist yet is never
    /// an input.
    public func checkOutput(_ path: String, shownAs name: String? = nil, allowing allowed: [Kind] = [])
        throws(Overwrite)
    {
        guard let output = FileIdentity(path: path) else { return }
        for input in inputs where !allowed.contains(input.kind) && FileIdentity(path: input.path) == output {
            throw Overwrite(output: name ?? path, input: input.name)
        }
    }

    /// Distinct output file names for files exported into one folder, in order: the first keeps its name, a later
    /// one whose name is taken gets `-2`, `-3`, … before its extension (`report.csv`, `report-2.csv`), never a name
    /// another file has or gets.
    public static func distinctNames(_ names: [String]) -> [String] {
        var taken = Set(names)
        var used = Set<String>()
        var result: [String] = []
        for name in names {
            guard used.contains(name) else {
                used.insert(name)
                result.append(name)
                continue
            }
            let dot = name.lastIndex(of: ".")
            let stem = dot.map { String(name[..<$0]) } ?? name
            let ext = dot.map { String(name[$0...]) } ?? ""
            var n = 2
            var candidate = "\(stem)-\(n)\(ext)"
            while taken.contains(candidate) || used.contains(candidate) {
                n += 1
                candidate = "\(stem)-\(n)\(ext)"
            }
            taken.insert(candidate)
            used.insert(candidate)
            result.append(candidate)
        }
        return result
    }
}
