import GongkaiCore

/// One thing a clerk must clear before a report is published (`.check --filing`).
struct FilingItem {
    /// `missing`, `empty`, `fails`, `error`, `warning`.
    let kind: String
    /// The cell or rule names concerned.
    let names: [String]
    /// What it is about: the row's label, the section's title or the rule's description.
    let about: String
}

extension Shell {
    /// `.check --filing [REPORT]`: what must be cleared before the current report (or REPORT) is published, in the report's own order —
    /// the header (`meta.org`, `meta.year`), then per part of the report its prose section when empty, the empty
    /// input cells of its table row by row, the error rules that fail and the warnings (soft rules) that fail on that
    /// table; rules about no table come last. In a script, anything left makes the exit code 3.
    func filingCommand(_ name: String) throws -> ShellStatus {
        let (report, rest) = try splitReport(name)
        guard rest.isEmpty else { throw ShellError("no report ‘\(name)’; .reports lists them") }
        let template = try workbookTemplate(report)
        let items = filingItems(report: report, template: template)
        let org = currentValue(report, "meta.org")
        let year = currentValue(report, "meta.year")
        let label = [org, year].filter { !$0.isEmpty }.map(TableView.text).joined(separator: " ")
        guard !items.isEmpty else {
            output.line("\(report)" + (label.isEmpty ? "" : " (\(label))") + " is ready to publish: nothing to clear.")
            return .ok
        }
        output.line("Before publishing \(report)" + (label.isEmpty ? "" : " (\(label))") + ", clear:")
        let width = String(items.count).count
        for (n, item) in items.enumerated() {
            let number = TextLayout.padLeft(String(n + 1), width)
            let head = "  \(number). " + TextLayout.padRight(item.kind, 8) + item.about
            output.line(TextLayout.truncate(head, options.width))
            for line in TextLayout.wrap(item.names.joined(separator: " "), max(options.width - width - 6, 20)) {
                output.line(String(repeating: " ", count: width + 4) + line)
            }
        }
        let counts = Dictionary(grouping: items, by: \.kind).mapValues(\.count)
        let order = ["missing", "empty", "fails", "error", "warning"]
        let summary = order.compactMap { kind in counts[kind].map { "\($0) \(kind)" } }.joined(separator: ", ")
        output.line("\(items.count) to clear: \(summary).")
        return .rulesFailing
    }

    /// The items of `.check --filing`, in official order.
    func filingItems(report: String, template: ReportTemplate) -> [FilingItem] {
        var items: [FilingItem] = []
        let missingMeta = template.textCells.filter { ["meta.org", "meta.year"].contains($0.name) }
            .filter { currentValue(report, $0.name).isEmpty }
        if !missingMeta.isEmpty {
            items.append(
                FilingItem(
                    kind: "missing", names: missingMeta.map(\.name),
                    about: missingMeta.map(\.label).joined(separator: "、")))
        }
        let results = ruleResults(report).filter { $0.status.isFailing }
        var placedRules = Set<String>()
        func rules(of table: String) -> [RuleResult] {
            results.filter { result in
                !placedRules.contains(result.name)
                    && (result.name.hasPrefix(table + ".") || result.cells.first?.hasPrefix(table + ".") == true)
            }
        }
        func add(_ rules: [RuleResult]) {
            // Errors first, then the warnings of the soft rules, each group in the rules' own order.
            for result in rules.filter({ $0.severity == .error }) + rules.filter({ $0.severity == .warning }) {
                placedRules.insert(result.name)
                let kind = result.severity == .warning ? "warning" : result.status == .error ? "error" : "fails"
                let imbalance = Shell.imbalanceText(result)
                items.append(
                    FilingItem(
                        kind: kind, names: [result.name] + result.cells,
                        about: result.description + (imbalance.isEmpty ? "" : " (\(imbalance))")))
            }
        }
        let sections = template.textCells.filter { $0.name.hasPrefix("text.") }
        var tablesPlaced = Set<String>()
        for section in sections {
            if currentValue(report, section.name).isEmpty {
                items.append(FilingItem(kind: "empty", names: [section.name], about: section.label))
            }
            guard let table = template.tables.first(where: { $0.fullTitle == section.label }) else { continue }
            tablesPlaced.insert(table.id)
            items += missingRows(of: table, report: report, template: template)
            add(rules(of: table.id))
        }
        for table in template.tables where !tablesPlaced.contains(table.id) {
            items += missingRows(of: table, report: report, template: template)
            add(rules(of: table.id))
        }
        add(results.filter { !placedRules.contains($0.name) })
        return items
    }

    /// The empty input cells of a table, one item per row: `missing  三、…/一、本年新收… : t3.new.natural …`.
    private func missingRows(of table: TemplateTable, report: String, template: ReportTemplate) -> [FilingItem] {
        var items: [FilingItem] = []
        var row: (key: String, label: String, names: [String])?
        for cell in template.cells(ofTable: table.id) where !cell.isTotal {
            guard currentValue(report, cell.name).isEmpty else { continue }
            if row?.key != cell.rowKey {
                if let row { items.append(FilingItem(kind: "missing", names: row.names, about: row.label)) }
                let label = table.number + " " + cell.rowLabels.map(TableView.shortLabel).joined(separator: "/")
                row = (cell.rowKey, label, [])
            }
            row?.names.append(cell.name)
        }
        if let row { items.append(FilingItem(kind: "missing", names: row.names, about: row.label)) }
        return items
    }
}
