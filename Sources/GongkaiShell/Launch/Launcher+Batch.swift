import GongkaiCore
import GongkaiIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The batch subcommands: `gongkai check` and `gongkai export` over one session of every report named.
extension Launcher {
    /// `gongkai check FILE|DIR|GLOB…`: loads every report into one session and prints its rules' results; the exit
    /// code counts every report (``CheckSummary/exitCode(allowIncomplete:)``): 0 all hold and are complete, 3 an
    /// error rule fails, 4 cells missing or rules incomplete, 2 a file was refused (the others are still checked),
    /// 130 Ctrl-C stopped it between files (those loaded are checked).
    public static func check(_ request: CheckRequest, context: LaunchContext) -> Int32 {
        guard !request.files.isEmpty else {
            context.errors.line("Error: gongkai check needs at least one FILE")
            return 2
        }
        let shell = makeShell(bail: false, context: context, interactive: false)
        shell.session.explainsImports = !request.summary
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
                    // A summary needs the counts and what fails, not a result per rule that holds.
                    let all = !request.summary || request.all
                    guard let check = shell.session.check(report: loaded.name, allResults: all) else { return }
                    checks.append(check)
                    if !request.summary { report.renderCheck(check, all: request.all, notes: loaded.notes) }
                    if request.suggest, check.errorsFailing > 0 { report.renderSuggestions(check.report) }
                case .restored(_, let reports, _):
                    for name in reports {
                        let all = !request.summary || request.all
                        guard let check = shell.session.check(report: name, allResults: all) else { continue }
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
        leaveForExit((shell, report, checks, batch), context)
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
        let shell = makeShell(bail: false, context: context, interactive: false)
        let session = shell.session
        leaveForExit(shell, context)
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
}
