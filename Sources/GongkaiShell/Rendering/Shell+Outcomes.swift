import GongkaiCore
import GongkaiIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Rendering what the session returns: load outcomes, checks, batch summaries. The REPL and the command line print
// through these, so a result reads the same wherever it was asked for.

extension Shell {
    /// Prints one load outcome: the report's summary line, its notes and failing rules; a refusal on the error output.
    func render(_ outcome: LoadOutcome) {
        switch outcome {
        case .loaded(let report):
            let filled = report.cells.read + report.cells.inferred + report.cells.entered
            var line =
                "loaded \(report.file.replacingNewlines()) as \(report.name): \(filled) of \(report.cellCount) cells, \(report.texts) texts"
            let check = session.check(report: report.name)
            if let check { line += "; " + check.countsText }
            output.line(line)
            for note in report.notes { output.line("  " + note) }
            if let check {
                let failing = check.results.filter { $0.status.isFailing } + check.warnings
                for line in ruleLines(failing, qualified: false, withDescription: true) { output.line("  " + line) }
            }
        case .restored(let file, let reports, let notes):
            let checks = session.check(reports)
            let failing = checks.reduce(0) { $0 + $1.failing }
            let incomplete = checks.reduce(0) { $0 + $1.incomplete }
            let missing = checks.reduce(0) { $0 + $1.cells.missing }
            var line = "loaded workbook \(file.replacingNewlines()): " + reports.joined(separator: ", ")
            if failing == 0 && incomplete == 0 && missing == 0 {
                line += "; all rules hold"
            } else {
                line += "; \(failing) rules fail, \(incomplete) incomplete"
                if missing > 0 { line += " (\(missing) cells missing)" }
            }
            output.line(line)
            for note in notes { warn("\(file): " + note) }
        case .refused(_, _, let message):
            errors.line("Error: " + message)
        case .skipped(let file, let why):
            output.line("skipped \(file): \(why)")
        }
    }

    /// A report's check for `gongkai check`: its file, name and counts, the importer's notes, then its rules
    /// (the failing ones, or all).
    func renderCheck(_ check: ReportCheck, all: Bool, notes: [String]) {
        let filled = check.cells.read + check.cells.inferred + check.cells.entered
        output.line(
            "checked \(check.source ?? check.report) as \(check.report): \(filled) of \(check.cells.total) cells; "
                + check.countsText)
        for note in notes { output.line("  " + note) }
        let shown = check.results.filter { all || $0.status.isFailing } + check.warnings
        for line in ruleLines(shown, qualified: false, withDescription: true) { output.line("  " + line) }
    }

    /// The repairs `.suggest` finds for a report, indented under its check (`gongkai check --suggest`).
    func renderSuggestions(_ report: String) {
        do {
            for line in try suggestionLines(report: report) { output.line("  " + line) }
        } catch {
            errors.line("Error: \(report): \(error)")
        }
    }

    /// `12 files: 10 loaded, 1 refused (2019 format 1), 1 skipped`
    static func batchSummary(_ batch: LoadBatch) -> String {
        var parts = ["\(batch.loaded.count + batch.restored.count) loaded"]
        let refused = batch.refused
        if !refused.isEmpty {
            var byReason: [(LoadRefusal, Int)] = []
            for reason in LoadRefusal.allCases {
                let n = refused.count { $0.reason == reason }
                if n > 0 { byReason.append((reason, n)) }
            }
            parts.append(
                "\(refused.count) refused (" + byReason.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ") + ")"
            )
        }
        if !batch.skipped.isEmpty { parts.append("\(batch.skipped.count) skipped") }
        var line = "\(batch.outcomes.count) files: " + parts.joined(separator: ", ")
        if batch.interrupted { line += "; interrupted" }
        return line
    }

    /// The rules of a check: failing ones (all with `all`), then the report's counts line.
    func renderCheck(_ check: ReportCheck, all: Bool, qualified: Bool) throws(Interrupted) {
        let shown = check.results.filter { all || $0.status.isFailing } + check.warnings
        for line in ruleLines(shown, qualified: qualified, withDescription: true) {
            try stopIfInterrupted()
            output.line(line)
        }
        let counts = "\(check.report): \(check.tally.count) rules: " + check.countsText
        for line in outputIsTerminal ? TextLayout.wrap(counts, options.width) : [counts] { output.line(line) }
    }

    /// One line per report and a totals line (`--summary`), aligned for the terminal.
    func renderSummary(_ checks: [ReportCheck]) {
        let header = ["report", "body", "year", "read", "inferred", "missing", "hold", "fail", "incomplete", "worst"]
        var rows = [header]
        for c in checks {
            rows.append([
                c.report, c.body ?? "-", c.year ?? "-", "\(c.cells.read)", "\(c.cells.inferred)", "\(c.cells.missing)",
                "\(c.holding)", "\(c.failing)", "\(c.incomplete)", c.worstSeverity?.rawValue ?? "-",
            ])
        }
        let totals = CheckSummary(checks: checks).totals
        rows.append([
            "total", "\(totals.reports) reports", "", "\(checks.reduce(0) { $0 + $1.cells.read })",
            "\(checks.reduce(0) { $0 + $1.cells.inferred })", "\(totals.missing)", "\(totals.holding)",
            "\(totals.failing)", "\(totals.incomplete)", "",
        ])
        for line in TextLayout.columns(rows, rightAligned: [3, 4, 5, 6, 7, 8], gap: "  ") { output.line(line) }
    }

    /// The batch summary for machines: CSV (RFC 4180) or JSON, one record per report.
    static func summaryData(_ checks: [ReportCheck], format: SummaryFormat) -> String {
        switch format {
        case .csv:
            var writer = CSVWriter(excel: false)
            writer.append(
                [
                    "report", "body", "year", "source", "read", "inferred", "entered", "computed", "missing", "hold",
                    "fail",
                    "incomplete", "worst",
                ].map { .text($0) })
            for c in checks {
                let texts: [CSVWriter.Field] = [c.report, c.body ?? "", c.year ?? "", c.source ?? ""].map { .text($0) }
                let numbers: [CSVWriter.Field] = [
                    c.cells.read, c.cells.inferred, c.cells.entered, c.cells.computed, c.cells.missing, c.holding,
                    c.failing, c.incomplete,
                ].map { .number("\($0)") }
                writer.append(texts + numbers + [.text(c.worstSeverity?.rawValue ?? "")])
            }
            return writer.output
        case .json:
            let records = checks.map { c in
                "{\"report\":\(c.report.quotedLiteral),\"body\":\(c.body.map(\.quotedLiteral) ?? "null"),"
                    + "\"year\":\(c.year.map(\.quotedLiteral) ?? "null"),\"source\":\(c.source.map(\.quotedLiteral) ?? "null"),"
                    + "\"cells\":{\"read\":\(c.cells.read),\"inferred\":\(c.cells.inferred),"
                    + "\"entered\":\(c.cells.entered),\"computed\":\(c.cells.computed),\"missing\":\(c.cells.missing)},"
                    + "\"rules\":{\"hold\":\(c.holding),\"fail\":\(c.failing),\"incomplete\":\(c.incomplete)},"
                    + "\"worst\":\(c.worstSeverity.map { $0.rawValue.quotedLiteral } ?? "null")}"
            }
            return "[\n" + records.map { "  " + $0 }.joined(separator: ",\n") + "\n]\n"
        }
    }
}

/// How `--summary` prints for machines.
public enum SummaryFormat: String, Sendable, CaseIterable {
    /// RFC 4180 CSV with a header row.
    case csv
    /// A JSON array of records.
    case json
}

/// Progress of a long load on a terminal: shown only after about a second, on one line of the error output, then
/// erased; never in pipes or transcripts.
final class LoadProgressDisplay {
    private let errors: any TextOutput
    private let enabled: Bool
    private let started: ContinuousClock.Instant
    private var shown = false

    init(errors: any TextOutput, enabled: Bool) {
        self.errors = errors
        self.enabled = enabled
        self.started = ContinuousClock.now
    }

    func show(_ progress: LoadProgress) {
        guard enabled, ContinuousClock.now - started > .seconds(1) else { return }
        shown = true
        let name = TextLayout.truncate(progress.file, 50)
        errors.write("\r\u{1B}[K[\(progress.done)/\(progress.total)] \(name)")
    }

    func finish() {
        if shown { errors.write("\r\u{1B}[K") }
    }
}
