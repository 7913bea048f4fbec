import GongkaiCore
import GongkaiIO

extension Shell {
    /// `.help [COMMAND]`
    func helpCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        if let word = words.first {
            let name = word.hasPrefix(".") ? String(word.dropFirst()) : word
            guard let command = ShellCommand.named(name) else {
                let suggestion = nearestName(to: name, in: ShellCommand.all.map(\.name))
                throw ShellError("no command ‘.\(name)’" + (suggestion.map { "; did you mean ‘.\($0)’?" } ?? ""))
            }
            output.line(command.usage)
            output.line("  " + command.summary + ".")
            for line in TextLayout.wrap(command.details, options.width - 2) { output.line("  " + line) }
            if !command.aliases.isEmpty {
                output.line("  Also: " + command.aliases.map { "." + $0 }.joined(separator: ", "))
            }
            output.line("Example:")
            for example in command.examples { output.line("  " + example) }
            return .ok
        }
        output.line("Statements:")
        for (syntax, meaning) in Shell.statementHelp {
            output.line("  " + TextLayout.padRight(syntax, 30) + meaning)
        }
        output.line("Commands:")
        let width = ShellCommand.all.map { displayWidth($0.usage) }.max() ?? 0
        for command in ShellCommand.all {
            output.line("  " + TextLayout.padRight(command.usage, width) + "  " + command.summary)
        }
        output.line(".help COMMAND shows details and an example.")
        return .ok
    }

    /// The statement forms, for `.help`.
    static let statementHelp: [(String, String)] = [
        ("CELL = NUMBER", "enter a value    t3.new.natural = 8"),
        ("CELL = FORMULA", "set a formula    t2.norm.valid = t2.norm.made"),
        ("CELL =", "clear (a total computes again)"),
        ("let NAME = FORMULA", "define a named cell (also NAME := …)"),
        ("EXPRESSION", "evaluate and print   t3.total.total"),
    ]

    /// `.undo` / `.redo`
    func undoCommand(redo: Bool) throws -> ShellStatus {
        let before = workbook.reportNames
        guard let changes = redo ? workbook.redo() : workbook.undo() else {
            throw ShellError(redo ? "nothing to redo" : "nothing to undo")
        }
        noteChange(.snapshot)
        // A load undone or redone changes the set of reports rather than values.
        let after = workbook.reportNames
        for name in before where !after.contains(name) { output.line("unloaded report \(name)") }
        for name in after where !before.contains(name) {
            // A load redone makes its report current again, as the load did.
            try? workbook.selectReport(name)
            output.line("loaded report \(name) again")
        }
        if before == after { printChanges(changes) }
        return .ok
    }

    /// `.reports [NAME]`
    func reportsCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        if let name = words.first {
            try attempt { () throws(EngineError) in try workbook.selectReport(name) }
            noteCurrentReport()
            output.line("current report: \(name)")
            return .ok
        }
        if workbook.reportNames.isEmpty {
            output.line("(no reports loaded; .load FILE)")
            return .ok
        }
        let checks = session.check(warnings: false)
        var rows: [[String]] = [
            ["", "report", "body", "year", "source", "read", "inferred", "missing", "hold", "fail", "incomplete"]
        ]
        for c in checks {
            rows.append([
                c.report == workbook.currentReport ? "*" : "", c.report, c.body ?? "-", c.year ?? "-",
                c.source ?? "-", "\(c.cells.read)", "\(c.cells.inferred)", "\(c.cells.missing)", "\(c.holding)",
                "\(c.failing)", "\(c.incomplete)",
            ])
        }
        for line in TextLayout.columns(rows, rightAligned: Set(5..<rows[0].count)) { output.line(line) }
        return .ok
    }

    /// `.unload NAME`
    func unloadCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count == 1, let name = words.first else { throw ShellError("usage: .unload NAME") }
        let changes = try attempt { () throws(EngineError) in try workbook.removeReport(name) }
        noteChange(.snapshot)
        output.line("unloaded report \(name)")
        // What the reports still loaded see change: aggregates over all reports, links to the year before.
        printChanges(
            ChangeSet(
                cells: changes.cells.filter { $0.report != name }, rules: changes.rules.filter { $0.report != name }))
        return .ok
    }

    /// `.bail on|off`, `.echo on|off`
    func switchCommand(_ arguments: String, _ option: WritableKeyPath<ShellOptions, Bool>, _ name: String) throws
        -> ShellStatus
    {
        switch ArgumentWords.split(arguments) {
        case ["on"]: options[keyPath: option] = true
        case ["off"]: options[keyPath: option] = false
        case []: output.line("\(name) is " + (options[keyPath: option] ? "on" : "off"))
        default: throw ShellError("usage: .\(name) on|off")
        }
        return .ok
    }

    /// `.output [FILE|stdout]`: results go to FILE, written atomically when the redirection ends.
    func outputCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count <= 1 else { throw ShellError("usage: .output [FILE|stdout]") }
        try closeRedirection()
        if let path = words.first, path != "stdout", path != "-" {
            // Fail now, not at the end, when the file cannot be written.
            try FileAccess.checkWritable(self.path(path), shownAs: path)
            try inputs.checkOutput(self.path(path), shownAs: path)
            let buffer = StringOutput()
            redirection = (path, buffer)
            output = buffer
        }
        return .ok
    }

    /// Writes the `.output` file, if one is open, and returns to standard output.
    public func closeRedirection() throws {
        guard let (path, buffer) = redirection else { return }
        redirection = nil
        output = standardOutput
        try AtomicFile.write(buffer.text, toPath: self.path(path), shownAs: path)
    }

    /// `.read FILE`
    func readCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count == 1, let path = words.first else { throw ShellError("usage: .read FILE") }
        guard readDepth < 16 else { throw ShellError(".read nested too deeply (a script reading itself?)") }
        let text = try FileAccess.readText(self.path(path), shownAs: path)
        inputs.add(self.path(path), shownAs: path, kind: .script)
        let saved = location
        let savedFill = fill
        readDepth += 1
        defer {
            readDepth -= 1
            location = saved
        }
        fill = nil
        let status = run(script: text, name: path)
        fill = savedFill
        return status
    }
}
