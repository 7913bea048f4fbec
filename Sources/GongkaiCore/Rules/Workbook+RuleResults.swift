// A rule's full result (sides, imbalance, cells), built on demand from its status: the change set, `.check` and
// `.explain` read it; the edit path keeps statuses only (Workbook+Rules.swift).

extension Workbook {
    /// The full result of a rule: sides, imbalance, cells.
    func result(of key: RuleKey) -> RuleResult? {
        guard let status = status(of: key), let slot = reportSlot(of: key), let report = reports[slot],
            let name = ruleName(of: key)
        else { return nil }
        switch key {
        case .equality(_, let index):
            return equalityResult(index, of: report, status: status)
        case .domain:
            let bad = report.domainViolations
            return RuleResult(
                name: name, report: report.name, kind: .domain, severity: .error, status: status,
                left: .number(DecimalNumber(bad.count)), right: 0, imbalance: .number(DecimalNumber(bad.count)),
                cells: bad.map { report.shape.names[$0] },
                description: "数值非负；除金额（万元/元）外为整数")
        case .crossYear(_, let pair):
            guard let earlierSlot = report.lastYear, let earlier = reports[earlierSlot] else { return nil }
            let cells = report.shape.crossPairs[pair]
            let last = report.crossLastYear[pair]
            let left = report.values[cells.thisYear]
            let right = last < 0 ? Value.empty : earlier.values[last]
            return RuleResult(
                name: name, report: report.name, kind: .crossYear, severity: .warning, status: status,
                left: left, right: right, imbalance: Workbook.imbalance(left, right, status),
                cells: [
                    report.template.cells[cells.thisYear].name,
                    earlier.name + "." + report.template.cells[cells.lastYear].name,
                ],
                description: cells.description)
        case .user(let id):
            guard let rule = userRules[id] else { return nil }
            let outcome = rule.condition.evaluate { self.valueOf($0) }
            let right = outcome.right ?? .empty
            return RuleResult(
                name: name, report: report.name, kind: .user, severity: rule.spec.severity, status: status,
                left: outcome.left, right: right,
                imbalance: outcome.right == nil ? .empty : Workbook.imbalance(outcome.left, right, status),
                cells: rule.condition.dependencies.map { self.name(of: $0, context: slot) },
                description: rule.spec.source)
        }
    }

    /// The result of equality `index` of a report whose status is `status`; `sides` when they are summed already.
    func equalityResult(
        _ index: Int, of report: ReportState, status: RuleStatus, sides: EqualitySides = .none
    ) -> RuleResult {
        let shape = report.shape
        let left: Value
        let right: Value
        if sides.known {
            (left, right) = (sides.left, sides.right)
        } else {
            let values = report.values
            left = Workbook.total(of: shape.equalityLeft[index], in: values)
            right = Workbook.total(of: shape.equalityRight[index], in: values)
        }
        return RuleResult(
            identity: shape.equalityIdentities[index], report: report.name, status: status, left: left, right: right,
            imbalance: Workbook.imbalance(left, right, status))
    }

    static func imbalance(_ left: Value, _ right: Value, _ status: RuleStatus) -> Value {
        guard status == .holds || status == .fails, case .number(let l) = left, case .number(let r) = right else {
            return .empty
        }
        do { return .number(try l.subtracting(r)) } catch { return .error(CellError(error)) }
    }
}
