#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the interactive history lives and what enters it.
///
/// The file is `$XDG_STATE_HOME/gongkai/history`, or `~/.local/state/gongkai/history` when `XDG_STATE_HOME` is unset
/// or not absolute (XDG Base Directory spec). Directories are created 0700 and the file is kept 0600: a history can
/// hold figures a user has not published yet.
public struct HistoryFile: Sendable, Hashable {
    /// The history file's absolute path.
    public let path: String
    /// At most this many entries are kept.
    public let capacity: Int

    /// A history file at `path`.
    public init(path: String, capacity: Int = 1000) {
        self.path = path
        self.capacity = capacity
    }

    /// The default history file for an environment, or nil when neither `XDG_STATE_HOME` nor `HOME` is usable.
    public static func standard(environment: [String: String]) -> HistoryFile? {
        stateFolder(environment: environment).map { HistoryFile(path: $0 + "/history") }
    }

    /// Gongkai's state folder, `$XDG_STATE_HOME/gongkai` or `~/.local/state/gongkai` (the history, the journals of
    /// unsaved sessions), or nil when neither `XDG_STATE_HOME` nor `HOME` is usable.
    public static func stateFolder(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return joined(state, "gongkai") }
        if let home = environment["HOME"], home.hasPrefix("/") { return joined(home, ".local/state/gongkai") }
        return nil
    }

    /// The default history file for this process's environment.
    public static func standard() -> HistoryFile? {
        var environment: [String: String] = [:]
        for key in ["XDG_STATE_HOME", "HOME"] {
            if let value = getenv(key) { environment[key] = String(cString: value) }
        }
        return standard(environment: environment)
    }

    /// The directory holding the file.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The text to record for an entered statement, or nil when it should not be recorded: blank lines and a repeat
    /// of the previous entry are skipped; surrounding whitespace (such as completion's trailing space) is trimmed.
    public static func entry(for statement: String, previous: String?) -> String? {
        let trimmed = Self.trimmed(statement)
        guard !trimmed.isEmpty, trimmed != previous else { return nil }
        return trimmed
    }

    /// Creates the missing directories above the file, each 0700; returns false when that fails.
    @discardableResult
    public func createDirectory() -> Bool { Self.createFolder(directory) }

    /// Creates `folder` and the missing folders above it, each 0700; returns false when that fails.
    static func createFolder(_ folder: String) -> Bool {
        var current = ""
        for component in folder.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// The text without leading and trailing whitespace and newlines.
    static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }

    private static func joined(_ base: String, _ rest: String) -> String {
        base.hasSuffix("/") ? base + rest : base + "/" + rest
    }
}
