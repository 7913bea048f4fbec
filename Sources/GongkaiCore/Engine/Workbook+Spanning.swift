// Formulas and rules over the loaded reports (`sum(*.t3.new.total)`, `median(洪泽区*.t3.new.total)`): bound, like
// every formula, to cell ids when defined, and bound again when a report their report pattern matches is loaded
// or unloaded, so that an aggregate always spans exactly the reports in the workbook.
//
// The index keeps, for each such formula cell and user rule, the report patterns it was bound with. A load or an
// unload rebinds only the entries whose patterns match that report's name; a bulk load (``deferringRebinds(_:)``)
// rebinds each entry once at the end instead of once per report.

/// The formula cells and user rules whose references span reports, and the state of a rebind in progress.
struct SpanningIndex {
    /// Raw formula cell id → the report patterns of its cross-report references.
    var cells: [Int: [Reference.Segment]] = [:]
    /// User rule id → the report patterns of its cross-report references.
    var rules: [Int: [Reference.Segment]] = [:]
    /// While a formula compiles: the report patterns its references resolved across reports.
    var collecting: [Reference.Segment]?
    /// While rebinding: a cross-report reference that matches no report denotes no cells (its aggregate is that
    /// of nothing) instead of being an error, so unloading the last matching report keeps the formula.
    var allowsEmpty = false
    /// While checking whether a report may be unloaded: the slot treated as gone.
    var excluded: Int?
    /// Nesting depth of ``Workbook/deferringRebinds(_:)``, and the report names loaded or unloaded meanwhile.
    var deferDepth = 0
    var deferredNames: [String] = []

    var isEmpty: Bool { cells.isEmpty && rules.isEmpty }
}

extension Workbook {
    /// Runs `body` (loading many reports) with cross-report formulas rebound once at the end rather than after each
    /// report: for K such formulas and N reports, K rebinds of N reports instead of N × K. Inside, their values
    /// leave out the reports loaded meanwhile; at the end every value, rule and status is as if each load had
    /// rebound. Nests. Throws what a rebind throws (a cycle the new reports close); the loads stay.
    public func deferringRebinds<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        spanning.deferDepth += 1
        defer {
            spanning.deferDepth -= 1
            if spanning.deferDepth == 0, !spanning.deferredNames.isEmpty {
                let names = spanning.deferredNames
                spanning.deferredNames = []
                recorder.reset()
                // A cycle here would need a restored report whose own formulas read an aggregate over itself; the
                // formula keeps its earlier binding and the next edit of it reports the cycle.
                try? rebindSpanning(matchingAny: names)
                recheckRules(for: recorder.writes)
                recorder.reset()
            }
        }
        return try body()
    }

    /// Rebinds the cross-report formulas and rules whose report patterns match `name` (a report just loaded or
    /// unloaded), all or none: on an error every rebound formula is put back and the error thrown. The formulas of
    /// the report in `slot` itself were bound just now and are left as they are.
    func rebindSpanning(after name: String, slot: Int) throws(EngineError) {
        guard !spanning.isEmpty else { return }
        if spanning.deferDepth > 0 {
            spanning.deferredNames.append(name)
            return
        }
        try rebindSpanning(matchingAny: [name], except: slot)
    }

    func rebindSpanning(matchingAny names: [String], except slot: Int? = nil) throws(EngineError) {
        let matches = { (patterns: [Reference.Segment]) in
            patterns.contains { pattern in names.contains { Reference.segment(pattern, matches: $0) } }
        }
        let cells = spanning.cells.filter { CellID(raw: $0.key).report != slot && matches($0.value) }.keys.sorted()
        let rules = spanning.rules.filter { matches($0.value) }.keys.sorted()
        spanning.allowsEmpty = true
        defer { spanning.allowsEmpty = false }
        var replaced: [(CellID, FormulaCell)] = []
        for raw in cells {
            let id = CellID(raw: raw)
            guard let old = formula(at: raw) else { continue }
            let compiled: CompiledFormula
            do {
                compiled = try compileChecked(old.source, at: id)
            } catch {
                for (id, formula) in replaced.reversed() {
                    uninstallFormula(at: id)
                    install(formula, at: id)
                }
                throw error
            }
            guard compiled.dependencies != old.compiled.dependencies else { continue }
            uninstallFormula(at: id)
            install(FormulaCell(source: old.source, compiled: compiled), at: id)
            replaced.append((id, old))
        }
        if !replaced.isEmpty { recompute(from: replaced.map(\.0)) }
        for id in rules {
            guard let rule = userRules[id],
                let condition = try? compileRuleCondition(rule.spec),
                condition.dependencies != rule.condition.dependencies
            else { continue }
            removeRuleEdges(id, rule.condition.dependencies)
            userRules[id] = UserRule(name: rule.name, spec: rule.spec, condition: condition, status: rule.status)
            addRuleEdges(id, condition.dependencies)
            setStatus(evaluateStatus(of: .user(id)) ?? .error, of: .user(id))
        }
    }

    /// Compiles a user rule's condition in its report, collecting its cross-report patterns.
    func compileRuleCondition(_ spec: UserRule.Spec) throws(EngineError) -> CompiledCondition {
        if let sums = spec.sums { return try compileSums(sums, report: spec.report) }
        var (condition, patterns) = try collectingPatterns { () throws(EngineError) in
            try FormulaBridge.compileCondition(
                spec.source, candidates: { self.candidateNames(context: spec.report) }
            ) { (reference) throws(EngineError) in
                try self.resolveAll(reference, context: spec.report)
            }
        }
        condition.reportPatterns = patterns
        return condition
    }

    /// Runs `body` (a compilation) and returns with its result the report patterns of the references it bound
    /// (``SpanningIndex/collecting``); a compilation inside another collects apart from it.
    func collectingPatterns<T>(_ body: () throws(EngineError) -> T) throws(EngineError) -> (T, [Reference.Segment]) {
        let outer = spanning.collecting
        spanning.collecting = []
        defer { spanning.collecting = outer }
        let result = try body()
        return (result, spanning.collecting ?? [])
    }

    /// The condition of a rule given as sums of cells: evaluated exactly as its source `a + b = c + d` would be,
    /// without lexing, parsing or resolving template cell names; the sides, as local ids, shared with every report
    /// whose rule has the same (``LocalSums``, cached in `localSums`).
    func compileSums(_ sums: RuleSums, report slot: Int) throws(EngineError) -> CompiledCondition {
        func side(_ terms: [RuleSums.Term]) throws(EngineError) -> [Int32] {
            var locals: [Int32] = []
            locals.reserveCapacity(terms.count)
            for term in terms {
                switch term {
                case .cell(let index): locals.append(Int32(index))
                case .name(let name):
                    let id = try resolve(name, context: slot)
                    guard id.report == slot, let local = Int32(exactly: id.local) else {
                        throw .invalidValue(name, reason: "not a cell of the rule's report")
                    }
                    locals.append(local)
                }
            }
            guard !locals.isEmpty else { throw .invalidValue("rule", reason: "an empty side") }
            return locals
        }
        let key = LocalSums.Key(left: try side(sums.left), right: try side(sums.right))
        if let shared = localSums[key] { return CompiledCondition(sums: shared, report: slot) }
        let shared = LocalSums(left: key.left, right: key.right)
        localSums[key] = shared
        return CompiledCondition(sums: shared, report: slot)
    }

    /// Whether the formula cell or user rule reading a report's cells reads them only through cross-report
    /// patterns, so that unloading the report rebinds it rather than being refused.
    func readsOnlyThroughPatterns(_ source: String, context: Int, without slot: Int) -> Bool {
        spanning.excluded = slot
        spanning.allowsEmpty = true
        defer {
            spanning.excluded = nil
            spanning.allowsEmpty = false
        }
        guard let compiled = try? compileFormula(source, context: context) else { return false }
        return !compiled.dependencies.contains { CellID(raw: $0).report == slot }
    }
}

/// The values of the formulas over reports at one moment (``Workbook/spanningSnapshot()``).
public struct SpanningSnapshot: Sendable {
    let values: [Int: Value]
}

extension Workbook {
    /// The current values of the formula cells whose references span reports: taken before a bulk load (which
    /// builds no change set) to say afterwards which aggregates it moved (``changes(since:)``). The cost of those
    /// cells, a handful.
    public func spanningSnapshot() -> SpanningSnapshot {
        SpanningSnapshot(values: spanning.cells.keys.reduce(into: [:]) { $0[$1] = valueOf($1) })
    }

    /// The formula cells over reports whose value differs from `snapshot` (new ones from empty), in cell order.
    public func changes(since snapshot: SpanningSnapshot) -> ChangeSet {
        var cells: [CellChange] = []
        for raw in spanning.cells.keys.sorted() {
            let id = CellID(raw: raw)
            guard let report = reports[id.report] else { continue }
            let old = snapshot.values[raw] ?? .empty
            let new = valueOf(raw)
            if old != new {
                cells.append(CellChange(report: report.name, name: report.name(local: id.local), old: old, new: new))
            }
        }
        return ChangeSet(cells: cells)
    }
}
