import ArgumentParser
import GongkaiShell

/// `gongkai`: flags and subcommands only; everything else lives in GongkaiShell's `Launcher`.
@main
struct Gongkai: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "A spreadsheet-style shell for 政府信息公开工作年度报告 (国办公开办函〔2021〕30号).",
        usage: """
            gongkai [<files> ...] [-c <commands>] [--bail] [-X] [--allow-incomplete]
            gongkai --recover [<workbook>] [-c <commands>]
            gongkai new [<body>] [<year>] [--as <name>] [-X]
            gongkai run <script> [--bail] [-X] [--allow-incomplete]
            gongkai check <files> ... [--all] [--summary [--format csv|json]] [--suggest] [--allow-incomplete]
            gongkai export <files> ... --format <format> [--excel] [-o <output>] [--tables <tables>] [--strict]
            gongkai test <scripts> ... [--update]
            """,
        discussion: """
            FILES may be report files, folders (every report file below them) and globs; each file gets an outcome \
            and one bad file never stops the others.

            Exit codes, counting every report loaded: 0 success; 1 a command failed; 2 bad usage, or a file could \
            not be read or was refused; 3 an error rule fails when a check was asked for (check, export --strict, a \
            script's .check); 4 nothing fails but cells are missing or rules incomplete (--allow-incomplete makes \
            that 0); 130 interrupted by Ctrl-C. When several apply the most severe wins: 2, then 1, then 3, then 4.
            """,
        version: Launcher.version,
        subcommands: [Open.self, New.self, Run.self, Check.self, Export.self, Test.self],
        defaultSubcommand: Open.self)

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            exit(withError: checkedStandardOutput(code))
        } catch {
            // Usage errors exit 2 (the shared contract), not ArgumentParser's 64; help and version exit 0.
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            FileDescriptorOutput.standardError.write(fullMessage(for: error) + "\n")
            exit(withError: ExitCode(2))
        }
    }
}

/// The exit code, or 2 when writing standard output failed (`gongkai export r.txt --format csv > /dev/full`), which
/// is then said on standard error.
func checkedStandardOutput(_ code: ExitCode) -> ExitCode {
    guard let failure = FileDescriptorOutput.standardOutput.writeFailure else { return code }
    FileDescriptorOutput.standardError.write("Error: cannot write standard output: \(failure)\n")
    return ExitCode(2)
}

/// `gongkai [FILE…]`: the shell, with reports loaded.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the shell with reports loaded (interactive on a terminal, else statements from stdin).")

    @Argument(help: "Report or workbook files to load.")
    var files: [String] = []

    @Option(
        name: .customShort("c"),
        help: ArgumentHelp("Run COMMANDS (separated by ; or newlines) instead of reading stdin.", valueName: "commands")
    )
    var commands: String?

    @Flag(help: "Stop at the first error.")
    var bail = false

    @Flag(name: [.customShort("X"), .customLong("no-init")], help: "Do not read ~/.gongkairc.")
    var noInit = false

    @Flag(help: "Missing cells and incomplete rules found by .check do not make the exit code 4.")
    var allowIncomplete = false

    @Flag(
        help: """
            Recover the unsaved session a crash left: the newest journal whose process is gone (beside a workbook \
            file named, else in $XDG_STATE_HOME/gongkai).
            """)
    var recover = false

    func run() throws {
        let code = Launcher.shell(
            files: files, commands: commands, bail: bail, skipInit: noInit, allowIncomplete: allowIncomplete,
            recover: recover, context: .process())
        throw ExitCode(code)
    }
}

/// `gongkai new [BODY] [YEAR] [--as NAME]`: the shell on an empty report (`.new …` as its first statement).
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the shell on a new, empty report (then .fill asks for its cells).")

    @Argument(help: "The reporting body (meta.org) and the year (meta.year), both optional.")
    var words: [String] = []

    @Option(name: .customLong("as"), help: "The report's name in the session.")
    var name: String?

    @Flag(name: [.customShort("X"), .customLong("no-init")], help: "Do not read ~/.gongkairc.")
    var noInit = false

    func run() throws {
        let quoted = words.map { "\"" + $0.filter { $0 != "\"" } + "\"" }
        let statement = ([".new"] + quoted + (name.map { ["as", $0] } ?? [])).joined(separator: " ")
        let code = Launcher.shell(
            files: [], commands: nil, bail: false, skipInit: noInit, context: .process(), firstStatements: [statement])
        throw ExitCode(code)
    }
}

/// `gongkai run SCRIPT`
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run a script of shell statements.")

    @Argument(help: "The script file (.gongkai).")
    var script: String

    @Flag(help: "Stop at the first error.")
    var bail = false

    @Flag(name: [.customShort("X"), .customLong("no-init")], help: "Do not read ~/.gongkairc.")
    var noInit = false

    @Flag(help: "Missing cells and incomplete rules found by .check do not make the exit code 4.")
    var allowIncomplete = false

    func run() throws {
        throw ExitCode(
            Launcher.run(
                script: script, bail: bail, skipInit: noInit, allowIncomplete: allowIncomplete, context: .process()))
    }
}

/// `gongkai check FILE…`
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check reports: 0 all hold and complete, 3 an error rule fails, 4 incomplete, 2 a file refused.")

    @Argument(help: "Report files, folders or globs, or a workbook file.")
    var files: [String]

    @Flag(help: "List every rule, not only the failing ones.")
    var all = false

    @Flag(help: "One line per report (read/inferred/missing cells, hold/fail/incomplete rules, worst severity).")
    var summary = false

    @Option(help: "With --summary: csv or json for machines.")
    var format: SummaryFormat?

    @Flag(help: "Missing cells and incomplete rules do not make the exit code 4.")
    var allowIncomplete = false

    @Flag(help: "Under each report whose error rules fail, the most plausible repairs (as .suggest).")
    var suggest = false

    func validate() throws {
        if format != nil && !summary { throw ValidationError("--format goes with --summary") }
    }

    func run() throws {
        throw ExitCode(
            Launcher.check(
                Launcher.CheckRequest(
                    files: files, all: all, summary: summary, summaryFormat: format,
                    allowIncomplete: allowIncomplete, suggest: suggest),
                context: .process()))
    }
}

/// `gongkai export FILE… --format F`
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export reports in the official layout (stdout unless -o).")

    @Argument(help: "Report files, folders or globs, or a workbook file.")
    var files: [String]

    @Option(help: ArgumentHelp("The format (xlsx and sqlite need -o).", valueName: ExportFormatNames.list))
    var format: String

    @Flag(help: "CSV for Excel: UTF-8 byte-order mark and CRLF.")
    var excel = false

    @Option(
        name: .shortAndLong,
        help: "Output file; a folder (created if missing) when several reports are exported in a layout format.")
    var output: String?

    @Option(help: "Tables to export, comma-separated (t2,t3,t4 or 二,三 or 表三); default all.")
    var tables: String?

    @Flag(help: "Leave out reports whose error rules fail (exit 3), or with cells missing (exit 4).")
    var strict = false

    @Flag(help: "With --strict: missing cells and incomplete rules do not make the exit code 4.")
    var allowIncomplete = false

    @Flag(help: "Replace an existing output file (sqlite refuses to without it).")
    var force = false

    func run() throws {
        let selected = tables.map { $0.split(separator: ",").map(String.init) } ?? []
        throw ExitCode(
            Launcher.export(
                Launcher.ExportCommand(
                    files: files, format: format, excel: excel, output: output, tables: selected, strict: strict,
                    allowIncomplete: allowIncomplete, force: force),
                context: .process()))
    }
}

/// `gongkai test SCRIPT…`
struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run self-checking scripts: exit 0 when every output matches its --> / --! lines, 1 with a diff.")

    @Argument(help: "Scripts whose expected output is written in them (.record writes one).")
    var scripts: [String]

    @Flag(help: "Rewrite each script's expectations with the output it prints now.")
    var update = false

    func run() throws {
        throw ExitCode(Launcher.test(files: scripts, update: update, context: .process()))
    }
}

extension SummaryFormat: ExpressibleByArgument {}

/// The export format names for help, from the one list.
enum ExportFormatNames {
    static var list: String { Launcher.exportFormatNames.joined(separator: "|") }
}
