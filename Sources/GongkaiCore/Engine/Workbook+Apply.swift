// Applying operations. Each `apply` validates before it mutates, records what changed, rechecks the rules touching
// changed cells, and returns the change set with the inverse operation (for the undo log).

extension Workbook {
    func apply(_ operation: Operation) throws(EngineError) -> (ChangeSet, Operation) {
        recorder.reset()
        let inverse = try applyStep(operation)
        recheckRules(for: recorder.writes)
        return (quiet ? ChangeSet() : changeSet(), inverse)
    }

    func applyStep(_ operation: Operation) throws(EngineError) -> Operation {
        switch operation {
        case .cells(let edits): return try applyCells(edits)
        case .cell(let edit): return try applyCell(edit)
        case .definition(let slot, let name, let source): return try applyDefinition(slot, name, source)
        case .rule(let name, let spec): return try applyRule(name, spec)
        case .restoreReport(let snapshot): return try restore(snapshot)
        case .removeReport(let slot): return try remove(slot)
        case .unloadReport(let slot):
            let own = ownRules(of: slot).map { Operation.rule(name: $0, spec: nil) }
            return try own.isEmpty ? remove(slot) : applyStep(.batch(own + [.removeReport(slot: slot)]))
        case .metric(let name, let definition): return try applyMetric(name, definition)
        case .alias(let alias, let add): return try applyAlias(alias, add: add)
        case .batch(let steps):
            // An outermost batch of definitions (``define(_:)``, its undo and redo) recomputes their cells once,
            // after its last step: one walk of the graph for a chain of a million definitions, not one per
            // definition. (Other steps read values as they go: a batch of them recomputes step by step.)
            let outermost =
                deferredSeeds == nil && steps.allSatisfy { if case .definition = $0 { true } else { false } }
            if outermost { deferredSeeds = [] }
            var inverses: [Operation] = []
            inverses.reserveCapacity(steps.count)
            do {
                for index in steps.indices {
                    // A definition's parts read where the step lies: no copy of the step, no second dispatch.
                    if case .definition(let slot, let name, let source) = steps[index] {
                        inverses.append(try applyDefinition(slot, name, source))
                    } else {
                        inverses.append(try applyStep(steps[index]))
                    }
                }
            } catch {
                // Undo the steps already applied; each inverse returns to a state that was valid a moment ago, and
                // recomputes at once. The cells deferred so far are recomputed after them.
                let deferred = outermost ? takeDeferredSeeds() : []
                for inverse in inverses.reversed() { _ = try? applyStep(inverse) }
                if !deferred.isEmpty { recompute(from: deferred) }
                recheckRules(for: recorder.writes)
                recorder.reset()
                throw error
            }
            if outermost {
                let deferred = takeDeferredSeeds()
                if !deferred.isEmpty { recompute(from: deferred) }
            }
            inverses.reverse()  // in place: a million definitions' inverses are not copied
            return .batch(inverses)
        }
    }

    /// The cells deferred by the batch in progress (``deferredSeeds``), ending the deferral.
    func takeDeferredSeeds() -> [CellID] {
        let seeds = deferredSeeds ?? []
        deferredSeeds = nil
        return seeds
    }

    /// Recomputes from a cell whose formula was just set, or defers that to the end of the batch in progress.
    func recomputeOrDefer(from id: CellID) {
        guard var seeds = deferredSeeds else { return recompute(from: CollectionOfOne(id)) }
        deferredSeeds = nil  // moved out and back: see Support/Exclusivity.swift
        seeds.append(id)
        deferredSeeds = seeds
    }

    // MARK: Cells

    func applyCells(_ edits: [CellEdit]) throws(EngineError) -> Operation {
        var inverse: [CellEdit] = []
        inverse.reserveCapacity(edits.count)
        do {
            for edit in edits {
                let old = content(of: edit.id)
                try setContent(edit.content, at: edit.id)
                inverse.append(CellEdit(id: edit.id, content: old))
            }
        } catch {
            // Restore the edits already made; they return cells to contents that were valid a moment ago.
            for edit in inverse.reversed() { try? setContent(edit.content, at: edit.id) }
            recompute(from: inverse.map(\.id))
            recorder.reset()
            throw error
        }
        recompute(from: edits.lazy.map(\.id))
        inverse.reverse()
        return .cells(inverse)
    }

    /// ``applyCells(_:)`` for one edit.
    func applyCell(_ edit: CellEdit) throws(EngineError) -> Operation {
        let old = content(of: edit.id)
        do {
            try setContent(edit.content, at: edit.id)  // a refused content changes nothing
        } catch {
            recorder.reset()
            throw error
        }
        recompute(from: CollectionOfOne(edit.id))
        return .cell(CellEdit(id: edit.id, content: old))
    }

    /// What a cell holds as the user gave it.
    func content(of id: CellID) -> CellContent {
        if let formula = formula(at: id.raw) { return .formula(formula.source) }
        guard let report = reports[id.report] else { return .empty }
        let local = id.local
        if local < report.shape.cellCount {
            guard report.isEntered(local) else { return .empty }
            return .entered(
                report.values[local], provenance: report.provenance(at: local))
        }
        let value = report.value(local: local)
        return value.isEmpty ? .empty : .entered(value, nil)
    }

    /// Installs a cell's content; a formula is compiled and checked for cycles before anything changes.
    /// Values of computing cells are left to `recompute`.
    func setContent(_ content: CellContent, at id: CellID) throws(EngineError) {
        guard let report = reports[id.report] else {
            throw .unknownName(name(of: id.raw, context: nil), suggestion: nil)
        }
        let local = id.local
        if case .formula(let source) = content { return try enterFormula(source, at: id, in: report) }
        guard local < report.shape.userBase else {
            throw .notAllowed(name(of: id.raw, context: current), reason: "use undefine to remove a user name")
        }
        uninstallFormula(at: id)
        switch content {
        case .entered(let value, let box):
            let provenance = box?.provenance
            if local < report.shape.cellCount {
                report.setContentFlags(ReportState.entered, at: local)
                report.setProvenance(provenance, at: local)
            }
            write(value, at: id, in: report)
        case .empty, .formula:
            if local < report.shape.cellCount {
                report.setContentFlags(0, at: local)
                report.setProvenance(nil, at: local)
                if report.shape.totalParts[local].isEmpty { write(.empty, at: id, in: report) }
            } else {
                write(.empty, at: id, in: report)
            }
        }
    }

    /// ``setContent(_:at:)`` for a formula, in `id`'s report (`report`): compiled and checked for cycles before
    /// anything changes. `fresh`: the cell is a user name just added, without a formula to uninstall.
    func enterFormula(_ source: String, at id: CellID, in report: ReportState, fresh: Bool = false)
        throws(EngineError)
    {
        let compiled = try compileChecked(source, at: id)
        if !fresh { uninstallFormula(at: id) }
        install(FormulaCell(source: source, compiled: compiled), at: id)
        if id.local < report.shape.cellCount {
            report.setContentFlags(ReportState.hasFormula, at: id.local)
            report.setProvenance(nil, at: id.local)
        }
    }

    /// Compiles a formula for cell `id` (names resolve in its report) and refuses a cycle.
    func compileChecked(_ source: String, at id: CellID) throws(EngineError) -> CompiledFormula {
        var (compiled, patterns) = try collectingPatterns { () throws(EngineError) in
            try compileFormula(source, context: id.report)
        }
        compiled.reportPatterns = patterns
        // A cycle exists if the cell already (transitively) feeds one of its new precedents.
        if let path = path(from: id.raw, to: compiled.dependencies) {
            // `path` runs along "is read by": id → … → p, and id reads p. Print it as "depends on": id → p → … → id.
            let names = ([path[0]] + path.dropFirst().reversed()).map { name(of: $0, context: current) }
            throw .cycle(path: names + [name(of: id.raw, context: current)])
        }
        return compiled
    }

    func install(_ formula: FormulaCell, at id: CellID) {
        setFormula(formula, at: id.raw)
        if !formula.compiled.reportPatterns.isEmpty { spanning.cells[id.raw] = formula.compiled.reportPatterns }
        for precedent in formula.compiled.dependencies { addReader(id.raw, of: precedent) }
    }

    func uninstallFormula(at id: CellID) {
        guard let formula = formula(at: id.raw) else { return }
        setFormula(nil, at: id.raw)
        if !formula.compiled.reportPatterns.isEmpty { spanning.cells[id.raw] = nil }
        for precedent in formula.compiled.dependencies { removeReader(id.raw, of: precedent) }
    }

    /// The formulas and rules reading a cell, by name.
    func readers(of raw: Int, context: Int?) -> [String] {
        let ruleReaders = ruleDependents  // read through a copy: see Support/Exclusivity.swift
        return formulaReaders(of: raw).map { name(of: $0, context: context) }
            + ruleReaders.rules(reading: raw).compactMap { userRules[$0]?.name }
    }

    // MARK: Definitions

    func applyDefinition(_ slot: Int, _ name: String, _ source: String?) throws(EngineError) -> Operation {
        guard let report = reports[slot] else { throw .noReport }
        guard let source else {
            let existing = report.userLocal(of: name).map { CellID(report: slot, local: $0) }
            let oldSource = existing.flatMap { formula(at: $0.raw)?.source }
            guard let id = existing, oldSource != nil else { throw .unknownName(name, suggestion: nil) }
            let users = readers(of: id.raw, context: slot)
            guard users.isEmpty else { throw .inUse(name, by: users) }
            uninstallFormula(at: id)
            write(.empty, at: id, in: report)
            return .definition(report: slot, name: name, source: oldSource)
        }
        // A new name is added by its lookup (one hash), and taken back if it is refused.
        let (local, added) = report.userLocal(addingIfNew: name)
        let id = CellID(report: slot, local: local)
        let oldSource = added ? nil : formula(at: id.raw)?.source
        do {
            if added { try validateUserName(name, in: report) }
            try enterFormula(source, at: id, in: report, fresh: added)
        } catch {
            if added { report.removeLastUserName() }
            throw error
        }
        recomputeOrDefer(from: id)
        return .definition(report: slot, name: name, source: oldSource)
    }

    // MARK: Reports

    func restore(_ snapshot: ReportSnapshot) throws(EngineError) -> Operation {
        guard slotByName[snapshot.name] == nil else { throw .duplicate(snapshot.name) }
        let slot = snapshot.slot
        guard slot == reports.count || (slot < reports.count && reports[slot] == nil) else {
            throw .duplicate(snapshot.name)
        }
        let report = ReportState(name: snapshot.name, shape: snapshot.shape)
        let shape = snapshot.shape
        // The report's arrays are built in locals and stored once: no per-cell access to the report's storage.
        var values = snapshot.values.count == 0 ? report.values : snapshot.values
        var flags = report.flags
        report.values = CellValues()
        report.flags = []
        if snapshot.values.count != 0 {
            for index in values.indices where !values.isEmpty(at: index) { flags[index] = ReportState.entered }
        }
        // Totals in dependency order: the fast path for a fresh report.
        for total in shape.totalOrder where flags[Int(total)] & ReportState.entered == 0 {
            values[Int(total)] = Workbook.total(of: shape.totalParts[Int(total)], in: values)
        }
        report.values = values
        report.flags = flags
        report.provenance = snapshot.provenance
        report.texts = snapshot.texts
        var all = take(&reports)  // moved out and back: see Support/Exclusivity.swift
        if slot == all.count { all.append(report) } else { all[slot] = report }
        reports = all
        slotByName[snapshot.name] = slot
        if current == nil { current = slot }
        if !quiet {
            for local in 0..<shape.userBase where !report.value(local: local).isEmpty {
                recorder.noteCell(CellID(report: slot, local: local).raw, old: .empty)
            }
        }
        // User names first (so formulas may name each other), then formulas; the workbook's metrics after the
        // report's own names (a metric whose formula cannot be bound in this report is left out of it).
        let metrics = metricDefinitions.map { (Metric.cellName($0.name), $0.formula) }
        for (name, _) in snapshot.definitions + metrics {
            report.appendUserName(name)
            pendingNames.insert(CellID(report: slot, local: shape.userBase + report.userNames.count - 1).raw)
        }
        defer { pendingNames.removeAll() }
        var installed: [CellID] = []
        do {
            for (index, source) in snapshot.formulas {
                let id = CellID(report: slot, local: index)
                try setContent(.formula(source), at: id)
                installed.append(id)
            }
            for (name, source) in snapshot.definitions {
                guard let local = report.userLocal(of: name) else { continue }
                let id = CellID(report: slot, local: local)
                try setContent(.formula(source), at: id)
                installed.append(id)
            }
            for (name, source) in metrics {
                guard let local = report.userLocal(of: name) else { continue }
                let id = CellID(report: slot, local: local)
                do {
                    try setContent(.formula(source), at: id)
                    installed.append(id)
                } catch {
                    pendingNames.remove(id.raw)
                }
            }
            // Every name is installed or left out by now: the formulas over reports bind to what exists.
            pendingNames.removeAll()
            try rebindSpanning(after: snapshot.name, slot: slot)
        } catch {
            for id in installed { uninstallFormula(at: id) }
            var all = take(&reports)
            if slot == all.count - 1 { all.removeLast() } else { all[slot] = nil }
            reports = all
            slotByName[snapshot.name] = nil
            if current == slot { current = reports.firstIndex { $0 != nil } }
            recorder.reset()
            throw error
        }
        if !installed.isEmpty { recompute(from: installed) }
        evaluateAllRules(of: slot, appearing: true)
        recorder.freshSlot = slot
        relink(slot)
        return .removeReport(slot: slot)
    }

    func remove(_ slot: Int) throws(EngineError) -> Operation {
        guard let report = reports[slot] else { throw .noReport }
        // Refuse while anything outside the report reads it (other than through a cross-report pattern, which is
        // bound again without it), or a user rule is listed with it.
        var users = externalReaders(of: slot).compactMap { reader -> String? in
            guard spanning.cells[reader] != nil, let formula = formula(at: reader),
                readsOnlyThroughPatterns(formula.source, context: CellID(raw: reader).report, without: slot)
            else { return name(of: reader, context: nil) }
            return nil
        }
        for (id, rule) in userRules.enumerated() {
            guard let rule else { continue }
            if rule.spec.report == slot {
                users.append(rule.name)
            } else if rule.condition.reads(where: { CellID(raw: $0).report == slot }),
                spanning.rules[id] == nil
                    || !readsOnlyThroughPatterns(rule.spec.source, context: rule.spec.report, without: slot)
            {
                users.append(rule.name)
            }
        }
        guard users.isEmpty else { throw .inUse(report.name, by: Array(Set(users)).sorted()) }
        let snapshot = self.snapshot(of: report, slot: slot)
        // Unlink cross-year pairs first so their rules are recorded as gone.
        unlink(slot)
        for local in 0..<(report.shape.userBase + report.userNames.count) {
            uninstallFormula(at: CellID(report: slot, local: local))
        }
        var all = take(&reports)
        all[slot] = nil
        reports = all
        slotByName[report.name] = nil
        if current == slot { current = reports.firstIndex { $0 != nil } }
        for raw in spanning.cells.keys where CellID(raw: raw).report == slot { spanning.cells[raw] = nil }
        // Fewer cells to bind can close no cycle: a rebind after an unload does not fail.
        try? rebindSpanning(after: report.name, slot: slot)
        return .restoreReport(snapshot)
    }

    /// A report as data.
    func snapshot(of report: ReportState, slot: Int) -> ReportSnapshot {
        var values = CellValues(count: report.shape.cellCount)
        var formulaList: [(Int, String)] = []
        for index in 0..<report.shape.cellCount {
            if report.isEntered(index) { values[index] = report.values[index] }
            if let formula = formula(at: CellID(report: slot, local: index).raw) {
                formulaList.append((index, formula.source))
            }
        }
        var definitions: [(String, String)] = []
        for (u, name) in report.userNames.enumerated() where !isMetricCell(name) {
            if let formula = formula(at: CellID(report: slot, local: report.shape.userBase + u).raw) {
                definitions.append((name, formula.source))
            }
        }
        var snapshot = ReportSnapshot(
            name: report.name, slot: slot, shape: report.shape, values: values, provenance: report.provenance,
            texts: report.texts)
        snapshot.formulas = formulaList
        snapshot.definitions = definitions
        return snapshot
    }
}
