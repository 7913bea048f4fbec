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

/// Reused buffers for depth-first walks.
struct Scratch {
    var stack: [(Int, Int)] = []
    var order: [Int] = []
}
