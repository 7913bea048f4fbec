import GongkaiCore
import GongkaiIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a `gongkai` invocation runs with: where output goes, the environment, and standard input.
///
/// The executable passes the real process streams; tests pass `StringOutput`s and a canned standard input.
public struct LaunchContext {
    /// Standard output: results.
    public var output: any TextOutput
    /// Standard error: errors and warnings.
    public var errors: any TextOutput
    /// The variables the shell consults: HOME (init file), NO_COLOR, COLUMNS.
    public var environment: [String: String]
    /// Reads all of standard input (a script piped in).
    public var readStandardInput: () -> String
    /// Whether standard input is a terminal (then the shell is interactive).
    public var standardInputIsTerminal: Bool
    /// Where Ctrl-C is learnt of: the process's SIGINT for the executable, a private flag by default (tests).
    public var interruption: Interruption
    /// The process exits once the launch returns: a batch command then leaves its session (thousands of reports)
    /// for the exit to reclaim instead of freeing it object by object. False by default (tests, in-process use).
    public var exitsAfterward = false

    /// The process's own streams and environment.
    public static func process() -> LaunchContext {
        var environment: [String: String] = [:]
        for name in ["HOME", "XDG_STATE_HOME", "NO_COLOR", "COLUMNS", "TERM"] {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return LaunchContext(
            output: FileDescriptorOutput.standardOutput, errors: FileDescriptorOutput.standardError,
            environment: environment,
            readStandardInput: {
                var lines: [String] = []
                while let line = readLine(strippingNewline: false) { lines.append(line) }
                return lines.joined()
            }, standardInputIsTerminal: isatty(0) != 0, interruption: .process, exitsAfterward: true)
    }

    /// A context writing to the given outputs, with `input` as standard input (not a terminal).
    public init(
        output: any TextOutput, errors: any TextOutput, environment: [String: String] = [:],
        readStandardInput: @escaping () -> String = { "" }, standardInputIsTerminal: Bool = false,
        interruption: Interruption = Interruption(), exitsAfterward: Bool = false
    ) {
        self.exitsAfterward = exitsAfterward
        self.output = output
        self.errors = errors
        self.environment = environment
        self.readStandardInput = readStandardInput
        self.standardInputIsTerminal = standardInputIsTerminal
        self.interruption = interruption
    }
}

/// The `gongkai` commands as functions returning the process exit code, so the executable stays thin and every
/// path is testable in-process.
///
/// Exit codes: 0 success; 1 a statement failed; 2 bad usage or unreadable input; 3 rules failing when a check was
/// asked for (`gongkai check`, `export --strict`, a script's `.check`); 130 Ctrl-C stopped the run (it says
/// `interrupted` on standard error).
public enum Launcher {
    /// `gongkai [FILE…] [-c COMMANDS] [--bail] [-X]`: loads the files, then runs COMMANDS, or reads statements from
    /// standard input (interactively on a terminal).
    ///
    /// Ctrl-C while starting (the init file, between files) skips the rest of the start on a terminal and shows the
    /// prompt; otherwise it ends the run with 130.
    ///
    /// `firstStatements` run after the files are loaded and before anything else (`gongkai new` starts with `.new …`).
    ///
    /// `recover` rebuilds the newest orphaned journal's session (beside a workbook file among `files`, or in the
    /// state folder) instead of loading the files; without it, an interactive start that finds one offers it.
    public static func shell(
        files: [String], commands: String?, bail: Bool, skipInit: Bool, allowIncomplete: Bool = false,
        recover: Bool = false, context: LaunchContext, firstStatements: [String] = []
    ) -> Int32 {
        let interactive = commands == nil && context.standardInputIsTerminal
        let shell = makeShell(bail: bail, context: context, interactive: interactive)
        defer { shell.endJournal() }  // any end but a crash is a clean one
        shell.options.allowIncomplete = allowIncomplete
        let stateFolder = HistoryFile.stateFolder(environment: context.environment)
        if recover {
            guard let orphan = Shell.orphanJournals(stateFolder: stateFolder, besides: files).first else {
                context.errors.line("Error: no unsaved session to recover (no journal whose process is gone)")
                return 2
            }
            do {
                try shell.recover(orphan)
            } catch {
                context.errors.line("Error: cannot recover \(orphan.path): \(error)")
                return 2
            }
        } else if interactive, let orphan = Shell.orphanJournals(stateFolder: stateFolder, besides: files).first {
            shell.offerRecovery(orphan)
        }
        var interrupted = false
        if !skipInit {
            switch runInitFile(shell, context: context) {
            case .quit: return finish(shell, status: .quit, context: context)
            case .failed where shell.options.bail: return finish(shell, status: .failed, context: context)
            case .interrupted: interrupted = true
            default: break
            }
        }
        if !files.isEmpty, !interrupted, !recover {
            shell.options.progress = context.standardInputIsTerminal
            let batch = shell.loadMany(files)
            shell.options.progress = false
            interrupted = batch.interrupted
        }
        if interrupted && !interactive { return finish(shell, status: .interrupted, context: context) }
        for statement in firstStatements where shell.execute(statement: statement) == .failed {
            return finish(shell, status: .failed, context: context)
        }
        if let commands {
            let status = shell.run(lines: ArgumentWords.splitCommands(commands), name: "-c")
            return finish(shell, status: status, context: context)
        }
        if context.standardInputIsTerminal {
            // Tables fit the terminal; colour only on a terminal, and never with NO_COLOR set (https://no-color.org).
            if context.environment["COLUMNS"] == nil, let columns = terminalColumns() {
                shell.options.width = min(max(columns, 40), 160)
            }
            shell.options.color = context.environment["NO_COLOR"] == nil && isatty(1) != 0
            if shell.workbook.reportCount == 0 {
                context.output.line(Launcher.firstSteps)
            }
            // At the prompt a failed statement is not fatal: the loop's own code stands (0 unless `.quit` says).
            let code = runInteractive(shell: shell)
            do {
                try shell.closeRedirection()
            } catch {
                context.errors.line("Error: \(error)")
                return 1
            }
            return code
        }
        let script = context.readStandardInput()
        // Ctrl-C while the script was being piped in.
        if shell.takeInterrupt() { return finish(shell, status: .interrupted, context: context) }
        let status = shell.run(script: script, name: nil)
        return finish(shell, status: status, context: context)
    }

    /// `gongkai run SCRIPT [--bail]`: runs a script file; errors name it and the line.
    public static func run(
        script path: String, bail: Bool, skipInit: Bool, allowIncomplete: Bool = false, context: LaunchContext
    ) -> Int32 {
        let text: String
        do {
            text = try FileAccess.readText(path)
        } catch {
            context.errors.line("Error: \(error)")
            return 2
        }
        let shell = makeShell(bail: bail, context: context, interactive: false)
        defer { shell.endJournal() }
        shell.options.allowIncomplete = allowIncomplete
        shell.inputs.add(path, kind: .script)  // `.output SCRIPT` inside it is refused
        if !skipInit, let status = runInitFile(shell, context: context) {
            switch status {
            case .quit, .interrupted: return finish(shell, status: status, context: context)
            case .failed where shell.options.bail: return finish(shell, status: status, context: context)
            default: break
            }
        }
        let status = shell.run(script: text, name: path)
        return finish(shell, status: status, context: context)
    }

    /// What `gongkai check` was asked for.
    public struct CheckRequest: Sendable {
        /// Files, folders, globs or workbook files.
        public var files: [String]
        /// List every rule, not only the failing ones.
        public var all = false
        /// One line per report and a totals line instead of the rules.
        public var summary = false
        /// The summary for machines (`--format csv|json`); nil prints it aligned.
        public var summaryFormat: SummaryFormat?
        /// Missing cells and incomplete rules do not make the exit code 4.
        public var allowIncomplete = false
        /// Under each report whose error rules fail, the most plausible repairs (`.suggest`).
        public var suggest = false

        /// A request.
        public init(
            files: [String], all: Bool = false, summary: Bool = false, summaryFormat: SummaryFormat? = nil,
            allowIncomplete: Bool = false, suggest: Bool = false
        ) {
            self.files = files
            self.all = all
            self.summary = summary
            self.summaryFormat = summaryFormat
            self.allowIncomplete = allowIncomplete
            self.suggest = suggest
        }
    }

    /// `gongkai --version`.
    public static let version = "gongkai 0.2.0"

    /// The export formats' names, from the one list (``ExportFormat``), for the command line's help.
    public static var exportFormatNames: [String] { ExportFormatName.all }

    /// The one line an interactive start without reports prints.
    static let firstSteps =
        "No report loaded: .load FILE|DIR, .new to start a blank form, .help for the commands, .quit to leave."

    /// Progress of a long load on standard error, shown only when that is a terminal of this process.
    static func progressDisplay(_ context: LaunchContext) -> LoadProgressDisplay {
        LoadProgressDisplay(errors: context.errors, enabled: context.standardInputIsTerminal && isatty(2) != 0)
    }

    /// The width of the terminal on standard output, if it is one.
    static func terminalColumns() -> Int? {
        guard isatty(1) != 0 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// A shell for this run, polling the context's interruption (whose handler is installed now). Its journal is
    /// `fsync`ed after every change at a terminal, grouped in a script (``Shell/scriptJournalSync``).
    static func makeShell(bail: Bool, context: LaunchContext, interactive: Bool) -> Shell {
        var options = ShellOptions(bail: bail)
        if let columns = context.environment["COLUMNS"].flatMap({ Int($0) }), columns >= 40 { options.width = columns }
        context.interruption.listen()
        let shell = Shell(
            output: context.output, errors: context.errors, options: options, interruption: context.interruption)
        shell.enableJournal(
            stateFolder: HistoryFile.stateFolder(environment: context.environment),
            durability: interactive ? .everyWrite : Shell.scriptJournalSync)
        return shell
    }

    /// What batch launches left for the process's exit to reclaim (``LaunchContext/exitsAfterward``).
    nonisolated(unsafe) static var leftForExit: [Any] = []

    /// Keeps `value` alive until the process exits when the launch is the process's last act: freeing a session of
    /// thousands of reports cell by cell only delays the exit.
    static func leaveForExit(_ value: Any, _ context: LaunchContext) {
        if context.exitsAfterward { leftForExit.append(value) }
    }

    /// Takes a pending Ctrl-C for `check` and `export`, saying `interrupted`.
    static func interrupted(_ context: LaunchContext) -> Bool {
        guard context.interruption.take() else { return false }
        context.errors.line("interrupted")
        return true
    }

    /// Runs `~/.gongkairc` if it exists; nil when there is none.
    private static func runInitFile(_ shell: Shell, context: LaunchContext) -> ShellStatus? {
        guard let home = context.environment["HOME"], !home.isEmpty else { return nil }
        let path = home + "/.gongkairc"
        guard FileAccess.exists(path), let text = try? FileAccess.readText(path) else { return nil }
        return shell.run(script: text, name: path)
    }

    /// Closes an `.output` file and turns the session's outcome into an exit code.
    static func finish(_ shell: Shell, status: ShellStatus, context: LaunchContext) -> Int32 {
        do {
            try shell.closeRedirection()
        } catch {
            context.errors.line("Error: \(error)")
            return shell.wasInterrupted ? 130 : 1
        }
        return shell.exitCode
    }
}
