/// What the mutation in progress changed: every write with the value it replaced (a cell written twice appears
/// twice; the change set keeps its first old value), and the first old status of each touched rule (`nil` = the
/// rule did not exist).
///
/// A class held by a `let`, so that noting a write is no access to the workbook's storage; its arrays grow by being
/// moved out and back (see Support/Exclusivity.swift), so their accesses need no run-time check.
final class Recorder {
    var cellOrder: [Int] = []
    var cellOld: [Value] = []
    /// A report restored by this mutation: its rules were all evaluated, so its cells need no recheck.
    var freshSlot: Int?
    /// Rules whose status was noted, in noting order, with their first old status (`nil`: the rule did not exist).
    /// Each rule is noted once per mutation: reports and user rules carry the epoch that noted them.
    var ruleOrder: [RuleKey] = []
    var ruleOld: [RuleStatus?] = []
    /// Per noted rule, the sides of a template equality as the recheck that changed its status summed them (nil
    /// for other rules and other paths): the change set's results reuse them instead of summing again. The recheck
    /// is the last step of a mutation that changes values, so they are the sides the change set would compute.
    var ruleSides: [EqualitySides?] = []
    /// The number of the mutation in progress, for the rule marks; 0 is never used (marks start at 0).
    var epoch: UInt32 = 1
    /// Set when `epoch` wrapped: the marks must be cleared before the next rule is noted.
    var wrapped = false
    /// Names and report slots of user rules dropped by the mutation, to name them in the change set.
    var droppedRules: [RuleKey: (name: String, slot: Int)] = [:]

    func reset() {
        if !droppedRules.isEmpty { droppedRules = [:] }
        if !cellOrder.isEmpty {
            var old = take(&cellOld)
            old.removeAll(keepingCapacity: true)
            cellOld = old
            var order = take(&cellOrder)
            order.removeAll(keepingCapacity: true)
            cellOrder = order
        }
        freshSlot = nil
        if !ruleOrder.isEmpty {
            var old = take(&ruleOld)
            old.removeAll(keepingCapacity: true)
            ruleOld = old
            var order = take(&ruleOrder)
            order.removeAll(keepingCapacity: true)
            ruleOrder = order
            var sides = take(&ruleSides)
            sides.removeAll(keepingCapacity: true)
            ruleSides = sides
        }
        epoch &+= 1
        if epoch == 0 {
            epoch = 1
            wrapped = true
        }
    }

    func noteCell(_ raw: Int, old: Value) {
        var order = take(&cellOrder)
        order.append(raw)
        cellOrder = order
        var olds = take(&cellOld)
        olds.append(old)
        cellOld = olds
    }

    /// Appends a rule's first note of this mutation.
    func noteRule(_ key: RuleKey, old: RuleStatus?, sides: EqualitySides? = nil) {
        var order = take(&ruleOrder)
        order.append(key)
        ruleOrder = order
        var olds = take(&ruleOld)
        olds.append(old)
        ruleOld = olds
        var all = take(&ruleSides)
        all.append(sides)
        ruleSides = all
    }
}

/// The two sides of a template equality as values (``Workbook/side(_:in:)``).
struct EqualitySides {
    let left: Value
    let right: Value
}

/// Reused buffers for depth-first walks.
struct Scratch {
    var stack: [(Int, Int)] = []
    var order: [Int] = []
    /// Rules touched by the recheck in progress.
    var rules: [RuleKey] = []
    /// Listing positions of the rule changes being built (``Workbook/changeSet()``).
    var orders: [Int] = []
    /// Totals reached from an edit's cells (``Workbook/recomputeTotals(from:in:slot:)``).
    var totals: [Int32] = []
}
