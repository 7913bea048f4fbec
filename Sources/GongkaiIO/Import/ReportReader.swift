import GongkaiCore

/// Reads the tables of one decoded report into template cells.
///
/// The whole document becomes a stream of normalised label text; headings in it (`二、主动公开政府信息情况`) cut it into
/// table regions. In each region, runs of numbers become row candidates with the label text before them (or, in
/// markdown and HTML tables, their own label cells). Candidates are pinned to template rows by label, unlabelled ones
/// fill the gaps between pinned rows by order when the counts agree exactly, and glued digit runs are split only when
/// the template's rules leave a single reading. Anything else is left empty and reported.
struct ReportReader {
    let template: ReportTemplate
    let rowKeys: [String: [TemplateRowKey]]
    let document: SourceDocument
    let file: String?

    private var stream: [Unicode.Scalar] = []
    /// For each stream scalar, its offset in its block's text; the block follows from ``blockStreamStart``.
    private var streamOffset: [Int32] = []
    private var blockStreamStart: [Int] = []
    private var isPageNumber: [Bool] = []

    private(set) var issues: [ImportIssue] = []
    private(set) var values: [Int: (Value, Provenance)] = [:]
    /// Why each template cell is empty, by cell index.
    private(set) var missingReasons: [String?]
    /// Why each inferred cell has its value, by cell index.
    private(set) var inferredReasons: [String?]
    private(set) var sawGluedRuns = false
    private(set) var multiValueLines = 0
    private(set) var singleValueLines = 0

    /// Headings of the 2019 trial format's table 二, which the 2021 format does not have.
    static let trialFormatMarkers = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "第二十条第（九）项"]

    init(template: ReportTemplate, rows: [String: [TemplateRowKey]], document: SourceDocument, file: String?) {
        self.template = template
        self.rowKeys = rows
        missingReasons = [String?](repeating: nil, count: template.cells.count)
        inferredReasons = missingReasons
        self.document = document
        self.file = file
        let total = document.blocks.reduce(0) { $0 + $1.text.scalars.count }
        blockStreamStart.reserveCapacity(document.blocks.count + 1)
        isPageNumber.reserveCapacity(document.blocks.count)
        var offsets = [Int32](repeating: 0, count: total)
        var filled = 0
        let blocks = document.blocks
        var starts: [Int] = []
        var pages: [Bool] = []
        starts.reserveCapacity(blocks.count + 1)
        pages.reserveCapacity(blocks.count)
        stream = [Unicode.Scalar](unsafeUninitializedCapacity: total) { out, initialized in
            offsets.withUnsafeMutableBufferPointer { offsetsOut in
                for block in blocks {
                    starts.append(filled)
                    let page = block.cells == nil && Tokenizer.isPageNumber(block.text.scalars)
                    pages.append(page)
                    if page { continue }
                    let line = block.text.scalars
                    line.storage.withUnsafeBufferPointer { scalars in
                        for i in 0..<line.count {
                            guard let folded = LabelText.fold(scalars[line.base + i]) else { continue }
                            out[filled] = folded
                            offsetsOut[filled] = Int32(i)
                            filled += 1
                        }
                    }
                }
            }
            initialized = filled
        }
        offsets.removeLast(total - filled)
        streamOffset = offsets
        starts.append(filled)
        blockStreamStart = starts
        isPageNumber = pages
    }

    // MARK: Headings and regions

    /// A heading found in the stream: its kind (a table id or a text cell name) and stream range.
    struct Heading {
        var name: String
        var start: Int
        var end: Int
    }

    /// Where a title occurs as a heading: after `二、`, after `表二：`, or opening a line.
    private func findHeading(_ title: [Unicode.Scalar], from: Int) -> (start: Int, end: Int)? {
        let probe = title.prefix(8)
        var p = from
        while let i = LabelText.firstIndex(of: probe, in: stream, from: p) {
            var start: Int?
            if i >= 2, stream[i - 1] == "、", Tokenizer.chineseNumerals.contains(stream[i - 2]) {
                var s = i - 2
                while s > 0 && Tokenizer.chineseNumerals.contains(stream[s - 1]) { s -= 1 }
                start = s
            } else if i >= 2, Tokenizer.chineseNumerals.contains(stream[i - 2]) || stream[i - 1] == "：",
                let table = stream[Swift.max(0, i - 4)..<i].lastIndex(of: "表")
            {
                start = table
            } else if blockStreamStart[block(at: i)] == i,
                stream[i...].starts(with: title)
            {
                start = i
            }
            if let start {
                var end = i
                var k = 0
                while end < stream.count && k < title.count && stream[end] == title[k] {
                    end += 1
                    k += 1
                }
                return (start, Swift.max(end, i + probe.count))
            }
            p = i + 1
        }
        return nil
    }

    /// The first plain occurrence of a text, for fallback headings (`第二十条第（一）项`).
    private func findText(_ text: [Unicode.Scalar], from: Int) -> (start: Int, end: Int)? {
        LabelText.firstIndex(of: text[...], in: stream, from: from).map { ($0, $0 + text.count) }
    }

    private func headings() -> [Heading] {
        var found: [Heading] = []
        var cursor = 0
        func title(_ label: String) -> [Unicode.Scalar] { LabelText.splitOrdinal(LabelText.normalized(label)).text }
        let sectionCells = template.textCells.filter { $0.name.hasPrefix("text.") }
        if let overview = sectionCells.first, let h = findHeading(title(overview.label), from: 0) {
            found.append(Heading(name: overview.name, start: h.start, end: h.end))
        }
        for table in template.tables {
            var h = findHeading(LabelText.normalized(table.title), from: cursor)
            if h == nil {
                // Reports that retitle a table still print its first section heading or its corner note.
                var fallback: String?
                if let heading = table.sections.first?.heading {
                    fallback = heading
                } else if case .grid(_, let corner) = table.layout {
                    fallback = String(corner.drop { $0 == "（" || $0 == "(" }.prefix(9))
                }
                if let fallback { h = findText(LabelText.normalized(fallback), from: cursor) }
            }
            if let h {
                found.append(Heading(name: table.id, start: h.start, end: h.end))
                cursor = h.end
            }
        }
        for cell in sectionCells.dropFirst() where !template.tables.contains(where: { cell.label.hasSuffix($0.title) }) {
            if let h = findHeading(title(cell.label), from: cursor) {
                found.append(Heading(name: cell.name, start: h.start, end: h.end))
                cursor = h.end
            }
        }
        return found.sorted { $0.start < $1.start }
    }

    /// A place in the document's blocks: block index and scalar offset in its text.
    struct BlockPlace {
        var block: Int
        var offset: Int
    }

    /// The block place of a stream index; the end of the stream is past the last block.
    private func bound(_ index: Int) -> BlockPlace {
        index < stream.count
            ? BlockPlace(block: block(at: index), offset: Int(streamOffset[index]))
            : BlockPlace(block: document.blocks.count, offset: 0)
    }

    /// The block a stream index lies in: the last block starting at or before it.
    private func block(at index: Int) -> Int {
        var low = 0
        var high = blockStreamStart.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if blockStreamStart[mid] <= index { low = mid } else { high = mid - 1 }
        }
        return low
    }

    // MARK: Reading

    mutating func read() throws(ImportError) -> (texts: [String: String], tablesFound: Int) {
        for marker in Self.trialFormatMarkers {
            if let at = findText(LabelText.normalized(marker), from: 0) {
                let place = bound(at.start)
                throw .trialFormat(file, line: Int(document.blocks[place.block].text.place(at: place.offset).line), marker: marker)
            }
        }
        let found = headings()
        values.reserveCapacity(template.cells.count)
        var tablesFound = 0
        for table in template.tables {
            let rows = rowKeys[table.id] ?? []
            guard let index = found.firstIndex(where: { $0.name == table.id }) else {
                for row in rows {
                    for cell in row.cells { missingReasons[cell] = "table \(table.number) (\(table.title)) not found" }
                }
                issues.append(
                    ImportIssue(
                        code: "I101",
                        "table \(table.number) (\(table.fullTitle)) not found; its \(rows.reduce(0) { $0 + $1.width }) cells are empty"
                            + " (is the file truncated?)",
                        table: table.id))
                continue
            }
            tablesFound += 1
            let start = bound(found[index].end)
            let end = index + 1 < found.count ? bound(found[index + 1].start) : bound(stream.count)
            let candidates = self.candidates(from: start, to: end)
            place(candidates, in: table, rows: rows)
        }
        var texts: [String: String] = [:]
        for (k, heading) in found.enumerated() where heading.name.hasPrefix("text.") {
            let end = k + 1 < found.count ? found[k + 1].start : stream.count
            let text = self.text(from: bound(heading.end), to: bound(end))
            if !text.isEmpty { texts[heading.name] = text }
        }
        return (texts, tablesFound)
    }

    /// The source text between two places, line by line, trimmed.
    private func text(from start: BlockPlace, to end: BlockPlace) -> String {
        var lines: [String] = []
        var b = start.block
        while b <= end.block && b < document.blocks.count {
            defer { b += 1 }
            if isPageNumber[b] { continue }
            let scalars = document.blocks[b].text.scalars
            let from = b == start.block ? start.offset : 0
            let to = b == end.block ? Swift.min(end.offset, scalars.count) : scalars.count
            guard from < to else { continue }
            let line = String(scalars: scalars[from..<to]).trimmingSpaces
            if !line.isEmpty { lines.append(line) }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Candidates

    /// Groups the numbers of a region into row candidates.
    private mutating func candidates(from start: BlockPlace, to end: BlockPlace) -> [RowCandidate] {
        var result: [RowCandidate] = []
        var pending: [Unicode.Scalar] = []
        var current: RowCandidate?
        var currentIsColumn = false  // the current run is one value per line (a copied Word table)
        var tokens: [Token] = []
        func close() {
            if let c = current { result.append(c) }
            current = nil
        }
        var b = start.block
        while b <= end.block && b < document.blocks.count {
            defer { b += 1 }
            if isPageNumber[b] { continue }
            let block = document.blocks[b]
            let from = b == start.block ? start.offset : 0
            let to = b == end.block ? end.offset : Int.max
            if let cells = block.cells {
                guard from == 0 else { continue }
                close()
                pending.removeAll()
                if let row = structuredCandidate(cells) { result.append(row) }
                continue
            }
            Tokenizer.tokens(block.text.scalars, from: from, to: to, into: &tokens)
            if tokens.isEmpty { continue }
            // A report never ends on a table number; a file that does was cut inside it.
            if b == document.blocks.count - 1, document.endsMidLine, let last = tokens.last, last.kind == .number,
                last.end >= block.text.scalars.count - 1
            {
                tokens.removeLast()
                issues.append(
                    ImportIssue(
                        code: "I110",
                        "the file ends inside the number '\(String(scalars: last.scalars))' (truncated?); it is not used",
                        line: Int(block.text.place(at: last.offset).line),
                        column: document.characterColumn(block.text.place(at: last.offset))))
                if tokens.isEmpty { continue }
            }
            let numbers = tokens.filter { $0.kind != .text }.count
            let isColumnLine = tokens.count == 1 && numbers == 1
            if numbers == 1 { singleValueLines += 1 } else if numbers > 1 { multiValueLines += 1 }
            if current != nil && !(currentIsColumn && isColumnLine) { close() }
            for token in tokens {
                if token.kind == .text {
                    close()
                    pending.append(contentsOf: LabelText.normalized(block.text.scalars[token.offset..<token.end]))
                    continue
                }
                if current == nil {
                    current = RowCandidate(label: pending, structured: false, cells: [])
                    pending.removeAll()
                    currentIsColumn = isColumnLine
                }
                if token.glued { sawGluedRuns = true }
                current?.cells.append(
                    CellToken(
                        isBlank: token.kind == .blank, digits: token.scalars, place: block.text.place(at: token.offset),
                        note: token.note, glued: token.glued))
            }
        }
        close()
        return result
    }

    /// A table row: label cells, then value cells (everything after the last label cell).
    private func structuredCandidate(_ cells: [SourceText]) -> RowCandidate? {
        var label: [Unicode.Scalar] = []
        var values: [CellToken] = []
        for cell in cells {
            let tokens = Tokenizer.tokens(cell.scalars)
            if tokens.isEmpty || (tokens.count == 1 && tokens[0].kind == .blank) {
                let offset = tokens.first?.offset ?? 0
                values.append(
                    CellToken(isBlank: true, digits: tokens.first?.scalars ?? [], place: cell.place(at: offset), note: nil, glued: false))
            } else if tokens.count == 1 && tokens[0].kind == .number {
                let t = tokens[0]
                values.append(
                    CellToken(isBlank: false, digits: t.scalars, place: cell.place(at: t.offset), note: t.note, glued: false))
            } else {
                label.append(contentsOf: LabelText.normalized(cell.scalars))
                values.removeAll()
            }
        }
        // A row of label and empty cells may be a data row left blank (`行政许可 | &nbsp;`) or a header row: it is kept,
        // but only a label can place it (see ``RowCandidate/hasContent``).
        guard !values.isEmpty, !label.isEmpty || values.contains(where: \.hasContent) else { return nil }
        return RowCandidate(label: label, structured: true, cells: values)
    }

    // MARK: Placing rows

    private func describe(_ table: TemplateTable) -> String { "table \(table.number)" }

    private mutating func place(_ candidates: [RowCandidate], in table: TemplateTable, rows: [TemplateRowKey]) {
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
                func fits(_ r: Int) -> Bool {
                    guard assigned[r] == nil, rows[r].matches(candidate.label) else { return false }
                    if candidate.canFill(rows[r].width) { return true }
                    if unfit[r] == nil { unfit[r] = c }
                    return false
                }
                let match = (pointer..<rows.count).first(where: fits) ?? (0..<pointer).first(where: fits)
                guard let r = match else { continue }
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
                                "\(describe(table)): stray value(s) '\(candidates[c].cells.map(\.text).joined(separator: " "))' ignored",
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
                            "\(describe(table)): \(usable.count) unlabelled row(s) after \(after) cannot be placed in "
                                + "\(free.count) free row(s); left empty",
                            table: table.id, line: candidates[usable[0]].line))
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
                issues.append(
                    ImportIssue(code: "I105", "\(describe(table)) row \(row.label) not found; left empty", table: table.id, row: row.row))
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
                issues.append(ImportIssue(code: "I106", "\(describe(table)): \(reason); left empty", table: table.id, row: row.row, line: candidate.line))
                continue
            }
            // Glued runs: every cut into the row's width, then the row's own rules.
            let runs = cells.map(\.digits)
            let runText = cells.map(\.text).joined(separator: " ")
            guard let all = DigitRunSplitter.readings(runs, width: row.width) else {
                reject(row, table, "glued run '\(runText)' has too many readings", line: candidate.line)
                continue
            }
            if all.count == 1 {
                apply(all[0], cells, row: row, table: table, note: orderNote)
                continue
            }
            let fitting = all.filter { DigitRunSplitter.satisfies(Dictionary(uniqueKeysWithValues: zip(row.cells, $0.values)), row.rules) }
            switch fitting.count {
            case 0:
                reject(row, table, "glued run '\(runText)' has \(all.count) readings and none satisfies the row's sums", line: candidate.line)
            case 1:
                let rules = row.rules.isEmpty ? "" : " satisfying " + row.rules.map(\.name).joined(separator: ", ")
                let note =
                    "glued run '\(runText)' -> \(Self.list(fitting[0].values)): the only split into \(row.width) numbers\(rules)"
                apply(fitting[0], cells, row: row, table: table, note: [orderNote, note].compactMap { $0 }.joined(separator: "; "))
            default:
                if row.rules.isEmpty {
                    reject(
                        row, table,
                        "glued run '\(runText)' has \(fitting.count) readings (\(fitting.prefix(4).map { Self.list($0.values) }.joined(separator: " / "))"
                            + (fitting.count > 4 ? " / …" : "") + ") and no rule to choose", line: candidate.line)
                } else {
                    pendingChoices.append((r, fitting, cells))
                }
            }
        }
        resolveWithTableRules(pendingChoices, rows: rows, table: table, byOrder: byOrder)
    }

    /// Rows whose glued runs have several readings: the table's equalities (balance, column sums) choose, if exactly
    /// one combination satisfies them all.
    private mutating func resolveWithTableRules(
        _ choices: [(row: Int, readings: [DigitRunSplitter.Reading], runs: [CellToken])], rows: [TemplateRowKey],
        table: TemplateTable, byOrder: Set<Int>
    ) {
        guard !choices.isEmpty else { return }
        var known: [Int: DecimalNumber] = [:]
        for row in rows {
            for cell in row.cells { if let value = values[cell]?.0.number { known[cell] = value } }
        }
        let tableCells = Set(rows.flatMap(\.cells))
        let rules = template.equalities.filter { Set($0.lhs + $0.rhs).isSubset(of: tableCells) }
        let combinations = choices.reduce(1) { $0 > 100_000 ? $0 : $0 * $1.readings.count }
        var solutions: [[Int]] = []
        if combinations <= 100_000 {
            var pick = [Int](repeating: 0, count: choices.count)
            var values = known
            func visit(_ k: Int) {
                if solutions.count > 1 { return }
                if k == choices.count {
                    if DigitRunSplitter.satisfies(values, rules) { solutions.append(pick) }
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
        let ruleNames = Set(rules.map { $0.name.split(separator: ".").dropLast().joined(separator: ".") }).sorted()
        for (k, choice) in choices.enumerated() {
            let row = rows[choice.row]
            let runText = choice.runs.map(\.text).joined(separator: " ")
            let options = choice.readings.map { Self.list($0.values) }.joined(separator: " / ")
            if solutions.count == 1 {
                let reading = choice.readings[solutions[0][k]]
                let note =
                    "glued run '\(runText)' has \(choice.readings.count) splits satisfying the row's sums (\(options)); only "
                    + "\(Self.list(reading.values)) makes the whole table satisfy \(ruleNames.joined(separator: ", "))"
                let order = byOrder.contains(choice.row) ? "placed by template row order; " : ""
                apply(reading, choice.runs, row: row, table: table, note: order + note)
            } else {
                reject(
                    row, table,
                    "glued run '\(runText)' has \(choice.readings.count) readings satisfying the row's sums (\(options)) and "
                        + (solutions.isEmpty ? "no combination satisfies the table's rules" : "several satisfy the table's rules"),
                    line: choice.runs.first.map { Int($0.place.line) })
            }
        }
    }

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

    private static func list(_ values: [DecimalNumber]) -> String { values.map(\.description).joined(separator: ",") }

    private mutating func reject(_ row: TemplateRowKey, _ table: TemplateTable, _ reason: String, line: Int?) {
        for cell in row.cells { missingReasons[cell] = reason }
        issues.append(ImportIssue(code: "I107", "\(describe(table)) row \(row.label): \(reason); left empty", table: table.id, row: row.row, line: line))
    }

    private mutating func apply(
        _ reading: DigitRunSplitter.Reading, _ runs: [CellToken], row: TemplateRowKey, table: TemplateTable, note: String?
    ) {
        for (k, cell) in row.cells.enumerated() {
            let origin = reading.origins[k]
            store(cell, runs[origin.run], offset: origin.offset, value: reading.values[k], inferred: note, table: table, row: row)
        }
    }

    /// Records one cell: its value (or why it is empty) and where it came from.
    private mutating func store(
        _ cell: Int, _ token: CellToken, offset: Int, value: DecimalNumber?, inferred: String?, table: TemplateTable,
        row: TemplateRowKey
    ) {
        let name = template.cells[cell].name
        let sourcePlace = SourcePlace(line: token.place.line, offset: token.place.offset + Int32(offset))
        if token.isBlank {
            missingReasons[cell] = "blank in the source" + (token.digits.isEmpty ? "" : " ('\(token.text)')") + " at line \(token.place.line)"
            return
        }
        guard let number = value ?? Self.number(token.digits) else {
            missingReasons[cell] = "'\(token.text)' at line \(token.place.line) is not a number that fits"
            issues.append(ImportIssue(code: "I108", "\(name): '\(token.text)' is not a usable number", table: table.id, row: row.row, line: Int(token.place.line)))
            return
        }
        var notes: [String] = []
        if let inferred { notes.append(inferred) }
        if let printed = token.note { notes.append("printed with '\(printed)'") }
        if !number.isInteger && template.cells[cell].unit.isIntegral {
            issues.append(ImportIssue(code: "I109", "\(name) = \(number) is not a whole number", table: table.id, row: row.row, line: Int(token.place.line)))
        }
        let provenance = Provenance(
            file: file, line: Int(sourcePlace.line), column: document.characterColumn(sourcePlace),
            origin: inferred == nil ? .read : .inferred, note: notes.isEmpty ? nil : notes.joined(separator: "; "))
        values[cell] = (.number(number), provenance)
        if let inferred { inferredReasons[cell] = inferred }
    }
}
