// The workbook as plain data, for the workbook file.

extension Workbook {
    /// The whole workbook as data: reports (template, entered values with provenance, texts, formulas,
    /// definitions), user rules and the current report. The undo log is not part of it.
    public func document() -> WorkbookDocument {
        var document = WorkbookDocument(currentReport: currentReport)
        document.metrics = metricDefinitions.map {
            WorkbookDocument.Metric(name: $0.name, formula: $0.builtIn == nil ? $0.formula : nil)
        }
        document.aliases = aliases.map { WorkbookDocument.Alias(body: $0.body.text, other: $0.other.text) }
        for (slot, state) in reports.enumerated() {
            guard let state else { continue }
            let snapshot = self.snapshot(of: state, slot: slot)
            let template = snapshot.shape.template
            var report = WorkbookDocument.Report(name: snapshot.name, templateID: template.id)
            for index in snapshot.values.indices where !snapshot.values.isEmpty(at: index) {
                let value = snapshot.values[index]
                report.values.append(
                    WorkbookDocument.Entry(
                        name: template.cells[index].name, value: value, provenance: snapshot.provenance[index]))
            }
            for (t, text) in snapshot.texts.enumerated() where !text.isEmpty {
                report.texts.append(WorkbookDocument.Text(name: template.textCells[t].name, text: text.description))
            }
            report.formulas = snapshot.formulas.map {
                WorkbookDocument.Formula(name: template.cells[$0.0].name, source: $0.1)
            }
            report.definitions = snapshot.definitions.map { WorkbookDocument.Formula(name: $0.0, source: $0.1) }
            document.reports.append(report)
        }
        for case let rule? in userRules {
            guard let report = reports[rule.spec.report] else { continue }
            document.rules.append(
                WorkbookDocument.Rule(
                    name: rule.name, report: report.name, expression: rule.spec.source, severity: rule.spec.severity))
        }
        return document
    }

    /// Rebuilds a workbook from its document; `templates` are the formats its reports may name.
    /// The undo log starts empty.
    public convenience init(document: WorkbookDocument, templates: [ReportTemplate] = ReportTemplate.all)
        throws(EngineError)
    {
        self.init()
        // A batch: no change sets (the caller gets none), each report's totals and rules computed once.
        quiet = true
        defer { quiet = false }
        // Metrics first: each report gets their cells as it loads, so its definitions may read them.
        for metric in document.metrics {
            if let formula = metric.formula {
                metricDefinitions.append(MetricDefinition(name: metric.name, formula: formula))
            } else if let builtIn = GongkaiCore.Metric.named(metric.name) {
                metricDefinitions.append(MetricDefinition(builtIn))
            } else {
                throw .unknownName(metric.name, suggestion: nil)
            }
            userNameHeads.insert(String(GongkaiCore.Metric.cellPrefix.dropLast()))
        }
        // Aliases before the reports, so each report links to its previous year as it loads.
        // Keys as saved (already normalised: normalising again could drop a second ending, `某办公室办公室`).
        for alias in document.aliases {
            guard !alias.body.isEmpty, !alias.other.isEmpty, alias.body != alias.other else {
                throw .invalidName("alias \(alias.body) = \(alias.other)", reason: "two different body names")
            }
            aliases.append(BodyAlias(BodyKey(normalised: alias.body), BodyKey(normalised: alias.other)))
        }
        canonicalBody = Workbook.canonicalBodies(aliases)
        // Reports first (values and texts), so formulas may refer across reports in any order.
        // Cross-report metrics are bound once, after the last report (Workbook+Spanning.swift).
        try deferringRebinds { () throws(EngineError) in
            for report in document.reports {
                guard let template = templates.first(where: { $0.id == report.templateID }) else {
                    throw .invalidValue(report.name, reason: "unknown template ‘\(report.templateID)’")
                }
                var cells = [Value](repeating: .empty, count: template.cells.count)
                var provenance: [Int: Provenance] = [:]
                for entry in report.values {
                    guard let index = template.index(of: entry.name) else {
                        throw .unknownName(report.name + "." + entry.name, suggestion: nil)
                    }
                    cells[index] = entry.value
                    provenance[index] = entry.provenance
                }
                var texts: [String: String] = [:]
                for text in report.texts { texts[text.name] = text.text }
                _ = try loadReport(
                    name: report.name, template: template, cells: cells, provenance: provenance, texts: texts)
            }
        }
        for report in document.reports {
            guard let slot = slotByName[report.name], let state = reports[slot] else { continue }
            for definition in report.definitions where state.userLocal(of: definition.name) == nil {
                try validateUserName(definition.name, in: state)
                state.appendUserName(definition.name)
                pendingNames.insert(CellID(report: slot, local: state.shape.userBase + state.userNames.count - 1).raw)
            }
        }
        defer { pendingNames.removeAll() }
        recorder.reset()
        var installed: [CellID] = []
        for report in document.reports {
            guard let slot = slotByName[report.name], let state = reports[slot] else { continue }
            for formula in report.formulas + report.definitions {
                guard let local = state.local(of: formula.name) else {
                    throw .unknownName(report.name + "." + formula.name, suggestion: nil)
                }
                let id = CellID(report: slot, local: local)
                try setContent(.formula(formula.source), at: id)
                installed.append(id)
            }
        }
        recompute(from: installed)
        recheckRules(for: recorder.writes)
        for rule in document.rules {
            guard let slot = slotByName[rule.report] else { throw .unknownReport(rule.report) }
            current = slot
            _ = try addRule(name: rule.name, expression: rule.expression, severity: rule.severity)
        }
        current = document.currentReport.flatMap { slotByName[$0] } ?? reports.firstIndex { $0 != nil }
        undoLog.removeAll()
        redoLog.removeAll()
        recorder.reset()
    }
}

extension Workbook {
    /// What ``document()`` holds for the template or text cell `reference` names (in `report`, else as typed: the
    /// current report unless qualified); nil for a user name, which is not a single-cell fact.
    ///
    /// The cost of one cell, not of the report: an edit journal asks it after every answer.
    public func documentCell(_ reference: String, in report: String? = nil) throws(EngineError)
        -> WorkbookDocument.Cell?
    {
        let context = try report.map { name throws(EngineError) -> Int in
            guard let slot = slotByName[name] else { throw .unknownReport(name) }
            return slot
        }
        let id = try resolve(reference, context: context)
        guard let state = reports[id.report], id.local < state.shape.userBase else { return nil }
        let template = state.shape.template
        if id.local >= state.shape.cellCount {
            let t = id.local - state.shape.cellCount
            let name = template.textCells[t].name
            let text = state.texts[t]
            return WorkbookDocument.Cell(
                report: state.name, name: name,
                fact: text.isEmpty ? nil : .text(WorkbookDocument.Text(name: name, text: text.description)))
        }
        let name = template.cells[id.local].name
        var fact: WorkbookDocument.Fact?
        if let formula = formula(at: id.raw) {
            fact = .formula(WorkbookDocument.Formula(name: name, source: formula.source))
        } else if state.isEntered(id.local), !state.values[id.local].isEmpty {
            fact = .value(
                WorkbookDocument.Entry(
                    name: name, value: state.values[id.local], provenance: state.provenance(at: id.local)))
        }
        return WorkbookDocument.Cell(report: state.name, name: name, fact: fact)
    }
}
