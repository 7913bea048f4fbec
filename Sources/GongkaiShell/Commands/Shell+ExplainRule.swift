import GongkaiCore

// `.explain RULE`: a rule's equation with labels and values on both sides, its imbalance, each cell's status and
// source, its severity and documentation.

extension Shell {
    /// A rule by name — built-in, cross-year, user or soft — in the current report or qualified (`hz2023.domain`).
    func ruleResult(named reference: String) -> RuleResult? {
        if let result = try? workbook.rule(named: reference) { return result }
        let (report, name) = splitRuleReference(reference)
        guard let report else { return nil }
        return softRuleResults(report).first { $0.name == name }
    }

    /// `hz2023.text.received` → (`hz2023`, `text.received`); an unqualified name is in the current report.
    func splitRuleReference(_ reference: String) -> (report: String?, name: String) {
        if let dot = reference.firstIndex(of: "."), workbook.hasReport(String(reference[..<dot])) {
            return (String(reference[..<dot]), String(reference[reference.index(after: dot)...]))
        }
        return (workbook.currentReport, reference)
    }

    /// Prints everything about one rule.
    func explainRule(_ result: RuleResult) throws -> ShellStatus {
        let qualified = result.report == workbook.currentReport ? result.name : result.qualifiedName
        var heading = qualified + "  " + Shell.statusWord(result.status)
        if let imbalance = Optional(Shell.imbalanceText(result)), !imbalance.isEmpty { heading += " " + imbalance }
        heading += "  (" + result.severity.rawValue + ")"
        output.line(heading)
        func field(_ title: String, _ text: String) {
            let lines = TextLayout.wrap(text, options.width - 12)
            for (n, line) in lines.enumerated() {
                output.line((n == 0 ? TextLayout.padRight(title, 12) : String(repeating: " ", count: 12)) + line)
            }
        }
        let family = RuleFamily.of(result)
        field("rule", result.description.replacingNewlines())
        let terms = ruleTerms(result)
        if let terms, result.kind != .domain, !terms.relation.isEmpty {
            let side = { (cells: [RuleTerm]) -> String in
                var text = ""
                for (n, term) in cells.enumerated() {
                    if n > 0 || term.negative { text += term.negative ? (n > 0 ? " − " : "−") : " + " }
                    text += term.label + " " + term.valueText
                }
                return text
            }
            var equation = side(terms.left)
            if !terms.right.isEmpty { equation += " " + terms.relation + " " + side(terms.right) }
            field("equation", equation)
        }
        if result.kind != .domain, result.status == .holds || result.status == .fails {
            var sides = "left " + TableView.text(result.left) + ", right " + TableView.text(result.right)
            if case .number = result.imbalance { sides += ", imbalance " + Shell.signed(result.imbalance) }
            field("sides", sides)
        } else if result.status == .incomplete {
            field("sides", "incomplete: a cell it reads is empty")
        }
        let single: Set<RuleFamily> = [.user, .domain, .processingFee]
        field("family", family.rawValue + (single.contains(family) ? "" : ".*") + " — " + family.documentation)
        field("see", "docs/rules.md")
        let cells = (terms.map { $0.left + $0.right } ?? []).map(\.cell).filter { !$0.isEmpty }
        let listed = cells.isEmpty ? result.cells : cells
        guard !listed.isEmpty else { return .ok }
        output.line("cells")
        let rows = listed.map { name -> [String] in
            guard let info = try? cellInfo(name) else { return [name, "?", "unknown", ""] }
            let value = info.value.isEmpty ? "-" : info.value.description.replacingNewlines()
            let status = info.kind == .text ? "text" : Shell.cellStatus(info)
            let source = info.provenance.map(\.description).flatMap { $0 == status ? nil : $0 } ?? ""
            return [name, TextLayout.truncate(value, 24), status, source]
        }
        let widths = (0..<3).map { column in rows.map { displayWidth($0[column]) }.max() ?? 0 }
        for row in rows {
            var line = "  " + TextLayout.padRight(row[0], widths[0]) + "  " + TextLayout.padLeft(row[1], widths[1])
            line += "  " + TextLayout.padRight(row[2], widths[2]) + "  " + row[3]
            output.line(line.trimmingTrailingBlanks())
        }
        return .ok
    }

    /// One term of an equation: the cell, a short label, and its value as shown.
    struct RuleTerm {
        let cell: String
        let label: String
        let valueText: String
        /// Subtracted rather than added.
        var negative = false
    }

    /// The two sides of a rule as labelled terms, or nil when the rule has no cell-by-cell equation.
    func ruleTerms(_ result: RuleResult) -> (left: [RuleTerm], relation: String, right: [RuleTerm])? {
        guard let template = try? workbook.template(of: result.report) else { return nil }
        let prefix = result.report == workbook.currentReport ? "" : result.report + "."
        // A name is read in the rule's report; one qualified by another report (the year before) reads that one.
        func value(_ name: String) -> String {
            TableView.text((try? workbook.value(of: name, in: result.report)) ?? .error(.reference)).replacingNewlines()
        }
        switch result.kind {
        case .template:
            guard let equality = template.equalities.first(where: { $0.name == result.name }) else { return nil }
            let all = (equality.lhs + equality.rhs).map { template.cells[$0] }
            let term = { (index: Int) -> RuleTerm in
                let cell = template.cells[index]
                return RuleTerm(
                    cell: prefix + cell.name, label: Shell.termLabel(cell, among: all),
                    valueText: value(cell.name))
            }
            return (equality.lhs.map(term), "=", equality.rhs.map(term))
        case .crossYear:
            guard result.cells.count == 2 else { return nil }
            let labels = ["本年", "上年"]
            let terms = zip(result.cells.prefix(2), labels).enumerated().map { n, pair in
                RuleTerm(
                    cell: n == 0 ? prefix + pair.0 : pair.0,
                    label: pair.1 + " " + (n == 0 ? Workbook.qualifiedName(pair.0, in: result.report) : pair.0),
                    valueText: value(pair.0))
            }
            return ([terms[0]], "=", [terms[1]])
        case .user, .domain:
            let terms = result.cells.map { RuleTerm(cell: $0, label: $0, valueText: value($0)) }
            return (terms, "", [])
        case .soft:
            let terms = result.cells.map { RuleTerm(cell: $0, label: $0, valueText: value($0)) }
            switch RuleFamily.of(result) {
            case .validContinuity where terms.count == 4:
                let repealed = RuleTerm(
                    cell: terms[3].cell, label: terms[3].label, valueText: terms[3].valueText, negative: true)
                return ([terms[0]], "=", [terms[1], terms[2], repealed])
            case .prose where terms.count >= 2:
                let quoted = RuleTerm(cell: terms[0].cell, label: "quoted", valueText: TableView.text(result.left))
                return ([quoted], "=", Array(terms.dropFirst()))
            case .plausibleCount where terms.count == 1:
                return (terms, "≤", [RuleTerm(cell: "", label: "bound", valueText: TableView.text(result.right))])
            case .plausibleJump where terms.count == 2:
                return ([terms[0]], "vs", [terms[1]])
            default:
                return (terms, "", [])
            }
        }
    }

    /// The part of a cell's labels that tells it apart from the other cells of a rule: the column when they share a
    /// row (`自然人`), else the row's ordinal (`一`, `（三）1`, `（七）总计`).
    static func termLabel(_ cell: TemplateCell, among cells: [TemplateCell]) -> String {
        let sameRow = cells.allSatisfy { $0.table == cell.table && $0.rowKey == cell.rowKey }
        if sameRow { return cell.columnLabels.last ?? cell.columnKey }
        return rowOrdinal(cell.rowLabels)
    }

    /// `一、本年新收…` → `一`; `（三）不予公开/1.属于国家秘密` → `（三）1`; `（七）总计` stays.
    static func rowOrdinal(_ labels: [String]) -> String {
        guard let last = labels.last else { return "" }
        func split(_ label: String) -> (ordinal: String, rest: String) {
            if label.hasPrefix("（"), let close = label.firstIndex(of: "）") {
                return (String(label[...close]), String(label[label.index(after: close)...]))
            }
            if let mark = label.firstIndex(where: { $0 == "、" || $0 == "." || $0 == "．" }),
                label[..<mark].allSatisfy({ $0.isNumber || "一二三四五六七八九十".contains($0) }), mark != label.startIndex
            {
                return (String(label[..<mark]), String(label[label.index(after: mark)...]))
            }
            return ("", label)
        }
        let (ordinal, rest) = split(last)
        guard !ordinal.isEmpty else { return TableView.shortLabel(last) }
        if ordinal.first?.isNumber == true, labels.count > 1 {
            let parent = split(labels[labels.count - 2]).ordinal
            if !parent.isEmpty { return parent + ordinal }
        }
        return rest.count <= 2 ? ordinal + rest : ordinal
    }

    /// read / inferred / entered / computed / empty, for `.explain RULE`.
    static func cellStatus(_ info: CellInfo) -> String {
        if info.value.isEmpty && !info.isEntered { return info.formula == nil ? "empty" : "computed" }
        if let provenance = info.provenance { return provenance.origin.rawValue }
        if info.formula != nil { return "computed" }
        return info.isEntered ? "entered" : "empty"
    }

    /// `+1`, `-11`, `0`.
    static func signed(_ value: Value) -> String {
        guard case .number(let n) = value else { return TableView.text(value) }
        return (n.isNegative || n.isZero ? "" : "+") + n.description
    }
}
