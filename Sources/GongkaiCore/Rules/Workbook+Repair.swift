// Repair suggestions: a report's failing rules as an error-localisation problem (ErrorLocalisation), its minimal
// repairs ranked by the plausibility of each change (RepairPattern), and the application of one as one undo step.

extension Workbook {
    /// The most plausible minimal repairs of a report's failing rules (the current report when nil).
    ///
    /// Template equalities that are complete (every cell filled), the domain rule, and user rules of the report that are
    /// linear equalities take part; cells that may change are the entered numeric cells (computed totals follow their
    /// parts). Every suggestion changes the same, smallest number of cells and makes all those rules hold.
    public func repairSuggestions(report name: String? = nil, limit: Int = 10, maxCardinality: Int = 6)
        throws(EngineError) -> RepairSearch
    {
        let slot = try slot(of: name)
        guard let report = reports[slot] else { throw .noReport }
        let shape = report.shape
        let template = report.template
        let n = shape.cellCount
        var problem = ErrorLocalisation.Problem(count: n)
        problem.maxCardinality = maxCardinality
        // Variables: integral entered cells may change; computed totals are expanded into their parts.
        for local in 0..<n {
            let value = report.values[local]
            let integral = value.number.flatMap { $0.intValue }
            problem.values[local] = value.isEmpty ? 0 : integral
            problem.free[local] = report.isEntered(local) && !report.hasFormula(local) && value.number != nil
            problem.lowerBounds[local] = shape.isSigned[local] ? nil : 0
        }
        var expansion: [Int: [Int: Int]] = [:]
        func expand(_ local: Int) -> [Int: Int] {
            if let known = expansion[local] { return known }
            var result: [Int: Int] = [:]
            if !report.isEntered(local) && !report.hasFormula(local) && !shape.totalParts[local].isEmpty {
                for part in shape.totalParts[local] {
                    for (v, c) in expand(Int(part)) { result[v, default: 0] += c }
                }
            } else {
                result[local] = 1
            }
            expansion[local] = result
            return result
        }
        // An incomplete equality whose empty cells all stand on one side says its filled cells leave room for them:
        // Σ filled (other side) − Σ filled (their side) ≥ 0, since empty counts are non-negative.
        func inequality(from equality: TemplateEquality) {
            var terms: [Int: Int] = [:]
            for cell in equality.lhs { for (v, c) in expand(cell) { terms[v, default: 0] += c } }
            for cell in equality.rhs { for (v, c) in expand(cell) { terms[v, default: 0] -= c } }
            let empty = terms.filter { report.values[$0.key].isEmpty && $0.value != 0 }
            guard !empty.isEmpty, empty.allSatisfy({ problem.lowerBounds[$0.key] == 0 }) else { return }
            let signs = Set(empty.values.map { $0 > 0 })
            guard signs.count == 1, let positive = signs.first else { return }
            let filled = terms.filter { !report.values[$0.key].isEmpty && $0.value != 0 }.sorted { $0.key < $1.key }
            // Σ filled·a + Σ empty·a = 0 with Σ empty·a ≥ 0 (positive) ⇒ Σ filled·(−a) ≥ 0; else Σ filled·a ≥ 0.
            problem.inequalities.append(filled.map { (variable: $0.key, coefficient: positive ? -$0.value : $0.value) })
            problem.inequalityConstants.append(0)
        }
        var failing: [String] = []
        var ignored: [String] = []
        var equationRules: [String] = []
        for (index, equality) in template.equalities.enumerated() {
            let status = report.equalityStatus[index]
            if status == .incomplete { inequality(from: equality) }
            guard status == .holds || status == .fails else {
                if status == .error { ignored.append(equality.name) }
                continue
            }
            if status == .fails { failing.append(equality.name) }
            var terms: [Int: Int] = [:]
            for cell in equality.lhs { for (v, c) in expand(cell) { terms[v, default: 0] += c } }
            for cell in equality.rhs { for (v, c) in expand(cell) { terms[v, default: 0] -= c } }
            let nonzero = terms.filter { $0.value != 0 }.sorted { $0.key < $1.key }
            guard !nonzero.isEmpty else { continue }
            problem.equations.append(nonzero.map { (variable: $0.key, coefficient: $0.value) })
            problem.constants.append(0)
            equationRules.append(equality.name)
        }
        for (id, rule) in userRules.enumerated() {
            guard let rule, rule.spec.report == slot else { continue }
            let failingNow = rule.status.isFailing
            guard let linear = linearForm(of: rule, slot: slot) else {
                if failingNow { ignored.append(rule.name) }
                continue
            }
            if failingNow { failing.append(rule.name) }
            var terms: [Int: Int] = [:]
            for (local, c) in linear.terms { for (v, k) in expand(local) { terms[v, default: 0] += c * k } }
            let nonzero = terms.filter { $0.value != 0 }.sorted { $0.key < $1.key }
            guard !nonzero.isEmpty else { continue }
            problem.equations.append(nonzero.map { (variable: $0.key, coefficient: $0.value) })
            problem.constants.append(linear.constant)
            equationRules.append(rule.name)
            _ = id
        }
        // Domain: cells out of it must change; one in no equality is repaired only when its sign was lost.
        var loose: [(Int, DecimalNumber)] = []
        let inEquations = Set(problem.equations.flatMap { $0.map(\.variable) })
        for local in report.domainViolations.sorted() where local < n {
            // A computed total out of domain follows its parts, which are out of domain themselves.
            if !problem.free[local] && !shape.totalParts[local].isEmpty && !report.isEntered(local) { continue }
            guard inEquations.contains(local) else {
                if case .number(let x) = report.values[local], x.isNegative, problem.free[local],
                    let flipped = try? DecimalNumber.zero.subtracting(x),
                    shape.inDomain(.number(flipped), at: local)
                {
                    loose.append((local, flipped))
                } else {
                    ignored.append("domain")
                }
                continue
            }
            problem.forced.append(local)
        }
        if !report.domainViolations.isEmpty { failing.append("domain") }
        let outcome = ErrorLocalisation.search(problem)
        var candidates: [RepairCandidate] = []
        if !ignored.contains("domain") {
            for solution in outcome.solutions {
                var changes = solution.changes.map { change in
                    (change.variable, DecimalNumber(change.value))
                }
                changes += loose
                changes.sort { $0.0 < $1.0 }
                candidates.append(candidate(report, changes, failing: failing))
            }
            if outcome.solutions.isEmpty, !loose.isEmpty, outcome.cardinality == 0 {
                candidates.append(candidate(report, loose, failing: failing))
            }
        }
        candidates.sort { a, b in
            if a.plausibility != b.plausibility { return a.plausibility > b.plausibility }
            return a.changes.map(\.cell).lexicographicallyPrecedes(b.changes.map(\.cell))
        }
        let cardinality = outcome.cardinality.map { $0 + loose.count } ?? (loose.isEmpty ? nil : loose.count)
        return RepairSearch(
            report: report.name, failing: failing, ignored: ignored, candidates: Array(candidates.prefix(limit)),
            cardinality: candidates.isEmpty ? nil : cardinality, bound: maxCardinality, truncated: outcome.truncated)
    }

    /// Applies a suggestion as one undo step: each cell gets its repaired value, keeping where it was printed.
    public func applyRepair(_ candidate: RepairCandidate) throws(EngineError) -> ChangeSet {
        guard let slot = slotByName[candidate.report], let report = reports[slot] else {
            throw .unknownReport(candidate.report)
        }
        var edits: [CellEdit] = []
        for change in candidate.changes {
            guard let local = report.template.index(of: change.cell) else {
                throw .unknownName(change.cell, suggestion: nil)
            }
            guard report.values[local] == change.printed else {
                throw .invalidValue(
                    candidate.report + "." + change.cell,
                    reason: "it changed since the suggestion (now \(report.values[local].description)); suggest again")
            }
            let old = report.provenance(at: local)
            let provenance = Provenance(
                file: old?.file, line: old?.line, column: old?.column, origin: .entered,
                note: "repaired by .suggest: printed \(change.printed.description), \(change.pattern.rawValue)")
            edits.append(
                CellEdit(
                    id: CellID(report: slot, local: local),
                    content: .entered(.number(change.repaired), provenance: provenance)))
        }
        return try perform(.cells(edits))
    }

    // MARK: Ranking

    func candidate(_ report: ReportState, _ changes: [(Int, DecimalNumber)], failing: [String]) -> RepairCandidate {
        var plausibility = 1.0
        var repairChanges: [RepairChange] = []
        for (local, value) in changes {
            let printed = report.values[local]
            let (score, pattern) = likelihood(report, local: local, printed: printed, repaired: value)
            plausibility *= score * columnPrior(report, local: local, printed: printed, repaired: value)
            repairChanges.append(
                RepairChange(
                    cell: report.template.cells[local].name, printed: printed, repaired: value, pattern: pattern))
        }
        return RepairCandidate(report: report.name, changes: repairChanges, plausibility: plausibility, heals: failing)
    }

    func likelihood(_ report: ReportState, local: Int, printed: Value, repaired: DecimalNumber) -> (
        Double, RepairPattern
    ) {
        guard let p = printed.number?.intValue, let r = repaired.intValue else {
            if case .number(let x) = printed, (try? DecimalNumber.zero.subtracting(x)) == repaired {
                return (RepairPattern.signLost.weight, .signLost)
            }
            return (RepairPattern.other.weight / 1024, .other)
        }
        let cell = report.template.cells[local]
        let values = report.values
        let number = { (index: Int) -> Int? in values[index].number?.intValue }
        let neighbours = Workbook.neighbours(of: cell, in: report.template).compactMap(number)
        let otherTotals =
            cell.isTotal
            ? report.template.cells.filter {
                $0.isTotal && $0.index != local && $0.table == cell.table && $0.columnKey == cell.columnKey
            }.compactMap { number($0.index) } : []
        return RepairPattern.likelihood(
            printed: p, repaired: r, isTotal: cell.isTotal, neighbours: neighbours, otherTotals: otherTotals)
    }

    /// How likely the repaired value is against the printed one in the cell's column: most columns of table 三 are
    /// almost all 0 (科研机构, 法律服务机构), so turning a printed 0 there into a count is unlikely and the reverse likely.
    /// The share of non-zero values in the other cells of the column (Laplace-smoothed) gives P(v) / P(printed).
    func columnPrior(_ report: ReportState, local: Int, printed: Value, repaired: DecimalNumber) -> Double {
        let cell = report.template.cells[local]
        var nonzero = 1
        var count = 2
        let values = report.values
        for other in report.template.cells
        where other.index != local && other.tableIndex == cell.tableIndex && other.sectionIndex == cell.sectionIndex
            && other.columnKey == cell.columnKey
        {
            guard case .number(let n) = values[other.index] else { continue }
            count += 1
            if !n.isZero { nonzero += 1 }
        }
        let p = Double(nonzero) / Double(count)
        let before = printed.number.map { $0.isZero ? 1 - p : p } ?? 1
        let after = repaired.isZero ? 1 - p : p
        return after / before
    }

    /// The cells printed next to a cell: the rows above and below, the columns left and right in its section; for a
    /// table printed as one row (table 四), the values before and after it.
    public static func neighbours(of cell: TemplateCell, in template: ReportTemplate) -> [Int] {
        let table = template.tables[cell.tableIndex]
        if case .singleRow = table.layout {
            let cells = template.cells(ofTable: table.id)
            return [cell.index - 1, cell.index + 1].filter { cells.indices.contains($0) }
        }
        let section = table.sections[cell.sectionIndex]
        var result: [Int] = []
        for (dr, dc) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
            let r = cell.rowIndex + dr
            let c = cell.columnIndex + dc
            guard section.rows.indices.contains(r), section.columns.indices.contains(c),
                let other = template.cell(table: table.id, row: section.rows[r].key, column: section.columns[c].key)
            else { continue }
            result.append(other.index)
        }
        return result
    }

    // MARK: User rules

    /// A user rule `A = B` whose sides are sums of this report's cells times integer constants, as Σ c·cell = constant.
    func linearForm(of rule: UserRule, slot: Int) -> (terms: [(Int, Int)], constant: Int)? {
        guard let expression = try? Formula.parse(rule.spec.source),
            case .binary(.equal, let left, let right) = expression.kind
        else { return nil }
        var terms: [Int: Int] = [:]
        var constant = 0
        func add(_ e: Expression, _ sign: Int) -> Bool {
            switch e.kind {
            case .number(let n):
                guard let v = n.intValue else { return false }
                constant -= sign * v
                return true
            case .reference(let reference):
                guard let raws = try? resolveAll(reference.name, context: slot) else { return false }
                for raw in raws {
                    let id = CellID(raw: raw)
                    // Cells of this report counted in whole numbers only (the fee in 万元 is no integer variable).
                    guard id.report == slot, let report = reports[slot], id.local < report.shape.cellCount,
                        report.shape.isIntegral[id.local]
                    else {
                        return false
                    }
                    terms[id.local, default: 0] += sign
                }
                return raws.count == 1 || reference.isPattern ? !raws.isEmpty : false
            case .unary(.minus, let operand): return add(operand, -sign)
            case .unary(.plus, let operand): return add(operand, sign)
            case .binary(.add, let a, let b): return add(a, sign) && add(b, sign)
            case .binary(.subtract, let a, let b): return add(a, sign) && add(b, -sign)
            case .binary(.multiply, let a, let b):
                if case .number(let k) = a.kind, let factor = k.intValue { return add(b, sign * factor) }
                if case .number(let k) = b.kind, let factor = k.intValue { return add(a, sign * factor) }
                return false
            case .call(let function, let arguments) where function.name == "sum":
                return arguments.allSatisfy { add($0, sign) }
            default: return false
            }
        }
        guard add(left, 1), add(right, -1) else { return nil }
        // Σ terms + (−constant terms moved) = 0  ⇒  Σ terms = constant.
        return (terms.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, constant)
    }
}
