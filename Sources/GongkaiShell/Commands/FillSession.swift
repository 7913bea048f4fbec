import GongkaiCore

/// A guided entry in progress: the cells still to ask for, in official order, and where it stands.
struct FillSession {
    /// One thing asked for: an input cell of a table, or a prose section.
    enum Item {
        case cell(TemplateCell)
        case text(TemplateTextCell)

        /// The cell's name (`t3.new.natural`, `text.s1`).
        var name: String {
            switch self {
            case .cell(let cell): cell.name
            case .text(let text): text.name
            }
        }
    }

    /// The report being filled.
    let report: String
    let template: ReportTemplate
    /// What was asked for (`t3`, `t3.carried`, `text`, `--empty`…), so that a `.fill` of the same resumes.
    let selection: String
    /// The cells to ask for.
    let items: [Item]
    var position = 0
    var answered = 0
    var kept = 0
    /// The lines of a prose answer typed so far; `nil` while no prose answer is open.
    var textLines: [String]?
    /// The rules already shown as complete, each shown once.
    var shownRules: Set<String> = []

    /// The item to ask for next, if any.
    var current: Item? { position < items.count ? items[position] : nil }

    /// The table cell to ask for next, if the next item is one.
    var currentCell: TemplateCell? {
        if case .cell(let cell)? = current { return cell }
        return nil
    }

    /// `[3/12] 行政复议 · 结果维持 (t4.review.upheld, now 0)`
    func question(for item: Item, now: Value?) -> String {
        let current = now.map { $0.isEmpty ? ", empty" : ", now " + Shell.show($0) } ?? ""
        switch item {
        case .cell(let cell):
            let rows = cell.rowLabels.count > 1 ? Array(cell.rowLabels.suffix(2)) : cell.rowLabels
            let label = rows.map(TableView.shortLabel).joined(separator: "/") + " · " + (cell.columnLabels.last ?? "")
            return "[\(position + 1)/\(items.count)] \(label) (\(cell.name)\(current))"
        case .text(let text):
            return "[\(position + 1)/\(items.count)] \(text.label) (\(text.name)\(current)); end with a line ."
        }
    }

    /// The prompt asking for `item`; a prose answer already begun continues with `  ...> `.
    func prompt(for item: Item, now: Value?, width: Int) -> String {
        switch item {
        case .cell(let cell): return prompt(for: cell, now: now, width: width)
        case .text(let text):
            if textLines != nil { return FillSession.continuationPrompt }
            return TextLayout.truncate(text.label, max(width - 30, 12)) + " [\(text.name)]> "
        }
    }

    /// The prompt for the second and later lines of a prose answer.
    static let continuationPrompt = "  ...> "

    /// The prompt asking for `cell`: `一、本年新收政府…/自然人 [t3.new.natural] (7)> `, at most `width` − 16 columns
    /// (16 left for the answer). Row labels are cut to 18 columns; when the whole is still too wide the outer row goes,
    /// then the inner row is cut further, then only the column label is left, then no label, then only the name.
    func prompt(for cell: TemplateCell, now: Value?, width: Int) -> String {
        let limit = max(width - 16, 20)
        let rows = (cell.rowLabels.count > 1 ? Array(cell.rowLabels.suffix(2)) : cell.rowLabels)
            .map { TextLayout.truncate(TableView.shortLabel($0), 18) }
        let column = cell.columnLabels.last ?? ""
        func label(_ rows: [String]) -> String { (rows + [column]).filter { !$0.isEmpty }.joined(separator: "/") }
        let value = now.map { " (" + TableView.text($0).replacingNewlines() + ")" } ?? ""
        let tail = " [\(cell.name)]\(value)> "
        let room = limit - displayWidth(tail)
        var labels = [label(rows)]
        if let inner = rows.last {
            labels.append(label([inner]))
            let cut = room - displayWidth(label([])) - 1
            if cut >= 4 { labels.append(label([TextLayout.truncate(inner, cut)])) }
            labels.append(label([]))
        }
        if let fitting = labels.first(where: { !$0.isEmpty && displayWidth($0) <= room }) { return fitting + tail }
        let bare = "[\(cell.name)]\(value)> "
        return displayWidth(bare) <= limit ? bare : cell.name + "> "
    }

    /// The input cells of `template` in the row of `cell` (same table and row key).
    func rowCells(of cell: TemplateCell) -> [TemplateCell] {
        template.cells(ofTable: cell.table).filter { $0.rowKey == cell.rowKey && !$0.isTotal }
    }
}

/// What an answer to a table cell asks for.
enum FillAnswer: Equatable {
    /// A blank line: the cell stays as it is.
    case keep
    /// `.`: the entry stops here (a later `.fill` of the same resumes).
    case stop
    /// `<`: back to the previous cell.
    case back
    /// `-`: the cell is cleared (an input becomes empty).
    case clear
    /// `=FORMULA`: the cell computes.
    case formula(String)
    /// A number.
    case number(DecimalNumber)

    /// The keys shown when a `.fill` starts.
    static let keys = "a value, or: blank keeps it, - clears it, < goes back, . stops"
}
