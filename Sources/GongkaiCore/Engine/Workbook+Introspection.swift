// Introspection for `explain`, completion and export: names, cell information, provenance, texts.

extension Workbook {
    /// The names of a report's cells (the current report when nil): template cells in official order, text cells,
    /// then user names in definition order.
    public func cellNames(report: String? = nil) throws(EngineError) -> [String] {
        let slot = try slot(of: report)
        guard let state = reports[slot] else { throw .noReport }
        return liveLocals(of: state, slot: slot).map { state.name(local: $0) }
    }

    /// The user-defined names of a report (the current report when nil), with their formulas.
    public func definitions(report: String? = nil) throws(EngineError) -> [(name: String, formula: String)] {
        let slot = try slot(of: report)
        guard let state = reports[slot] else { throw .noReport }
        return state.userNames.indices.compactMap { u in
            isMetricCell(state.userNames[u]) ? nil : state.userFormulas[u].map { (state.userNames[u], $0.source) }
        }
    }

    /// Where an entered value came from; nil for computed or empty cells and plain session entries.
    public func provenance(of reference: String) throws(EngineError) -> Provenance? {
        let id = try resolve(reference)
        guard let report = reports[id.report], id.local < report.shape.cellCount, report.isEntered(id.local) else {
            return nil
        }
        return report.provenance(at: id.local) ?? Provenance(origin: .entered)
    }

    /// A report's text cells (`meta.org`, `text.s1`) that hold text, by name (the current report when nil).
    public func texts(report: String? = nil) throws(EngineError) -> [String: String] {
        let slot = try slot(of: report)
        guard let state = reports[slot] else { throw .noReport }
        var texts: [String: String] = [:]
        for (t, cell) in state.template.textCells.enumerated() where !state.texts[t].isEmpty {
            texts[cell.name] = state.texts[t].description
        }
        return texts
    }

    /// Everything about one cell: labels, value, whether entered, provenance, formula, precedents, dependents, rules.
    public func info(of reference: String) throws(EngineError) -> CellInfo {
        let id = try resolve(reference)
        guard let report = reports[id.report] else { throw .unknownName(reference, suggestion: nil) }
        let slot = id.report
        let local = id.local
        let shape = report.shape
        let formula = self.formula(at: id.raw)
        var kind = CellInfo.Kind.user
        var rowLabels: [String] = []
        var columnLabels: [String] = []
        var unit: CellUnit?
        var precedents: [String] = formula?.compiled.dependencies.map { name(of: $0, context: slot) } ?? []
        var readers: [String] = []
        var rules: [String] = []
        var formulaText = formula?.source
        if local < shape.cellCount {
            let cell = report.template.cells[local]
            kind = cell.isTotal ? .total : .input
            rowLabels = cell.rowLabels
            columnLabels = cell.columnLabels
            unit = cell.unit
            if formula == nil, cell.isTotal, !report.isEntered(local) {
                let parts = cell.totalOf.map { report.template.cells[$0].name }
                precedents = parts
                formulaText = parts.joined(separator: " + ")
            }
            readers = shape.usedByTotals[local].map { report.template.cells[Int($0)].name }
            rules = shape.equalitiesOf[local].map { report.template.equalities[Int($0)].name } + ["domain"]
            if report.lastYear != nil {
                rules += shape.crossAsThisYear[local].map { shape.crossPairs[Int($0)].name }
            }
            let laters = laterReports
            for later in laters[slot] ?? [] {
                guard let laterReport = reports[later] else { continue }
                rules += laterReport.crossPairs(readingLastYear: local, of: report).map {
                    laterReport.name + "." + laterReport.shape.crossPairs[Int($0)].name
                }
            }
        } else if local < shape.userBase {
            kind = .text
            rowLabels = [report.template.textCells[local - shape.cellCount].label]
        }
        readers += formulaReaders(of: id.raw).map { name(of: $0, context: slot) }
        let ruleReaders = ruleDependents  // read through a copy: see Support/Exclusivity.swift
        for rule in ruleReaders.rules(reading: id.raw) {
            if let userRule = userRules[rule] { rules.append(userRule.name) }
        }
        return CellInfo(
            report: report.name, name: report.name(local: local), kind: kind, rowLabels: rowLabels,
            columnLabels: columnLabels, unit: unit, value: report.value(local: local),
            isEntered: local < shape.cellCount
                ? report.isEntered(local) : (local < shape.userBase && !report.value(local: local).isEmpty),
            provenance: local < shape.cellCount && report.isEntered(local)
                ? report.provenance(at: local) ?? Provenance(origin: .entered) : nil,
            formula: formulaText,
            sum: local < shape.cellCount && !shape.totalParts[local].isEmpty
                ? Workbook.total(of: shape.totalParts[local], in: report.values) : nil,
            precedents: precedents, dependents: readers, rules: rules)
    }

    /// The slot of a named report, or of the current report when nil.
    func slot(of report: String?) throws(EngineError) -> Int {
        if let report {
            guard let slot = slotByName[report] else { throw .unknownReport(report) }
            return slot
        }
        guard let current else { throw .noReport }
        return current
    }
}
