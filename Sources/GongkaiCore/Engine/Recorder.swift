/// What the mutation in progress changed: every write with the value it replaced (a cell written twice appears
/// twice; the change set keeps its first old value), and the first old status of each touched rule (`nil` = the
/// rule did not exist).
struct Recorder {
    var cellOrder: [Int] = []
    var cellOld: [Value] = []
    /// A report restored by this mutation: its rules were all evaluated, so its cells need no recheck.
    var freshSlot: Int?
    /// Rules whose status was noted, in noting order, with their first old status (`nil`: the rule did not exist).
    /// Each rule is noted once per mutation: reports and user rules carry the epoch that noted them.
    var ruleOrder: [RuleKey] = []
    var ruleOld: [RuleStatus?] = []
    /// The number of the mutation in progress, for the rule marks; 0 is never used (marks start at 0).
    var epoch: UInt32 = 1
    /// Set when `epoch` wrapped: the marks must be cleared before the next rule is noted.
    var wrapped = false
    /// Names and report slots of user rules dropped by the mutation, to name them in the change set.
    var droppedRules: [RuleKey: (name: String, slot: Int)] = [:]

    mutating func reset() {
        if !droppedRules.isEmpty { droppedRules.removeAll() }
        cellOld.removeAll(keepingCapacity: true)
        cellOrder.removeAll(keepingCapacity: true)
        freshSlot = nil
        ruleOld.removeAll(keepingCapacity: true)
        ruleOrder.removeAll(keepingCapacity: true)
        epoch &+= 1
        if epoch == 0 {
            epoch = 1
            wrapped = true
        }
    }

    mutating func noteCell(_ raw: Int, old: Value) {
        cellOrder.append(raw)
        cellOld.append(old)
    }
}

/// Reused buffers for depth-first walks.
struct Scratch {
    var stack: [(Int, Int)] = []
    var order: [Int] = []
    /// Rules touched by the recheck in progress.
    var rules: [RuleKey] = []
}
