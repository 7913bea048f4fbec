import GongkaiCore

extension Shell {
    /// `target = right`: a number or `"text"` is entered, an empty right side clears, anything else is a formula.
    /// A plain name that is not a cell defines a new named cell (`rate = …`).
    func assign(_ target: String, _ right: String, offset: Int) throws -> ShellStatus {
        var input = Shell.cellInput(right)
        var caret: Int? = offset
        // A formula for a cell of another report reads the current report's cells, as everywhere at the prompt.
        if case .formula(let source) = input, let dot = target.firstIndex(of: "."),
            workbook.hasReport(String(target[..<dot]))
        {
            let qualified = workbook.qualifying(formula: source, forCellOf: String(target[..<dot]))
            if qualified != source {
                input = .formula(qualified)
                caret = nil  // columns of the qualified formula are not the typed ones
            }
        }
        let changes: ChangeSet
        switch Result(catching: { () throws(EngineError) in try workbook.set(target, input) }) {
        case .success(let result): changes = result
        case .failure(let error):
            // `rate = …` for a plain name that is no cell yet defines it (`vat = 0.06` defines a constant); for a named
            // cell it redefines it.
            var isName = false
            switch error {
            case .unknownName, .notAllowed: isName = !target.contains(".")
            default: break
            }
            if isName {
                switch input {
                case .formula(let source): return try defineName(target, source, offset: offset)
                case .value(let value): return try defineName(target, value.formulaSource, offset: offset)
                case .clear: break
                }
            }
            var shellError = ShellError(engine: error, statement: "", offset: caret ?? 0)
            if caret == nil { shellError.column = nil }
            throw shellError
        }
        noteChange(.cell(reference: target, report: nil))
        if changes.isEmpty, case .formula(let source) = input {
            // The value stays, but the cell now follows another formula: say so rather than "(no change)".
            let info = try? workbook.info(of: target)
            let value = (try? workbook.value(of: target)).map(Shell.show) ?? "(empty)"
            let what = info?.kind == .total ? "formula replaces the template's sum" : "formula set"
            output.line("\(target)  \(what) (\(TextLayout.truncate(source, 40))); value unchanged: \(value)")
            return .ok
        }
        printChanges(changes)
        return .ok
    }

    /// `let name = formula` / `name := formula`.
    func defineName(_ name: String, _ formula: String, offset: Int) throws -> ShellStatus {
        guard !formula.isEmpty else { throw ShellError("a definition needs a formula: let \(name) = …") }
        let changes = try attempt(offset: offset) { () throws(EngineError) in
            try workbook.define(name: name, formula: formula)
        }
        noteChange(.snapshot)
        printChanges(changes)
        return .ok
    }

    /// A bare expression: evaluated against the current state and printed.
    func evaluate(_ expression: String) throws -> ShellStatus {
        let value = try attempt(offset: 0) { () throws(EngineError) in try workbook.evaluate(expression) }
        output.line(value.isEmpty ? "(empty)" : value.description.escapingControls())
        return .ok
    }

    /// What the right side of an assignment puts into the cell.
    static func cellInput(_ right: String) -> CellInput {
        if right.isEmpty { return .clear }
        if let number = DecimalNumber(right) { return .value(.number(number)) }
        if let text = textLiteral(right) { return .value(.text(text)) }
        return .formula(right)
    }

    /// The text of a whole quoted literal (`"a""b"` is `a"b`: `""` stands for one quote), nil for anything else.
    static func textLiteral(_ source: String) -> String? {
        guard source.count >= 2, source.first == "\"", source.last == "\"" else { return nil }
        var text = ""
        var inner = source.dropFirst().dropLast()[...]
        while let character = inner.first {
            inner = inner.dropFirst()
            if character == "\"" {
                guard inner.first == "\"" else { return nil }  // a lone quote ends the text early: not one literal
                inner = inner.dropFirst()
            }
            text.append(character)
        }
        return text
    }

    /// Prints what a mutation changed: values that moved (old → new), then rules that broke or healed.
    ///
    /// A large change (a load) is summarised after `Shell.changeLimit` lines, so the report stays readable.
    func printChanges(_ changes: ChangeSet) {
        func name(_ report: String, _ cell: String) -> String { workbook.displayName(cell, in: report) }
        if changes.isEmpty {
            output.line("(no change)")
            return
        }
        // One text, written once: a script statement's change report is its hot path (docs: the benchmarks).
        var text = TextBuilder(capacity: 96 * min(changes.cells.count + changes.rules.count, 2 * Shell.changeLimit + 2))
        func add(_ name: String, _ nameWidth: Int, _ width: Int, _ rest: String...) {
            text.append(name)
            text.append(spaces: width - nameWidth)
            text.append("  ")
            for part in rest { text.append(part) }
            text.append(ascii: "\n")
        }
        let cellNames = changes.cells.map { name($0.report, $0.name) }
        let cellWidths = cellNames.map(displayWidth)
        let width = min(cellWidths.max() ?? 0, 36)
        for (n, change) in changes.cells.enumerated() {
            if n == Shell.changeLimit {
                text.append("… and \(changes.cells.count - n) more values\n")
                break
            }
            add(cellNames[n], cellWidths[n], width, Shell.show(change.old), " → ", Shell.show(change.new))
        }
        let ruleLines = changes.rules.compactMap { change -> (String, String)? in
            guard let text = Shell.describe(change) else { return nil }
            return (name(change.report, change.name), text)
        }
        let ruleWidths = ruleLines.map { displayWidth($0.0) }
        let ruleWidth = min(ruleWidths.max() ?? 0, 36)
        for (n, line) in ruleLines.enumerated() {
            if n == Shell.changeLimit {
                text.append("… and \(ruleLines.count - n) more rule changes\n")
                break
            }
            add(line.0, ruleWidths[n], ruleWidth, paint(line.1))
        }
        output.write(text.text)
    }

    /// A rule change coloured on a terminal (red when it broke, green when it healed); as is otherwise.
    func paint(_ text: String) -> String {
        guard options.color else { return text }
        if text.hasPrefix("broke") || text.hasPrefix("added: fails") || text.hasPrefix("error") {
            return "\u{1B}[31m" + text + "\u{1B}[0m"
        }
        if text.hasPrefix("healed") { return "\u{1B}[32m" + text + "\u{1B}[0m" }
        return text
    }

    /// How many value (and rule) lines a change report prints before summarising the rest.
    static let changeLimit = 12

    /// A value in a change report: `(empty)` rather than nothing.
    static func show(_ value: Value) -> String {
        switch value {
        case .empty: "(empty)"
        case .text(let text): "\"" + TextLayout.truncate(text.replacingNewlines(), 30) + "\""
        default: value.description
        }
    }

    /// `broke: imbalance 1 (error)`, `healed`, `incomplete`, … for a rule whose status changed.
    static func describe(_ change: RuleChange) -> String? {
        switch (change.old, change.new) {
        case (_, nil): return "removed"
        case (let old, .some(let new)) where old == new: return nil
        case (.some(.incomplete), .some(.holds)): return "complete: holds"
        case (_, .some(.holds)): return change.old == nil ? "added: holds" : "healed"
        case (.some(.incomplete), .some(.fails)): return Shell.detailed("complete: fails", change.result)
        case (_, .some(.fails)): return Shell.detailed(change.old == nil ? "added: fails" : "broke", change.result)
        case (_, .some(.error)): return Shell.detailed("error", change.result)
        case (_, .some(.incomplete)): return "incomplete (a cell is empty)"
        }
    }

    /// `head` and what follows it for a failing or erring rule: the imbalance, then the severity in parentheses.
    /// Built in one string with room for the usual line (a statement's change report is its hot path: no string
    /// grown part by part, no interpolation, nothing made for the changes that print no details).
    static func detailed(_ head: String, _ result: RuleResult?) -> String {
        guard let result else { return head }
        var text = head
        text.reserveCapacity(head.utf8.count + 48)
        Shell.appendImbalance(result, to: &text)
        text += " ("
        text += result.severity.rawValue
        text += ")"
        return text
    }

    /// `: imbalance +1` when the result has a numeric imbalance; `: 2 cells (…)` for the domain rule.
    static func imbalance(_ result: RuleResult?) -> String {
        guard let result else { return "" }
        var text = ""
        appendImbalance(result, to: &text)
        return text
    }

    /// ``imbalance(_:)`` appended to `text`.
    static func appendImbalance(_ result: RuleResult, to text: inout String) {
        if result.kind == .domain, !result.cells.isEmpty {
            let cells = result.cells.prefix(3).joined(separator: " ") + (result.cells.count > 3 ? " …" : "")
            text += ": \(imbalanceText(result)) out of domain (\(cells))"
        } else if case .number(let n) = result.imbalance {
            text += ": imbalance "
            if !n.isNegative { text += "+" }
            text += n.description
        }
    }
}

extension Value {
    /// The value as formula source (`0.06`, `"text"`), for defining a name by a constant.
    var formulaSource: String {
        switch self {
        case .text(let t): "\"" + t + "\""
        default: description
        }
    }
}
