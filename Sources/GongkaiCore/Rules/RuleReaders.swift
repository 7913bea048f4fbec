/// The user rules reading each cell, by raw cell id, in the order they were added.
///
/// Per report that rules read, one 4-byte head per cell id up to the highest one read: a cell read by one rule
/// holds that rule inline, a cell read by several a shared list. (A dictionary by raw id was a tenth of the heap with
/// 10,000 reports loaded: a printed subtotal's rules read a hundred cells of every report that has one, at twelve
/// bytes a bucket and a quarter of the buckets empty; a report read by no rule costs nothing here.)
struct RuleReaders {
    /// Per report slot, per local id: 0 when no rule reads the cell, r + 1 when rule r is its only reader, −(k + 1)
    /// for `lists[k]`. Empty for a report no rule reads.
    private var heads: [[Int32]] = []
    /// Per report slot, how many of its cells have readers (its heads are dropped at 0).
    private var counts: [Int] = []
    /// The readers of cells read by several rules, in the order added; `free` lists reusable slots.
    private var lists: [[Int32]] = []
    private var free: [Int] = []
    /// How many cells have readers.
    private var cells = 0

    /// No cell is read by a rule.
    var isEmpty: Bool { cells == 0 }

    /// Records rule `id` as reading each of `cells` (ids without repeats).
    mutating func add(_ id: Int, reading cells: [Int]) {
        let rule = Int32(id + 1)
        for raw in cells {
            let (report, local) = (CellID(raw: raw).report, CellID(raw: raw).local)
            if report >= heads.count {
                heads += repeatElement([], count: report + 1 - heads.count)
                counts += repeatElement(0, count: report + 1 - counts.count)
            }
            var row = heads[report]
            heads[report] = []  // moved out and back: one reference, changed in place
            if local >= row.count { row += repeatElement(0, count: local + 1 - row.count) }
            let entry = row[local]
            if entry == 0 {
                row[local] = rule
                counts[report] += 1
                self.cells += 1
            } else if entry > 0 {
                let k = free.popLast() ?? lists.count
                if k == lists.count { lists.append([]) }
                lists[k] = [entry - 1, rule - 1]
                row[local] = Int32(-(k + 1))
            } else {
                lists[Int(-entry) - 1].append(rule - 1)
            }
            heads[report] = row
        }
    }

    /// Forgets rule `id` as a reader of each of `cells`.
    mutating func remove(_ id: Int, reading cells: [Int]) {
        let rule = Int32(id)
        for raw in cells {
            let (report, local) = (CellID(raw: raw).report, CellID(raw: raw).local)
            guard report < heads.count, local < heads[report].count else { continue }
            let entry = heads[report][local]
            var left: Int32 = entry
            if entry > 0 {
                guard entry == rule + 1 else { continue }
                left = 0
            } else if entry < 0 {
                let k = Int(-entry) - 1
                lists[k].removeAll { $0 == rule }
                if lists[k].count <= 1 {
                    left = lists[k].first.map { $0 + 1 } ?? 0
                    lists[k] = []
                    free.append(k)
                }
            }
            guard left != entry else { continue }
            heads[report][local] = left
            if left == 0 {
                self.cells -= 1
                counts[report] -= 1
                if counts[report] == 0 { heads[report] = [] }
            }
        }
    }

    /// Calls `body` with each rule reading cell `raw`, in the order they were added; allocates nothing.
    func forEachRule(reading raw: Int, _ body: (Int) -> Void) {
        let (report, local) = (CellID(raw: raw).report, CellID(raw: raw).local)
        guard report < heads.count else { return }
        let row = heads[report]
        guard local < row.count else { return }
        let entry = row[local]
        if entry > 0 {
            body(Int(entry) - 1)
        } else if entry < 0 {
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
