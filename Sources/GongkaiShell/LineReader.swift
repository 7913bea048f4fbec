// The only file that talks to libedit (docs/LIBEDIT.md). Its readline layer keeps its state in C globals, hence the
// @preconcurrency import: without it every `rl_*` global is a Swift 6 concurrency error.
@preconcurrency import CLibEdit
import GongkaiCore
import GongkaiIO
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A source of input lines for the interactive loop: a line editor on a terminal, plain reads from a pipe.
public protocol LineReader {
    /// Whether a person is typing: prompts are shown and lines are recorded in the history.
    var isInteractive: Bool { get }
    /// Reads one line without its newline; nil at the end of input (Ctrl-D on an empty line).
    ///
    /// Throws `LineReaderInterrupt` when Ctrl-C cancels the line being typed.
    mutating func readLine(prompt: String) throws(LineReaderInterrupt) -> String?
    /// Records an entered statement; blank lines and a repeat of the previous entry are skipped.
    mutating func addHistory(_ statement: String)
}

/// Ctrl-C pressed while a line was being typed: the line is discarded.
public struct LineReaderInterrupt: Error, Equatable, Sendable {
    /// The interrupt.
    public init() {}
}

/// Set by Ctrl-C (SIGINT); long-running commands poll it and stop early. The loop clears it before each statement.
public let interruptRequested = Atomic<Bool>(false)

/// Makes SIGINT set `interruptRequested` instead of ending the process.
///
/// `SA_RESTART` keeps other reads and writes going; inside `readline()` libedit installs its own handler, then hands
/// the signal back to this one and returns NULL, which the reader tells from end of input by this flag.
/// A second Ctrl-C while the first is still pending (a statement that does not poll the flag) ends the process with
/// status 130, so that a stuck computation can always be left.
public func installInterruptHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in
        if interruptRequested.exchange(true, ordering: .relaxed) {
            let message: StaticString = "\ngongkai: interrupted twice, quitting\n"
            _ = write(STDERR_FILENO, message.utf8Start, message.utf8CodeUnitCount)  // async-signal-safe
            _exit(130)
        }
    }
    sigemptyset(&action.sa_mask)
    action.sa_flags = Int32(SA_RESTART)
    sigaction(SIGINT, &action, nil)
}

/// Selects a UTF-8 character type, falling back to `C.UTF-8` when the environment names none (LANG unset, CI, cron).
///
/// Without it libedit decodes keystrokes in the C locale and silently drops every Chinese character. Only `LC_CTYPE`
/// is touched, so number formatting elsewhere stays locale-independent.
public func ensureUTF8Locale() {
    let chosen = setlocale(LC_CTYPE, "").map { String(cString: $0).uppercased() } ?? ""
    if !chosen.contains("UTF-8") && !chosen.contains("UTF8") {
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
}

/// Reads lines from a non-terminal standard input with `Swift.readLine`: no prompt, no history, no libedit.
public struct PipedLineReader: LineReader {
    /// A reader of standard input.
    public init() {}

    public var isInteractive: Bool { false }

    public mutating func readLine(prompt: String) throws(LineReaderInterrupt) -> String? {
        Swift.readLine(strippingNewline: true)
    }

    public mutating func addHistory(_ statement: String) {}
}

/// The completion function libedit calls on TAB; libedit's readline layer is process-global, and so is this.
nonisolated(unsafe) private var activeCompletion: ((String) -> CompletionResult)?

/// A line editor over libedit's readline layer: CJK-aware editing, TAB completion, persistent history.
///
/// libedit keeps one global editor, so create one `EditLineReader` per process.
public final class EditLineReader: LineReader {
    private let history: HistoryFile?
    private var lastEntry: String?

    /// Sets libedit up: `~/.editrc` section `gongkai`, word breaks without `.`, completion through `complete` (given the
    /// line up to the cursor), and the history loaded from `history` when there is one.
    public init(history: HistoryFile?, complete: @escaping (String) -> CompletionResult) {
        self.history = history
        activeCompletion = complete
        rl_readline_name = UnsafePointer(strdup("gongkai"))  // read by libedit for as long as it runs: never freed
        rl_initialize()  // before any other rl_* call that needs the editor (LIBEDIT.md pitfall 7)
        // libedit reads the basic set, not rl_completer_word_break_characters (pitfall 5); it must outlive libedit.
        rl_basic_word_break_characters = UnsafePointer(strdup(Completer.wordBreakCharacters))
        rl_attempted_completion_function = completeForEditLine
        using_history()
        if let history {
            stifle_history(Int32(clamping: history.capacity))
            _ = read_history(history.path)  // a missing file on first run is fine
            if history_length > 0, let entry = history_get(history_base + history_length - 1),
                let line = entry.pointee.line
            {
                lastEntry = String(cString: line)
            }
        }
    }

    public var isInteractive: Bool { true }

    public func readLine(prompt: String) throws(LineReaderInterrupt) -> String? {
        interruptRequested.store(false, ordering: .relaxed)
        guard let raw = CLibEdit.readline(prompt) else {
            // NULL means either Ctrl-D on an empty line or Ctrl-C; only the latter sets the flag.
            if interruptRequested.exchange(false, ordering: .relaxed) { throw LineReaderInterrupt() }
            return nil
        }
        defer { free(raw) }
        return String(cString: raw)
    }

    public func addHistory(_ statement: String) {
        guard let entry = HistoryFile.entry(for: statement, previous: lastEntry) else { return }
        lastEntry = entry
        add_history(entry)
        save()
    }

    /// Writes the whole history atomically through ``AtomicFile`` (libedit writes the exclusive temporary file by
    /// its `/dev/fd/N` name), readable by the owner only. A history that cannot be saved is not worth an error.
    private func save() {
        guard let history, history.createDirectory() else { return }
        try? AtomicFile.write(toPath: history.path, permissions: 0o600) { descriptor in
            write_history("/dev/fd/\(descriptor)") == 0
        }
    }
}

/// libedit's `rl_attempted_completion_function`: a top-level function, because a C function pointer cannot capture.
///
/// Returns a `calloc`ed, NULL-terminated array that libedit frees: the common prefix first (computed by Characters,
/// since libedit's byte-wise one can split a UTF-8 sequence), then the matches. Two spare NULL slots, because libedit
/// reads `matches[2]` even for a single match (pitfall 4).
private func completeForEditLine(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1  // never fall back to libedit's own file-name completion
    guard let complete = activeCompletion, let buffer = rl_line_buffer else { return nil }
    // `end` counts characters (wchar_t), not bytes (pitfall 6): cut the line there by Unicode scalars.
    let line = String(cString: buffer).unicodeScalars
    let beforeCursor = String(scalars: line.prefix(max(0, Int(end))))
    let result = complete(beforeCursor)
    let typed = text.map { String(cString: $0) } ?? ""
    guard let replacements = result.replacements(forTyped: typed), !replacements.isEmpty else { return nil }
    let single = replacements.count == 1
    rl_completion_append_character = single && CompletionResult.appendsSpace(after: result.matches[0]) ? 32 : 0
    let entries = single ? replacements : [commonPrefix(replacements)] + replacements
    guard let memory = calloc(entries.count + 2, MemoryLayout<UnsafeMutablePointer<CChar>?>.stride) else { return nil }
    let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 2)
    for (index, entry) in entries.enumerated() {
        array[index] = strdup(entry)
    }
    return array
}

/// The line reader for this process: `EditLineReader` when standard input is a terminal, `PipedLineReader` otherwise.
///
/// On a terminal it also selects a UTF-8 locale (see `ensureUTF8Locale`). `complete` receives the line up to the cursor.
public func makeLineReader(history: HistoryFile?, complete: @escaping (String) -> CompletionResult) -> any LineReader {
    guard isatty(STDIN_FILENO) != 0 else { return PipedLineReader() }
    ensureUTF8Locale()
    return EditLineReader(history: history, complete: complete)
}
