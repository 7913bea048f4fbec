/// What differs between two reports (`.diff A B`): template cells, metrics and rule statuses, each with both sides.
///
/// Cells are matched by name, so a 2019-format report compares with a 2021 one on the cells both formats have. An
/// empty cell is empty, never 0: empty against a value differs, with no Δ.
///
/// ```swift
/// let diff = try book.diff("洪泽区_2023", "淮安市洪泽区_2024")
/// diff.cells.first { $0.name == "t3.new.total" }?.percent  // 352.38 (21 → 95)
/// ```
public struct ReportDiff: Sendable, Hashable {
    /// The default |Δ%| from which a change is marked 同比突变: 50 (per cent).
    public static let defaultThreshold = DecimalNumber(50)

    /// One cell or metric whose value differs.
    public struct Change: Sendable, Hashable {
        /// The cell's name (`t3.new.total`) or the metric's (`applications`).
        public let name: String
        /// The cell's own row and column labels (`1.属于国家秘密 · 自然人`), or the metric's Chinese name.
        public let label: String
        /// The value in the first report.
        public let before: Value
        /// The value in the second report.
        public let after: Value
        /// `after − before` when both are numbers; else empty.
        public let delta: Value
        /// `round(Δ × 100 / before, 2)` when both are numbers and `before` is not 0; else empty.
        public let percent: Value
        /// |Δ%| ≥ the threshold: 同比突变.
        public let isJump: Bool
    }

    /// A rule of both reports whose status differs.
    public struct RuleChange: Sendable, Hashable {
        /// The rule's name (`t3.balance.natural`, `text.received`).
        public let name: String
        /// What the rule says.
        public let description: String
        /// Its status in the first report.
        public let before: RuleStatus
        /// Its status in the second report.
        public let after: RuleStatus
    }

    /// The first report (usually the earlier year).
    public let before: String
    /// The second report.
    public let after: String
    /// The |Δ%| from which a change is a jump.
    public let threshold: DecimalNumber
    /// How many template cells the two have in common (all of them for one format).
    public let comparedCells: Int
    /// The cells that differ, in the second report's template order.
    public let cells: [Change]
    /// The built-in metrics, then the user's, that differ.
    public let metrics: [Change]
    /// The rules both have (template, domain, cross-year and soft rules; a user rule is one report's) whose status
    /// differs, in the second report's listing order.
    public let rules: [RuleChange]

    /// The changes marked 同比突变, cells then metrics.
    public var jumps: [Change] { (cells + metrics).filter(\.isJump) }
}

extension Workbook {
    /// What differs from report `before` to report `after`: cells, metrics and rules (``ReportDiff``).
    ///
    /// The cost of two reports, whatever else the workbook holds.
    public func diff(_ before: String, _ after: String, threshold: DecimalNumber = ReportDiff.defaultThreshold)
        throws(EngineError) -> ReportDiff
    {
        guard let a = slotByName[before], let first = reports[a] else { throw .unknownReport(before) }
        guard let b = slotByName[after], let second = reports[b] else { throw .unknownReport(after) }
        guard !threshold.isNegative else {
            throw .invalidValue("threshold", reason: "\(threshold) is negative")
        }
        var cells: [ReportDiff.Change] = []
        var compared = 0
        let sameShape = first.shape === second.shape
        for cell in second.template.cells {
            guard let index = sameShape ? cell.index : first.template.index(of: cell.name) else { continue }
            compared += 1
            let old = first.values[index]
            let new = second.values[cell.index]
            guard old != new else { continue }
            cells.append(
                Workbook.change(
                    cell.name, "\(cell.rowLabels.last ?? cell.rowKey) · \(cell.columnLabels.last ?? cell.columnKey)",
                    old, new, threshold: threshold))
        }
        var metrics: [ReportDiff.Change] = []
        let names = Metric.builtIn.map(\.key) + metricDefinitions.filter { $0.builtIn == nil }.map(\.name)
        for name in names {
            let values = try column(name, only: [a, b])
            guard values.count == 2, values[0].value != values[1].value else { continue }
            metrics.append(
                Workbook.change(name, metricTitle(name).title, values[0].value, values[1].value, threshold: threshold))
        }
        return ReportDiff(
            before: before, after: after, threshold: threshold, comparedCells: compared, cells: cells,
            metrics: metrics, rules: try ruleChanges(before, after))
    }

    /// The rules of both reports whose status differs.
    func ruleChanges(_ before: String, _ after: String) throws(EngineError) -> [ReportDiff.RuleChange] {
        var old: [String: RuleStatus] = [:]
        for result in try ruleResults(report: before) + softRuleResults(report: before) {
            old[result.name] = old[result.name] ?? result.status
        }
        var seen = Set<String>()
        return try (ruleResults(report: after) + softRuleResults(report: after)).compactMap { result in
            guard seen.insert(result.name).inserted, let status = old[result.name], status != result.status else {
                return nil
            }
            return ReportDiff.RuleChange(
                name: result.name, description: result.description, before: status, after: result.status)
        }
    }

    static func change(_ name: String, _ label: String, _ old: Value, _ new: Value, threshold: DecimalNumber)
        -> ReportDiff.Change
    {
        var delta = Value.empty
        var percent = Value.empty
        if case .number(let x) = old, case .number(let y) = new {
            do throws(ArithmeticError) { delta = .number(try y.subtracting(x)) } catch {
                delta = .error(CellError(error))
            }
            percent = percentChange(from: x, to: y)
        }
        let isJump = percent.number.map { $0.magnitude >= threshold } ?? false
        return ReportDiff.Change(
            name: name, label: label, before: old, after: new, delta: delta, percent: percent, isJump: isJump)
    }
}
