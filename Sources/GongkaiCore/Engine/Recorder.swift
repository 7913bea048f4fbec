/// What the mutation in progress changed: every write with the value it replaced (a cell written twice appears
/// twice; the change set keeps its first old value), and the first old status of each touched rule (`nil` = the
/// rule did not exist).
///
/// A class held by a `let`, so that noting a write is no access to the workbook's storage; its arrays grow by being
/// moved out and back (see Support/Exclusivity.swift), so their accesses need no run-time check.
final class Recorder {
    /// The writes, in order: the cell (raw id) and the value it replaced.
    var writes: [CellWrite] = []
    /// A report restored by this mutation: its rules were all evaluated, so its cells need no recheck.
    var freshSlot: Int?
    /// Rules whose status was noted, in noting order, with their first old status. Each rule is noted once per
    /// mutation: reports and user rules carry the epoch that noted them.
    var ruleNotes: [RuleNote] = []
    /// The number of the mutation in progress, for the rule marks; 0 is never used (marks start at 0).
    var epoch: UInt32 = 1
    /// Set when `epoch` wrapped: the marks must be cleared before the next rule is noted.
    var wrapped = false
    /// Names and report slots of user rules dropped by the mutation, to name them in the change set.
    var droppedRules: [RuleKey: (name: String, slot: Int)] = [:]

    func reset() {
        if !droppedRules.isEmpty { droppedRules = [:] }
        if !writes.isEmpty {
            var all = take(&writes)
            all.removeAllKeepingStorage()
            writes = all
        }
        freshSlot = nil
        if !ruleNotes.isEmpty {
            var notes = take(&ruleNotes)
            notes.removeAllKeepingStorage()
            ruleNotes = notes
        }
        epoch &+= 1
        if epoch == 0 {
            epoch = 1
            wrapped = true
        }
    }

    func noteCell(_ raw: Int, old: Value) {
        var all = take(&writes)
        all.append(CellWrite(raw: raw, old: old))
        writes = all
    }

    /// Appends a rule's first note of this mutation.
    func noteRule(_ key: RuleKey, old: RuleStatus?, sides: EqualitySides = .none) {
        var notes = take(&ruleNotes)
        notes.append(RuleNote(key: key, old: old, sides: sides))
        ruleNotes = notes
    }
}

/// One write of a cell in a mutation.
struct CellWrite {
    /// The cell's raw id.
    let raw: Int
    /// The value the write replaced.
    let old: Value
}

/// A rule's first note in a mutation.
struct RuleNote {
    let key: RuleKey
    /// The status before the mutation; `nil` when the rule did not exist.
    let old: RuleStatus?
    /// The sides of a template equality as the recheck that changed its status summed them (``EqualitySides/none`` for other rules
    /// and other paths): the change set's result reuses them instead of summing again. The recheck is the last
    /// step of a mutation that changes values, so they are the sides the change set would compute.
    let sides: EqualitySides
}

/// The two sides of a template equality as values (``Workbook/total(of:in:)``).
///
/// Not an optional: `EqualitySides?` is copied through the standard library's generic value witnesses (~120
/// instructions a copy on the edit path); ``known`` says whether there are sides.
struct EqualitySides {
    let left: Value
    let right: Value
    /// Whether the sides were summed (false for ``none``).
    let known: Bool

    init(left: Value, right: Value) {
        self.left = left
        self.right = right
        known = true
    }

    private init() {
        left = .empty
        right = .empty
        known = false
    }

    /// No sides: the rule is not an equality, or its path did not sum them.
    static var none: EqualitySides { EqualitySides() }
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

extension Array {
    /// Empties the array, keeping its storage for reuse: an edit's few entries are dropped one by one (inline), many
    /// at once (`removeAll(keepingCapacity:)` is a call into the generic range replacement, dearer for a few).
    @inline(__always)
    mutating func removeAllKeepingStorage() {
        if count > 8 { return removeAll(keepingCapacity: true) }
        while !isEmpty { removeLast() }
    }
}
