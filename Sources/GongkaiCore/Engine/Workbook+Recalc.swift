// Incremental recalculation: from the cells an edit touched, walk the dependency graph (template totals derived
// from the shape, user formulas from `dependents`) depth-first without recursion, and recompute the reachable cells
// in topological order. Only cells downstream of the edit are visited.

extension Workbook {
    /// Writes a value, recording the old one; false when it did not change.
    @discardableResult
    func write(_ value: Value, at id: CellID, in report: ReportState) -> Bool {
        let old = report.value(local: id.local)
        guard old != value else { return false }
        recorder.noteCell(id.raw, old: old)
        report.setValue(value, local: id.local)
        return true
    }

    /// Recomputes every cell downstream of `seeds` (the seeds included), in topological order.
    func recompute(from seeds: some Collection<CellID>) {
        if edgeCount == 0, formulas.isEmpty, seeds.count <= 8, let first = seeds.first, first.report < reports.count,
            let report = reports[first.report],
            seeds.allSatisfy({ $0.report == first.report && $0.local < report.shape.cellCount })
        {
            recomputeTotals(from: seeds, in: report, slot: first.report)
            return
        }
        let order = topologicalOrder(from: Array(seeds))
        defer { scratch.order = order }
        if recomputeUserNames(order) { return }
        // A seed's formula may be new (or bound anew): its last value says nothing, so it is evaluated whole.
        let seedRaws = seeds.count <= 16 ? seeds.map(\.raw) : nil
        for raw in order.reversed() {
            let id = CellID(raw: raw)
            guard let report = reports[id.report] else { continue }
            let formula = formula(at: raw)
            if let formula, let seedRaws, formula.compiled.isLargeSum, !seedRaws.contains(raw),
                let value = incrementalSum(formula, at: id, in: report)
            {
                write(value, at: id, in: report)
                continue
            }
            if let value = computedValue(of: id, in: report, formula: formula) { write(value, at: id, in: report) }
        }
    }

    /// The path of `recompute` when every cell of `order` (reverse topological) is a user name of one report, as in a
    /// chain of definitions: their values are moved out of the report into a local (see Support/Exclusivity.swift),
    /// each formula reads its report's user names from there and writes its value there, and the values go back
    /// once. Every formula is evaluated whole (a large sum's incremental update gives the same value). False, with
    /// nothing done, when `order` is not of that kind.
    func recomputeUserNames(_ order: [Int]) -> Bool {
        guard let first = order.first, order.count > 1 else { return false }
        let slot = CellID(raw: first).report
        guard slot < reports.count, let report = reports[slot] else { return false }
        let userBase = report.shape.userBase
        for raw in order {
            let id = CellID(raw: raw)
            guard id.report == slot, id.local >= userBase else { return false }
        }
        let formulas = report.userFormulas
        var values = take(&report.userValues)
        // The recorder's writes in a local too: one move out and back, not one per cell.
        var writes = take(&recorder.writes)
        defer { recorder.writes = writes }
        for raw in order.reversed() {
            let u = CellID(raw: raw).local - userBase
            guard u < formulas.count, let formula = formulas[u] else { continue }
            // The formula's tree evaluated where it lies in its cell (a class: nothing copied out).
            let value = formula.evaluate { precedent in
                let id = CellID(raw: precedent)
                if id.report == slot, id.local >= userBase {
                    let v = id.local - userBase
                    return v < values.count ? values[v] : .error(.reference)
                }
                return self.valueOf(precedent)
            }
            let old = values[u]
            guard old != value else { continue }
            writes.append(CellWrite(raw: raw, old: old))
            values[u] = value
        }
        report.userValues = values
        return true
    }

    /// The edit path of `recompute` when no user formula exists: a few template cells of one report, whose
    /// downstream cells are the template totals over them. The totals are found along `usedByTotals`, ordered by
    /// `totalRank` (parts before the totals summing them), and computed in a local copy of the report's values,
    /// stored back once — one access to the report's storage instead of several per cell.
    func recomputeTotals(from seeds: some Collection<CellID>, in report: ReportState, slot: Int) {
        let shape = report.shape
        // The totals reached, in a reused buffer: the seeds that are totals, then breadth-first along
        // `usedByTotals` from the seeds and from each total reached.
        var affected = take(&scratch.totals)
        affected.removeAllKeepingStorage()
        defer { scratch.totals = affected }
        for seed in seeds where shape.totalRank[seed.local] >= 0 && !affected.contains(Int32(seed.local)) {
            affected.append(Int32(seed.local))
        }
        for seed in seeds {
            for total in shape.usedByTotals[seed.local] where !affected.contains(total) { affected.append(total) }
        }
        var next = 0
        while next < affected.count {
            let cell = affected[next]
            next += 1
            for total in shape.usedByTotals[Int(cell)] where !affected.contains(total) { affected.append(total) }
        }
        guard !affected.isEmpty else { return }
        // Parts before the totals summing them. An edit reaches a handful of totals: insertion sort, inline (the
        // library's sort is a call into its generic merge sort); more in the library's.
        let rank = shape.totalRank
        if affected.count <= 16 {
            for i in affected.indices.dropFirst() {
                let total = affected[i]
                var j = i
                while j > 0, rank[Int(affected[j - 1])] > rank[Int(total)] {
                    affected[j] = affected[j - 1]
                    j -= 1
                }
                affected[j] = total
            }
        } else {
            affected.sort { rank[Int($0)] < rank[Int($1)] }
        }
        let flags = report.flags
        var values = take(&report.values)
        for total in affected where flags[Int(total)] & ReportState.entered == 0 {
            let value = Workbook.total(of: shape.totalParts[Int(total)], in: values)
            let old = values[Int(total)]
            guard old != value else { continue }
            recorder.noteCell(CellID(report: slot, local: Int(total)).raw, old: old)
            values[Int(total)] = value
        }
        report.values = values
    }

    /// A large sum (``CompiledFormula/isLargeSum``) after a few of its cells changed in this mutation: its last
    /// value plus, for each changed cell, its value now minus its value before (empty counting 0), exact; nil when
    /// that does not apply — many changes, the sum itself already rewritten in this mutation, a text or an error on
    /// either side, an overflow — and the formula is evaluated whole.
    func incrementalSum(_ formula: FormulaCell, at id: CellID, in report: ReportState) -> Value? {
        let changed = recorder.writes
        guard changed.count <= 64, case .number(var total) = report.value(local: id.local),
            !changed.contains(where: { $0.raw == id.raw })
        else { return nil }
        let dependencies = formula.compiled.dependencies
        for (k, write) in changed.enumerated() where Workbook.sortedContains(dependencies, write.raw) {
            // A cell written twice counts once: from its first old value to its value now.
            if changed[..<k].contains(where: { $0.raw == write.raw }) { continue }
            guard let before = Workbook.summand(write.old), let now = Workbook.summand(valueOf(write.raw)) else {
                return nil
            }
            do throws(ArithmeticError) {
                total = try total.adding(now).subtracting(before)
            } catch {
                return nil
            }
        }
        return .number(total)
    }

    /// What a value adds to a sum: a number itself, empty 0; nil for text and errors.
    static func summand(_ value: Value) -> DecimalNumber? {
        switch value {
        case .number(let number): number
        case .empty: .zero
        case .text, .error: nil
        }
    }

    /// Whether the ascending array holds `value` (binary search).
    static func sortedContains(_ array: [Int], _ value: Int) -> Bool {
        var low = 0
        var high = array.count
        while low < high {
            let mid = (low + high) / 2
            if array[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low < array.count && array[low] == value
    }

    /// What a computing cell evaluates to now (`formula`: its user formula, looked up by the caller); nil for a
    /// cell that holds an entered value.
    func computedValue(of id: CellID, in report: ReportState, formula: FormulaCell?) -> Value? {
        let local = id.local
        if let formula {
            return formula.compiled.evaluate { self.valueOf($0) }
        }
        if local < report.shape.cellCount, !report.isEntered(local) {
            let parts = report.shape.totalParts[local]
            if !parts.isEmpty { return Workbook.total(of: parts, in: report.values) }
        }
        return nil
    }

    /// A template total: the sum of its parts, skipping empties; empty when every part is empty.
    static func total(of parts: [Int32], in values: CellValues) -> Value {
        total(Workbook.sum(parts, in: values))
    }

    /// A sum as a cell's value: the number, empty when no part was a number, or the error.
    static func total(_ sum: CellSum) -> Value {
        if let error = sum.error { return .error(error) }
        return sum.count == 0 ? .empty : .number(sum.value)
    }

    /// What ``sum(_:in:)`` gives: the sum of the numbers, how many cells were empty and how many were numbers, or
    /// the first error.
    typealias CellSum = (value: DecimalNumber, empty: Int, count: Int, error: CellError?)

    /// Σ of cells: the sum of the numbers, how many were empty and how many were numbers, or the first error.
    static func sum(_ cells: [Int32], in values: CellValues) -> CellSum {
        // Counts are small integers: they add in one word, read from the cell's word without building a `Value`;
        // anything else (a fraction, a word overflow) in `total`.
        var small: Int64 = 0
        var total = DecimalNumber.zero
        var empty = 0
        var count = 0
        for cell in cells {
            if let word = values.count(at: Int(cell)), case (let s, false) = small.addingReportingOverflow(word) {
                count += 1
                small = s
                continue
            }
            switch values[Int(cell)] {
            case .empty: empty += 1
            case .number(let n):
                count += 1
                if n.scale == 0, let word = n.smallInteger, case (let s, false) = small.addingReportingOverflow(word) {
                    small = s
                    continue
                }
                do { total = try total.adding(n) } catch { return (total, empty, count, CellError(error)) }
            case .text: return (total, empty, count, .type)
            case .error(let e): return (total, empty, count, e)
            }
        }
        if small != 0, total.isZero {
            total = DecimalNumber(word: small)
        } else if small != 0 {
            do { total = try total.adding(DecimalNumber(word: small)) } catch {
                return (total, empty, count, CellError(error))
            }
        }
        return (total, empty, count, nil)
    }

    /// Cells reachable from `seeds` in reverse topological order (post-order of an iterative depth-first walk).
    func topologicalOrder(from seeds: [CellID]) -> [Int] {
        let hasFormulas = edgeCount > 0
        // A lone cell nothing reads (a new name, an unread input): no walk needed.
        if seeds.count == 1, neighbour(of: seeds[0].raw, at: 0, hasFormulas: hasFormulas) == nil {
            return [seeds[0].raw]
        }
        var stack = scratch.stack
        var order = scratch.order
        scratch.stack = []
        scratch.order = []
        stack.removeAllKeepingStorage()
        order.removeAllKeepingStorage()
        defer { scratch.stack = stack }
        if userNameOrder(from: seeds, epoch: nextWalk(), stack: &stack, order: &order) { return order }
        // The walk left one report's user names: the general walk, with a fresh number (the marks just set are
        // stale for it).
        stack.removeAllKeepingStorage()
        order.removeAllKeepingStorage()
        let epoch = nextWalk()
        for seed in seeds {
            guard mark(seed.raw, epoch) else { continue }
            stack.append((seed.raw, 0))
            while let (raw, next) = stack.last {
                if let child = neighbour(of: raw, at: next, hasFormulas: hasFormulas) {
                    stack[stack.count - 1].1 = next + 1
                    if mark(child, epoch) { stack.append((child, 0)) }
                } else {
                    stack.removeLast()
                    order.append(raw)
                }
            }
        }
        return order
    }

    /// The number of a new walk (marks cleared when it wraps).
    func nextWalk() -> UInt32 {
        epoch &+= 1
        if epoch == 0 {  // wrapped: old marks could collide, clear them
            for report in reports { report?.clearMarks() }
            epoch = 1
        }
        return epoch
    }

    /// The walk of ``topologicalOrder(from:)`` while it stays among the user names of one report (a chain of
    /// definitions): the report's readers and marks in locals (see Support/Exclusivity.swift), no lookup per cell,
    /// the same order as the general walk. False as soon as a seed or a reader lies elsewhere; the marks set so far
    /// carry `epoch` and the general walk takes another.
    func userNameOrder(from seeds: [CellID], epoch: UInt32, stack: inout [(Int, Int)], order: inout [Int]) -> Bool {
        guard let slot = seeds.first?.report, slot < reports.count, let report = reports[slot] else { return false }
        let userBase = report.shape.userBase
        guard seeds.allSatisfy({ $0.report == slot && $0.local >= userBase }) else { return false }
        let readers = report.userReaders
        var marks = take(&report.userMarks)
        defer { report.userMarks = marks }
        if marks.count < readers.count { marks += repeatElement(0, count: readers.count - marks.count) }
        // The stack holds user indices (local id − userBase) and the next reader to visit.
        for seed in seeds {
            let s = seed.local - userBase
            guard s < readers.count else { return false }
            if marks[s] == epoch { continue }
            marks[s] = epoch
            stack.append((s, 0))
            while let (u, next) = stack.last {
                if next < readers[u].count {
                    let child = CellID(raw: readers[u][next])
                    stack[stack.count - 1].1 = next + 1
                    let c = child.local - userBase
                    guard child.report == slot, c >= 0, c < readers.count else { return false }
                    if marks[c] != epoch {
                        marks[c] = epoch
                        stack.append((c, 0))
                    }
                } else {
                    stack.removeLast()
                    order.append(CellID(report: slot, local: userBase + u).raw)
                }
            }
        }
        return true
    }

    /// Marks a cell visited in the walk `epoch`; false if it already was.
    @inline(__always)
    func mark(_ raw: Int, _ epoch: UInt32) -> Bool {
        let id = CellID(raw: raw)
        guard id.report < reports.count, let report = reports[id.report] else { return false }
        return report.mark(id.local, epoch)
    }

    /// The `k`-th cell reading `raw`: first the template totals summing it, then user formulas.
    func neighbour(of raw: Int, at k: Int, hasFormulas: Bool) -> Int? {
        let id = CellID(raw: raw)
        var k = k
        if let report = reports[id.report], id.local < report.shape.cellCount {
            let totals = report.shape.usedByTotals[id.local]
            if k < totals.count { return CellID(report: id.report, local: Int(totals[k])).raw }
            k -= totals.count
        }
        guard hasFormulas, let report = reports[id.report] else { return nil }
        let u = id.local - report.shape.userBase
        if u >= 0 {
            return u < report.userReaders.count && k < report.userReaders[u].count ? report.userReaders[u][k] : nil
        }
        if let readers = dependents[raw], k < readers.count { return readers[k] }
        return nil
    }

    /// The path `from → … → target` along "is read by" edges, if a target (of `targets`, ascending) is reachable;
    /// iterative.
    func path(from start: Int, to targets: [Int]) -> [Int]? {
        guard !targets.isEmpty else { return nil }
        if Workbook.sortedContains(targets, start) { return [start] }
        let hasFormulas = edgeCount > 0
        guard neighbour(of: start, at: 0, hasFormulas: hasFormulas) != nil else { return nil }  // read by nothing
        var visited: Set<Int> = [start]
        var stack: [(Int, Int)] = [(start, 0)]
        while let (raw, next) = stack.last {
            guard let child = neighbour(of: raw, at: next, hasFormulas: hasFormulas) else {
                stack.removeLast()
                continue
            }
            stack[stack.count - 1].1 = next + 1
            if Workbook.sortedContains(targets, child) { return stack.map(\.0) + [child] }
            if visited.insert(child).inserted { stack.append((child, 0)) }
        }
        return nil
    }
}
