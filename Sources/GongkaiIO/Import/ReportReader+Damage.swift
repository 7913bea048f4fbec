import GongkaiCore

// Damage found while reading: places for diagnostics, control characters in tables, truncation, unreadable cells.
extension ReportReader {
    /// The 1-based line and Character column of a stream index.
    func placeOf(stream index: Int) -> (line: Int, column: Int) {
        let place = bound(index)
        guard place.block < document.blocks.count else { return endPlace() }
        let source = document.blocks[place.block].text.place(at: place.offset)
        return (Int(source.line), document.characterColumn(source))
    }

    /// The place just after the last character of the document.
    func endPlace() -> (line: Int, column: Int) {
        guard
            let last = document.lines.indices.last(where: { !document.lines[$0].isEmpty })
                ?? document.lines.indices.last
        else {
            return (1, 1)
        }
        let line = document.lines[last]
        return (last + 1, document.characterColumn(SourcePlace(line: Int32(last + 1), offset: Int32(line.count))))
    }

    /// Control characters (C0 other than tab and line breaks, DEL, C1) inside a table's region: damage the decoder let
    /// through as text. Each line is reported once, at its first such character.
    mutating func noteControlCharacters(from start: BlockPlace, to end: BlockPlace, table: TemplateTable) {
        var b = start.block
        var reported = 0
        while b <= end.block && b < document.blocks.count {
            defer { b += 1 }
            let text = document.blocks[b].text
            let from = b == start.block ? start.offset : 0
            let to = b == end.block ? Swift.min(end.offset, text.scalars.count) : text.scalars.count
            guard from < to else { continue }
            guard let k = (from..<to).first(where: { Self.isControl(text.scalars[$0]) }) else { continue }
            let place = text.place(at: k)
            reported += 1
            guard reported <= 20 else { continue }  // a line each, up to 20 per table
            let code = String(text.scalars[k].value, radix: 16, uppercase: true)
            issues.append(
                ImportIssue(
                    code: "I114",
                    severity: .warning,
                    "\(describe(table)): control character U+\(String(repeating: "0", count: Swift.max(0, 4 - code.count)) + code) "
                        + "inside the table (damaged text?)",
                    table: table.id, line: Int(place.line), column: document.characterColumn(place),
                    damage: .controlCharacter))
        }
    }

    /// A control character that has no business in a report's text. A form feed is not one: it is the page break
    /// that `pdftotext` puts between pages, inside tables that run over a page.
    static func isControl(_ c: Unicode.Scalar) -> Bool {
        (c.value < 0x20 && c != "\t" && c != "\n" && c != "\r" && c != "\u{0C}") || (c.value >= 0x7F && c.value < 0xA0)
    }

    /// A file that stops inside its tables: the last thing found is a table (no prose section after it), and that table
    /// or a later one is incomplete.
    mutating func noteTruncation(_ found: [Heading]) {
        guard let last = found.last, let table = template.tables.first(where: { $0.id == last.name }) else { return }
        let laterMissing = template.tables.drop { $0.id != table.id }.dropFirst().contains { t in
            !found.contains { $0.name == t.id }
        }
        let rowsMissing = issues.contains { $0.damage == .missingRow && $0.table == table.id }
        guard laterMissing || rowsMissing else { return }
        let place = endPlace()
        issues.append(
            ImportIssue(
                code: "I115",
                severity: .warning,
                "the file ends inside table \(table.number) (\(table.title)), before the rest of the report: it looks truncated",
                table: table.id, line: place.line, column: place.column, damage: .truncated))
    }

    /// A word of text that stands where a row's value goes (`行政许可 50%`, `3e2`): digits, no ideograph, right after
    /// label text naming a row. The row's number is never taken from the next row (the label named last wins); this
    /// says why the row is empty, at the word's place.
    mutating func noteUnreadableText(_ token: Token, in text: SourceText, after label: [Unicode.Scalar]) {
        guard token.end - token.offset <= 40, !label.isEmpty else { return }
        var digit = false
        for k in token.offset..<token.end {
            let c = text.scalars[k]
            if Tokenizer.isIdeograph(c) { return }
            if Tokenizer.isDigit(c) { digit = true }
        }
        // An ordinal (`1.`, `(2)`, `3、`) opens the next label; a word after prose is not a value.
        let word = Array(text.scalars[token.offset..<token.end])
        if word.last == "." || word.last == "、" || word.first == "（" || word.first == "(" && word.last == ")" { return }
        guard digit, plan.namesRow(Array(label.suffix(40))) else { return }
        let place = text.place(at: token.offset)
        issues.append(
            ImportIssue(
                code: "I117",
                severity: .warning,
                "'\(String(scalars: word))' where a value is expected is not a number; that row is left empty",
                line: Int(place.line), column: document.characterColumn(place), damage: .unreadableValue))
    }

    /// Whether a table cell that is neither a number nor a blank is a value the reader cannot read (`32*`, `3 2`,
    /// `(32)`, `3e2`, `50%`; or any text after a value of the row, such as `无数据`) rather than a label cell. Such a
    /// cell keeps its column, empty and reported: taking it for a label would shift the row's values left.
    static func isUnreadableValue(_ text: ScalarLine, after values: [CellToken]) -> Bool {
        if values.contains(where: { $0.hasContent }) { return true }
        var digit = false
        for c in text {
            if Tokenizer.isIdeograph(c) { return false }
            if Tokenizer.isDigit(c) { digit = true }
        }
        return digit
    }

    /// The token of an unreadable value cell: blank, with the printed text and the reason.
    static func unreadable(_ text: ScalarLine, place: SourcePlace) -> CellToken {
        var printed = String(scalars: text.prefix(40)).trimmingSpaces
        if text.count > 40 { printed += "…" }
        return CellToken(
            isBlank: true, digits: Array(printed.unicodeScalars), place: place, note: nil, glued: false,
            problem: "'\(printed)' is not a number", damage: .unreadableValue)
    }
}
