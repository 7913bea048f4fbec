import GongkaiCore
import GongkaiIO

extension Shell {
    /// `.fill [t2|t3|t4|ROW|COLUMN|text] [--empty] [--restart]`: starts (or resumes) a guided entry; the following
    /// lines are its answers.
    func fillCommand(_ arguments: String) throws -> ShellStatus {
        var words = ArgumentWords.split(arguments)
        let onlyEmpty = words.contains("--empty")
        let restart = words.contains("--restart")
        words.removeAll { $0 == "--empty" || $0 == "--restart" }
        guard words.count <= 1, !(words.first ?? "").hasPrefix("-") else {
            throw ShellError("usage: .fill [t2|t3|t4|ROW|COLUMN|text] [--empty] [--restart]")
        }
        let (report, selection) = try splitReport(words.first ?? "")
        let template = try workbookTemplate(report)
        var items = try fillItems(selection, report: report, template: template)
        if onlyEmpty { items = items.filter { currentValue(report, $0.name).isEmpty } }
        let what = selection.isEmpty ? "all tables" : template.table(selection)?.fullTitle ?? selection
        guard !items.isEmpty else {
            throw ShellError(
                onlyEmpty ? "nothing to fill: every cell of \(what) has a value" : "no input cells in \(what)")
        }
        let key = report + " " + selection + (onlyEmpty ? " --empty" : "")
        var session = FillSession(report: report, template: template, selection: key, items: items)
        output.line(
            "Filling \(what) of \(report): \(items.count) " + (onlyEmpty ? "empty " : "")
                + (items.count == 1 ? "cell." : "cells."))
        output.line("Answer " + FillAnswer.keys + ".")
        if !restart, let next = fillResume[key], let index = items.firstIndex(where: { $0.name == next }), index > 0 {
            session.position = index
            output.line("Resuming at \(next), where the last .fill stopped (--restart starts over).")
        }
        fill = session
        askFill()
        return .ok
    }

    /// What `.fill SELECTION` asks for, in official order: every input cell (nothing given), the prose sections
    /// (`text`), a table by id or number (`t3`, `三`, `表三`, `3`), or the input cells of a row, column or pattern.
    func fillItems(_ selection: String, report: String, template: ReportTemplate) throws -> [FillSession.Item] {
        if selection.isEmpty { return template.cells.filter { !$0.isTotal }.map { .cell($0) } }
        if selection == "text" {
            return template.textCells.filter { $0.name.hasPrefix("text.") }.map { .text($0) }
        }
        if let table = Session.table(named: selection, in: template) {
            return template.cells(ofTable: table.id).filter { !$0.isTotal }.map { .cell($0) }
        }
        let names = Set(try select(selection, report: report, template: template))
        let cells = template.cells.filter { !$0.isTotal && names.contains($0.name) }.map { FillSession.Item.cell($0) }
        let texts = template.textCells.filter { names.contains($0.name) }.map { FillSession.Item.text($0) }
        return cells + texts
    }

    /// A cell's value in `report`, empty when it cannot be read.
    func currentValue(_ report: String, _ name: String) -> Value {
        (try? workbook.value(of: name, in: report)) ?? .empty
    }

    /// Prints the question for the next cell.
    func askFill() {
        guard let session = fill, let item = session.current else { return }
        output.line(session.question(for: item, now: currentValue(session.report, item.name)))
    }

    /// The prompt while a `.fill` runs: the cell asked for, or `  ...> ` inside a prose answer.
    var fillPrompt: String? {
        guard let session = fill, let item = session.current else { return nil }
        return session.prompt(for: item, now: currentValue(session.report, item.name), width: options.width)
    }

    /// One line typed during a guided entry. A wrong answer is a one-line error and the same cell is asked again.
    func answerFill(_ text: String) throws -> ShellStatus {
        guard var session = fill, let item = session.current else {
            fill = nil
            return .ok
        }
        if session.textLines != nil {
            // Inside a prose answer: every line is text until a lone `.`.
            if text.trimmingBlanks() == "." {
                fill = session
                return try commitText(&session)
            }
            session.textLines?.append(text.trimmingTrailingBlanks())
            fill = session
            return .ok
        }
        var answer: FillAnswer
        switch item {
        case .text:
            switch text.trimmingBlanks() {
            case "": answer = .keep
            case ".": answer = .stop
            case "<": answer = .back
            case "-": answer = currentValue(session.report, item.name).isEmpty ? .keep : .clear
            default:
                session.textLines = [text.trimmingTrailingBlanks()]
                fill = session
                return .ok
            }
        case .cell(let cell):
            switch Shell.fillAnswer(text, for: cell) {
            case .success(let parsed): answer = parsed
            case .failure(let error): return refuseAnswer(error, text: text)
            }
            // Clearing an empty cell changes nothing: no undo step for it.
            if answer == .clear && currentValue(session.report, item.name).isEmpty { answer = .keep }
        }
        switch answer {
        case .stop:
            finishFill(stopped: true)
            return .ok
        case .back:
            guard session.position > 0 else { return refuseAnswer(ShellError("this is the first cell"), text: text) }
            session.position -= 1
            fill = session
            askFill()
            return .ok
        case .keep:
            session.kept += 1
        case .clear, .formula, .number:
            let input: CellInput
            switch answer {
            case .formula(let source): input = .formula(source)
            case .number(let number): input = .value(.number(number))
            default: input = .clear
            }
            let result = Result(catching: { () throws(EngineError) in
                try workbook.set(item.name, in: session.report, input)
            })
            switch result {
            case .failure(let error):
                return refuseAnswer(ShellError(engine: error, statement: "", offset: nil), text: text)
            case .success(let changes):
                noteChange(.cell(reference: item.name, report: session.report))
                // The cell, the totals that moved and the rules as they settle (nothing when the value stays).
                if changes.isEmpty {
                    session.kept += 1
                } else {
                    session.answered += 1
                    printChanges(changes)
                }
            }
            if case .cell(let cell) = item { showCompletedRules(row: cell, session: &session) }
        }
        return advanceFill(&session)
    }

    /// Ends a prose answer: its lines become the text cell's value (one undo step).
    private func commitText(_ session: inout FillSession) throws -> ShellStatus {
        guard let lines = session.textLines, let item = session.current else { return .ok }
        session.textLines = nil
        var body = lines
        while body.last?.isEmpty == true { body.removeLast() }
        let input: CellInput = body.isEmpty ? .clear : .value(.text(body.joined(separator: "\n")))
        let changes = try attempt { () throws(EngineError) in try workbook.set(item.name, in: session.report, input) }
        noteChange(.cell(reference: item.name, report: session.report))
        session.answered += 1
        if !changes.isEmpty { printChanges(changes) }
        return advanceFill(&session)
    }

    /// On to the next cell, or the end of the entry.
    private func advanceFill(_ session: inout FillSession) -> ShellStatus {
        session.position += 1
        fill = session
        if session.current == nil { finishFill(stopped: false) } else { askFill() }
        return .ok
    }

    /// Reports a refused answer on one line and asks the same cell again.
    private func refuseAnswer(_ error: ShellError, text: String) -> ShellStatus {
        var error = error
        error.column = nil
        report(error, statement: text)
        askFill()
        return .failed
    }

    /// What a line typed for `cell` means: the keys (blank, `.`, `<`, `-`), `=FORMULA`, or a number in any of the
    /// forms ``NumberText`` reads (`５`, `1,000`, `3件`, `无` as 0). Anything else is refused with a reason.
    static func fillAnswer(_ text: String, for cell: TemplateCell) -> Result<FillAnswer, ShellError> {
        let answer = text.trimmingBlanks()
        switch answer {
        case "": return .success(.keep)
        case ".": return .success(.stop)
        case "<": return .success(.back)
        case "-", "－": return .success(.clear)
        default: break
        }
        if answer.hasPrefix("=") || answer.hasPrefix("＝") {
            let formula = String(answer.dropFirst()).trimmingBlanks()
            guard !formula.isEmpty else { return .failure(ShellError("a formula follows the =: =t3.new.natural")) }
            return .success(.formula(formula))
        }
        switch NumberText.read(answer) {
        case .number(let number, let unit)?:
            if let unit, !NumberText.unit(unit, fits: cell.unit) {
                return .failure(ShellError("\(cell.name) is counted in \(cell.unit.rawValue), not \(unit)"))
            }
            return .success(.number(number))
        case .blank?:
            return .success(.number(DecimalNumber(0)))
        case nil:
            return .failure(
                ShellError(
                    "‘\(answer)’ is not a number for \(cell.name) (\(cell.unit.rawValue)); a formula starts with ="))
        }
    }

    /// After an answer completes a row (every input cell of it has a value), prints the rules about that row that
    /// have just become decidable, once each: `row complete: holds  t3.rowsum.new  总计 = 自然人 + …`.
    func showCompletedRules(row cell: TemplateCell, session: inout FillSession) {
        let row = session.rowCells(of: cell)
        guard row.allSatisfy({ !currentValue(session.report, $0.name).isEmpty }) else { return }
        let names = Set(session.template.cells(ofTable: cell.table).filter { $0.rowKey == cell.rowKey }.map(\.name))
        let decided = ruleResults(session.report).filter { result in
            result.kind != .domain && result.status != .incomplete && !session.shownRules.contains(result.name)
                && result.cells.contains(where: names.contains)
        }
        guard !decided.isEmpty else { return }
        output.line("row \(cell.table).\(cell.rowKey) complete:")
        for (result, line) in zip(decided, ruleLines(decided, qualified: false, withDescription: true)) {
            session.shownRules.insert(result.name)
            output.line("  " + line)
        }
    }

    /// Ends the guided entry: a summary, the rules that fail now and the cells still empty. A stopped entry remembers
    /// where it stopped, for the next `.fill` of the same selection; a prose answer left open is kept as typed.
    func finishFill(stopped: Bool) {
        guard var session = fill else { return }
        if session.textLines != nil, let item = session.current {
            let body = (session.textLines ?? []).joined(separator: "\n")
            session.textLines = nil
            if !body.trimmingBlanks().isEmpty,
                let changes = try? workbook.set(item.name, in: session.report, .value(.text(body)))
            {
                noteChange(.cell(reference: item.name, report: session.report))
                session.answered += 1
                printChanges(changes)
            }
            session.position += 1
        }
        fill = nil
        if let next = session.current, stopped {
            fillResume[session.selection] = next.name
        } else {
            fillResume[session.selection] = nil
        }
        let left = session.items.count - session.position
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
        let empty = session.items.map(\.name).filter { currentValue(session.report, $0).isEmpty }
        if !empty.isEmpty {
            let shown = empty.prefix(12).joined(separator: " ") + (empty.count > 12 ? " …" : "")
            output.line("\(empty.count) still empty (.fill --empty asks for them):")
            for line in TextLayout.wrap(shown, options.width - 2) { output.line("  " + line) }
        }
    }
}
