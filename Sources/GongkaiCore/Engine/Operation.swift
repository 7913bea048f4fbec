/// A mutation as data: the undo log stores the inverse of each applied operation.
enum Operation {
    /// Cell contents, applied in order.
    case cells([CellEdit])
    /// Defines (`source` non-nil) or undefines a user name of a report.
    case definition(report: Int, name: String, source: String?)
    /// Adds or replaces (`spec` non-nil) or drops a user rule.
    case rule(name: String, spec: UserRule.Spec?)
    /// Creates a report from a snapshot, at the snapshot's slot.
    case restoreReport(ReportSnapshot)
    case removeReport(slot: Int)
    /// Several operations as one step; all apply or none.
    case batch([Operation])
}

/// What one cell holds, as the user gave it.
enum CellContent: Equatable {
    case empty
    case entered(Value, Provenance?)
    case formula(String)
}

/// One cell's new content.
struct CellEdit {
    let id: CellID
    let content: CellContent
}

/// A user formula installed in a cell.
struct FormulaCell {
    let source: String
    let compiled: CompiledFormula
}

/// A report as data, to restore it (undo of a removal, redo of a load, a workbook file).
struct ReportSnapshot {
    let name: String
    let slot: Int
    let shape: TemplateShape
    /// Entered values in official order (`.empty` = not entered); empty when nothing is entered.
    let values: [Value]
    let provenance: [Int: Provenance]
    /// Text cells in template order.
    let texts: [Value]
    /// User formulas on template cells: (index, source).
    var formulas: [(Int, String)] = []
    /// User names in definition order: (name, source).
    var definitions: [(String, String)] = []
}

/// A user rule: an expression that must hold.
struct UserRule {
    /// What the user gave.
    struct Spec: Equatable {
        /// The report whose names unqualified references mean; the rule is listed with it.
        let report: Int
        let source: String
        let severity: Severity
    }

    let name: String
    let spec: Spec
    let condition: CompiledCondition
    var status: RuleStatus
}

/// What the mutation in progress changed: every write with the value it replaced (a cell written twice appears
/// twice; the change set keeps its first old value), and the first old status of each touched rule (`nil` = the
/// rule did not exist).
struct Recorder {
    var cellOrder: [Int] = []
    var cellOld: [Value] = []
    /// A report restored by this mutation: its rules were all evaluated, so its cells need no recheck.
    var freshSlot: Int?
    var ruleOld: [RuleKey: RuleStatus?] = [:]
    var ruleOrder: [RuleKey] = []
    /// Names and report slots of user rules dropped by the mutation, to name them in the change set.
    var droppedRules: [RuleKey: (name: String, slot: Int)] = [:]

    mutating func reset() {
        droppedRules.removeAll()
        cellOld.removeAll(keepingCapacity: true)
        cellOrder.removeAll(keepingCapacity: true)
        freshSlot = nil
        ruleOld.removeAll(keepingCapacity: true)
        ruleOrder.removeAll(keepingCapacity: true)
    }

    mutating func noteCell(_ raw: Int, old: Value) {
        cellOrder.append(raw)
        cellOld.append(old)
    }

    mutating func noteRule(_ key: RuleKey, old: RuleStatus?) {
        guard ruleOld[key] == nil else { return }
        ruleOld[key] = .some(old)
        ruleOrder.append(key)
    }
}

/// Identifies one rule of the workbook.
enum RuleKey: Hashable {
    case equality(report: Int, index: Int)
    case domain(report: Int)
    /// A cross-year rule of the later year's report.
    case crossYear(report: Int, pair: Int)
    case user(Int)
}

/// Reused buffers for depth-first walks.
struct Scratch {
    var stack: [(Int, Int)] = []
    var order: [Int] = []
}

/// The key pairing reports of one body: `meta.org` text and `meta.year`.
struct OrgYear: Hashable {
    let org: String
    let year: Int
}
