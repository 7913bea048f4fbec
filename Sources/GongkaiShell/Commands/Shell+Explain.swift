import GongkaiCore

extension Shell {
    /// `.explain CELL`
    func explainCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count == 1, let name = words.first else { throw ShellError("usage: .explain CELL|RULE") }
        // A cell first; a name that is no cell may be a rule (`t3.balance.natural`, `domain`, a soft rule).
        let info: CellInfo
        do {
            info = try cellInfo(name)
        } catch {
            if let rule = ruleResult(named: name) { return try explainRule(rule) }
            throw error
        }
        let qualified = workbook.displayName(info.name, in: info.report)
        var heading = qualified
        let labels = [info.rowLabels.joined(separator: "/"), info.columnLabels.joined(separator: "/")]
            .filter { !$0.isEmpty }
        if !labels.isEmpty { heading += "  " + labels.joined(separator: " · ") }
        if let unit = info.unit { heading += "  (\(unit.rawValue))" }
        for line in TextLayout.wrap(heading, options.width) { output.line(line) }
        func field(_ title: String, _ text: String) {
            let indent = String(repeating: " ", count: 12)
            let lines = TextLayout.wrap(text, options.width - 12)
            for (n, line) in lines.enumerated() {
                output.line((n == 0 ? TextLayout.padRight(title, 12) : indent) + line)
            }
        }
        let kind: String
        switch info.kind {
        case .input: kind = info.formula == nil ? "input cell" : "input cell with a formula (CELL = clears it)"
        case .total:
            kind = info.isEntered ? "total, entered value stands (the sum is checked by a rule)" : "total, computed"
        case .text: kind = "text cell"
        case .user: kind = "named cell"
        }
        var value = info.value.isEmpty ? "(empty)" : info.value.description.replacingNewlines()
        if case .text = info.value { value = TextLayout.truncate(value, 3 * options.width) }
        field("value", value)
        field("kind", kind)
        if let provenance = info.provenance { field("source", provenance.description.replacingNewlines()) }
        if let formula = info.formula { field("formula", formula) }
        if !info.precedents.isEmpty { field("reads", info.precedents.joined(separator: " ")) }
        if !info.dependents.isEmpty { field("read by", info.dependents.joined(separator: " ")) }
        if !info.rules.isEmpty {
            let statuses = Dictionary(
                ruleResults(info.report).map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            let rules = info.rules.map { rule -> String in
                guard let result = statuses[rule] else { return rule }
                var text = rule + " (" + Shell.statusWord(result.status)
                if result.status.isFailing, case .number(let n) = result.imbalance {
                    text += " " + (n.isNegative ? "" : "+") + n.description
                }
                return text + ")"
            }
            field("rules", rules.joined(separator: " "))
        }
        return .ok
    }

    /// `.find TEXT`: names and labels containing TEXT (case-insensitive for ASCII).
    func findCommand(_ arguments: String) throws -> ShellStatus {
        let needle = arguments.trimmingBlanks().lowercased()
        guard !needle.isEmpty else { throw ShellError("usage: .find TEXT") }
        let (report, _) = try splitReport("")
        let template = try workbookTemplate(report)
        var found: [String] = []
        for name in names(in: report) {
            var haystack = name.lowercased()
            if let cell = template.cell(named: name) {
                haystack += " " + cell.rowLabels.joined(separator: "/") + " " + cell.columnLabels.joined(separator: "/")
            } else if let text = template.textCells.first(where: { $0.name == name }) {
                haystack += " " + text.label
            }
            if haystack.contains(needle) { found.append(name) }
        }
        // Table titles too: `.find 主动公开` should point at t2.
        for table in template.tables where table.fullTitle.contains(needle) {
            output.line(TextLayout.padRight(table.id, 8) + table.fullTitle + "  (.show \(table.id))")
        }
        guard !found.isEmpty || template.tables.contains(where: { $0.fullTitle.contains(needle) }) else {
            output.line("nothing found for ‘\(needle)’")
            return .ok
        }
        try printCellList(found, report: report, template: template, marked: [])
        return .ok
    }
}
