import GongkaiCore

extension Shell: InteractiveHost {
    /// Runs a statement typed at the prompt (the interactive loop's entry point).
    public func execute(_ statement: String) -> StatementOutcome {
        location = nil
        // `;` separates statements at the prompt as in `-c` (not inside quotes or parentheses, not in `.fill`).
        if fill == nil, statement.contains(";") {
            let parts = ArgumentWords.splitCommands(statement)
            if parts.count > 1 {
                var outcome = StatementOutcome.succeeded
                for part in parts {
                    let next = execute(part)
                    switch next {
                    case .succeeded: continue
                    case .failed: outcome = .failed
                    case .interrupted, .quit: return next
                    }
                }
                return outcome
            }
        }
        let status = execute(statement: statement)
        switch status {
        case .ok, .rulesFailing: return .succeeded
        case .failed: return .failed
        case .interrupted: return .interrupted
        case .quit:
            try? closeRedirection()
            return .quit(exitCode: 0)
        }
    }

    /// The loaded reports' names, sorted, kept until a report is loaded or unloaded (TAB asks on every press).
    func sortedReportNames() -> [String] {
        let version = workbook.reportListVersion
        if let cached = completionReports, cached.version == version { return cached.names }
        let names = workbook.reportNames.sorted()
        completionReports = (version, names)
        return names
    }

    /// `gongkai> `, or during `.fill` the cell asked for: `一、本年新收政府…/自然人 [t3.new.natural] (7)> `.
    public var prompt: String {
        fillPrompt ?? InteractiveSession.prompt
    }

    /// Ctrl-C at the prompt ends a `.fill` in progress, as `.` does: the answers given so far stay.
    public func cancelEntry() {
        if fill != nil { finishFill(stopped: true) }
        flushJournal()  // a prose answer left open was kept
    }

    /// Whether values, formulas, names or rules changed since the last load or `.save`.
    public var hasUnsavedChanges: Bool { unsavedChanges }

    /// The changes since the last load or `.save` of a workbook file, each statement's counted once.
    public var unsavedChangeCount: Int { journal.changes }

    /// Commands, their argument kinds, the current report's names, other reports' names, rules and functions.
    public func completionCandidates() -> CompletionCandidates {
        let current = workbook.currentReport
        var arguments: [String: [CompletionArgument]] = [:]
        for command in ShellCommand.all {
            let kinds: [CompletionArgument]
            switch command.name {
            case "load", "read", "save", "output": kinds = [.path]
            case "export":
                let tables = (current.flatMap { try? workbook.template(of: $0) } ?? .official2021).tables.map(\.id)
                kinds = [
                    .words(ExportFormatName.all), .path,
                    .words(tables + ["--excel", "--all", "--strict", "--chart", "--trend"]),
                ]
            case "show", "explain": kinds = [.names]
            case "help": kinds = [.commands]
            case "reports", "suggest", "unload": kinds = [.reports]
            case "diff": kinds = [.reports, .reports, .words(["--threshold"])]
            case "trend": kinds = [.words(session.metricNames), .reports]
            case "drop": kinds = [.words(command.argumentWords), .dropped]
            case "rule": kinds = [.words([]), .words(["error", "warning"]), .names]
            case "find": kinds = [.words([])]
            case "metric", "rank", "chart":
                kinds =
                    [.words(session.metricNames)] + (command.name == "metric" ? [] : [.words(command.argumentWords)])
            case "table":
                kinds = Array(repeating: .words(session.metricNames + ["by", "asc", "desc", "where"]), count: 8)
            default: kinds = command.argumentWords.isEmpty ? [] : [.words(command.argumentWords)]
            }
            for name in [command.name] + command.aliases { arguments["." + name] = kinds }
        }
        var candidates = CompletionCandidates(
            commands: ShellCommand.all.flatMap { [$0.name] + $0.aliases }.map { "." + $0 },
            arguments: arguments,
            names: current.map { names(in: $0) } ?? [],
            reports: sortedReportNames(),
            hasReport: { [workbook] in workbook.hasReport($0) },
            namesOfReport: { [unowned self] report in self.names(in: report) },
            ruleNames: current.map { ruleResults($0).map(\.name) } ?? [],
            functions: Function.allCases.map(\.name))
        candidates.definedNames = current.flatMap { try? workbook.definitions(report: $0).map(\.name) } ?? []
        return candidates
    }
}
