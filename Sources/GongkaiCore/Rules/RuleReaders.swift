/// The user rules reading each cell, by raw cell id, in the order they were added.
///
/// Most cells are read by one rule (a printed subtotal's rules read dozens of cells of their report each): one
/// reader is kept inline in the entry, more in a shared list, so a cell read by one rule costs no allocation.
struct RuleReaders {
    /// Per cell read by a rule: the rule's id (≥ 0) when it is the only reader, else −(k + 1) for `lists[k]`. Twelve
    /// bytes a bucket (a printed subtotal's rules read a hundred cells of every report: this index was a sixth of
    /// the heap with 10,000 reports loaded when each entry was a 16-byte enum).
    private var entries: [Int: Int32] = [:]
    /// The readers of cells read by several rules, in the order added; `free` lists reusable slots.
    private var lists: [[Int32]] = []
    private var free: [Int] = []

    /// No cell is read by a rule.
    var isEmpty: Bool { entries.isEmpty }

    /// Records rule `id` as reading each of `cells` (ids without repeats).
    mutating func add(_ id: Int, reading cells: [Int]) {
        let rule = Int32(id)
        for raw in cells {
            guard let entry = entries[raw] else {
                entries[raw] = rule
                continue
            }
            if entry >= 0 {
                let k = free.popLast() ?? lists.count
                if k == lists.count { lists.append([]) }
                lists[k] = [entry, rule]
                entries[raw] = Int32(-(k + 1))
            } else {
                lists[Int(-entry) - 1].append(rule)
            }
        }
    }

    /// Forgets rule `id` as a reader of each of `cells`.
    mutating func remove(_ id: Int, reading cells: [Int]) {
        let rule = Int32(id)
        for raw in cells {
            guard let entry = entries[raw] else { continue }
            if entry >= 0 {
                if entry == rule { entries[raw] = nil }
                continue
            }
            let k = Int(-entry) - 1
            lists[k].removeAll { $0 == rule }
            if lists[k].count <= 1 {
                if let only = lists[k].first { entries[raw] = only } else { entries[raw] = nil }
                lists[k] = []
                free.append(k)
            }
        }
    }

    /// Calls `body` with each rule reading cell `raw`, in the order they were added; allocates nothing.
    func forEachRule(reading raw: Int, _ body: (Int) -> Void) {
        guard let entry = entries[raw] else { return }
        if entry >= 0 {
            body(Int(entry))
        } else {
            for rule in lists[Int(-entry) - 1] { body(Int(rule)) }
        }
    }

    /// The rules reading cell `raw`, in the order they were added.
    func rules(reading raw: Int) -> [Int] {
        var rules: [Int] = []
        forEachRule(reading: raw) { rules.append($0) }
        return rules
    }
}
