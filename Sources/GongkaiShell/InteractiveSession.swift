#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a statement run by the interactive loop ended.
public enum StatementOutcome: Sendable, Equatable {
    /// It did what it was asked.
    case succeeded
    /// It failed and said why; the session goes on (a script run from a pipe ends with exit code 1).
    case failed
    /// The user asked to leave (`.quit`): the loop ends with this exit code.
    case quit(exitCode: Int32)
    /// Ctrl-C stopped it (having said `interrupted`): the prompt returns; a script run from a pipe ends with 130.
    case interrupted
}

/// What the interactive loop needs from the shell: running statements, its prompts, knowing about unsaved work, and
/// the names TAB may offer. `Shell` conforms.
public protocol InteractiveHost: AnyObject {
    /// Runs one complete statement (continuation lines already joined) and prints its results.
    ///
    /// A long computation should poll `interruptRequested` and stop when it turns true (Ctrl-C), returning
    /// `.interrupted`.
    func execute(_ statement: String) -> StatementOutcome
    /// Whether the session holds changes not yet saved: leaving (Ctrl-D, `.quit`) then asks first.
    var hasUnsavedChanges: Bool { get }
    /// How many changes are not yet saved, for the question asked before leaving.
    var unsavedChangeCount: Int { get }
    /// Called once before the first prompt with a way to ask a yes/no question on the terminal (the shell offers to
    /// recover an orphaned journal); `ask` returns the answer, nil at end of input.
    func sessionStarts(ask: (String) -> String?)
    /// The commands, names, rules and reports TAB may offer now.
    func completionCandidates() -> CompletionCandidates
    /// The prompt for a new statement, asked afresh each time (`.fill` names the cell it waits for).
    var prompt: String { get }
    /// The prompt for a continuation line.
    var continuationPrompt: String { get }
    /// Ctrl-C pressed at the prompt, the line discarded: ends an entry that spans statements (`.fill`).
    func cancelEntry()
}

extension InteractiveHost {
    /// `gongkai> `
    public var prompt: String { InteractiveSession.prompt }
    /// `   ...> `
    public var continuationPrompt: String { InteractiveSession.continuationPrompt }
    /// Nothing to end.
    public func cancelEntry() {}
    /// One when there are unsaved changes.
    public var unsavedChangeCount: Int { hasUnsavedChanges ? 1 : 0 }
    /// Nothing to ask.
    public func sessionStarts(ask: (String) -> String?) {}
}

extension InteractiveSession {
    /// `3 unsaved changes — quit anyway? [y/N] `
    public static func quitQuestion(changes: Int) -> String {
        "\(changes) unsaved change\(changes == 1 ? "" : "s") — quit anyway? [y/N] "
    }

    /// Whether an answer to a `[y/N]` question is yes.
    public static func isYes(_ answer: String?) -> Bool {
        guard let answer else { return false }
        return ["y", "yes", "是"].contains(answer.trimmingBlanks().lowercased())
    }
}

/// The read–execute loop: prompts, joins continuation lines, records history, handles Ctrl-C and Ctrl-D.
///
/// On a terminal, Ctrl-C discards the line or statement being typed (and ends a `.fill`) and, while a statement runs,
/// sets `interruptRequested`, which the statement polls; Ctrl-D on an empty line leaves, asking first when there
/// are unsaved changes (`N unsaved changes — quit anyway? [y/N]`; Ctrl-D again leaves), as `.quit` does. From a pipe it reads statements without prompts or history and leaves at the end of input
/// (or with 130 when a statement was interrupted).
public final class InteractiveSession {
    /// The prompt for a new statement.
    public static let prompt = "gongkai> "
    /// The prompt for a continuation line (a trailing `\` or an open parenthesis).
    public static let continuationPrompt = "   ...> "

    private let host: any InteractiveHost
    private var reader: any LineReader
    private let output: (String) -> Void

    /// A session reading from `reader`, running statements on `host` and writing its own messages with `output`.
    public init(host: any InteractiveHost, reader: any LineReader, output: @escaping (String) -> Void = { print($0) }) {
        self.host = host
        self.reader = reader
        self.output = output
    }

    /// Runs until end of input or `.quit`; returns the process exit code.
    ///
    /// 0 normally; from a pipe, 1 when any statement failed and 130 when one was interrupted; `.quit`'s own code
    /// when it gives one.
    public func run() -> Int32 {
        var buffer = StatementBuffer()
        var anyFailed = false
        if reader.isInteractive {
            host.sessionStarts { question in (try? self.reader.readLine(prompt: question)) ?? nil }
        }
        while true {
            let line: String?
            do {
                line = try reader.readLine(prompt: buffer.isEmpty ? host.prompt : host.continuationPrompt)
            } catch {
                // Ctrl-C: the terminal does not echo it, so show it, and start over on a fresh line.
                output("^C")
                buffer.reset()
                host.cancelEntry()
                continue
            }
            guard let line else {
                if reader.isInteractive {
                    output("")  // leave the prompt's line
                    if !buffer.isEmpty {
                        buffer.reset()
                        output("(incomplete statement discarded)")
                    }
                    // Ctrl-D again at the question leaves too.
                    if host.hasUnsavedChanges && !confirmQuit(endOfInputLeaves: true) { continue }
                    return 0
                }
                // End of a piped script: a dangling statement still runs, so that its error is reported.
                if let statement = buffer.flush(), host.execute(statement) == .failed { anyFailed = true }
                return anyFailed ? 1 : 0
            }
            guard let statement = buffer.append(line) else { continue }
            // One history entry per statement, on one line: recalled, it runs as it did.
            reader.addHistory(statement.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: " "))
            interruptRequested.store(false, ordering: .relaxed)
            let outcome = host.execute(statement)
            interruptRequested.store(false, ordering: .relaxed)
            switch outcome {
            case .succeeded: break
            case .failed: anyFailed = true
            case .interrupted: if !reader.isInteractive { return 130 }
            case .quit(let code):
                if reader.isInteractive && host.hasUnsavedChanges && !confirmQuit(endOfInputLeaves: false) { continue }
                return code
            }
        }
    }

    /// Asks whether to leave with unsaved changes: `N unsaved changes — quit anyway? [y/N]`; true to leave.
    private func confirmQuit(endOfInputLeaves: Bool) -> Bool {
        let answer: String?
        do {
            answer = try reader.readLine(prompt: Self.quitQuestion(changes: host.unsavedChangeCount))
        } catch {
            output("^C")
            return false
        }
        guard let answer else {
            output("")
            return endOfInputLeaves
        }
        return Self.isYes(answer)
    }
}

/// Runs `shell` interactively on standard input: a line editor with completion and history on a terminal, plain
/// reads from a pipe. Returns the exit code for the process.
///
/// `history` defaults to `$XDG_STATE_HOME/gongkai/history` (or `~/.local/state/gongkai/history`).
public func runInteractive(shell: any InteractiveHost, history: HistoryFile? = HistoryFile.standard()) -> Int32 {
    let reader = makeLineReader(history: history) { [weak shell] lineBeforeCursor in
        guard let shell else { return CompletionResult(word: "", matches: []) }
        let completer = Completer(candidates: shell.completionCandidates(), listDirectory: listDirectoryForCompletion)
        return completer.complete(lineBeforeCursor)
    }
    if reader.isInteractive { installInterruptHandler() }
    return InteractiveSession(host: shell, reader: reader).run()
}
