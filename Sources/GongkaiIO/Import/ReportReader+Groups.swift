import GongkaiCore

// A group of rows printed as one row without its items, kept as the group's subtotal.
extension ReportReader {
    /// A group of item rows (（六）其他处理 1–3) none of which was printed, where the group's own label is printed with a
    /// whole row of values (洪泽区 2023, 2024): the values are kept as the group's ``PrintedSubtotal``, its items stay
    /// empty, and a note says so.
    mutating func keepPrintedGroups(_ candidates: [RowCandidate], used: Set<Int>, table: TemplateTable) {
        guard table.sections.count == 1, let section = table.sections.first else { return }
        for group in plan.groups[table.id] ?? [] {
            guard group.cells.allSatisfy({ values[$0] == nil }) else { continue }
            let label = group.printed
            let columns = section.columns.map(\.key)
            guard
                let c = candidates.indices.first(where: { c in
                    guard !used.contains(c) else { return false }
                    let printed = LabelText.splitOrdinal(candidates[c].label)
                    return printed.ordinal == label.ordinal && printed.text == label.text
                        && candidates[c].trimmedCells(columns.count).count == columns.count
                })
            else { continue }
            let tokens = candidates[c].trimmedCells(columns.count)
            let numbers = tokens.map { $0.isBlank || $0.problem != nil ? nil : Self.number($0.digits) }
            guard numbers.allSatisfy({ $0 != nil }) else { continue }
            let first = tokens[0]
            let provenance = Provenance(
                file: file, line: Int(first.place.line), column: document.characterColumn(first.place), origin: .read,
                note: "\(group.label) printed as one row without its items")
            subtotals.append(
                PrintedSubtotal(
                    table: table.id, row: group.key, label: group.label,
                    values: zip(columns, numbers).map { ($0, $1!) }, provenance: provenance))
            issues.append(
                ImportIssue(
                    code: "I114", severity: .note,
                    "\(describe(table)) \(group.label) is printed as one row without its items: its values are kept as "
                        + "the subtotal \(table.id).\(group.key).* and checked against the items and （七）总计",
                    table: table.id, row: group.key, line: Int(first.place.line),
                    column: document.characterColumn(first.place)))
        }
    }
}
