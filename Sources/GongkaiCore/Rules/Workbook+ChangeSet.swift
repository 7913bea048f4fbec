// Change sets: what the mutation in progress changed, built from the recorder (cells written with their first old
// value, rules noted with their first old status) when a caller will read it; the batch path builds none.

extension Workbook {
    /// What the mutation in progress changed, in deterministic order.
    func changeSet() -> ChangeSet {
        var cells: [CellChange] = []
        // Writes in cell order, a cell's first write first (it holds the value before the mutation).
        let order = recorder.writes
        let reports = self.reports
        cells.reserveCapacity(order.count)
        var sorted = true
        for w in order.indices.dropFirst() where order[w - 1].raw >= order[w].raw {
            sorted = false
            break
        }
        // Writes in cell order (already so for an edit of one report's cells), a cell's first write first.
        let writes =
            sorted
            ? []
            : order.indices.sorted { order[$0].raw < order[$1].raw || (order[$0].raw == order[$1].raw && $0 < $1) }
        var previous = -1
        // The report at hand, looked up again only when the slot changes (writes come report by report).
        var slot = -1
        var report: ReportState?
        var reportName = ""
        // And its user names and their values, read through local copies (a recomputed chain writes a million).
        var userBase = Int.max
        var userNames: [String] = []
        var userValues: [Value] = []
        for k in order.indices {
            let w = sorted ? k : writes[k]
            let raw = order[w].raw
            guard raw != previous else { continue }
            previous = raw
            let old = order[w].old
            let id = CellID(raw: raw)
            if id.report != slot {
                slot = id.report
                report = reports[slot]
                reportName = report?.name ?? ""
                userBase = report?.shape.userBase ?? Int.max
                userNames = report?.userNames ?? []
                userValues = report?.userValues ?? []
            }
            guard let report else { continue }
            let u = id.local - userBase
            if u >= 0, u < userValues.count, u < userNames.count {
                let new = userValues[u]
                guard old != new else { continue }
                cells.append(CellChange(report: reportName, name: userNames[u], old: old, new: new))
                continue
            }
            let new = report.value(local: id.local)
            guard old != new else { continue }
            cells.append(CellChange(report: reportName, name: report.name(local: id.local), old: old, new: new))
        }
        // Rule changes in listing order; built once (a RuleChange carries a dozen references: never copied). Their
        // positions in the listing are kept (in a reused buffer) only to sort them, which an edit of one report's
        // cells seldom needs.
        var rules: [RuleChange] = []
        let notes = recorder.ruleNotes
        var orders = take(&scratch.orders)
        orders.removeAllKeepingStorage()
        let droppedRules = recorder.droppedRules  // read through a copy: see Support/Exclusivity.swift
        let hasDropped = !droppedRules.isEmpty
        rules.reserveCapacity(notes.count)
        var inOrder = true
        for note in notes {
            let key = note.key
            let old = note.old
            if case .equality(let slot, let index) = key, let report = reports[slot] {
                // The edit path: the report at hand, no lookups by key, the sides as the recheck summed them.
                let new = report.equalityStatus[index]
                guard old != new else { continue }
                let order = Workbook.order(of: key, slot: slot)
                if let last = orders.last, last > order { inOrder = false }
                orders.append(order)
                let result = equalityResult(index, of: report, status: new, sides: note.sides)
                rules.append(RuleChange(name: result.name, report: result.report, old: old, new: new, result: result))
                continue
            }
            let dropped = hasDropped ? droppedRules[key] : nil
            guard let slot = reportSlot(of: key) ?? dropped?.slot,
                let report = reports[slot], let name = ruleName(of: key) ?? dropped?.name
            else { continue }
            let new = status(of: key)
            guard old != new else { continue }
            let order = Workbook.order(of: key, slot: slot)
            if let last = orders.last, last > order { inOrder = false }
            orders.append(order)
            rules.append(RuleChange(name: name, report: report.name, old: old, new: new, result: result(of: key)))
        }
        if !inOrder {
            let permutation = orders.indices.sorted { orders[$0] < orders[$1] }
            rules = permutation.map { rules[$0] }
        }
        scratch.orders = orders
        return ChangeSet(cells: cells, rules: rules)
    }

    /// A rule's position in the listing order: report slot, then equalities, domain, cross-year, user rules.
    static func order(of key: RuleKey, slot: Int) -> Int {
        let (kind, index) =
            switch key {
            case .equality(_, let index): (0, index)
            case .domain: (1, 0)
            case .crossYear(_, let pair): (2, pair)
            case .user(let id): (3, id)
            }
        return slot << 34 | kind << 32 | index
    }
}
