import GongkaiCore

// Placing row candidates on template rows and splitting glued runs (each cell is recorded in ReportReader+Values.swift).
extension ReportReader {
    // MARK: Placing rows

    func describe(_ table: TemplateTable) -> String { "table \(table.number)" }

    /// `headingPlace` is where the table's heading is, for damage that has no row to point at.
    mutating func place(
        _ candidates: [RowCandidate], in table: TemplateTable, rows: [TemplateRowKey],
        headingPlace: (line: Int, column: Int)? = nil
    ) {
        var assigned = [Int?](repeating: nil, count: rows.count)  // row → candidate
        var byOrder = Set<Int>()  // rows placed by order, not by label
        var pinnedRow = [Int?](repeating: nil, count: candidates.count)
        var unfit: [Int: Int] = [:]  // row → a candidate naming it that has too few values
        if rows.count == 1, rows[0].keys.isEmpty {
            // A table printed as one row of values (四): its single candidate that fits is the row.
            let fitting = candidates.indices.filter {
                candidates[$0].canFill(rows[0].width) && candidates[$0].cells.contains(where: \.hasContent)
            }
            if let first = fitting.first {
                assigned[0] = first
                if fitting.count > 1 {
                    issues.append(
                        ImportIssue(
                            code: "I102", severity: .note,
                            "\(describe(table)): \(fitting.count) runs of \(rows[0].width) values; the first is used",
                            table: table.id, line: candidates[first].line))
                }
            }
        } else {
            // Pin candidates that name their row, in order; a row named out of order is still found.
            // A candidate too short for the row it names is a stray number under a label, not the row.
            var pointer = 0
            for (c, candidate) in candidates.enumerated() where !candidate.label.isEmpty {
                let mask = LabelText.mask(candidate.label[...])
                // The free rows it names and can fill, from the pointer on and then from the top; a row it names but
                // is too short for remembers it. A plain loop: a local function passed as a closure would box the
                // arrays it changes, each access then checked for exclusivity at run time.
                var fitting: [Int] = []
                for step in 0..<rows.count {
                    let r = (pointer + step) % rows.count
                    guard assigned[r] == nil, rows[r].matches(candidate.label, mask: mask) else { continue }
                    if candidate.canFill(rows[r].width) {
                        fitting.append(r)
                    } else if unfit[r] == nil {
                        unfit[r] = c
                    }
                }
                // A label naming several rows (`行政许可 50% … 行政处罚` when a value was unreadable) belongs to the row
                // named last, nearest the number: an unreadable value never takes its neighbour's number.
                var match = fitting.first
                if fitting.count > 1 {
                    var latest = -1
                    for r in fitting {
                        if let at = rows[r].lastMatch(in: candidate.label), at > latest {
                            latest = at
                            match = r
                        }
                    }
                }
                guard let r = match else {
                    if let r = rows.indices.first(where: {
                        assigned[$0].map { candidates[$0].label == candidate.label } ?? false
                    }),
                        candidate.canFill(rows[r].width), candidate.cells.contains(where: \.hasContent)
                    {
                        issues.append(
                            ImportIssue(
                                code: "I112",
                                severity: .warning,
                                "\(describe(table)) row \(rows[r].label) appears again (first at line \(candidates[assigned[r]!].line)); "
                                    + "the first is used",
                                table: table.id, row: rows[r].row, line: candidate.line, column: column(of: candidate),
                                damage: .duplicate))
                    }
                    continue
                }
                assigned[r] = c
                pinnedRow[c] = r
                if r >= pointer { pointer = r + 1 }
            }
            // Unlabelled candidates between two pinned rows fill the free rows there, by order, when the counts agree.
            var segment: [Int] = []
            var previousRow = -1
            func fill(upTo nextRow: Int) {
                defer { segment.removeAll() }
                guard !segment.isEmpty else { return }
                let free = previousRow < nextRow ? ((previousRow + 1)..<nextRow).filter { assigned[$0] == nil } : []
                let width = free.first.map { rows[$0].width }
                var usable: [Int] = []
                for c in segment where candidates[c].cells.contains(where: \.hasContent) {
                    if let width, free.allSatisfy({ rows[$0].width == width }), !candidates[c].canFill(width) {
                        issues.append(
                            ImportIssue(
                                code: "I103", severity: .note,
                                "\(describe(table)): stray value(s) '\(Self.shortened(candidates[c].cells.map(\.text).joined(separator: " ")))' ignored",
                                table: table.id, line: candidates[c].line))
                        continue
                    }
                    usable.append(c)
                }
                guard !usable.isEmpty else { return }
                if usable.count == free.count {
                    for (r, c) in zip(free, usable) {
                        assigned[r] = c
                        byOrder.insert(r)
                    }
                } else {
                    let after = previousRow >= 0 ? rows[previousRow].label : "the table heading"
                    issues.append(
                        ImportIssue(
                            code: "I104",
                            severity: .warning,
                            "\(describe(table)): \(usable.count) unlabelled row(s) after \(after) cannot be placed in "
                                + "\(free.count) free row(s); left empty",
                            table: table.id, line: candidates[usable[0]].line,
                            column: column(of: candidates[usable[0]]),
                            damage: .malformedRow))
                }
            }
            for (c, row) in pinnedRow.enumerated() {
                if let row {
                    fill(upTo: row)
                    previousRow = Swift.max(previousRow, row)
                } else {
                    segment.append(c)
                }
            }
            fill(upTo: rows.count)
        }
        // Values, row by row; rows with several readings wait for the whole table's rules.
        var pendingChoices: [(row: Int, readings: [DigitRunSplitter.Reading], runs: [CellToken])] = []
        for (r, row) in rows.enumerated() {
            guard let c = assigned[r] else {
                let reason =
                    unfit[r].map { u in
                        "row \(row.label) has \(candidates[u].cells.count) value(s) where \(row.width) are expected ("
                            + candidates[u].cells.map { $0.isBlank ? "blank" : $0.text }.joined(separator: " ")
                            + ") at line \(candidates[u].line)"
                    } ?? "row \(row.label) not found in \(describe(table))"
                for cell in row.cells where missingReasons[cell] == nil { missingReasons[cell] = reason }
                // Where the row should have been: at the next row found, else after the last one, else the heading.
                let near =
                    (r + 1 < rows.count ? (r + 1)..<rows.count : rows.count..<rows.count).lazy.compactMap {
                        assigned[$0]
                    }.first
                    ?? (0..<r).reversed().lazy.compactMap { assigned[$0] }.first
                let place =
                    near.map { (candidates[$0].line, column(of: candidates[$0])) } ?? (
                        headingPlace?.line, headingPlace?.column
                    )
                issues.append(
                    ImportIssue(
                        code: "I105", severity: .warning, "\(describe(table)) row \(row.label) not found; left empty",
                        table: table.id,
                        row: row.row,
                        line: place.0, column: place.1, damage: .missingRow))
                continue
            }
            let candidate = candidates[c]
            let orderNote =
                byOrder.contains(r)
                ? "row has no label of its own; placed at \(row.label) by template row order (rows are in order)" : nil
            let cells = candidate.trimmedCells(row.width)
            if cells.count == row.width {
                for (cell, token) in zip(row.cells, cells) {
                    store(cell, token, offset: 0, value: nil, inferred: orderNote, table: table, row: row)
                }
                continue
            }
            if cells.count > row.width || cells.contains(where: \.isBlank) || !candidate.canFill(row.width) {
                let reason =
                    "row \(row.label) has \(cells.count) value(s) where \(row.width) are expected ("
                    + cells.map { $0.isBlank ? "blank" : $0.text }.joined(separator: " ") + ")"
                for cell in row.cells { missingReasons[cell] = reason }
                issues.append(
                    ImportIssue(
                        code: "I106", severity: .warning, "\(describe(table)): \(reason); left empty", table: table.id,
                        row: row.row,
                        line: candidate.line,
                        column: column(of: candidate), damage: .malformedRow))
                continue
            }
            // Glued runs: every cut into the row's width, then the row's own rules.
            let runs = cells.map(\.digits)
            let runText = Self.shortened(cells.map(\.text).joined(separator: " "))
            // A sign cut out of a glued run belongs to a signed column (本年增/减), never to a count.
            guard
                let all = DigitRunSplitter.readingSet(
                    runs, width: row.width, signed: row.signedColumns, budget: &splitBudget)
            else {
                reject(
                    row, table,
                    "glued run '\(runText)' has too many readings (the search stops at \(DigitRunSplitter.limit) readings, "
                        + "\(ImportLimits.splitSteps) steps a row or \(ImportLimits.splitStepsPerImport) a file)",
                    line: candidate.line, column: column(of: candidate), damage: .searchCapped)
                continue
            }
            if all.count == 0 {
                reject(
                    row, table,
                    "glued run '\(runText)' cannot be split into \(row.width) numbers of at most \(ImportLimits.maxValueDigits) digits",
                    line: candidate.line, column: column(of: candidate), damage: .malformedRow)
                continue
            }
            if all.count == 1 {
                apply(all.reading(0), cells, row: row, table: table, note: orderNote)
                continue
            }
            let fitting = all.satisfying(row.ruleColumns)
            switch fitting.count {
            case 0:
                reject(
                    row, table, "glued run '\(runText)' has \(all.count) readings and none satisfies the row's sums",
                    line: candidate.line,
                    column: column(of: candidate))
            case 1:
                let rules = row.rules.isEmpty ? "" : " satisfying " + row.rules.map(\.name).joined(separator: ", ")
                let note =
                    "glued run '\(runText)' -> \(Self.list(fitting[0].values)): the only split into \(row.width) numbers\(rules)"
                apply(
                    fitting[0], cells, row: row, table: table,
                    note: [orderNote, note].compactMap { $0 }.joined(separator: "; "))
            default:
                if row.rules.isEmpty, let decided = proseDecision(fitting, row: row, runText: runText) {
                    // Figures stated in the prose decide (ProseEvidence.swift).
                    apply(
                        decided.reading, cells, row: row, table: table,
                        note: [orderNote, decided.note].compactMap { $0 }.joined(separator: "; "))
                } else if row.rules.isEmpty {
                    let kept = keepAgreed(fitting, cells, row: row, table: table, runText: runText, note: orderNote)
                    reject(
                        row, table,
                        "glued run '\(runText)' has \(fitting.count) readings (\(fitting.prefix(4).map { Self.list($0.values) }.joined(separator: " / "))"
                            + (fitting.count > 4 ? " / …" : "") + ") and no rule to choose", line: candidate.line,
                        column: column(of: candidate), kept: kept)
                } else {
                    pendingChoices.append((r, fitting, cells))
                }
            }
        }
        resolveWithTableRules(pendingChoices, rows: rows, table: table, byOrder: byOrder)
        keepPrintedGroups(candidates, used: Set(assigned.compactMap { $0 }), table: table)
    }

    /// Rows whose glued runs have several readings: the table's equalities (balance, column sums) choose, if exactly
    /// one combination satisfies them all.
    private mutating func resolveWithTableRules(
        _ choices: [(row: Int, readings: [DigitRunSplitter.Reading], runs: [CellToken])], rows: [TemplateRowKey],
        table: TemplateTable, byOrder: Set<Int>
    ) {
        guard !choices.isEmpty else { return }
        // The table's cells read so far, by cell index.
        var known = [DecimalNumber?](repeating: nil, count: template.cells.count)
        for row in rows {
            for cell in row.cells where cell >= 0 && cell < known.count { known[cell] = numbers[cell] }
        }
        let rules = plan.equalities[table.id] ?? (rules: [], families: [])
        let combinations = choices.reduce(1) { $0 > 20_000 ? $0 : $0 * $1.readings.count }
        var solutions: [[Int]] = []
        // The rules over none of the undecided cells hold for every combination or for none: checked once.
        var undecided = [Bool](repeating: false, count: template.cells.count)
        for choice in choices { for cell in rows[choice.row].cells { undecided[cell] = true } }
        let (varying, fixed) = rules.rules.reduce(into: ([TemplateEquality](), [TemplateEquality]())) { split, rule in
            if rule.lhs.contains(where: { undecided[$0] }) || rule.rhs.contains(where: { undecided[$0] }) {
                split.0.append(rule)
            } else {
                split.1.append(rule)
            }
        }
        if combinations <= 20_000, DigitRunSplitter.satisfies(fixed, { known[$0] }) {
            var pick = [Int](repeating: 0, count: choices.count)
            var values = known
            func visit(_ k: Int) {
                if solutions.count > 1 { return }
                if k == choices.count {
                    if DigitRunSplitter.satisfies(varying, { values[$0] }) { solutions.append(pick) }
                    return
                }
                let row = rows[choices[k].row]
                for (i, reading) in choices[k].readings.enumerated() {
                    pick[k] = i
                    for (cell, value) in zip(row.cells, reading.values) { values[cell] = value }
                    visit(k + 1)
                }
                for cell in row.cells { values[cell] = nil }
            }
            visit(0)
        }
        for (k, choice) in choices.enumerated() {
            let row = rows[choice.row]
            let runText = Self.shortened(choice.runs.map(\.text).joined(separator: " "))
            let options = choice.readings.map { Self.list($0.values) }.joined(separator: " / ")
            if solutions.count == 1 {
                let reading = choice.readings[solutions[0][k]]
                let note =
                    "glued run '\(runText)' has \(choice.readings.count) splits satisfying the row's sums (\(options)); only "
                    + "\(Self.list(reading.values)) makes the whole table satisfy \(rules.families.joined(separator: ", "))"
                let order = byOrder.contains(choice.row) ? "placed by template row order; " : ""
                apply(reading, choice.runs, row: row, table: table, note: order + note)
            } else {
                reject(
                    row, table,
                    "glued run '\(runText)' has \(choice.readings.count) readings satisfying the row's sums (\(options)) and "
                        + (solutions.isEmpty
                            ? "no combination satisfies the table's rules" : "several satisfy the table's rules"),
                    line: choice.runs.first.map { Int($0.place.line) },
                    column: choice.runs.first.map { document.characterColumn($0.place) })
            }
        }
    }

    /// `kept`: cells of the row that were read all the same (``keepAgreed``).
    private mutating func reject(
        _ row: TemplateRowKey, _ table: TemplateTable, _ reason: String, line: Int?, column: Int? = nil,
        damage: ImportIssue.Damage = .ambiguousSplit, kept: [String] = []
    ) {
        for cell in row.cells { missingReasons[cell] = reason }
        let outcome =
            kept.isEmpty
            ? "left empty" : "\(kept.joined(separator: ", ")) kept (every reading agrees), the rest left empty"
        issues.append(
            ImportIssue(
                code: "I107", severity: .warning, "\(describe(table)) row \(row.label): \(reason); \(outcome)",
                table: table.id,
                row: row.row, line: line,
                column: column, damage: damage))
    }

    /// The Character column of a candidate's first value.
    func column(of candidate: RowCandidate) -> Int? {
        candidate.cells.first.map { document.characterColumn($0.place) }
    }

    /// The cells on which every reading of an undecided glued run agrees — the same value cut from the same place
    /// (`2648-18538`: 上一年项目数量 is 2648 in all four readings) — are inferred with that reason; the others stay empty.
    /// Returns the names of the cells kept.
    private mutating func keepAgreed(
        _ readings: [DigitRunSplitter.Reading], _ runs: [CellToken], row: TemplateRowKey, table: TemplateTable,
        runText: String, note: String?
    ) -> [String] {
        guard let first = readings.first else { return [] }
        var kept: [String] = []
        for (k, cell) in row.cells.enumerated() {
            let agreed = readings.allSatisfy {
                $0.values[k] == first.values[k] && $0.origins[k].run == first.origins[k].run
                    && $0.origins[k].offset == first.origins[k].offset
            }
            guard agreed else { continue }
            let reason =
                "every one of the \(readings.count) readings of glued run '\(runText)' gives \(first.values[k])"
            let origin = first.origins[k]
            store(
                cell, runs[origin.run], offset: origin.offset, value: first.values[k],
                inferred: [note, reason].compactMap { $0 }.joined(separator: "; "), table: table, row: row)
            if values[cell] != nil { kept.append(template.cells[cell].name) }
        }
        return kept
    }
}
