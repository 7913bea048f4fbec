import GongkaiCore
import GongkaiIO

/// The Gongkai shell: a workbook, where output goes, and the session options; executes one statement at a time.
///
/// Statements are dot-commands (`.show t3`), assignments (`t3.new.natural = 8`), definitions (`let rate = …`) and
/// expressions (`t3.total.total / t3.new.total`). After every change the shell prints what changed: values that moved
/// (old → new) and rules that broke or healed, with their imbalance. Output is deterministic: no timings, no colour
/// unless asked for.
///
/// ```swift
/// let out = StringOutput()
/// let shell = Shell(output: out, errors: out)
/// shell.run(script: ".load examples/上犹县政府办-2023.txt\n.show t3\n", name: "tour.gongkai")
/// ```
public final class Shell {
    /// The application layer: the workbook and every I/O call on it.
    public let session: Session
    /// The session state.
    public var workbook: Workbook { session.workbook }
    /// Where results go (standard output, or a file after `.output FILE`).
    var output: any TextOutput
    /// Where results go when no `.output` redirection is active (held while a script runs: ``writeHeld()``).
    let standardOutput: RecordingOutput
    /// Where errors and warnings go.
    let errors: RecordingOutput
    /// When a script last wrote what it held, and whether it is writing it now.
    var heldWritten = ContinuousClock.now
    var writingHeld = false
    /// The options a session can change.
    public var options: ShellOptions {
        didSet { session.directory = options.directory }
    }

    /// The `.output FILE` redirection in effect: the file path and the text collected for it.
    var redirection: (path: String, buffer: StringOutput)?
    /// Every file loaded, so that no `.save`, `.export`, `.output` or `.record` overwrites one (the session's list).
    var inputs: InputFiles {
        get { session.inputs }
        set { session.inputs = newValue }
    }
    /// The sorted report names TAB completes, and the report list version they were taken at.
    var completionReports: (version: [Int], names: [String])?
    /// The guided entry in progress (`.fill`), which takes the following statements as answers.
    var fill: FillSession?
    /// Where a stopped `.fill` stopped, per report and selection: the name of the cell it would have asked next.
    var fillResume: [String: String] = [:]
    /// Where the statement being executed came from, for error messages.
    var location: SourceLocation?
    /// The statement being executed, for placing carets under parts of it.
    var currentStatement = ""
    /// Nested `.read` depth, to refuse a script that reads itself forever.
    var readDepth = 0
    /// Scripts running (`run(lines:)`, nested by `.read`); 0 while a statement typed at the prompt starts.
    var scriptDepth = 0
    /// The last `.suggest` listing, which `.apply N` refers to.
    var suggestions: RepairSearch?
    /// Mutations since the last `.save` or load of a workbook file.
    var unsavedChanges: Bool { journal.changes > 0 }
    /// The journal of acknowledged changes (``JournalState``), and the count of unsaved ones.
    var journal = JournalState()
    /// Any statement failed (the exit code of a script is then 1).
    public private(set) var anyFailed = false
    /// A `.check` found an error rule failing (exit code 3 when nothing else failed).
    public internal(set) var anyRulesFailing = false
    /// A `.check` found cells missing or rules incomplete (exit code 4 unless `allowIncomplete`).
    public internal(set) var anyIncomplete = false
    /// A file given to a load was refused (exit code 2 when no statement failed).
    public internal(set) var anyRefused = false
    /// Ctrl-C stopped a statement or script (exit code 130).
    public internal(set) var wasInterrupted = false
    /// Where Ctrl-C is learnt of: a private flag unless the launcher passes `Interruption.process`.
    public var interruption: Interruption {
        get { session.interruption }
        set { session.interruption = newValue }
    }
    /// Every statement and what it printed, for `.record` and `gongkai test`.
    let record = SessionRecord()

    /// A shell writing results to `output` and errors to `errors`.
    public convenience init(
        workbook: Workbook = Workbook(), output: any TextOutput = FileDescriptorOutput.standardOutput,
        errors: any TextOutput = FileDescriptorOutput.standardError, options: ShellOptions = ShellOptions(),
        interruption: Interruption = Interruption()
    ) {
        self.init(
            session: Session(workbook: workbook, interruption: interruption), output: output, errors: errors,
            options: options)
    }

    /// A shell over an existing session: the REPL, or the renderer of a command-line run.
    public init(
        session: Session, output: any TextOutput = FileDescriptorOutput.standardOutput,
        errors: any TextOutput = FileDescriptorOutput.standardError, options: ShellOptions = ShellOptions()
    ) {
        self.session = session
        let recorded = RecordingOutput(output, record: record, stream: .output)
        self.output = recorded
        self.standardOutput = recorded
        self.errors = RecordingOutput(errors, record: record, stream: .errors)
        self.options = options
        session.directory = options.directory
        // Standard error writes what a script holds first: the two streams interleave in order (`2>&1`).
        self.errors.beforeWriting = { [unowned self] in
            if self.standardOutput.holding { self.writeHeld() }
        }
    }

    // MARK: Executing

    /// Executes one complete statement and prints its results; errors go to the error output.
    ///
    /// A statement started outside a script first forgets any pending Ctrl-C: only one pressed while it runs stops it.
    @discardableResult
    public func execute(statement text: String) -> ShellStatus {
        if scriptDepth == 0 { interruption.clear() }
        if options.echo, record.depth == 0 {
            // The echo of a statement is not its output (`.record`, `gongkai test`).
            record.muted = true
            defer { record.muted = false }
            echo(text)
        } else if options.echo {
            echo(text)
        }
        let status: ShellStatus
        currentStatement = text
        record.begin(text, line: location?.line)
        defer { record.end() }
        do {
            status = try dispatch(text)
        } catch is Interrupted {
            status = .interrupted
        } catch let error as ShellError {
            report(error, statement: text)
            status = .failed
        } catch {
            report(ShellError("\(error)"), statement: text)
            status = .failed
        }
        // Durable before the prompt returns (a failed statement changed nothing, but may have loaded part of a batch).
        flushJournal()
        switch status {
        case .failed: anyFailed = true
        case .rulesFailing: anyRulesFailing = true
        case .ok, .quit, .interrupted: break
        }
        return status
    }

    /// Prints a statement as it would have been typed at the interactive prompt, continuation lines included.
    private func echo(_ text: String) {
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let prompt = n == 0 ? self.prompt : InteractiveSession.continuationPrompt
            output.line((prompt + line).trimmingTrailingBlanks())
        }
    }

    /// A safe point in long work: when Ctrl-C was pressed, says `interrupted` and stops the statement there.
    func stopIfInterrupted() throws(Interrupted) {
        if takeInterrupt() { throw Interrupted() }
    }

    /// Takes a pending Ctrl-C: says `interrupted` on the error output and returns true; false when none is pending.
    func takeInterrupt() -> Bool {
        guard interruption.take() else { return false }
        errors.line("interrupted")
        wasInterrupted = true
        return true
    }

    private func dispatch(_ text: String) throws -> ShellStatus {
        if fill != nil { return try commandDuringFill(text) ?? answerFill(text) }
        switch Statement(text) {
        case .empty: return .ok
        case .command(let name, let arguments):
            return try runCommand(name, arguments)
        case .assignment(let target, let right, let offset):
            return try assign(target, right, offset: offset)
        case .definition(let name, let formula, let offset):
            return try defineName(name, formula, offset: offset)
        case .expression(let expression):
            // `help`, `quit` and `exit` typed bare do what they say, unless the report defines such a name.
            if ["help", "quit", "exit"].contains(expression), (try? workbook.value(of: expression)) == nil,
                let command = ShellCommand.named(expression)
            {
                return try command.run(self, "")
            }
            return try evaluate(expression)
        }
    }

    /// Runs the dot-command `.name arguments`; an unknown name suggests the nearest command.
    func runCommand(_ name: String, _ arguments: String) throws -> ShellStatus {
        guard let command = ShellCommand.named(name) else {
            let suggestion = nearestName(to: name, in: ShellCommand.all.map(\.name))
            throw ShellError(
                "unknown command ‘.\(name)’" + (suggestion.map { "; did you mean ‘.\($0)’?" } ?? "")
                    + " (.help lists the commands)")
        }
        return try command.run(self, arguments)
    }

    /// Prints an error with its place: `Error near line 3 in tour.gongkai: …` in scripts, `Error: …` at the prompt,
    /// followed by the statement and a caret when the error has a column.
    func report(_ error: ShellError, statement: String) {
        var head = "Error"
        if let location {
            if location.file == "-c" {
                head += " in command \(location.line)"
            } else {
                head += " near line \(location.line)"
                if let file = location.file { head += " in \(file)" }
            }
        }
        errors.line(head + ": " + error.message.escapingControls())
        if let column = error.column {
            // Show the line of the statement the column falls in.
            var offset = column
            for line in statement.split(separator: "\n", omittingEmptySubsequences: false) {
                if offset <= line.count {
                    // Control characters show escaped, so the caret is placed in the escaped text.
                    let before = String(line.prefix(offset)).replacingNewlines()
                    let marked = String(line.dropFirst(offset).prefix(error.length)).replacingNewlines()
                    let shown = Array(before + marked)
                    let span = SourceSpan(start: before.count, end: before.count + marked.count)
                    errors.line("  " + String(line).replacingNewlines())
                    errors.line("  " + span.caret(in: shown))
                    break
                }
                offset -= line.count + 1
            }
        }
    }

    /// A file name as the file system should see it: relative names are taken from `options.directory`.
    func path(_ name: String) -> String { session.path(name) }

    /// Prints a warning to the error output.
    func warn(_ message: String) { errors.line("Warning: " + message.escapingControls()) }
}

/// Session options: `.bail`, `.echo`, the width tables are fitted to, colour.
public struct ShellOptions: Sendable, Equatable {
    /// Stop a script at the first failing statement.
    public var bail = false
    /// Print each statement before executing it.
    public var echo = false
    /// The terminal width tables are fitted to.
    public var width = 80
    /// Colour the change report (only on a terminal without NO_COLOR).
    public var color = false
    /// The directory relative file names are resolved against; `nil` is the process's working directory.
    public var directory: String?
    /// Missing cells and incomplete rules do not make the exit code 4 (`--allow-incomplete`).
    public var allowIncomplete = false
    /// Show the progress of long loads on the error output (only on a terminal).
    public var progress = false

    /// The defaults: no bail, no echo, 80 columns, no colour, the working directory.
    public init(
        bail: Bool = false, echo: Bool = false, width: Int = 80, color: Bool = false, directory: String? = nil
    ) {
        self.bail = bail
        self.echo = echo
        self.width = width
        self.color = color
        self.directory = directory
    }
}

/// Where a statement came from: a script file (or standard input, `file == nil`; `-c` commands count commands, not
/// lines) and its first line.
struct SourceLocation: Equatable {
    var file: String?
    var line: Int
}

extension Shell {
    /// The rules of a loaded report with their results (empty for a name that is not loaded).
    func ruleResults(_ report: String) -> [RuleResult] {
        (try? workbook.ruleResults(report: report)) ?? []
    }

    /// The soft rules of a loaded report (warnings computed on demand; empty for a name that is not loaded).
    func softRuleResults(_ report: String) -> [RuleResult] {
        (try? workbook.softRuleResults(report: report)) ?? []
    }
}

extension Shell {
    /// Runs an engine call; its error becomes a `ShellError` whose caret lands `offset` Characters into the statement
    /// (where the formula starts), or whose message is prefixed by `context` (a file name).
    func attempt<T>(offset: Int? = nil, context: String? = nil, _ body: () throws(EngineError) -> T) throws(ShellError)
        -> T
    {
        do {
            return try body()
        } catch {
            var shellError = ShellError(engine: error, statement: "", offset: offset)
            if offset == nil { shellError.column = nil }
            if let context { shellError.message = context + ": " + shellError.message }
            return try { () throws(ShellError) -> T in throw shellError }()
        }
    }
}
