/// The session state: reports side by side, their cells, user formulas and names, rules, and the undo log.
///
/// Pure and deterministic. Every mutating call returns a ``ChangeSet`` (values that changed, rules that broke or
/// healed) and is one undo step; a call that throws leaves the workbook exactly as it was.
///
/// ```swift
/// let book = Workbook()
/// _ = try book.loadReport(name: "sy2023", template: .official2021, values: values, texts: texts)
/// let changes = try book.set("t3.new.natural", .value(8))
/// changes.broken.map(\.name)  // ["t3.balance.natural", "t3.balance.total", "t3.rowsum.new"]
/// ```
public final class Workbook {
    /// Reports by slot; a removed report leaves `nil` so slots (and cell ids) stay stable.
    var reports: [ReportState?] = []
    var slotByName = NameIndex()
    var current: Int?
    /// Dependency structures, one per template id, shared by all reports on that template.
    var shapes: [String: TemplateShape] = [:]

    /// User formulas on template cells, by raw cell id (user names keep theirs in their report's arrays).
    var formulas: [Int: FormulaCell] = [:]
    /// Raw precedent id → raw ids of formula cells reading it, for template and text cells (user names keep
    /// their readers in their report's arrays).
    var dependents: [Int: [Int]] = [:]
    /// How many formula edges exist: zero means recalculation can skip every formula lookup.
    var edgeCount = 0

    /// User rules by id; `nil` once dropped.
    var userRules: [UserRule?] = []
    var userRuleByName = NameIndex()
    /// Report slot → ids of the user rules listed with it, ascending: a report's rules without a scan of every rule.
    var userRulesOfReport: [Int: [Int]] = [:]
    /// Raw cell id → user rules reading it.
    var ruleDependents = RuleReaders()
    /// The rules of printed subtotals, by template, table, row and column (``subtotalRules(_:table:row:column:)``).
    var subtotalRuleCache: [String: [SubtotalRule]] = [:]
    /// The sides of rules given as sums of cells, shared by the reports whose rules have the same
    /// (``compileSums(_:report:)``).
    var localSums: [LocalSums.Key: LocalSums] = [:]
    /// Provenance notes shared by the reports that have them (``sharedNote(_:)``), at most `notePoolLimit`.
    var notePool: Set<String> = []
    static let notePoolLimit = 65_536

    /// Cross-year pairing (Workbook+CrossYear.swift): reports by (body, year), and for each earlier report the later
    /// ones linked to it.
    var reportsByBodyYear: [BodyYear: [Int]] = [:]
    /// Reports by body, any year, in slot order: the years of one body (`.trend`).
    var reportsByBody: [BodyKey: [Int]] = [:]
    /// Per trailing unit and year, the longer bodies ending with it and how many reports each has
    /// (`洪泽区`, 2024 → [`淮安市洪泽区`: 1]): a body whose name is longer found without a scan.
    var bodiesByTrailingUnit: [BodyYear: [BodyKey: Int]] = [:]
    /// The same, any year: the longer bodies ending with a unit (`.trend 洪泽区` with only 淮安市洪泽区 loaded).
    var bodiesByUnit: [BodyKey: [BodyKey: Int]] = [:]
    var laterReports: [Int: [Int]] = [:]
    /// Aliases declared by the user (`.alias`), in the order they came in, and what each aliased key stands for
    /// (the smallest key of its group).
    var aliases: [BodyAlias] = []
    var canonicalBody: [BodyKey: BodyKey] = [:]

    var undoLog: [Operation] = []
    var redoLog: [Operation] = []
    /// What the mutation in progress changed: first old value per cell, first old status per rule.
    let recorder = Recorder()
    /// Reused DFS scratch space, and the number of the current walk (cells carry the number of their last visit).
    var scratch = Scratch()
    var epoch: UInt32 = 0
    /// Rule marks of user rules (by id) for the recorder and the recheck, and the number of the current recheck.
    var userRuleNoted: [UInt32] = []
    var userRuleTouched: [UInt32] = []
    var touchEpoch: UInt32 = 0
    /// First segments of dotted user names in any report (`t3` of `t3.result.denied.natural`): not usable as report
    /// names.
    var userNameHeads = NameIndex()
    /// The metrics in the workbook, in the order they came in: each is the named cell `m.NAME` of every report.
    var metricDefinitions: [MetricDefinition] = []
    /// User names being restored (a report or a document): they resolve before their formulas are installed, so
    /// definitions may refer to one another in any order.
    var pendingNames: Set<Int> = []
    /// Inside ``withoutChangeSets(_:)``: mutations build no change set (see Workbook+Batch.swift).
    var quiet = false
    /// Inside a batch of steps (``Operation/batch(_:)``): the cells of the definitions made so far, recomputed
    /// together after the last step instead of one by one (Workbook+Apply.swift); nil outside a batch.
    var deferredSeeds: [CellID]?
    /// The formulas and rules over the loaded reports, rebound on every load and unload (Workbook+Spanning.swift).
    var spanning = SpanningIndex()

    /// An empty workbook.
    public init() {}

    // MARK: Reports

    /// The loaded reports' names, in load order.
    public var reportNames: [String] { reports.compactMap { $0?.name } }

    /// The report unqualified names refer to; the first loaded report until another is selected.
    public var currentReport: String? { current.flatMap { reports[$0]?.name } }

    /// Makes `name` the current report.
    public func selectReport(_ name: String) throws(EngineError) {
        guard let slot = slotByName[name] else { throw .unknownReport(name) }
        current = slot
    }

    /// The template a report is built on.
    public func template(of report: String) throws(EngineError) -> ReportTemplate {
        try state(named: report).template
    }

    /// Adds an empty report (every cell empty, totals computing) and makes it current if none is.
    public func addReport(name: String, template: ReportTemplate) throws(EngineError) -> ChangeSet {
        try loadReport(name: name, template: template, cells: [], provenance: [:], texts: [:])
    }

    /// Loads a report's values as *entered* values (published totals included), as one undo step.
    ///
    /// `values` maps `TemplateCell.index` to a value and its provenance; `texts` maps text cell names
    /// (`meta.org`, `text.s1`) to their text.
    ///
    /// `subtotals`: groups the report printed as one row without their items (洪泽区's （六）其他处理), loaded in the same
    /// undo step as named cells of the report (`t3.result.other.natural = 0`) with, per column, two error rules: the
    /// subtotal equals its items (`REPORT.subtotal.result.other.natural`, incomplete while the items are empty), and
    /// every template equality that sums all the items holds with the subtotal in their place
    /// (`REPORT.t3.colsum.natural.result.other`: （七）总计 = the other results + the subtotal).
    public func loadReport(
        name: String, template: ReportTemplate, values: [Int: (Value, Provenance)], texts: [String: String],
        subtotals: [PrintedSubtotal] = []
    ) throws(EngineError) -> ChangeSet {
        var cells = [Value](repeating: .empty, count: template.cells.count)
        var provenance = ProvenanceTable(cellCount: template.cells.count)
        for (index, (value, origin)) in values {
            guard cells.indices.contains(index) else {
                throw .invalidValue("#\(index)", reason: "no such cell in template \(template.id)")
            }
            cells[index] = value
            if !origin.isSessionDefault { provenance.set(origin, at: index) }
        }
        provenance.shareNotes(sharedNote)
        return try loadReport(
            name: name, template: template, cells: cells, provenance: provenance, texts: texts, subtotals: subtotals)
    }

    /// Loads a report from values in official cell order (`.empty` = nothing entered), as one undo step.
    ///
    /// The fast path for bulk loads: `cells` is empty or has one value per template cell.
    public func loadReport(
        name: String, template: ReportTemplate, cells: [Value], provenance: [Int: Provenance] = [:],
        texts: [String: String] = [:], subtotals: [PrintedSubtotal] = []
    ) throws(EngineError) -> ChangeSet {
        return try loadReport(
            name: name, template: template, cells: cells,
            provenance: ProvenanceTable(cellCount: template.cells.count, provenance), texts: texts, subtotals: subtotals
        )
    }

    /// ``loadReport(name:template:cells:provenance:texts:subtotals:)`` with the provenance already compact (session
    /// defaults left out).
    func loadReport(
        name: String, template: ReportTemplate, cells: [Value], provenance: ProvenanceTable,
        texts: [String: String], subtotals: [PrintedSubtotal]
    ) throws(EngineError) -> ChangeSet {
        try validateReportName(name)
        guard cells.isEmpty || cells.count == template.cells.count else {
            throw .invalidValue(name, reason: "\(cells.count) values for \(template.cells.count) cells")
        }
        let shape = shape(for: template)
        for (index, value) in cells.enumerated() where !value.isEmpty {
            try validate(value, forCell: index, shape: shape)
        }
        var textValues = [Value](repeating: .empty, count: template.textCells.count)
        for (key, text) in texts {
            guard let local = shape.textIndex[key] else {
                throw .unknownName(
                    key, suggestion: FormulaBridge.nearestName(to: key, in: template.textCells.map(\.name)))
            }
            textValues[local - shape.cellCount] = text.isEmpty ? .empty : .text(text)
        }
        let snapshot = ReportSnapshot(
            name: name, slot: reports.count, shape: shape, values: CellValues(cells),
            provenance: provenance, texts: textValues)
        guard !subtotals.isEmpty else { return try perform(.restoreReport(snapshot)) }
        var operations: [Operation] = [.restoreReport(snapshot)]
        for subtotal in subtotals {
            operations += try subtotalOperations(subtotal, report: name, slot: snapshot.slot, template: template)
        }
        // Undone by removing the report with its own rules: one step in the log, not one per rule and name.
        return try perform(.batch(operations), inverse: .unloadReport(slot: snapshot.slot))
    }

    /// The one copy of an importer's note kept for all reports (the same few notes recur from report to report:
    /// "placed at … by template row order"); the pool is bounded, beyond it notes are kept as they come.
    func sharedNote(_ note: String) -> String {
        if notePool.count < Workbook.notePoolLimit { return notePool.insert(note).memberAfterInsert }
        return notePool.firstIndex(of: note).map { notePool[$0] } ?? note
    }

    /// Removes a report, with the rules of its own that read only it (a printed subtotal's), as one undo step.
    /// Refused while formulas or rules elsewhere read its cells.
    public func removeReport(_ name: String) throws(EngineError) -> ChangeSet {
        guard let slot = slotByName[name] else { throw .unknownReport(name) }
        return try perform(.unloadReport(slot: slot))
    }

    /// The names of the user rules listed with report `slot` that read only it, in the order added.
    func ownRules(of slot: Int) -> [String] {
        (userRulesOfReport[slot] ?? []).compactMap { id in
            guard let rule = userRules[id],
                !rule.condition.reads(where: { CellID(raw: $0).report != slot })
            else { return nil }
            return rule.name
        }
    }

    // MARK: Cells

    /// The value of a cell (`t3.total.total`, `sy2023.t3.total.total`, `meta.org`, a user name).
    public func value(of reference: String) throws(EngineError) -> Value {
        let id = try resolve(reference)
        return valueOf(id.raw)
    }

    /// Enters a value, sets a formula or clears a cell, as one undo step.
    public func set(_ reference: String, _ input: CellInput, provenance: Provenance? = nil) throws(EngineError)
        -> ChangeSet
    {
        try perform(.cell(try cellEdit(reference, input, provenance: provenance, context: nil)))
    }

    /// Several edits as one undo step; all succeed or nothing changes.
    public func set(_ edits: [(String, CellInput)], provenance: Provenance? = nil) throws(EngineError) -> ChangeSet {
        try set(edits, provenance: provenance, context: nil)
    }

    /// Enters a value, sets a formula or clears a cell of `report` named without its report (`t3.new.natural`), as
    /// one undo step: the application layer addresses a report's cells without building `report.name` strings.
    public func set(_ name: String, in report: String, _ input: CellInput) throws(EngineError) -> ChangeSet {
        guard let slot = slotByName[report] else { throw .unknownReport(report) }
        return try perform(.cell(try cellEdit(name, input, provenance: nil, context: slot)))
    }

    func set(_ edits: [(String, CellInput)], provenance: Provenance?, context: Int?) throws(EngineError) -> ChangeSet {
        var cellEdits: [CellEdit] = []
        cellEdits.reserveCapacity(edits.count)
        for (reference, input) in edits {
            cellEdits.append(try cellEdit(reference, input, provenance: provenance, context: context))
        }
        return try perform(.cells(cellEdits))
    }

    /// One edit as an operation's part: the cell resolved, the input checked against it.
    func cellEdit(
        _ reference: String, _ input: CellInput, provenance: Provenance?, context: Int?
    ) throws(EngineError) -> CellEdit {
        let id = try resolve(reference, context: context)
        guard let report = reports[id.report] else { throw .unknownName(reference, suggestion: nil) }
        let content: CellContent
        switch input {
        case .clear: content = .empty
        case .value(let value):
            guard id.local < report.shape.userBase else {
                throw .notAllowed(reference, reason: "a user name takes a formula (let \(reference) = …)")
            }
            if value.isEmpty {
                content = .empty
            } else {
                if id.local < report.shape.cellCount {
                    try validate(value, forCell: id.local, shape: report.shape)
                } else if value.isError {
                    throw .invalidValue(reference, reason: "an error value cannot be entered")
                }
                content = .entered(value, provenance: provenance.flatMap { $0.isSessionDefault ? nil : $0 })
            }
        case .formula(let source):
            guard id.local < report.shape.cellCount || id.local >= report.shape.userBase else {
                throw .notAllowed(reference, reason: "a text cell takes text, not a formula")
            }
            content = .formula(source)
        }
        return CellEdit(id: id, content: content)
    }

    /// Evaluates an expression against the current state without changing it.
    public func evaluate(_ expression: String) throws(EngineError) -> Value {
        try compileFormula(expression, context: current).evaluate { self.valueOf($0) }
    }

    /// Defines (or redefines) a user name in the current report: `rate = t3.result.open.total / t3.new.total`.
    public func define(name: String, formula: String) throws(EngineError) -> ChangeSet {
        guard let slot = current else { throw .noReport }
        try refuseMetricCell(name)
        return try perform(.definition(report: slot, name: name, source: formula))
    }

    /// Defines several user names in the current report as one undo step, in order (later ones may read earlier
    /// ones); all succeed or nothing changes.
    public func define(_ definitions: [(name: String, formula: String)]) throws(EngineError) -> ChangeSet {
        guard let slot = current, let report = reports[slot] else { throw .noReport }
        for definition in definitions { try refuseMetricCell(definition.name) }
        report.reserveUserNames(definitions.count)
        return try perform(.batch(definitions.map { .definition(report: slot, name: $0.name, source: $0.formula) }))
    }

    /// Removes a user name. Refused while other formulas or rules read it.
    public func undefine(name: String) throws(EngineError) -> ChangeSet {
        let id = try resolve(name)
        guard let report = reports[id.report], id.local >= report.shape.userBase else {
            throw .notAllowed(name, reason: "only user-defined names can be undefined")
        }
        try refuseMetricCell(report.name(local: id.local))
        return try perform(.definition(report: id.report, name: report.name(local: id.local), source: nil))
    }

    /// A metric's cell is defined and dropped with its metric, in every report at once.
    func refuseMetricCell(_ name: String) throws(EngineError) {
        guard isMetricCell(name) else { return }
        let key = name.dropFirst(Metric.cellPrefix.count)
        throw .notAllowed(
            name, reason: "it is metric \(key)'s cell in every report (`.drop metric \(key)` removes it)")
    }

    // MARK: Undo

    /// Whether there is a mutation to undo.
    public var canUndo: Bool { !undoLog.isEmpty }
    /// Whether there is an undone mutation to redo.
    public var canRedo: Bool { !redoLog.isEmpty }

    /// Reverts the last mutation; `nil` when there is none.
    public func undo() -> ChangeSet? {
        // The logs are moved out and back around each change (see Support/Exclusivity.swift).
        var undos = take(&undoLog)
        let last = undos.popLast()
        undoLog = undos
        guard let operation = last else { return nil }
        do {
            let (changes, inverse) = try apply(operation)
            var redos = take(&redoLog)
            redos.append(inverse)
            redoLog = redos
            return changes
        } catch {
            return nil  // the inverse of a successful mutation always applies; keep the log consistent if not
        }
    }

    /// Re-applies the last undone mutation; `nil` when there is none.
    public func redo() -> ChangeSet? {
        var redos = take(&redoLog)
        let last = redos.popLast()
        redoLog = redos
        guard let operation = last else { return nil }
        do {
            let (changes, inverse) = try apply(operation)
            var undos = take(&undoLog)
            undos.append(inverse)
            undoLog = undos
            return changes
        } catch {
            return nil
        }
    }

    /// Runs a mutation as one undo step; `replacement`, when given, is logged as its inverse instead of the one
    /// the steps return (an equivalent, smaller one).
    func perform(_ operation: Operation, inverse replacement: Operation? = nil) throws(EngineError) -> ChangeSet {
        let (changes, inverse) = try apply(operation)
        var undos = take(&undoLog)
        undos.append(replacement ?? inverse)
        undoLog = undos
        if !redoLog.isEmpty { redoLog = [] }
        return changes
    }
}

extension Provenance {
    /// The provenance of a value typed in a session: not worth storing per cell.
    var isSessionDefault: Bool {
        origin == .entered && file == nil && line == nil && column == nil && note == nil
    }
}
