// The user-formula graph: formulas by cell and the formula cells reading each cell. User names keep both in their
// report's arrays (a million-name chain costs array accesses, not hashing); template and text cells, which rarely
// carry formulas, in sparse dictionaries.

extension Workbook {
    /// The user formula of a cell, if any.
    func formula(at raw: Int) -> FormulaCell? {
        let id = CellID(raw: raw)
        guard id.report < reports.count, let report = reports[id.report] else { return nil }
        let u = id.local - report.shape.userBase
        if u >= 0 { return u < report.userFormulas.count ? report.userFormulas[u] : nil }
        return formulas.isEmpty ? nil : formulas[raw]
    }

    func setFormula(_ formula: FormulaCell?, at raw: Int) {
        let id = CellID(raw: raw)
        guard id.report < reports.count, let report = reports[id.report] else { return }
        let u = id.local - report.shape.userBase
        // Moved out and back (see Support/Exclusivity.swift).
        if u >= 0 {
            guard u < report.userFormulas.count else { return }
            var all = take(&report.userFormulas)
            all[u] = formula
            report.userFormulas = all
        } else {
            var all: [Int: FormulaCell] = [:]
            swap(&all, &formulas)
            all[raw] = formula
            formulas = all
        }
    }

    /// The formula cells reading a cell.
    func formulaReaders(of raw: Int) -> [Int] {
        guard edgeCount > 0 else { return [] }
        let id = CellID(raw: raw)
        guard id.report < reports.count, let report = reports[id.report] else { return [] }
        let u = id.local - report.shape.userBase
        if u >= 0 { return u < report.userReaders.count ? report.userReaders[u].array : [] }
        return dependents[raw] ?? []
    }

    func addReader(_ reader: Int, of raw: Int) {
        let id = CellID(raw: raw)
        guard id.report < reports.count, let report = reports[id.report] else { return }
        edgeCount += 1
        let u = id.local - report.shape.userBase
        if u >= 0 {
            guard u < report.userReaders.count else { return }
            var all = take(&report.userReaders)
            all[u].append(reader)  // a first reader inline: no allocation
            report.userReaders = all
        } else {
            dependents[raw, default: []].append(reader)
        }
    }

    func removeReader(_ reader: Int, of raw: Int) {
        let id = CellID(raw: raw)
        guard id.report < reports.count, let report = reports[id.report] else { return }
        let u = id.local - report.shape.userBase
        if u >= 0 {
            guard u < report.userReaders.count else { return }
            var all = take(&report.userReaders)
            let removed = all[u].removeLast(reader)
            report.userReaders = all
            guard removed else { return }
        } else {
            guard var readers = dependents[raw], let i = readers.lastIndex(of: reader) else { return }
            readers.remove(at: i)
            dependents[raw] = readers.isEmpty ? nil : readers
        }
        edgeCount -= 1
    }

    /// Every cell with a user formula, ascending.
    func formulaCells() -> [Int] {
        var cells = Array(formulas.keys)
        for (slot, report) in reports.enumerated() {
            guard let report else { continue }
            for (u, formula) in report.userFormulas.enumerated() where formula != nil {
                cells.append(CellID(report: slot, local: report.shape.userBase + u).raw)
            }
        }
        return cells.sorted()
    }

    /// The formula cells outside a report reading its cells (raw ids, ascending, without repeats).
    func externalReaders(of slot: Int) -> [Int] {
        var users: Set<Int> = []
        for (precedent, readers) in dependents where CellID(raw: precedent).report == slot {
            users.formUnion(readers.lazy.filter { CellID(raw: $0).report != slot })
        }
        if let report = reports[slot] {
            for readers in report.userReaders {
                users.formUnion(readers.array.lazy.filter { CellID(raw: $0).report != slot })
            }
        }
        return users.sorted()
    }
}
