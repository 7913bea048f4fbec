import GongkaiCore

/// One report's rules and completeness, as a check reports them.
public struct ReportCheck: Sendable {
    /// The report's name in the session.
    public var report: String
    /// `meta.org`, when the report has it.
    public var body: String?
    /// `meta.year`, when the report has it.
    public var year: String?
    /// The file it was loaded from, when known.
    public var source: String?
    /// How its template cells were filled.
    public var cells: CellCounts
    /// The results of the report's rules in listing order: every rule's, or (a check for a summary) those of the
    /// rules that do not hold. The counts below are the ``tally``'s, of every rule either way.
    public var results: [RuleResult]
    /// How every rule of the report stands.
    public var tally: RuleTally
    /// Damage the importer found in the file (``ReportSource/damage``): the report is then incomplete (exit 4).
    public var damage: [String] = []
    /// Soft rules that fail (TEMPLATE.md §6.3: prose against tables, continuity, plausibility): warnings, said after
    /// the rules and never counted in them nor in the exit code.
    public var warnings: [RuleResult] = []

    /// Rules that hold.
    public var holding: Int { tally.holding }
    /// Rules that fail or are in error.
    public var failing: Int { tally.failing }
    /// Rules that read an empty cell: never counted as holding.
    public var incomplete: Int { tally.incomplete }
    /// Error-severity rules that fail.
    public var errorsFailing: Int { tally.errorsFailing }

    /// The most severe failing rule's severity; nil when nothing fails.
    public var worstSeverity: Severity? {
        if errorsFailing > 0 { return .error }
        return failing > 0 ? .warning : nil
    }

    /// Whether cells are missing or rules cannot be decided.
    public var isIncomplete: Bool { incomplete > 0 || cells.missing > 0 || !damage.isEmpty }

    /// `40 hold, 2 fail, 1 incomplete (21 cells missing); 1 soft warning`: incomplete rules and missing cells always
    /// said.
    public var countsText: String {
        var text = "\(holding) hold, \(failing) fail, \(incomplete) incomplete"
        if cells.missing > 0 { text += " (\(cells.missing) cell\(cells.missing == 1 ? "" : "s") missing)" }
        if !damage.isEmpty { text += "; input damaged (\(damage.count))" }
        if !warnings.isEmpty { text += "; \(warnings.count) soft warning\(warnings.count == 1 ? "" : "s")" }
        return text
    }
}

/// A check of many reports and the files that could not be loaded: the one place exit codes are decided.
public struct CheckSummary: Sendable {
    /// Every report checked.
    public var checks: [ReportCheck]
    /// Files refused while loading (exit 2).
    public var refused: Int
    /// Ctrl-C stopped the work (exit 130).
    public var interrupted: Bool

    /// A summary.
    public init(checks: [ReportCheck], refused: Int = 0, interrupted: Bool = false) {
        self.checks = checks
        self.refused = refused
        self.interrupted = interrupted
    }

    /// The exit code counting every report: 130 interrupted; 2 a file was refused; 3 an error rule fails; 4 nothing
    /// fails but cells are missing or rules incomplete (0 with `allowIncomplete`); 0 all holds and is complete.
    public func exitCode(allowIncomplete: Bool) -> Int32 {
        if interrupted { return 130 }
        if refused > 0 { return 2 }
        if checks.contains(where: { $0.errorsFailing > 0 }) { return 3 }
        if !allowIncomplete, checks.contains(where: \.isIncomplete) { return 4 }
        return 0
    }

    /// Totals over every report: reports, rules holding, failing, incomplete, cells missing.
    public var totals: (reports: Int, holding: Int, failing: Int, incomplete: Int, missing: Int) {
        checks.reduce((0, 0, 0, 0, 0)) { t, c in
            (t.0 + 1, t.1 + c.holding, t.2 + c.failing, t.3 + c.incomplete, t.4 + c.cells.missing)
        }
    }
}

extension Session {
    /// Checks reports (every loaded report when `reports` is nil); `warnings: false` leaves the soft rules out (the
    /// report list, which needs only counts).
    public func check(_ reports: [String]? = nil, warnings: Bool = true) -> [ReportCheck] {
        (reports ?? workbook.reportNames).compactMap { check(report: $0, warnings: warnings) }
    }

    /// One report's check; nil when no report of that name is loaded. `allResults: false` keeps the results of the
    /// rules that do not hold only (a summary of many reports needs the counts, and says what fails).
    public func check(report: String, warnings: Bool = true, allResults: Bool = true) -> ReportCheck? {
        let included: (RuleStatus) -> Bool = allResults ? { _ in true } : { $0 != .holds }
        guard let tally = try? workbook.ruleTally(report: report),
            let results = try? workbook.ruleResults(report: report, where: included),
            let cells = try? workbook.cellCounts(report: report)
        else { return nil }
        var check = ReportCheck(
            report: report, body: text(report, "meta.org"), year: text(report, "meta.year"),
            source: sources[report]?.file, cells: cells, results: results, tally: tally)
        check.damage = sources[report]?.damage ?? []
        if warnings {
            check.warnings = ((try? workbook.softRuleResults(report: report)) ?? []).filter { $0.status.isFailing }
        }
        return check
    }

    /// A text cell of a report by its name in the template (`meta.org`), read by index.
    func text(_ report: String, _ cell: String) -> String? {
        guard let template = try? workbook.template(of: report),
            let index = template.textCells.firstIndex(where: { $0.name == cell })
        else { return nil }
        return (try? workbook.text(report: report, textCell: index)) ?? nil
    }
}
