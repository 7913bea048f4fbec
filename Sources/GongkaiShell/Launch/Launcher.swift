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
            }, standardInputIsTerminal: isatty(0) != 0, interruption: .process)
    }

    /// A context writing to the given outputs, with `input` as standard input (not a terminal).
    public init(
        output: any TextOutput, errors: any TextOutput, environment: [String: String] = [:],
        readStandardInput: @escaping () -> String = { "" }, standardInputIsTerminal: Bool = false,
        interruption: Interruption = Interruption()
    ) {
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
        let shell = makeShell(bail: bail, context: context)
        defer { shell.endJournal() }  // any end but a crash is a clean one
        shell.options.allowIncomplete = allowIncomplete
        let interactive = commands == nil && context.standardInputIsTerminal
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
        let shell = makeShell(bail: bail, context: context)
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

    /// `gongkai check FILE|DIR|GLOB…`: loads every report into one session and prints its rules' results; the exit
    /// code counts every report (``CheckSummary/exitCode(allowIncomplete:)``): 0 all hold and are complete, 3 an
    /// error rule fails, 4 cells missing or rules incomplete, 2 a file was refused (the others are still checked),
    /// 130 Ctrl-C stopped it between files (those loaded are checked).
    public static func check(_ request: CheckRequest, context: LaunchContext) -> Int32 {
        guard !request.files.isEmpty else {
            context.errors.line("Error: gongkai check needs at least one FILE")
            return 2
        }
        let shell = makeShell(bail: false, context: context)
        // Loading prints nothing of its own here: each report's rules come below, once.
        let progress = progressDisplay(context)
        let report = Shell(
            session: shell.session, output: context.output, errors: context.errors, options: shell.options)
        // Each report is checked as it loads, so that a folder of thousands streams and Ctrl-C keeps what was said.
        var checks: [ReportCheck] = []
        let batch = shell.session.load(
            request.files, progress: progress.show,
            each: { outcome in
                progress.finish()
                switch outcome {
                case .refused, .skipped: report.render(outcome)
                case .loaded(let loaded):
                    guard let check = shell.session.check(report: loaded.name) else { return }
                    checks.append(check)
                    if !request.summary { report.renderCheck(check, all: request.all, notes: loaded.notes) }
                    if request.suggest, check.errorsFailing > 0 { report.renderSuggestions(check.report) }
                case .restored(_, let reports, _):
                    for name in reports {
                        guard let check = shell.session.check(report: name) else { continue }
                        checks.append(check)
                        if !request.summary { report.renderCheck(check, all: request.all, notes: []) }
                        if request.suggest, check.errorsFailing > 0 { report.renderSuggestions(check.report) }
                    }
                }
            })
        progress.finish()
        if batch.interrupted { context.errors.line("interrupted") }
        if request.summary {
            if let format = request.summaryFormat {
                context.output.write(Shell.summaryData(checks, format: format))
            } else {
                report.renderSummary(checks)
            }
        } else if batch.outcomes.count > 1 {
            context.output.line(Shell.batchSummary(batch))
        }
        let summary = CheckSummary(checks: checks, refused: batch.refused.count, interrupted: batch.interrupted)
        return summary.exitCode(allowIncomplete: request.allowIncomplete)
    }

    /// What `gongkai export` was asked for.
    public struct ExportCommand: Sendable {
        /// Files, folders, globs or workbook files.
        public var files: [String]
        /// The format's name (`csv`, `latex`, …).
        public var format: String
        /// CSV for Excel and WPS: BOM and CRLF.
        public var excel = false
        /// The output file, or a folder when several reports are exported in a layout format; nil: standard output.
        public var output: String?
        /// The tables, by id, number or 表三; empty: all.
        public var tables: [String] = []
        /// Leave out (and exit 3 for) reports whose error rules fail.
        public var strict = false
        /// With `strict`: missing cells and incomplete rules do not make the exit code 4.
        public var allowIncomplete = false
        /// Replace an existing output file (the sqlite export refuses to without it).
        public var force = false

        /// A request.
        public init(
            files: [String], format: String, excel: Bool = false, output: String? = nil, tables: [String] = [],
            strict: Bool = false, allowIncomplete: Bool = false, force: Bool = false
        ) {
            self.files = files
            self.format = format
            self.excel = excel
            self.output = output
            self.tables = tables
            self.strict = strict
            self.allowIncomplete = allowIncomplete
            self.force = force
        }
    }

    /// `gongkai export FILE|DIR|GLOB… --format F [--excel] [-o OUT] [--tables t3] [--strict]`: exports every report.
    ///
    /// Without `-o` every report goes to standard output in one export (the long CSV as one table). With `-o`, one
    /// report or the long CSV goes to the file OUT; several reports in a layout format go one file per report into the
    /// folder OUT (created when missing). Failing error rules are listed on standard error; `--strict` leaves such
    /// reports out and exits 3 (nothing is written when none is left). Exit codes as for `check`, counting every
    /// report: 2 a file was refused, 3 error rules fail (`--strict`), 4 cells missing (`--strict`), 1 the write
    /// failed.
    public static func export(_ command: ExportCommand, context: LaunchContext) -> Int32 {
        guard let format = ExportFormat(rawValue: command.format) else {
            context.errors.line(
                "Error: unknown format ‘\(command.format)’; use one of " + ExportFormatName.all.joined(separator: ", "))
            return 2
        }
        guard !command.files.isEmpty else {
            context.errors.line("Error: gongkai export needs at least one FILE")
            return 2
        }
        let shell = makeShell(bail: false, context: context)
        let session = shell.session
        let progress = progressDisplay(context)
        let batch = session.load(command.files, progress: progress.show)
        progress.finish()
        for outcome in batch.outcomes {
            switch outcome {
            case .refused, .skipped: shell.render(outcome)
            case .loaded, .restored: break
            }
        }
        if batch.interrupted {
            context.errors.line("interrupted")
            return 130
        }
        guard session.workbook.reportCount > 0 else { return batch.refused.isEmpty ? 0 : 2 }
        let destination: ExportRequest.Destination
        if let output = command.output {
            let several = session.workbook.reportNames.count > 1
            destination = several && !format.holdsManyReports ? .directory(output) : .file(output)
        } else {
            destination = .text
        }
        let request = ExportRequest(
            format: format, tables: command.tables.isEmpty ? nil : command.tables,
            options: ExportOptions(excel: command.excel), destination: destination, strict: command.strict,
            force: command.force)
        let result: ExportResult
        do {
            result = try session.export(request)
        } catch {
            context.errors.line("Error: \(error)")
            // A file that cannot be written (a full disk, /dev/full, an input in the way) is exit 2.
            if error is AtomicFile.WriteError || error is InputFiles.Overwrite || error is OutputExists { return 2 }
            return batch.refused.isEmpty ? 1 : 2
        }
        for check in result.checks {
            let file = check.source ?? check.report
            for rule in check.results where rule.status.isFailing && rule.severity == .error {
                context.errors.line("\(file): rule \(rule.name) fails" + Shell.imbalance(rule))
            }
            if result.leftOut.contains(check.report) {
                context.errors.line("\(file): not exported (--strict and \(check.errorsFailing) error rules fail)")
            }
        }
        for (report, file) in result.written {
            // Two sources with one stem: the second is written under a distinct name, and says so.
            let natural = session.exportFileName(report, format: format)
            if !file.hasSuffix("/" + natural), file != natural, case .directory = destination {
                context.errors.line(
                    "\(session.sources[report]?.file ?? report): exported as \(file) (\(natural) is taken)")
            }
        }
        if let text = result.text { context.output.write(text) }
        if interrupted(context) { return 130 }
        let summary = CheckSummary(checks: result.checks, refused: batch.refused.count)
        let code = summary.exitCode(allowIncomplete: !command.strict || command.allowIncomplete)
        // Without --strict, failing rules are listed but do not change the exit code.
        return command.strict || code == 2 ? code : 0
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

    /// A shell for this run, polling the context's interruption (whose handler is installed now).
    private static func makeShell(bail: Bool, context: LaunchContext) -> Shell {
        var options = ShellOptions(bail: bail)
        if let columns = context.environment["COLUMNS"].flatMap({ Int($0) }), columns >= 40 { options.width = columns }
        context.interruption.listen()
        let shell = Shell(
            output: context.output, errors: context.errors, options: options, interruption: context.interruption)
        shell.enableJournal(stateFolder: HistoryFile.stateFolder(environment: context.environment))
        return shell
    }

    /// Takes a pending Ctrl-C for `check` and `export`, saying `interrupted`.
    private static func interrupted(_ context: LaunchContext) -> Bool {
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
    private static func finish(_ shell: Shell, status: ShellStatus, context: LaunchContext) -> Int32 {
        do {
            try shell.closeRedirection()
        } catch {
            context.errors.line("Error: \(error)")
            return shell.wasInterrupted ? 130 : 1
        }
        return shell.exitCode
    }
}
