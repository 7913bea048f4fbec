import GongkaiCore

extension Shell: InteractiveHost {
    /// Runs a statement typed at the prompt (the interactive loop's entry point).
    public func execute(_ statement: String) -> StatementOutcome {
        location = nil
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

    /// `gongkai> `, or during `.fill` the cell asked for: `一、本年新收政府…/自然人 [t3.new.natural] (7)> `.
    public var prompt: String {
        guard let session = fill, let cell = session.currentCell else { return InteractiveSession.prompt }
        let now = try? workbook.value(of: session.report + "." + cell.name)
        return session.prompt(for: cell, now: now, width: options.width)
    }

    /// Ctrl-C at the prompt ends a `.fill` in progress, as `.` does: the answers given so far stay.
    public func cancelEntry() {
        if fill != nil { finishFill(stopped: true) }
    }

    /// Whether values, formulas, names or rules changed since the last load or `.save`.
    public var hasUnsavedChanges: Bool { unsavedChanges }

    /// Commands, their argument kinds, the current report's names, other reports' names, rules and functions.
    public func completionCandidates() -> CompletionCandidates {
        var arguments: [String: [CompletionArgument]] = [:]
        for command in ShellCommand.all {
            let kinds: [CompletionArgument]
            switch command.name {
            case "load", "read", "save", "output": kinds = [.path]
            case "export": kinds = [.words(ExportFormatName.all), .path, .words(["t2", "t3", "t4"])]
            case "show", "explain": kinds = [.names]
            case "help": kinds = [.commands]
            case "reports", "suggest": kinds = [.reports]
            case "drop": kinds = [.words(["rule", "name"]), .rules]
            case "rule": kinds = [.words([]), .words(["error", "warning"]), .names]
            case "find": kinds = [.words([])]
            default: kinds = command.argumentWords.isEmpty ? [] : [.words(command.argumentWords)]
            }
            for name in [command.name] + command.aliases { arguments["." + name] = kinds }
        }
        var reportNames: [String: [String]] = [:]
        for report in workbook.reportNames { reportNames[report] = names(in: report) }
        let current = workbook.currentReport
        return CompletionCandidates(
            commands: ShellCommand.all.flatMap { [$0.name] + $0.aliases }.map { "." + $0 },
            arguments: arguments,
            names: current.map { names(in: $0) } ?? [],
            reportNames: reportNames,
            ruleNames: current.map { ruleResults($0).map(\.name) } ?? [],
            functions: Function.allCases.map(\.name))
    }
}
