/// The user rules reading each cell, by raw cell id, in the order they were added.
///
/// Most cells are read by one rule (a printed subtotal's rules read dozens of cells of their report each): one
/// reader is kept inline in the entry, more in an array, so a cell read by one rule costs no allocation.
struct RuleReaders {
    private enum Entry {
        case one(Int)
        case many([Int])
    }

    private var entries: [Int: Entry] = [:]

    /// No cell is read by a rule.
    var isEmpty: Bool { entries.isEmpty }

    /// Records rule `id` as reading each of `cells` (ids without repeats).
    mutating func add(_ id: Int, reading cells: [Int]) {
        for raw in cells {
            switch entries[raw] {
            case nil: entries[raw] = .one(id)
            case .one(let first): entries[raw] = .many([first, id])
            case .many(var rules):
                entries[raw] = nil
                rules.append(id)
                entries[raw] = .many(rules)
            }
        }
    }

    /// Forgets rule `id` as a reader of each of `cells`.
    mutating func remove(_ id: Int, reading cells: [Int]) {
        for raw in cells {
            switch entries[raw] {
            case nil: continue
            case .one(let rule): if rule == id { entries[raw] = nil }
            case .many(var rules):
                entries[raw] = nil
                rules.removeAll { $0 == id }
                if rules.count == 1 {
                    entries[raw] = .one(rules[0])
                } else if !rules.isEmpty {
                    entries[raw] = .many(rules)
                }
            }
        }
    }

    /// Calls `body` with each rule reading cell `raw`, in the order they were added; allocates nothing.
    func forEachRule(reading raw: Int, _ body: (Int) -> Void) {
        switch entries[raw] {
        case nil: return
        case .one(let rule): body(rule)
        case .many(let rules): for rule in rules { body(rule) }
        }
    }

    /// The rules reading cell `raw`, in the order they were added.
    func rules(reading raw: Int) -> [Int] {
        var rules: [Int] = []
        forEachRule(reading: raw) { rules.append($0) }
        return rules
    }
}
