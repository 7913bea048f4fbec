import ArgumentParser
import GongkaiShell

/// `gongkai`: flags and subcommands only; everything else lives in GongkaiShell's `Launcher`.
@main
struct Gongkai: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gongkai",
        abstract: "A spreadsheet-style shell for 政府信息公开工作年度报告 (国办公开办函〔2021〕30号).",
        usage: """
            gongkai [<files> ...] [-c <commands>] [--bail] [-X]
            gongkai run <script> [--bail] [-X]
            gongkai check <files> ... [--all]
            gongkai export <files> ... --format <format> [--excel] [-o <output>] [--tables <tables>] [--strict]
            gongkai test <scripts> ... [--update]
            """,
        discussion: """
            Exit codes: 0 success; 1 a command failed; 2 bad usage or unreadable input; 3 rules failing when a check \
            was asked for (check, export --strict, a script's .check); 130 interrupted by Ctrl-C.
            """,
        subcommands: [Open.self, Run.self, Check.self, Export.self, Test.self],
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
        help: ArgumentHelp("Run COMMANDS (separated by ; or newlines) instead of reading stdin.", valueName: "commands"))
    var commands: String?

    @Flag(help: "Stop at the first error.")
    var bail = false

    @Flag(name: [.customShort("X"), .customLong("no-init")], help: "Do not read ~/.gongkairc.")
    var noInit = false

    func run() throws {
        let code = Launcher.shell(
            files: files, commands: commands, bail: bail, skipInit: noInit, context: .process())
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

    func run() throws {
        throw ExitCode(Launcher.run(script: script, bail: bail, skipInit: noInit, context: .process()))
    }
}

/// `gongkai check FILE…`
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check reports: exit 0 when every error rule holds, 3 when one fails, 2 for unreadable input.")

    @Argument(help: "Report files.")
    var files: [String]

    @Flag(help: "List every rule, not only the failing ones.")
    var all = false

    func run() throws {
        throw ExitCode(Launcher.check(files: files, all: all, context: .process()))
    }
}

/// `gongkai export FILE… --format F`
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export reports in the official layout (stdout unless -o).")

    @Argument(help: "Report files.")
    var files: [String]

    @Option(help: "csv, csv-long, latex, latex-fragment, markdown or html.")
    var format: String

    @Flag(help: "CSV for Excel: UTF-8 byte-order mark.")
    var excel = false

    @Option(name: .shortAndLong, help: "Output file (a directory when several files are given).")
    var output: String?

    @Option(help: "Tables to export, comma-separated (t2,t3,t4); default all.")
    var tables: String?

    @Flag(help: "Refuse to export while error rules fail (exit 3).")
    var strict = false

    func run() throws {
        let selected = tables.map { $0.split(separator: ",").map(String.init) } ?? []
        throw ExitCode(
            Launcher.export(
                files: files, format: format, excel: excel, output: output, tables: selected, strict: strict,
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
