// Printed subtotals (洪泽区's （六）其他处理 printed as one row): the named cells and error rules a report loaded with
// them gets, built once per template, row and column and shared by every report of that template.

extension Workbook {
    /// The named cells and rules of a printed subtotal (``loadReport(name:template:values:texts:subtotals:)``).
    func subtotalOperations(_ subtotal: PrintedSubtotal, report: String, slot: Int, template: ReportTemplate)
        throws(EngineError) -> [Operation]
    {
        if subtotal.values.isEmpty,
            !template.cells.contains(where: {
                PrintedSubtotal.isItem($0, table: subtotal.table, row: subtotal.row)
            })
        {
            throw PrintedSubtotal.noItems(table: subtotal.table, row: subtotal.row)
        }
        var definitions: [Operation] = []
        var rules: [Operation] = []
        for (column, value) in subtotal.values {
            let columnRules = try subtotalRules(template, table: subtotal.table, row: subtotal.row, column: column)
            guard let name = columnRules.first?.subtotalName else { continue }
            definitions.append(.definition(report: slot, name: name, source: value.description))
            for rule in columnRules {
                rules.append(
                    .rule(
                        name: report + "." + rule.suffix,
                        spec: UserRule.Spec(report: slot, source: rule.source, severity: .error, sums: rule.sums)))
            }
        }
        return definitions + rules
    }

    /// The rules of one column of a printed subtotal, the same for every report of a template: built once per
    /// template, row and column (sources shared by all those reports), empty when the column has no items.
    ///
    /// Per column two kinds of error rule: the subtotal equals its items (`subtotal.result.other.natural`), and every
    /// template equality that sums all the items holds with the subtotal in their place
    /// (`t3.colsum.natural.result.other`: （七）总计 = the other results + the subtotal).
    func subtotalRules(_ template: ReportTemplate, table: String, row: String, column: String)
        throws(EngineError) -> [SubtotalRule]
    {
        let key = [template.id, table, row, column].joined(separator: "\u{1F}")
        if let known = subtotalRuleCache[key] { return known }
        let items = template.cells.indices.filter { PrintedSubtotal.isItem(template.cells[$0], table: table, row: row) }
        let subtotalName = PrintedSubtotal.cellName(table: table, row: row, column: column)
        guard !items.isEmpty else { throw PrintedSubtotal.noItems(table: table, row: row) }
        let parts = items.filter { template.cells[$0].columnKey == column }
        // Each rule's source says what its sums say; the sums are what is compiled (no parse per report).
        func rule(_ suffix: String, _ left: [RuleSums.Term], _ right: [RuleSums.Term]) -> SubtotalRule {
            func text(_ terms: [RuleSums.Term]) -> String {
                terms.map {
                    switch $0 {
                    case .cell(let index): template.cells[index].name
                    case .name(let name): name
                    }
                }.joined(separator: " + ")
            }
            return SubtotalRule(
                suffix: suffix, source: text(left) + " = " + text(right), sums: RuleSums(left: left, right: right),
                subtotalName: subtotalName)
        }
        var rules: [SubtotalRule] = []
        if !parts.isEmpty {
            rules.append(rule("subtotal.\(row).\(column)", [.name(subtotalName)], parts.map { .cell($0) }))
            let partIndices = Set(parts)
            for equality in template.equalities {
                for (side, other) in [(equality.lhs, equality.rhs), (equality.rhs, equality.lhs)]
                where partIndices.isSubset(of: side) {
                    let kept = side.filter { !partIndices.contains($0) }.map { RuleSums.Term.cell($0) }
                    rules.append(rule("\(equality.name).\(row)", other.map { .cell($0) }, kept + [.name(subtotalName)]))
                }
            }
        }
        subtotalRuleCache[key] = rules
        return rules
    }
}
