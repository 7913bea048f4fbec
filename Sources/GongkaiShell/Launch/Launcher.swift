#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import GongkaiCore
import GongkaiIO

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
        for name in ["HOME", "NO_COLOR", "COLUMNS", "TERM"] {
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
    public static func shell(
        files: [String], commands: String?, bail: Bool, skipInit: Bool, context: LaunchContext
    ) -> Int32 {
        let shell = makeShell(bail: bail, context: context)
        let interactive = commands == nil && context.standardInputIsTerminal
        var interrupted = false
        if !skipInit {
            switch runInitFile(shell, context: context) {
            case .quit: return finish(shell, status: .quit, context: context)
            case .failed where shell.options.bail: return finish(shell, status: .failed, context: context)
            case .interrupted: interrupted = true
            default: break
            }
        }
        for file in files where !interrupted {
            if let code = load(file, into: shell, context: context) { return code }
            interrupted = shell.takeInterrupt()
        }
        if interrupted && !interactive { return finish(shell, status: .interrupted, context: context) }
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
    public static func run(script path: String, bail: Bool, skipInit: Bool, context: LaunchContext) -> Int32 {
        let text: String
        do {
            text = try FileAccess.readText(path)
        } catch {
            context.errors.line("Error: \(error)")
            return 2
        }
        let shell = makeShell(bail: bail, context: context)
        shell.inputs.add(path, kind: .script)  // issue 12: `.output SCRIPT` inside it is refused
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

    /// `gongkai check FILE…`: loads each report and prints its rules' results. 0 when every error rule holds, 3 when
    /// one fails, 2 when a file cannot be read; 130 when Ctrl-C stopped it between reports (those checked are shown).
    public static func check(files: [String], all: Bool, context: LaunchContext) -> Int32 {
        guard !files.isEmpty else {
            context.errors.line("Error: gongkai check needs at least one FILE")
            return 2
        }
        context.interruption.listen()
        var unreadable = false
        var failing = false
        for file in files {
            if interrupted(context) { return 130 }
            // One workbook per file: each report is checked on its own.
            let shell = makeShell(bail: false, context: context)
            do {
                try shell.load(file)
            } catch {
                context.errors.line("Error: \(error)")
                unreadable = true
                continue
            }
            guard let report = shell.workbook.currentReport else { continue }
            // Loading printed the summary and the failing rules; `--all` lists the others too.
            let results = shell.ruleResults(report)
            if all {
                let holding = results.filter { !$0.status.isFailing }
                for line in shell.ruleLines(holding, qualified: false, withDescription: true) {
                    context.output.line("  " + line)
                }
            }
            if results.contains(where: { $0.status.isFailing && $0.severity == .error }) { failing = true }
        }
        if interrupted(context) { return 130 }
        return unreadable ? 2 : failing ? 3 : 0
    }

    /// `gongkai export FILE… --format F [--excel] [-o OUT] [--tables t3] [--strict]`.
    ///
    /// Without `-o` every report goes to standard output in one export (the long CSV as one table); with one file,
    /// OUT is the output file; with several, OUT is a directory receiving one file per report. `--strict` refuses to
    /// export a report whose error rules fail (exit 3); otherwise failing rules are listed on standard error and the
    /// export is written. Ctrl-C stops it between reports with 130: nothing is written while reports are being read,
    /// and with a directory the files already written stay (each one whole).
    public static func export(
        files: [String], format: String, excel: Bool, output: String?, tables: [String], strict: Bool,
        context: LaunchContext
    ) -> Int32 {
        guard ExportFormatName.all.contains(format) else {
            context.errors.line(
                "Error: unknown format ‘\(format)’; use one of " + ExportFormatName.all.joined(separator: ", "))
            return 2
        }
        guard !files.isEmpty else {
            context.errors.line("Error: gongkai export needs at least one FILE")
            return 2
        }
        // One session holds every report; the shell's own messages (load summaries) are not part of the export.
        let shell = Shell(output: StringOutput(), errors: context.errors)
        context.interruption.listen()
        var code: Int32 = 0
        var exported: [(file: String, report: String)] = []
        for file in files {
            if interrupted(context) { return 130 }
            do {
                try shell.load(file)
            } catch {
                context.errors.line("Error: \(error)")
                code = 2
                continue
            }
            guard let report = shell.workbook.currentReport else { continue }
            let template = (try? shell.workbook.template(of: report)) ?? .official2021
            if let unknown = tables.first(where: { template.table($0) == nil }) {
                context.errors.line(
                    "Error: no table ‘\(unknown)’; the tables are " + template.tables.map(\.id).joined(separator: ", "))
                return 2
            }
            let failing = shell.ruleResults(report).filter { $0.status.isFailing && $0.severity == .error }
            for result in failing {
                context.errors.line("\(file): rule \(result.name) fails" + Shell.imbalance(result))
            }
            if strict && !failing.isEmpty {
                context.errors.line("\(file): not exported (--strict and \(failing.count) error rules fail)")
                code = max(code, 3)
                continue
            }
            exported.append((file, report))
        }
        if interrupted(context) { return 130 }
        guard !exported.isEmpty else { return code }
        do {
            if let output, files.count > 1 {
                // Issue 12: two inputs with one name (a/report.txt, b/report.txt) get distinct files, and no output
                // is an input; both are settled before anything is written.
                let natural = exported.map { exportFileName($0.file, format: format) }
                let paths = InputFiles.distinctNames(natural).map { output + "/" + $0 }
                for (index, path) in paths.enumerated() {
                    try shell.inputs.checkOutput(path)
                    if !path.hasSuffix("/" + natural[index]) {
                        context.errors.line("\(exported[index].file): exported as \(path) (\(natural[index]) is taken)")
                    }
                }
                for ((_, report), path) in zip(exported, paths) {
                    if interrupted(context) { return 130 }
                    let text = try IOBridge.export(
                        format: format, workbook: shell.workbook, reports: [report], tables: tables, excel: excel)
                    try AtomicFile.write(text, toPath: path)
                }
            } else {
                let text = try IOBridge.export(
                    format: format, workbook: shell.workbook, reports: exported.map(\.report), tables: tables,
                    excel: excel)
                if let output {
                    try shell.inputs.checkOutput(output)  // issue 12: `export in.txt -o in.txt` is refused
                    try AtomicFile.write(text, toPath: output)
                } else {
                    context.output.write(text)
                }
            }
        } catch {
            context.errors.line("Error: \(error)")
            // A file that cannot be written (a full disk, /dev/full, an input in the way) is exit 2.
            if error is AtomicFile.WriteError || error is InputFiles.Overwrite { return 2 }
            return code == 0 ? 1 : code
        }
        return code
    }

    /// The width of the terminal on standard output, if it is one.
    static func terminalColumns() -> Int? {
        guard isatty(1) != 0 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// `上犹县政府办-2023.txt` → `上犹县政府办-2023.csv`
    static func exportFileName(_ file: String, format: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        let stem = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
        let ext: String
        switch format {
        case "csv", "csv-long": ext = "csv"
        case "latex", "latex-fragment": ext = "tex"
        case "markdown": ext = "md"
        default: ext = format
        }
        return stem + "." + ext
    }

    /// A shell for this run, polling the context's interruption (whose handler is installed now).
    private static func makeShell(bail: Bool, context: LaunchContext) -> Shell {
        var options = ShellOptions(bail: bail)
        if let columns = context.environment["COLUMNS"].flatMap({ Int($0) }), columns >= 40 { options.width = columns }
        context.interruption.listen()
        return Shell(output: context.output, errors: context.errors, options: options, interruption: context.interruption)
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

    /// Loads a file named on the command line; an unreadable file ends the run with exit code 2.
    private static func load(_ file: String, into shell: Shell, context: LaunchContext) -> Int32? {
        do {
            try shell.load(file)
            return nil
        } catch {
            context.errors.line("Error: \(error)")
            return 2
        }
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
