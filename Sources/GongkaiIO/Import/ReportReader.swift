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
    let plan: ImportPlan
    let document: SourceDocument
    let file: String?

    private(set) var stream: [Unicode.Scalar] = []
    /// For each stream scalar, its offset in its block's text; the block follows from ``blockStreamStart``.
    private(set) var streamOffset: [Int32] = []
    private(set) var blockStreamStart: [Int] = []
    private(set) var isPageNumber: [Bool] = []

    // Results, filled while placing rows (ReportReader+Placing.swift).
    var issues: [ImportIssue] = []
    var values: [Int: (Value, Provenance)] = [:]
    /// Each stored value's number, by cell index, beside ``values``: read where only the numbers count (a table's
    /// rules), without copying a value and its provenance out of the dictionary.
    var numbers: [DecimalNumber?]
    /// Why each template cell is empty, by cell index.
    var missingReasons: [String?]
    /// Why each inferred cell has its value, by cell index.
    var inferredReasons: [String?]
    /// Groups printed as one row without their items (``PrintedSubtotal``).
    var subtotals: [PrintedSubtotal] = []
    var sawGluedRuns = false
    /// Steps the glued-run searches of this import may still take (``ImportLimits/splitStepsPerImport``).
    var splitBudget = ImportLimits.splitStepsPerImport
    var multiValueLines = 0
    /// The figures the prose states, read when a row first asks (``proseDecision(_:row:runText:)``).
    var proseMentions: [ProseEvidence.Mention]?
    var singleValueLines = 0

    init(template: ReportTemplate, plan: ImportPlan, document: SourceDocument, file: String?) {
        self.template = template
        self.plan = plan
        missingReasons = [String?](repeating: nil, count: template.cells.count)
        numbers = [DecimalNumber?](repeating: nil, count: template.cells.count)
        inferredReasons = missingReasons
        self.document = document
        self.file = file
        let total = document.blocks.reduce(0) { $0 + $1.text.scalars.count }
        var filled = 0
        let blocks = document.blocks
        var starts: [Int] = []
        var pages: [Bool] = []
        starts.reserveCapacity(blocks.count + 1)
        pages.reserveCapacity(blocks.count)
        var streamScalars: [Unicode.Scalar] = []
        // Both arrays filled in place, neither zeroed first.
        let offsets = [Int32](unsafeUninitializedCapacity: total) { offsetsOut, offsetsInitialized in
            streamScalars = [Unicode.Scalar](unsafeUninitializedCapacity: total) { out, initialized in
                for b in blocks.indices {
                    starts.append(filled)
                    let line = blocks[b].text.scalars
                    let page = blocks[b].cells == nil && Tokenizer.isPageNumber(line)
                    pages.append(page)
                    if page { continue }
                    line.storage.withUnsafeBufferPointer { scalars in
                        for i in 0..<line.count {
                            guard let folded = LabelText.fold(scalars[line.base + i]) else { continue }
                            out[filled] = folded
                            offsetsOut[filled] = Int32(i)
                            filled += 1
                        }
                    }
                }
                initialized = filled
            }
            offsetsInitialized = filled
        }
        stream = streamScalars
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
        if let overview = plan.overview, let h = findHeading(overview.title, from: 0) {
            found.append(Heading(name: overview.name, start: h.start, end: h.end))
        }
        for table in plan.tables {
            // Reports that retitle a table still print its first section heading or its corner note.
            if let h = findHeading(table.title, from: cursor) ?? table.fallback.flatMap({ findText($0, from: cursor) })
            {
                found.append(Heading(name: table.name, start: h.start, end: h.end))
                cursor = h.end
            }
        }
        for section in plan.closing {
            if let h = findHeading(section.title, from: cursor) {
                found.append(Heading(name: section.name, start: h.start, end: h.end))
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
    func bound(_ index: Int) -> BlockPlace {
        index < stream.count
            ? BlockPlace(block: block(at: index), offset: Int(streamOffset[index]))
            : BlockPlace(block: document.blocks.count, offset: 0)
    }

    /// The block a stream index lies in: the last block starting at or before it.
    func block(at index: Int) -> Int {
        var low = 0
        var high = blockStreamStart.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if blockStreamStart[mid] <= index { low = mid } else { high = mid - 1 }
        }
        return low
    }

    // MARK: Reading

    /// The other format the document is printed in, when it prints one of that format's own labels.
    func otherFormat() -> ReportTemplate? {
        plan.otherFormats.first { LabelText.containsAny(of: $0.markers, in: stream) }?.template
    }

    mutating func read() throws(ImportError) -> (texts: [String: String], tablesFound: Int) {
        let found = headings()
        values.reserveCapacity(template.cells.count)
        var tablesFound = 0
        for table in template.tables {
            let rows = plan.rows[table.id] ?? []
            guard let index = found.firstIndex(where: { $0.name == table.id }) else {
                for row in rows {
                    for cell in row.cells { missingReasons[cell] = "table \(table.number) (\(table.title)) not found" }
                }
                // Where it should have been: at the next heading found after the previous table's, else the end.
                let previous = template.tables.prefix { $0.id != table.id }.compactMap { t in
                    found.first { $0.name == t.id }
                }.last
                let next = found.first { $0.start > (previous?.start ?? -1) && $0.name != previous?.name }
                let place = next.map { placeOf(stream: $0.start) } ?? endPlace()
                issues.append(
                    ImportIssue(
                        code: "I101",
                        severity: .warning,
                        "table \(table.number) (\(table.fullTitle)) not found; its \(rows.reduce(0) { $0 + $1.width }) cells are empty"
                            + " (is the file truncated?)",
                        table: table.id, line: place.line, column: place.column, damage: .missingTable))
                continue
            }
            tablesFound += 1
            let start = bound(found[index].end)
            let end = index + 1 < found.count ? bound(found[index + 1].start) : bound(stream.count)
            noteControlCharacters(from: start, to: end, table: table)
            let candidates = self.candidates(from: start, to: end)
            place(candidates, in: table, rows: rows, headingPlace: placeOf(stream: found[index].start))
        }
        noteTruncation(found)
        var texts: [String: String] = [:]
        for (k, heading) in found.enumerated() where heading.name.hasPrefix("text.") {
            let end = k + 1 < found.count ? found[k + 1].start : stream.count
            let text = self.text(from: bound(heading.end), to: bound(end))
            if !text.isEmpty { texts[heading.name] = text }
        }
        return (texts, tablesFound)
    }

    /// Page furniture after a report's last section on web pages (`附件下载`, `扫一扫在手机上查看当前页面`).
    static let pageFurniture = ["附件下载", "附件：", "扫一扫", "打印本页", "【打印】", "关闭窗口", "分享到", "相关链接", "上一篇", "下一篇"]
    static let furnitureScalars = pageFurniture.map { Array($0.unicodeScalars) }
    static let furnitureAfterSpace = pageFurniture.map { Array((" " + $0).unicodeScalars) }

    /// The prose between two places. Lines a PDF broke mid-sentence are joined again; a new paragraph starts after
    /// sentence-ending punctuation or at a numbered heading (`（二）`, `二、`, `1.`). Page furniture ends the text.
    private func text(from start: BlockPlace, to end: BlockPlace) -> String {
        // Paragraphs are gathered as scalars separated by line breaks, and made a String once.
        var out: [Unicode.Scalar] = []
        var b = start.block
        while b <= end.block && b < document.blocks.count {
            defer { b += 1 }
            if isPageNumber[b] { continue }
            let scalars = document.blocks[b].text.scalars
            let from = b == start.block ? start.offset : 0
            let to = b == end.block ? Swift.min(end.offset, scalars.count) : scalars.count
            guard from < to else { continue }
            var first = from
            var last = to
            while first < last && Tokenizer.isSpace(scalars[first]) { first += 1 }
            while last > first && Tokenizer.isSpace(scalars[last - 1]) { last -= 1 }
            if first == last { continue }
            let stop = scalars.storage.withUnsafeBufferPointer { storage -> Bool in
                let raw = UnsafeBufferPointer(rebasing: storage[(scalars.base + first)..<(scalars.base + last)])
                if Self.furnitureScalars.contains(where: { raw.starts(with: $0) }) { return true }
                // A flattened page runs the furniture on after the last sentence.
                if Self.mayHoldFurniture(raw),
                    let cut = Self.furnitureAfterSpace.compactMap({ LabelText.firstIndex(of: $0[...], in: Array(raw)) })
                        .min()
                {
                    if !out.isEmpty { out.append("\n") }
                    out.append(contentsOf: raw.prefix(cut))
                    return true
                }
                // A line continues the paragraph unless the paragraph ended a sentence or the line opens with an ordinal.
                if !(out.last.map { $0 != "\n" && !Self.sentenceEnds.contains($0) } ?? false)
                    || !LabelText.splitOrdinal(LabelText.normalized(raw.prefix(6))).ordinal.isEmpty
                {
                    if !out.isEmpty { out.append("\n") }
                }
                out.append(contentsOf: raw)
                return false
            }
            if stop { break }
        }
        return String(scalars: out)
    }

    /// The scalars after the space of ``furnitureAfterSpace``.
    static let furnitureStarts = ScalarSet(furnitureScalars.compactMap(\.first))

    /// Whether a line has a space followed by the first scalar of some page furniture: only such a line can hold
    /// ``furnitureAfterSpace``, which is then searched for.
    static func mayHoldFurniture(_ line: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard line.count > 1 else { return false }
        for k in 0..<(line.count - 1) where line[k] == " " && furnitureStarts.contains(line[k + 1]) { return true }
        return false
    }

    /// What ends a sentence, so a line after it opens a paragraph.
    static let sentenceEnds = ScalarSet("。！？；：…”」）.!?;:")
}
