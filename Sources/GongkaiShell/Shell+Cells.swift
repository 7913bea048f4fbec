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
        if changes.isEmpty {
            output.line("(no change)")
            return
        }
        // One text, written once: a script statement's change report is its hot path (docs: the benchmarks). The
        // changes are read in place, by index, and each line is appended part by part: no array of names, widths or
        // lines, no string per value.
        let current = workbook.currentReport
        func shown(_ report: String, _ name: String) -> String {
            Workbook.displayName(name, in: report, current: current)
        }
        let cells = changes.cells
        let rules = changes.rules
        var text = TextBuilder(capacity: 96 * min(cells.count + rules.count, 2 * Shell.changeLimit + 2))
        var width = 0
        for k in cells.indices { width = max(width, displayWidth(shown(cells[k].report, cells[k].name))) }
        width = min(width, 36)
        for k in cells.indices {
            if k == Shell.changeLimit {
                text.append("… and \(cells.count - k) more values\n")
                break
            }
            let name = shown(cells[k].report, cells[k].name)
            text.append(name)
            text.append(spaces: width - displayWidth(name))
            text.append("  ")
            Shell.append(cells[k].old, to: &text)
            text.append(" → ")
            Shell.append(cells[k].new, to: &text)
            text.append(ascii: "\n")
        }
        var ruleWidth = 0
        for k in rules.indices where Shell.isReported(rules[k]) {
            ruleWidth = max(ruleWidth, displayWidth(shown(rules[k].report, rules[k].name)))
        }
        ruleWidth = min(ruleWidth, 36)
        var n = 0
        for k in rules.indices where Shell.isReported(rules[k]) {
            if n == Shell.changeLimit {
                let rest = rules[k...].count { Shell.isReported($0) }
                text.append("… and \(rest) more rule changes\n")
                break
            }
            n += 1
            let name = shown(rules[k].report, rules[k].name)
            text.append(name)
            text.append(spaces: ruleWidth - displayWidth(name))
            text.append("  ")
            Shell.appendDescription(rules[k], to: &text, color: options.color)
            text.append(ascii: "\n")
        }
        output.write(text)
    }

    /// ``show(_:)`` appended to `text`; a count as its digits, without a string of its own.
    static func append(_ value: Value, to text: inout TextBuilder) {
        if case .number(let number) = value, let count = number.intValue {
            text.append(count)
        } else {
            text.append(show(value))
        }
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

    /// Whether a change report says anything of `change`: the rule appeared, went or changed its status.
    static func isReported(_ change: RuleChange) -> Bool { change.new == nil || change.old != change.new }

    /// `broke: imbalance +1 (error)`, `healed`, `incomplete`, … for a rule whose status changed (``isReported(_:)``),
    /// appended to `text`; on a terminal (`color`) red when it broke or erred, green when it healed. Appended part by
    /// part: a statement's change report is its hot path (no string made for a line).
    static func appendDescription(_ change: RuleChange, to text: inout TextBuilder, color: Bool) {
        let head: String
        var detailed = false
        var paint: String?
        switch (change.old, change.new) {
        case (_, nil): head = "removed"
        case (.some(.incomplete), .some(.holds)): head = "complete: holds"
        case (nil, .some(.holds)): head = "added: holds"
        case (_, .some(.holds)): (head, paint) = ("healed", "\u{1B}[32m")
        case (.some(.incomplete), .some(.fails)): (head, detailed) = ("complete: fails", true)
        case (_, .some(.fails)):
            (head, detailed, paint) = (change.old == nil ? "added: fails" : "broke", true, "\u{1B}[31m")
        case (_, .some(.error)): (head, detailed, paint) = ("error", true, "\u{1B}[31m")
        case (_, .some(.incomplete)): head = "incomplete (a cell is empty)"
        }
        if !color { paint = nil }
        if let paint { text.append(paint) }
        text.append(head)
        if detailed, let result = change.result {
            appendImbalance(result, to: &text)
            text.append(" (")
            text.append(result.severity.rawValue)
            text.append(ascii: ")")
        }
        if paint != nil { text.append("\u{1B}[0m") }
    }

    /// `: imbalance +1` when the result has a numeric imbalance; `: 2 cells (…)` for the domain rule.
    static func imbalance(_ result: RuleResult?) -> String {
        guard let result else { return "" }
        var text = TextBuilder(capacity: 32)
        appendImbalance(result, to: &text)
        return text.text
    }

    /// ``imbalance(_:)`` appended to `text`.
    static func appendImbalance(_ result: RuleResult, to text: inout TextBuilder) {
        if result.kind == .domain, !result.cells.isEmpty {
            let cells = result.cells.prefix(3).joined(separator: " ") + (result.cells.count > 3 ? " …" : "")
            text.append(": \(imbalanceText(result)) out of domain (\(cells))")
        } else if case .number(let n) = result.imbalance {
            text.append(": imbalance ")
            if !n.isNegative { text.append(ascii: "+") }
            if let count = n.intValue { text.append(count) } else { text.append(n.description) }
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
