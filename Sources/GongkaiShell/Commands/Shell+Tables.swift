import GongkaiCore

extension Shell {
    /// `.show [t2|t3|t4|ROW|COLUMN|PATTERN]`
    func showCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count <= 1 else { throw ShellError("usage: .show [t2|t3|t4|ROW|COLUMN|PATTERN]") }
        if let word = words.first, try showAcrossReports(word) { return .ok }
        let (report, rest) = try splitReport(words.first ?? "")
        let template = try workbookTemplate(report)
        let marked = markedCells(report: report, template: template)
        let view = TableView(
            template: template,
            value: { [workbook] index in
                (try? workbook.value(report: report, cell: index)) ?? .error(.reference)
            }, marked: marked, width: options.width)
        let tables = rest.isEmpty ? template.tables : template.tables.filter { $0.id == rest }
        if !tables.isEmpty {
            for (n, table) in tables.enumerated() {
                if n > 0 { output.line() }
                var lines = view.render(table)
                // Another report's table says whose it is.
                if report != workbook.currentReport, !lines.isEmpty { lines[0] += "  (\(report))" }
                for line in lines {
                    try stopIfInterrupted()
                    output.line(line)
                }
            }
            printFailingFootnote(report: report, tables: Set(tables.map(\.id)))
            return .ok
        }
        let names = try select(rest, report: report, template: template)
        try printCellList(names, report: report, template: template, marked: marked)
        return .ok
    }

    /// `.show *.t3.new.total`, `.show hz*.t4.review.total`: a pattern whose first segment is a report pattern (the
    /// same rule formulas use, ``Reference/reportPattern``) lists the matching cells of every matching report; false
    /// when `word` is no such pattern or matches within the current report.
    func showAcrossReports(_ word: String) throws -> Bool {
        let reference = Reference(pattern: word)
        guard let reportPattern = reference.reportPattern else { return false }
        if let current = workbook.currentReport,
            names(in: current).contains(where: { reference.matches($0) })
        {
            return false
        }
        var shown = false
        for report in workbook.reportNames where Reference.segment(reportPattern, matches: report) {
            let template = try workbookTemplate(report)
            let rest = reference.cellPattern.name
            guard let names = try? select(rest, report: report, template: template) else { continue }
            try printCellList(
                names, report: report, template: template, marked: markedCells(report: report, template: template),
                qualified: true)
            shown = true
        }
        guard shown else { throw ShellError("nothing matches ‘\(word)’ in any report") }
        return true
    }

    /// Splits a leading report name off a selection: `ha2024.t3` → (`ha2024`, `t3`); else the current report.
    func splitReport(_ text: String) throws -> (report: String, rest: String) {
        if let dot = text.firstIndex(of: "."), workbook.hasReport(String(text[..<dot])) {
            return (String(text[..<dot]), String(text[text.index(after: dot)...]))
        }
        if workbook.hasReport(text) { return (text, "") }
        guard let current = workbook.currentReport else { throw ShellError("no report is loaded; .load FILE first") }
        return (current, text)
    }

    func workbookTemplate(_ report: String) throws -> ReportTemplate {
        try attempt { () throws(EngineError) in try workbook.template(of: report) }
    }

    /// The names a selection means, in official order: an exact name, a row prefix (`t3.new`), a column (`t3.natural`)
    /// or a pattern with `*` (one segment) and `**` (one or more).
    func select(_ selection: String, report: String, template: ReportTemplate) throws -> [String] {
        let names = names(in: report)
        if names.contains(selection) { return [selection] }
        var pattern = selection
        if !selection.contains("*") {
            let prefixed = names.filter { $0.hasPrefix(selection + ".") }
            if !prefixed.isEmpty { return prefixed }
            // `t3.natural`: a column of a table.
            let parts = selection.split(separator: ".")
            if parts.count == 2, template.table(String(parts[0])) != nil { pattern = "\(parts[0]).**.\(parts[1])" }
        }
        let wildcard = Reference(pattern: pattern)
        let matched = names.filter { wildcard.matches($0) }
        guard !matched.isEmpty else {
            let suggestion = nearestName(to: selection, in: names + template.tables.map(\.id))
            throw ShellError(
                "nothing matches ‘\(selection)’" + (suggestion.map { "; did you mean ‘\($0)’?" } ?? "")
                    + " (try .find TEXT)")
        }
        return matched
    }

    /// Lists cells: name, value and a short label, fitted to the width. Ctrl-C stops it between rows.
    ///
    /// Another report's cells are shown by their qualified names, as they would be typed; `qualified` shows the
    /// current report's so too (a listing across reports).
    func printCellList(
        _ names: [String], report: String, template: ReportTemplate, marked: Set<Int>, qualified: Bool = false
    ) throws {
        let shown = { (name: String) in
            qualified ? Workbook.qualifiedName(name, in: report) : self.workbook.displayName(name, in: report)
        }
        let nameWidth = min(names.map { displayWidth(shown($0)) }.max() ?? 0, 40)
        let values = names.map { name -> String in
            let value = (try? workbook.value(of: name, in: report)) ?? .error(.reference)
            let mark = template.index(of: name).map { marked.contains($0) } == true ? "!" : ""
            return TableView.text(value).replacingNewlines() + mark
        }
        let valueWidth = min(values.map { displayWidth($0) }.max() ?? 0, 16)
        for (name, value) in zip(names, values) {
            try stopIfInterrupted()
            var line = TextLayout.padRight(shown(name), nameWidth) + "  "
            line +=
                displayWidth(value) > valueWidth
                ? TextLayout.truncate(value, options.width - displayWidth(line))
                : TextLayout.padLeft(value, valueWidth)
            let label = Shell.label(of: name, template: template)
            let room = options.width - displayWidth(line) - 2
            if !label.isEmpty, room > 6 { line += "  " + TextLayout.truncate(label, room) }
            output.line(line.trimmingTrailingBlanks())
        }
    }

    /// A one-line label: `（三）不予公开/1.属于国家秘密 · 自然人`, a text cell's label, or empty for user names.
    static func label(of name: String, template: ReportTemplate) -> String {
        if let cell = template.cell(named: name) {
            let rows = cell.rowLabels.count > 1 ? Array(cell.rowLabels.suffix(2)) : cell.rowLabels
            return rows.map(TableView.shortLabel).joined(separator: "/") + " · " + (cell.columnLabels.last ?? "")
        }
        return template.textCells.first { $0.name == name }?.label ?? ""
    }

    /// Template cells to mark `!`: every cell of a failing rule in this report (template equalities, cross-year and user
    /// rules), and cells out of domain.
    func markedCells(report: String, template: ReportTemplate) -> Set<Int> {
        var marked = Set<Int>()
        for result in ruleResults(report) where result.status.isFailing {
            switch result.kind {
            case .template:
                if let equality = template.equalities.first(where: { $0.name == result.name }) {
                    marked.formUnion(equality.lhs)
                    marked.formUnion(equality.rhs)
                }
            case .domain, .crossYear, .user:
                // The cells of this report it reads (another report's cells are qualified, and not in this table).
                for name in result.cells { if let index = template.index(of: name) { marked.insert(index) } }
            case .soft: break
            }
        }
        return marked
    }

    /// Under a table: the failing rules that concern it, one line each.
    func printFailingFootnote(report: String, tables: Set<String>) {
        let failing = ruleResults(report).filter { result in
            result.status.isFailing && (result.kind != .template || tables.contains(String(result.name.prefix(2))))
        }
        guard !failing.isEmpty else { return }
        output.line()
        output.line("! \(failing.count) rule\(failing.count == 1 ? "" : "s") failing:")
        for line in ruleLines(failing, qualified: false, withDescription: false) { output.line("  " + line) }
    }

    /// `.check [all|failing] [--summary]`, `.check --filing [REPORT]`
    func checkCommand(_ arguments: String) throws -> ShellStatus {
        var words = ArgumentWords.split(arguments)
        if words.first == "--filing", words.count <= 2 { return try filingCommand(words.count == 2 ? words[1] : "") }
        let summary = words.contains("--summary")
        words.removeAll { $0 == "--summary" }
        guard words.count <= 1, ["all", "failing"].contains(words.first ?? "failing") else {
            throw ShellError("usage: .check [all|failing] [--summary] or .check --filing [REPORT]")
        }
        let all = words.first == "all"
        guard !workbook.reportNames.isEmpty else { throw ShellError("no report is loaded; .load FILE first") }
        var checks: [ReportCheck] = []
        for report in workbook.reportNames {
            try stopIfInterrupted()
            if let check = session.check(report: report) { checks.append(check) }
        }
        if summary {
            renderSummary(checks)
        } else {
            let qualified = checks.count > 1
            for check in checks {
                try stopIfInterrupted()
                try renderCheck(check, all: all, qualified: qualified)
            }
        }
        if checks.contains(where: \.isIncomplete) { anyIncomplete = true }
        return checks.contains { $0.errorsFailing > 0 } ? .rulesFailing : .ok
    }

    /// `fails   t3.balance.natural  +1  error  自然人: …`; names are padded to `nameWidth` columns.
    func ruleLine(_ result: RuleResult, qualified: Bool, withDescription: Bool, nameWidth: Int = 24) -> String {
        var line = TextLayout.padRight(Shell.statusWord(result.status), 11)
        line += TextLayout.padRight(qualified ? result.qualifiedName : result.name, nameWidth)
        line += " " + TextLayout.padLeft(Shell.imbalanceText(result), 6)
        line += "  " + TextLayout.padRight(result.severity.rawValue, 7)
        guard withDescription else { return line.trimmingTrailingBlanks() }
        // The description is never cut: on a terminal it wraps under itself, elsewhere it stays on one line.
        let description = result.description.replacingNewlines()
        let indent = displayWidth(line) + 1
        let room = options.width - indent
        guard outputIsTerminal, displayWidth(description) > room else { return line + " " + description }
        // Under itself when there is room for it; on lines of its own, indented 4, on a narrow terminal.
        guard room < 24 else {
            let wrapped = TextLayout.wrap(description, room)
            let pad = String(repeating: " ", count: indent)
            return ([line + " " + wrapped[0]] + wrapped.dropFirst().map { pad + $0 }).joined(separator: "\n")
        }
        let wrapped = TextLayout.wrap(description, max(options.width - 4, 8))
        return ([line.trimmingTrailingBlanks()] + wrapped.map { "    " + $0 }).joined(separator: "\n")
    }

    /// Whether results go to a terminal (where long rule descriptions wrap rather than run on).
    var outputIsTerminal: Bool {
        let target = (output as? RecordingOutput)?.target ?? output
        return (target as? FileDescriptorOutput)?.isTerminal == true
    }

    /// The rule lines of `results`, names aligned.
    func ruleLines(_ results: [RuleResult], qualified: Bool, withDescription: Bool) -> [String] {
        let width = min(32, results.map { displayWidth(qualified ? $0.qualifiedName : $0.name) }.max() ?? 0)
        return results.map { ruleLine($0, qualified: qualified, withDescription: withDescription, nameWidth: width) }
    }

    /// A failing rule's imbalance (`+1`), or how many cells are out of domain (`2 cells`); empty when it holds.
    static func imbalanceText(_ result: RuleResult) -> String {
        guard result.status != .holds else { return "" }
        if result.kind == .domain { return result.cells.count == 1 ? "1 cell" : "\(result.cells.count) cells" }
        guard case .number(let n) = result.imbalance else { return "" }
        return (n.isNegative ? "" : "+") + n.description
    }

    /// `43 rules: 41 hold, 2 fail` (incomplete and error counts only when there are any).
    static func ruleCounts(_ results: [RuleResult]) -> String {
        let count = { (status: RuleStatus) in results.filter { $0.status == status }.count }
        var parts = ["\(count(.holds)) hold", "\(count(.fails)) fail"]
        if count(.incomplete) > 0 { parts.append("\(count(.incomplete)) incomplete") }
        if count(.error) > 0 { parts.append("\(count(.error)) in error") }
        return "\(results.count) rules: " + parts.joined(separator: ", ")
    }

    static func statusWord(_ status: RuleStatus) -> String {
        switch status {
        case .holds: "holds"
        case .fails: "fails"
        case .incomplete: "incomplete"
        case .error: "error"
        }
    }

    /// `.rules`
    func rulesCommand(_ arguments: String) throws -> ShellStatus {
        guard arguments.isEmpty else { throw ShellError("usage: .rules") }
        guard !workbook.reportNames.isEmpty else { throw ShellError("no report is loaded; .load FILE first") }
        let qualified = workbook.reportCount > 1
        for report in workbook.reportNames {
            let results = ruleResults(report) + softRuleResults(report)
            for line in ruleLines(results, qualified: qualified, withDescription: true) {
                try stopIfInterrupted()
                output.line(line)
            }
        }
        return .ok
    }

    /// `.rule NAME [error|warning] EXPR`
    func ruleCommand(_ arguments: String) throws -> ShellStatus {
        var rest = Substring(arguments)
        func word() -> String {
            while rest.first?.isWhitespace == true { rest.removeFirst() }
            let w = rest.prefix { !$0.isWhitespace }
            rest = rest.dropFirst(w.count)
            return String(w)
        }
        let name = word()
        var severity = Severity.error
        let saved = rest
        let level = word()
        if let given = Severity(rawValue: level), given.isRuleSeverity { severity = given } else { rest = saved }
        let expression = String(rest).trimmingBlanks()
        guard !name.isEmpty, !expression.isEmpty else { throw ShellError("usage: .rule NAME [error|warning] EXPR") }
        // The caret of a formula error goes under the expression where it stands in the statement.
        let offset = currentStatement.characterOffset(of: expression)
        let changes = try attempt(offset: offset) { () throws(EngineError) in
            try workbook.addRule(name: name, expression: expression, severity: severity)
        }
        noteChange(.snapshot)
        printChanges(changes)
        return .ok
    }

    /// `.drop rule|name NAME`
    func dropCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count == 2, ["rule", "name", "metric", "alias"].contains(words[0]) else {
            throw ShellError("usage: .drop rule|name|metric|alias NAME")
        }
        let changes = try attempt { () throws(EngineError) in
            switch words[0] {
            case "rule": return try workbook.dropRule(name: words[1])
            case "metric": return try workbook.dropMetric(words[1])
            case "alias":
                guard let body = BodyKey(words[1]) else { throw .unknownName("alias \(words[1])", suggestion: nil) }
                return try workbook.dropAlias(body)
            default: return try workbook.undefine(name: words[1])
            }
        }
        noteChange(.snapshot)
        output.line("dropped \(words[0]) \(words[1])")
        printChanges(changes)
        return .ok
    }
}
