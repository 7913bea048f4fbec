import GongkaiCore

/// Figures a report states in its prose (`全年制发行政规范性文件6件，废止3件，现行有效65件`), used as evidence where a
/// glued run of digits has several readings and no rule decides between them.
///
/// A figure is a number followed by `件`. It speaks of a cell when, earlier in its sentence (back to `。`/`；`), the
/// nearest column word of the row's columns is the cell's (`制发`, `废止`, `现行有效`: the column label without `本年`
/// and `件数`) and the nearest row word is the cell's row (`行政规范性文件`, also `规范性文件`; `规章`). A reading the
/// stated figures leave alone is taken, *inferred*, with the place of the figures in its note; anything else stays
/// empty. A table's own text holds no such figure: its numbers are not followed by `件`.
struct ProseEvidence {
    /// A stated figure: its value, where it is, and the column and row words before it in its sentence.
    struct Figure {
        var value: DecimalNumber
        var place: SourcePlace
        var column: [Unicode.Scalar]?
        var row: [Unicode.Scalar]?
    }

    let figures: [Figure]

    /// The column word of a cell's label: `本年制发件数` → `制发`.
    static func columnWord(_ label: String) -> [Unicode.Scalar] {
        var word = Substring(label)
        for prefix in ["本年"] where word.hasPrefix(prefix) { word = word.dropFirst(prefix.count) }
        for suffix in ["件数", "数量", "数"] where word.hasSuffix(suffix) {
            word = word.dropLast(suffix.count)
            break
        }
        return LabelText.normalized(String(word))
    }

    /// The row words of a row's label: `行政规范性文件` → `行政规范性文件`, `规范性文件`.
    static func rowWords(_ label: String) -> [[Unicode.Scalar]] {
        let word = LabelText.splitOrdinal(LabelText.normalized(label)).text
        let short = Array("行政".unicodeScalars)
        return word.starts(with: short) && word.count > short.count + 1
            ? [word, Array(word.dropFirst(short.count))] : [word]
    }

    /// The words of a table's figures: the row words of every row, so that the nearest one before a figure tells
    /// whose it is, and the column words of every column (what ``ImportPlan/proseWords`` keeps per table).
    static func words(ofTable table: String, in template: ReportTemplate) -> (
        rows: [[Unicode.Scalar]], columns: [[Unicode.Scalar]]
    ) {
        let cells = template.cells(ofTable: table)
        let rows = Set(cells.compactMap(\.rowLabels.last)).sorted().flatMap(rowWords)
        let columns = Set(cells.compactMap(\.columnLabels.last)).sorted().map(columnWord).filter { !$0.isEmpty }
        return (rows, columns)
    }

    /// A number followed by `件` in the document's prose: its value, where it is, and its sentence before it
    /// (normalised). Gathered once per import; which words it speaks of depends on the table asked about.
    struct Mention {
        var value: DecimalNumber
        var place: SourcePlace
        var before: [Unicode.Scalar]
    }

    /// Reads each mention's sentence for the words given.
    init(_ mentions: [Mention], columns: [[Unicode.Scalar]], rows: [[Unicode.Scalar]]) {
        func nearest(_ words: [[Unicode.Scalar]], in before: [Unicode.Scalar]) -> [Unicode.Scalar]? {
            var best: (at: Int, word: [Unicode.Scalar])?
            for word in words where !word.isEmpty {
                var from = 0
                while let at = LabelText.firstIndex(of: word[...], in: before, from: from) {
                    // The later occurrence wins; at one place the longer word (行政规范性文件 over 规范性文件).
                    let tail = at + word.count
                    if best.map({
                        tail > $0.at + $0.word.count
                            || (tail == $0.at + $0.word.count && word.count > $0.word.count)
                    }) ?? true {
                        best = (at, word)
                    }
                    from = at + 1
                }
            }
            return best?.word
        }
        figures = mentions.map {
            Figure(
                value: $0.value, place: $0.place, column: nearest(columns, in: $0.before),
                row: nearest(rows, in: $0.before))
        }
    }

    /// Gathers the figures of the document's prose (its blocks that are not table rows), reading each sentence for
    /// the words given.
    init(_ document: SourceDocument, columns: [[Unicode.Scalar]], rows: [[Unicode.Scalar]]) {
        self.init(Self.mentions(document), columns: columns, rows: rows)
    }

    /// The mentions of the document's prose (its blocks that are not table rows).
    static func mentions(_ document: SourceDocument) -> [Mention] {
        var found: [Mention] = []
        let sentenceEnds = ScalarSet("。；;！？!?")
        for block in document.blocks where block.cells == nil {
            let line = block.text.scalars
            // The line read in place: a ScalarLine subscript checks the whole text's bounds at every scalar.
            line.storage.withUnsafeBufferPointer { storage in
                let text = UnsafeBufferPointer(rebasing: storage[line.base..<(line.base + line.count)])
                var sentenceStart = 0
                var i = 0
                while i < text.count {
                    let c = text[i]
                    // A digit is never a sentence end: most scalars are neither, and are passed with two comparisons.
                    guard Tokenizer.isDigit(c) else {
                        // The sentence ends are ASCII or full-width punctuation (。！？；), never an ideograph.
                        if (c.value < 0x80 || c.value == 0x3002 || c.value >= 0xFF00) && sentenceEnds.contains(c) {
                            sentenceStart = i + 1
                        }
                        i += 1
                        continue
                    }
                    guard i == 0 || !Tokenizer.isDigit(text[i - 1]) else {
                        i += 1
                        continue
                    }
                    var end = i
                    while end < text.count, Tokenizer.isDigit(text[end]) || text[end] == "," { end += 1 }
                    var after = end
                    while after < text.count, text[after] == " " { after += 1 }
                    defer { i = end }
                    guard after < text.count, text[after] == "件", end - i <= 12 else { continue }
                    let digits = text[i..<end].filter { $0 != "," }
                    guard let value = ReportReader.number(Array(digits)) else { continue }
                    let before = LabelText.normalized(text[sentenceStart..<i])
                    found.append(Mention(value: value, place: block.text.place(at: i), before: before))
                }
            }
        }
        return found
    }

    /// The one reading of a row the stated figures allow, with the figures used; nil when the prose states nothing
    /// about the row's cells, contradicts itself, or leaves several readings (or none).
    func decide(
        readings: [DigitRunSplitter.Reading], columns: [[Unicode.Scalar]], rowWords: [[Unicode.Scalar]]
    ) -> (reading: Int, used: [(column: Int, figure: Figure)])? {
        let rowSet = Set(rowWords.map { String(scalars: $0) })
        var stated: [(column: Int, figure: Figure)] = []
        for (k, column) in columns.enumerated() {
            let matching = figures.filter { figure in
                figure.column == column && figure.row.map { rowSet.contains(String(scalars: $0)) } == true
            }
            // Two different figures for one cell: the prose is no evidence for it.
            guard let first = matching.first, matching.allSatisfy({ $0.value == first.value }) else { continue }
            stated.append((k, first))
        }
        guard !stated.isEmpty else { return nil }
        let allowed = readings.indices.filter { r in
            stated.allSatisfy { readings[r].values[$0.column] == $0.figure.value }
        }
        guard allowed.count == 1 else { return nil }
        return (allowed[0], stated)
    }
}

extension ReportReader {
    /// Where a row's glued run has several readings and no rule: the reading the prose's figures decide, and the note
    /// the inferred cells carry (the figures' places included).
    mutating func proseDecision(
        _ readings: [DigitRunSplitter.Reading], row: TemplateRowKey, runText: String
    ) -> (reading: DigitRunSplitter.Reading, note: String)? {
        let cells = row.cells.map { template.cells[$0] }
        guard let first = cells.first, let rowLabel = first.rowLabels.last else { return nil }
        let columns = cells.map { ProseEvidence.columnWord($0.columnLabels.last ?? "") }
        guard columns.allSatisfy({ !$0.isEmpty }), let words = plan.proseWords[first.table] else { return nil }
        // The prose is read once per import: it is the same for every row asked about.
        let mentions = proseMentions ?? ProseEvidence.mentions(document)
        proseMentions = mentions
        let evidence = ProseEvidence(mentions, columns: words.columns, rows: words.rows)
        guard
            let decision = evidence.decide(
                readings: readings, columns: columns, rowWords: ProseEvidence.rowWords(rowLabel))
        else { return nil }
        let reading = readings[decision.reading]
        let stated = decision.used.map { used in
            "\(String(scalars: columns[used.column]))…\(used.figure.value)件 at line \(used.figure.place.line):"
                + "\(document.characterColumn(used.figure.place))"
        }
        let note =
            "glued run '\(runText)' has \(readings.count) readings and no rule to choose; the prose states "
            + stated.joined(separator: ", ") + ", which only \(Self.list(reading.values)) fits"
        return (reading, note)
    }
}
