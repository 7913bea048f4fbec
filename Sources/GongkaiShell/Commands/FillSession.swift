import GongkaiCore

/// A guided entry in progress: the input cells still to ask for, in official order.
struct FillSession {
    /// The report being filled.
    let report: String
    let template: ReportTemplate
    /// Template cell indices to ask for.
    let cells: [Int]
    var position = 0
    var answered = 0
    var kept = 0

    /// The cell to ask for next, if any.
    var currentCell: TemplateCell? { position < cells.count ? template.cells[cells[position]] : nil }

    /// `[3/12] 行政复议 · 结果维持 (t4.review.upheld, now 0)`
    func question(for cell: TemplateCell, now: Value?) -> String {
        let rows = cell.rowLabels.count > 1 ? Array(cell.rowLabels.suffix(2)) : cell.rowLabels
        let label = rows.map(TableView.shortLabel).joined(separator: "/") + " · " + (cell.columnLabels.last ?? "")
        let current = now.map { $0.isEmpty ? ", empty" : ", now " + $0.description.replacingNewlines() } ?? ""
        return "[\(position + 1)/\(cells.count)] \(label) (\(cell.name)\(current))"
    }

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
}

extension Shell {
    /// `.fill [t2|t3|t4]`: starts a guided entry; the following statements are its answers.
    func fillCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count <= 1 else { throw ShellError("usage: .fill [t2|t3|t4]") }
        let (report, table) = try splitReport(words.first ?? "")
        let template = try workbookTemplate(report)
        guard table.isEmpty || template.table(table) != nil else {
            throw ShellError("no table ‘\(table)’; the tables are " + template.tables.map(\.id).joined(separator: ", "))
        }
        let cells = template.cells.filter { !$0.isTotal && (table.isEmpty || $0.table == table) }.map(\.index)
        let session = FillSession(report: report, template: template, cells: cells)
        let title = table.isEmpty ? "all tables" : template.table(table)?.fullTitle ?? table
        output.line("Filling \(title) of \(report): \(cells.count) input cells.")
        output.line("Answer with a value; a blank line keeps the cell, . stops.")
        fill = session
        askFill()
        return .ok
    }

    /// Prints the question for the next cell.
    func askFill() {
        guard let session = fill, let cell = session.currentCell else { return }
        let now = try? workbook.value(of: session.report + "." + cell.name)
        output.line(session.question(for: cell, now: now))
    }

    /// One answer to the guided entry.
    func answerFill(_ text: String) throws -> ShellStatus {
        guard var session = fill, let cell = session.currentCell else {
            fill = nil
            return .ok
        }
        let answer = text.trimmingBlanks()
        if answer == "." {
            finishFill(stopped: true)
            return .ok
        }
        if answer.isEmpty {
            session.kept += 1
        } else {
            let name = session.report + "." + cell.name
            let result = Result(catching: { () throws(EngineError) in try workbook.set(name, Shell.cellInput(answer)) })
            guard case .success(let changes) = result else {
                if case .failure(let error) = result {
                    // Ask the same cell again.
                    defer { askFill() }
                    throw ShellError(engine: error, statement: answer, offset: 0)
                }
                return .failed
            }
            unsavedChanges = true
            session.answered += 1
            // The cell, the totals that moved and the rules as they settle (nothing when the value stays).
            if !changes.isEmpty { printChanges(changes) }
        }
        session.position += 1
        fill = session
        if session.currentCell == nil { finishFill(stopped: false) } else { askFill() }
        return .ok
    }

    /// Ends the guided entry with a summary and the rules that fail now.
    func finishFill(stopped: Bool) {
        guard let session = fill else { return }
        fill = nil
        let left = session.cells.count - session.position
        var summary = "Filled \(session.answered), kept \(session.kept)"
        if left > 0 { summary += ", \(left) not asked" }
        output.line(summary + (stopped ? " (stopped)." : "."))
        let failing = ruleResults(session.report).filter { $0.status.isFailing }
        if failing.isEmpty {
            output.line("All rules hold or wait for values.")
        } else {
            output.line("\(failing.count) rule\(failing.count == 1 ? "" : "s") failing:")
            for line in ruleLines(failing, qualified: false, withDescription: false) { output.line("  " + line) }
        }
    }
}
