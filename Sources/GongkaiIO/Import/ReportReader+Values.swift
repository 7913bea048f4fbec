import GongkaiCore

// Printed numbers, how values are quoted in messages, and recording each cell with its provenance.
extension ReportReader {
    /// A printed number: plain digits directly, anything with a point through the decimal parser.
    static func number(_ digits: [Unicode.Scalar]) -> DecimalNumber? {
        if digits.count <= 18 {
            var value = 0
            for d in digits {
                guard Tokenizer.isDigit(d) else { return DecimalNumber(String(scalars: digits)) }
                value = value * 10 + Int(d.value - 0x30)
            }
            return digits.isEmpty ? nil : DecimalNumber(value)
        }
        return DecimalNumber(String(scalars: digits))
    }

    /// Source text quoted in a message, cut to 60 characters.
    static func shortened(_ text: String) -> String { text.count > 60 ? String(text.prefix(60)) + "…" : text }

    static func list(_ values: [DecimalNumber]) -> String { values.map(\.description).joined(separator: ",") }

    /// Records every cell of a row from one reading of its glued runs.
    mutating func apply(
        _ reading: DigitRunSplitter.Reading, _ runs: [CellToken], row: TemplateRowKey, table: TemplateTable,
        note: String?
    ) {
        for (k, cell) in row.cells.enumerated() {
            let origin = reading.origins[k]
            store(
                cell, runs[origin.run], offset: origin.offset, value: reading.values[k], inferred: note, table: table,
                row: row)
        }
    }

    /// Records one cell: its value (or why it is empty) and where it came from.
    mutating func store(
        _ cell: Int, _ token: CellToken, offset: Int, value: DecimalNumber?, inferred: String?, table: TemplateTable,
        row: TemplateRowKey
    ) {
        var name: String { template.cells[cell].name }
        let sourcePlace = SourcePlace(line: token.place.line, offset: token.place.offset + Int32(offset))
        if let problem = token.problem {
            missingReasons[cell] = problem + " at line \(token.place.line)"
            issues.append(
                ImportIssue(
                    code: "I111", severity: .warning, "\(name): \(problem); left empty", table: table.id, row: row.row,
                    line: Int(token.place.line),
                    column: document.characterColumn(token.place), damage: token.damage ?? .malformedRow))
            return
        }
        if token.isBlank {
            missingReasons[cell] =
                "blank in the source" + (token.digits.isEmpty ? "" : " ('\(token.text)')")
                + " at line \(token.place.line)"
            return
        }
        let integerDigits =
            (token.digits.firstIndex(of: ".") ?? token.digits.count) - (token.digits.first == "-" ? 1 : 0)
        if value == nil, integerDigits > ImportLimits.maxValueDigits {
            let shown = token.text.count > 40 ? String(token.text.prefix(40)) + "…" : token.text
            missingReasons[cell] =
                "'\(shown)' at line \(token.place.line) has \(integerDigits) digits, too many for a count"
            issues.append(
                ImportIssue(
                    code: "I113",
                    severity: .warning,
                    "\(name): '\(shown)' has \(integerDigits) digits, more than the \(ImportLimits.maxValueDigits) a cell may have; "
                        + "left empty",
                    table: table.id, row: row.row, line: Int(token.place.line),
                    column: document.characterColumn(sourcePlace),
                    damage: .numberTooLarge))
            return
        }
        guard let number = value ?? Self.number(token.digits) else {
            missingReasons[cell] = "'\(token.text)' at line \(token.place.line) is not a number that fits"
            issues.append(
                ImportIssue(
                    code: "I108", severity: .warning, "\(name): '\(token.text)' is not a usable number",
                    table: table.id, row: row.row,
                    line: Int(token.place.line), column: document.characterColumn(sourcePlace), damage: .unreadableValue
                ))
            return
        }
        var note = inferred
        if let printed = token.note { note = (note.map { $0 + "; " } ?? "") + "printed with '\(printed)'" }
        if !number.isInteger && template.cells[cell].unit.isIntegral {
            issues.append(
                ImportIssue(
                    code: "I109", severity: .warning, "\(name) = \(number) is not a whole number", table: table.id,
                    row: row.row,
                    line: Int(token.place.line)))
        }
        let provenance = Provenance(
            file: file, line: Int(sourcePlace.line), column: document.characterColumn(sourcePlace),
            origin: inferred == nil ? .read : .inferred, note: note)
        values[cell] = (.number(number), provenance)
        if cell >= 0 && cell < numbers.count { numbers[cell] = number }
        if let inferred { inferredReasons[cell] = inferred }
    }
}
