import GongkaiCore

// `.suggest [REPORT]` and `.apply N`: the smallest sets of cells whose change heals every failing rule, ranked by how
// real reports go wrong, and the application of one as a single undoable change.

extension Shell {
    /// `.suggest [REPORT]`
    func suggestCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count <= 1 else { throw ShellError("usage: .suggest [REPORT]") }
        guard let report = words.first ?? workbook.currentReport else {
            throw ShellError("no report is loaded; .load FILE first")
        }
        guard workbook.hasReport(report) else {
            let near = nearestName(to: report, in: workbook.reportNames)
            throw ShellError("no report ‘\(report)’" + (near.map { "; did you mean ‘\($0)’?" } ?? ""))
        }
        let search = try attempt { () throws(EngineError) in try workbook.repairSuggestions(report: report) }
        suggestions = search
        for line in suggestionLines(search) { output.line(line) }
        return .ok
    }

    /// The `.suggest` listing of a report's repairs, as `gongkai check --suggest` prints it: the failing rules, then
    /// the numbered suggestions (most plausible first), each cell on a line of its own.
    /// The `.apply N` hint is left out there: the command line has no `.apply`.
    public func suggestionLines(report: String) throws -> [String] {
        let search = try attempt { () throws(EngineError) in try workbook.repairSuggestions(report: report) }
        return suggestionLines(search, applyHint: false)
    }

    func suggestionLines(_ search: RepairSearch, applyHint: Bool = true) -> [String] {
        var lines: [String] = []
        let prefix = search.report == workbook.currentReport ? "" : "\(search.report)."
        guard !search.failing.isEmpty else {
            return ["\(search.report): no error rule fails; nothing to repair"]
        }
        let count = search.failing.count
        lines.append(
            "\(search.report): \(count) failing rule\(count == 1 ? "" : "s"): " + search.failing.joined(separator: ", ")
        )
        if !search.ignored.isEmpty {
            lines.append("  not taken into account (not linear or in error): " + search.ignored.joined(separator: ", "))
        }
        guard let cardinality = search.cardinality, !search.candidates.isEmpty else {
            lines.append(
                search.truncated
                    ? "no repair found before the search limit (sets of up to \(search.bound) cells)"
                    : "no change of at most \(search.bound) cells makes every rule hold")
            return lines
        }
        lines.append(
            "smallest repairs change \(cardinality) cell\(cardinality == 1 ? "" : "s"); most plausible first:")
        let width = min(
            40,
            search.candidates.flatMap {
                $0.changes.map { displayWidth(prefix + $0.cell + " = " + $0.repaired.description) }
            }.max() ?? 0)
        for (n, candidate) in search.candidates.enumerated() {
            for (k, change) in candidate.changes.enumerated() {
                let head = k == 0 ? TextLayout.padRight("\(n + 1).", 4) : "    "
                let assignment = TextLayout.padRight(prefix + change.cell + " = " + change.repaired.description, width)
                let printed = change.printed.isEmpty ? "-" : change.printed.description
                lines.append(head + assignment + "  (printed \(printed): \(change.pattern.rawValue))")
            }
        }
        if search.truncated { lines.append("(the search stopped at its limit; there may be more)") }
        if applyHint { lines.append(".apply N makes suggestion N one change; .undo takes it back") }
        return lines
    }

    /// `.apply N`
    func applyCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count == 1, let n = Int(words[0]), n >= 1 else { throw ShellError("usage: .apply N") }
        guard let search = suggestions else { throw ShellError("no suggestions yet; .suggest first") }
        guard n <= search.candidates.count else {
            throw ShellError(
                "there \(search.candidates.count == 1 ? "is 1 suggestion" : "are \(search.candidates.count) suggestions")"
                    + "; .apply 1…\(max(1, search.candidates.count))")
        }
        let changes = try attempt { () throws(EngineError) in try workbook.applyRepair(search.candidates[n - 1]) }
        noteChange(.snapshot)
        suggestions = nil
        printChanges(changes)
        return .ok
    }
}
