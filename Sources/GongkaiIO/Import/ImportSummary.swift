import GongkaiCore

/// A one-screen account of an import, for the shell to print after loading a report.
///
/// ```
/// 上海市科委 2024 · 上海市科委-2024.md (markdown, UTF-8) · format 2021 (国办公开办函〔2021〕30号)
/// 200 cells: 129 read, 70 inferred, 1 missing
///   二 主动公开政府信息情况                  10 read
///   三 收到和处理政府信息公开申请情况       104 read, 70 inferred, 1 missing
///   四 政府信息公开行政复议、行政诉讼情况    15 read
/// missing  t3.forward.total — blank in the source at line 178
/// inferred t3.result.partial.* (7) — row has no label of its own; placed at …
/// ```
public struct ImportSummary: Sendable {
    /// Counts for one table.
    public struct TableStatus: Sendable, Hashable {
        /// The table id (`t3`).
        public let table: String
        /// The Chinese table number (`三`).
        public let number: String
        /// The table title (`收到和处理政府信息公开申请情况`).
        public let title: String
        /// Template cells in the table.
        public let cells: Int
        /// Cells read as printed.
        public let read: Int
        /// Cells whose value was inferred (placed by row order, or a glued run split by the rules).
        public let inferred: Int
        /// Cells left empty.
        public let missing: Int

        /// Every cell of the table has a value read as printed.
        public var isComplete: Bool { read == cells }
    }

    /// The import summarised.
    public let report: ImportedReport
    /// Counts per table, in template order.
    public let tables: [TableStatus]

    /// The summary of an import.
    public init(_ report: ImportedReport) {
        self.report = report
        // Which cells have a value and which were inferred, by cell index: one pass over each, no hashing per cell.
        let cellCount = report.template.cells.count
        var has = [Bool](repeating: false, count: cellCount)
        for cell in report.values.keys where cell >= 0 && cell < cellCount { has[cell] = true }
        var inferred = [Bool](repeating: false, count: cellCount)
        for note in report.inferred where note.cell >= 0 && note.cell < cellCount { inferred[note.cell] = true }
        tables = report.template.tables.map { table in
            // Counted in place: the table's cells are not copied out.
            let cells = report.template.cells(ofTable: table.id)
            let count = cells.count
            var present = 0
            var guessed = 0
            for k in cells.indices {
                let index = cells[k].index
                guard index >= 0, index < cellCount, has[index] else { continue }
                present += 1
                if inferred[index] { guessed += 1 }
            }
            return TableStatus(
                table: table.id, number: table.number, title: table.title, cells: count,
                read: present - guessed, inferred: guessed, missing: count - present)
        }
    }

    /// Cells read as printed, in all tables.
    public var read: Int { tables.reduce(0) { $0 + $1.read } }
    /// Cells inferred, in all tables.
    public var inferred: Int { tables.reduce(0) { $0 + $1.inferred } }
    /// Cells left empty, in all tables.
    public var missing: Int { tables.reduce(0) { $0 + $1.missing } }

    /// The summary as lines of text; notes about cells are grouped by row and reason, at most `limit` lines of them;
    /// then the damage (``ImportedReport/damage``), at most `damageLimit` lines, each with its line and column.
    public func rendered(limit: Int = 8, damageLimit: Int = 10) -> String {
        renderedLines(limit: limit, damageLimit: damageLimit).joined(separator: "\n")
    }

    /// ``rendered(limit:damageLimit:)`` as the lines a terminal shows, the empty ones left out: what splitting the
    /// text at its line feeds gives (``String/nonEmptyLines``), without building the text when no line holds a line
    /// break of its own (a file name's) or is empty.
    public func printedLines(limit: Int = 8, damageLimit: Int = 10) -> [String] {
        let lines = renderedLines(limit: limit, damageLimit: damageLimit)
        let plain = lines.allSatisfy { line in
            // On the line's UTF-8 storage (contiguous for a line built here); otherwise the text is split as it was.
            !line.isEmpty
                && !(line.utf8.withContiguousStorageIfAvailable { $0.contains { $0 == 0x0A || $0 == 0x0D } } ?? true)
        }
        return plain ? lines : lines.joined(separator: "\n").nonEmptyLines.map(String.init)
    }

    /// The summary's lines, as ``rendered(limit:damageLimit:)`` joins them.
    func renderedLines(limit: Int, damageLimit: Int) -> [String] {
        var lines: [String] = []
        let who = [report.org, report.year.map(String.init)].compactMap { $0 }.joined(separator: " ")
        let head = [
            who.isEmpty ? nil : who, report.file,
            report.extraction.map { "\(report.kind.rawValue) (\($0))" }
                ?? "\(report.kind.rawValue), \(report.encoding.rawValue)",
        ]
        .compactMap { $0 }.joined(separator: " · ")
        lines.append(head + " · format \(report.template.id) (\(report.template.source))")
        lines.append("\(report.template.cells.count) cells: \(read) read, \(inferred) inferred, \(missing) missing")
        let titleWidth = tables.map { displayWidth($0.title) }.max() ?? 0
        for status in tables {
            var parts = ["\(status.read) read"]
            if status.inferred > 0 { parts.append("\(status.inferred) inferred") }
            if status.missing > 0 { parts.append("\(status.missing) missing") }
            let pad = String(repeating: " ", count: titleWidth - displayWidth(status.title) + 2)
            lines.append("  \(status.number) \(status.title)\(pad)\(parts.joined(separator: ", "))")
        }
        var notes = group(report.missing, "missing ") + group(report.inferred, "inferred")
        if notes.count > limit {
            let hidden = notes.count - limit + 1
            notes = Array(notes.prefix(limit - 1)) + ["… \(hidden) more"]
        }
        lines.append(contentsOf: notes)
        // Damage first, each with its line and column; then other warnings.
        let damage = report.damage
        for issue in damage.prefix(damage.count > damageLimit ? damageLimit - 1 : damageLimit) {
            lines.append(issue.description)
        }
        if damage.count > damageLimit { lines.append("… \(damage.count - damageLimit + 1) more damage warnings") }
        for issue in report.diagnostics.filter({ $0.severity == .warning && $0.damage == nil }).prefix(3) {
            lines.append(issue.description)
        }
        return lines
    }

    /// Notes on cells of one row with one reason become one line: `t3.result.partial.* (7) — reason`.
    private func group(_ notes: [CellNote], _ label: String) -> [String] {
        var lines: [String] = []
        var k = 0
        let cells = report.template.cells
        while k < notes.count {
            // The first cell read in place, by index (a copy of the cell would retain each of its texts).
            let first = notes[k].cell
            var end = k + 1
            while end < notes.count, cells[notes[end].cell].rowKey == cells[first].rowKey,
                cells[notes[end].cell].table == cells[first].table, notes[end].reason == notes[k].reason
            {
                end += 1
            }
            let name =
                end - k > 1 ? "\(cells[first].table).\(cells[first].rowKey).* (\(end - k))" : cells[first].name
            lines.append("\(label) \(name) — \(notes[k].reason)")
            k = end
        }
        return lines
    }
}
