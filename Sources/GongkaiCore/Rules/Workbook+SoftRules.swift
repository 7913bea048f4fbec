// Soft rules (TEMPLATE §6.3): warnings the format does not state but real reports are checked against. They are
// computed on demand — by `.check`, the load summary and `.explain` — never by the incremental engine, so an edit
// costs nothing more for them.
//
//   xyear.valid.<row>        现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y), for 规章 and 行政规范性文件 (rule 10)
//   text.<figure>[.<n>]      a figure quoted in 一、总体情况 equals its table cells (rule 11)
//   text.fee                 section 六 reports 信息处理费, consistently with table 三 (rules 4 and 13)
//   plausible.count.<cell>   a count within what any body reports
//   plausible.jump.<cell>    a figure within a factor of the same body's figure the year before

extension Workbook {
    /// Bounds of plausibility, justified from the real reports (docs/rules.md § Soft rules).
    public enum Plausibility {
        /// The largest count a table 三 or 四 cell may hold: 30× the largest seen (淮安市 2024, 3,119 new applications;
        /// 351 行政复议).
        public static let applicationBound = 100_000
        /// The largest 制发/废止/现行有效 count of table 二 (the fixtures print at most 35).
        public static let documentBound = 100_000
        /// The largest 处理决定数量 of table 二: 25× the largest seen (淮安市 2024, 3,985,758 行政处罚).
        public static let decisionBound = 100_000_000
        /// The factor beyond which a year-over-year change is flagged: the one consecutive pair in the fixtures
        /// (洪泽区 2023 → 2024) moves by up to 17.2× (行政许可 550 → 9,487) and 4.5× (新收 21 → 95), genuinely.
        public static let jumpFactor = 20
        /// Below this, the smaller of the two figures makes ratios noise (0 → 3 is no jump).
        public static let jumpFloor = 10
        /// The cells compared year over year.
        public static let jumpCells = [
            "t2.permit.decided", "t2.penalty.decided", "t2.coercion.decided", "t3.new.total", "t3.total.total",
            "t4.review.total",
        ]
    }

    /// The soft rules of a report with their results (warnings), computed from the current values and texts.
    public func softRuleResults(report name: String) throws(EngineError) -> [RuleResult] {
        let slot = try slot(of: name)
        guard let report = reports[slot] else { throw .noReport }
        var results: [RuleResult] = []
        let previous = previousYearSlot(of: slot).flatMap { reports[$0] }
        if let previous { results += validContinuity(report, previous) }
        results += proseFigures(report)
        if let fee = processingFee(report) { results.append(fee) }
        results += plausibleCounts(report)
        if let previous { results += plausibleJumps(report, previous) }
        return results
    }

    /// The report of the same body for the year before: the engine's cross-year link (``linkTarget(of:)`` says
    /// which bodies are one).
    func previousYearSlot(of slot: Int) -> Int? {
        reports[slot]?.lastYear
    }

    // MARK: Rule 10

    func validContinuity(_ report: ReportState, _ previous: ReportState) -> [RuleResult] {
        ["reg", "norm"].compactMap { row -> RuleResult? in
            let names = ["t2.\(row).valid", "t2.\(row).made", "t2.\(row).repealed"]
            let locals = names.compactMap { report.template.index(of: $0) }
            // Last year's cell by its own template's index: a 2019-format year has no 现行有效件数, so no rule.
            guard locals.count == 3, let lastLocal = previous.template.index(of: names[0]) else { return nil }
            let valid = report.values[locals[0]]
            let lastValid = previous.values[lastLocal]
            let made = report.values[locals[1]]
            let repealed = report.values[locals[2]]
            var right = Value.empty
            if case .number(let a) = lastValid, case .number(let b) = made, case .number(let c) = repealed {
                do { right = .number(try a.adding(b).subtracting(c)) } catch { right = .error(.overflow) }
            }
            let label = row == "reg" ? "规章" : "行政规范性文件"
            return softResult(
                "xyear.valid.\(row)", report, left: valid, right: right,
                cells: [names[0], previous.name + "." + names[0], names[1], names[2]],
                description: "\(label): 现行有效件数 = 上一年（\(previous.name)）现行有效件数 + 本年制发件数 − 本年废止件数")
        }
    }

    // MARK: Rule 11

    /// The table cells each prose figure is checked against, and the readings that count as agreeing.
    static let proseCells: [ProseFigure.Kind: (label: String, cells: [[String]])] = [
        .received: ("一、本年新收 总计 (or 一 + 二)", [["t3.new.total"], ["t3.new.total", "t3.carried.total"]]),
        .closed: ("（七）总计 总计", [["t3.total.total"]]),
        .forward: ("四、结转下年度继续办理 总计", [["t3.forward.total"]]),
        .carried: ("二、上年结转 总计", [["t3.carried.total"]]),
        .review: ("行政复议 总计", [["t4.review.total"]]),
        .suit: ("行政诉讼 总计 (直接起诉 + 复议后起诉)", [["t4.suit.direct.total", "t4.suit.after.total"]]),
    ]

    func proseFigures(_ report: ReportState) -> [RuleResult] {
        guard let local = report.shape.textIndex["text.s1"], let text = report.text(local) else { return [] }
        let label = report.template.textCells.first { $0.name == "text.s1" }?.label ?? "text.s1"
        var seen: [ProseFigure.Kind: Int] = [:]
        return ProseFigure.scan(text).compactMap { figure -> RuleResult? in
            guard let (what, readings) = Workbook.proseCells[figure.kind] else { return nil }
            let n = seen[figure.kind, default: 0] + 1
            seen[figure.kind] = n
            let quoted = Value.number(DecimalNumber(figure.value))
            // The reading that agrees, if any; else the first.
            let sums = readings.map { cells in (cells, sum(cells, in: report)) }
            let chosen = sums.first { $0.1 == quoted } ?? sums[0]
            let name = "text.\(figure.kind.rawValue)" + (n > 1 ? ".\(n)" : "")
            return softResult(
                name, report, left: quoted, right: chosen.1, cells: ["text.s1"] + chosen.0,
                description: "\(label) ¶\(figure.paragraph) “\(figure.quote)” = \(what)")
        }
    }

    func sum(_ names: [String], in report: ReportState) -> Value {
        let parts = names.compactMap { report.template.index(of: $0).map { Int32($0) } }
        return Workbook.total(of: parts, in: report.values)
    }

    // MARK: Rule 13

    func processingFee(_ report: ReportState) -> RuleResult? {
        guard let local = report.shape.textIndex["text.s6"] else { return nil }
        let label = report.template.textCells.first { $0.name == "text.s6" }?.label ?? "text.s6"
        let nofee = sum(["t3.result.other.nofee.total"], in: report)
        let cells = ["text.s6", "t3.result.other.nofee.total"]
        guard let text = report.text(local) else {
            return softResult(
                "text.fee", report, status: .incomplete, left: .empty, right: nofee, cells: cells,
                description: "\(label) is empty: 信息处理费 cannot be checked")
        }
        let paragraphs = text.lines
        let mention = paragraphs.firstIndex { $0.containsText("处理费") || $0.containsText("收费") }
        guard let mention else {
            return softResult(
                "text.fee", report, status: .fails, left: .empty, right: nofee, cells: cells,
                description: "\(label) does not report 信息处理费 (the format asks for it there)")
        }
        let nonePhrases = [
            "没有产生", "未产生", "未收取", "没有收取", "无收取", "未发生", "不收取", "收费 0", "处理费 0", "处理费0",
        ]
        // The paragraph that says none was charged, if any mentions the fee that way; else the first mention.
        let none = paragraphs.firstIndex { p in
            (p.containsText("处理费") || p.containsText("收费")) && nonePhrases.contains { p.containsText($0) }
        }
        let saysNone = none != nil
        let shown = none ?? mention
        let place = "\(label) ¶\(shown + 1) “\(String(paragraphs[shown].prefix(40)))”"
        if saysNone, case .number(let n) = nofee, !n.isZero {
            return softResult(
                "text.fee", report, status: .fails, left: 0, right: nofee, cells: cells,
                description: "\(place) says no 信息处理费, yet （六）2 (fee notice unpaid) counts \(n)")
        }
        return softResult(
            "text.fee", report, status: .holds, left: saysNone ? 0 : .empty, right: nofee, cells: cells,
            description: "\(place) reports 信息处理费")
    }

    // MARK: Plausibility

    func plausibleCounts(_ report: ReportState) -> [RuleResult] {
        var results: [RuleResult] = []
        // By index: a template cell is copied out only for a result.
        let cells = report.template.cells
        for k in cells.indices where cells[k].unit == .count {
            guard case .number(let n) = report.values[cells[k].index] else { continue }
            let bound: Int
            switch cells[k].table {
            case "t2":
                bound = cells[k].columnKey == "decided" ? Plausibility.decisionBound : Plausibility.documentBound
            default: bound = Plausibility.applicationBound
            }
            guard n > DecimalNumber(bound) else { continue }
            let cell = cells[k]
            results.append(
                softResult(
                    "plausible.count.\(cell.name)", report, left: .number(n), right: .number(DecimalNumber(bound)),
                    status: .fails, cells: [cell.name],
                    description:
                        "\(cell.rowPath) · \(cell.columnPath) = \(n): beyond \(bound), more than any body reports"))
        }
        return results
    }

    func plausibleJumps(_ report: ReportState, _ previous: ReportState) -> [RuleResult] {
        Plausibility.jumpCells.compactMap { name -> RuleResult? in
            guard let index = report.template.index(of: name), case .number(let now) = report.values[index],
                let lastIndex = previous.template.index(of: name),
                case .number(let before) = previous.values[lastIndex], let a = now.intValue, let b = before.intValue
            else { return nil }
            let small = min(a, b)
            let large = max(a, b)
            let factor = Plausibility.jumpFactor
            let jumps = small >= Plausibility.jumpFloor ? large > small * factor : small == 0 && large >= factor * 10
            guard jumps else { return nil }
            let cell = report.template.cells[index]
            return softResult(
                "plausible.jump.\(name)", report, left: .number(now), right: .number(before), status: .fails,
                cells: [name, previous.name + "." + name],
                description: "\(cell.rowPath) · \(cell.columnPath): \(b) → \(a) from the year before, beyond ×\(factor)"
            )
        }
    }

    // MARK: Results

    func softResult(
        _ name: String, _ report: ReportState, status: RuleStatus? = nil, left: Value, right: Value,
        cells: [String], description: String
    ) -> RuleResult {
        let computed = status ?? Workbook.compare(left, right)
        return RuleResult(
            name: name, report: report.name, kind: .soft, severity: .warning, status: computed, left: left,
            right: right, imbalance: Workbook.imbalance(left, right, computed), cells: cells,
            description: description)
    }

    func softResult(
        _ name: String, _ report: ReportState, left: Value, right: Value, status: RuleStatus, cells: [String],
        description: String
    ) -> RuleResult {
        softResult(name, report, status: status, left: left, right: right, cells: cells, description: description)
    }
}
