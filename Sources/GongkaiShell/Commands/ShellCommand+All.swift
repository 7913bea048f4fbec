extension ShellCommand {
    /// Every dot-command, in the order `.help` lists them.
    static let all: [ShellCommand] = [
        ShellCommand(
            name: "load", syntax: "FILE [as NAME]",
            summary: "Load a report or a workbook file",
            details: """
                Reads the report's tables into a new report named NAME (by default derived from the file name, \
                e.g. r2023) and makes it current. A workbook file (.gkw) restores a saved session instead.
                """,
            examples: [".load examples/上犹县政府办-2023.txt", ".load 淮安市-2024.txt as ha2024"],
            run: { shell, arguments in try shell.loadCommand(arguments) }),
        ShellCommand(
            name: "save", syntax: "FILE",
            summary: "Save the session as a workbook file",
            details: "Writes atomically: a temporary file, then a rename. `.load FILE` restores it.",
            examples: [".save session.gkw"],
            run: { shell, arguments in try shell.saveCommand(arguments) }),
        ShellCommand(
            name: "export", syntax: "FORMAT FILE [t2 t3 t4]",
            summary: "Export the official tables",
            details: """
                FORMAT is csv, csv-long, latex, latex-fragment, markdown or html; FILE is a path or - for the \
                output. Tables default to all three. Failing error rules are listed as warnings; the export is \
                still written.
                """,
            examples: [".export csv out/上犹县.csv", ".export latex - t3"],
            argumentWords: ExportFormatName.all,
            run: { shell, arguments in try shell.exportCommand(arguments) }),
        ShellCommand(
            name: "show", syntax: "[t2|t3|t4|ROW|COLUMN|PATTERN]",
            summary: "Show a table, row, column or cells",
            details: """
                Without an argument shows tables 二, 三 and 四. A row (t3.new), a column (t3.natural), a cell or a \
                pattern with * (one segment) or ** (several) lists those cells with their labels. Values in \
                failing rules are marked !, empty cells show -.
                """,
            examples: [".show t3", ".show t3.new", ".show t3.*.total", ".show t3.result.**.natural"],
            argumentWords: ["t2", "t3", "t4"],
            run: { shell, arguments in try shell.showCommand(arguments) }),
        ShellCommand(
            name: "check", syntax: "[all|failing]",
            summary: "Rules with status and imbalance",
            details: """
                `failing` (the default) lists the rules that fail; `all` lists every rule. Soft rules (warnings \
                such as figures quoted in the prose) follow. In a script, a failing error-severity rule makes the \
                exit code 3.
                """,
            examples: [".check", ".check all"],
            argumentWords: ["all", "failing"],
            run: { shell, arguments in try shell.checkCommand(arguments) }),
        ShellCommand(
            name: "explain", syntax: "CELL|RULE",
            summary: "Everything about one cell or rule",
            details: """
                CELL is any cell name, text cell or user-defined name, optionally qualified by a report. RULE is a \
                rule name (t3.balance.natural, domain, a soft rule, a user rule): its equation with labels and \
                values on both sides, the imbalance, each cell's status and source, severity and documentation.
                """,
            examples: [".explain t3.total.total", ".explain rate", ".explain t4.rowsum.review"],
            run: { shell, arguments in try shell.explainCommand(arguments) }),
        ShellCommand(
            name: "suggest", syntax: "[REPORT]",
            summary: "The most plausible fixes of failing rules",
            details: """
                Error localisation: the smallest sets of cells whose change makes every failing equality and the \
                domain rule hold, with the repaired values, ranked by how real reports go wrong (a total printed \
                0, a digit dropped, doubled or transposed, a neighbour's value, glued digits, a sign lost). \
                Linear user rules (`a = b + c`) take part. `.apply N` applies one.
                """,
            examples: [".suggest", ".suggest hz2023"],
            run: { shell, arguments in try shell.suggestCommand(arguments) }),
        ShellCommand(
            name: "apply", syntax: "N",
            summary: "Apply suggestion N of the last .suggest",
            details: "All its cells change as one step: `.undo` restores the printed values.",
            examples: [".apply 1"],
            run: { shell, arguments in try shell.applyCommand(arguments) }),
        ShellCommand(
            name: "find", syntax: "TEXT",
            summary: "Search cell names and Chinese labels",
            details: "Case-insensitive substring search over names, row labels and column labels.",
            examples: [".find 不予公开", ".find nofee"],
            run: { shell, arguments in try shell.findCommand(arguments) }),
        ShellCommand(
            name: "fill", syntax: "[t2|t3|t4]",
            summary: "Guided entry of a table's input cells",
            details: """
                Asks for each input cell with its Chinese label; the following lines are the answers: a number \
                sets the cell, a blank line keeps it, `.` stops. Rules are reported as they settle. Works from \
                scripts too. At the terminal the prompt names the cell asked for; Ctrl-C there stops like `.`.
                """,
            examples: [".fill t4", "3", "", "."],
            argumentWords: ["t2", "t3", "t4"],
            run: { shell, arguments in try shell.fillCommand(arguments) }),
        ShellCommand(
            name: "undo", syntax: "",
            summary: "Undo the last change",
            details: "Prints what the undo changed back.",
            examples: [".undo"],
            run: { shell, _ in try shell.undoCommand(redo: false) }),
        ShellCommand(
            name: "redo", syntax: "",
            summary: "Redo the last undone change",
            details: "Prints what the redo changed.",
            examples: [".redo"],
            run: { shell, _ in try shell.undoCommand(redo: true) }),
        ShellCommand(
            name: "reports", syntax: "[NAME]",
            summary: "List reports, or switch the current one",
            details: "Unqualified names refer to the current report; `NAME.t3.new.natural` reaches another one.",
            examples: [".reports", ".reports ha2024"],
            run: { shell, arguments in try shell.reportsCommand(arguments) }),
        ShellCommand(
            name: "rule", syntax: "NAME [error|warning] EXPR",
            summary: "Add a rule that must hold",
            details: """
                EXPR is a comparison (`a = b` reports the imbalance a − b) or any condition. Severity defaults to \
                error. The rule is checked after every change, like the official ones.
                """,
            examples: [".rule opened warning t3.result.open.total >= t3.new.total / 2"],
            run: { shell, arguments in try shell.ruleCommand(arguments) }),
        ShellCommand(
            name: "rules", syntax: "",
            summary: "List every rule with its status",
            details: "Each rule with its severity, status and what it says.",
            examples: [".rules"],
            run: { shell, arguments in try shell.rulesCommand(arguments) }),
        ShellCommand(
            name: "drop", syntax: "rule|name NAME",
            summary: "Remove a user rule or a named cell",
            details: "A name still used by formulas or rules cannot be dropped; drop those first.",
            examples: [".drop rule opened", ".drop name rate"],
            argumentWords: ["rule", "name"],
            run: { shell, arguments in try shell.dropCommand(arguments) }),
        ShellCommand(
            name: "read", syntax: "FILE",
            summary: "Run a script file",
            details: """
                Errors name the script and line: `Error near line 3 in FILE: …`. Ctrl-C stops the script between \
                statements; the statements before it stay done.
                """,
            examples: [".read examples/tour.gongkai"],
            run: { shell, arguments in try shell.readCommand(arguments) }),
        ShellCommand(
            name: "output", syntax: "[FILE|stdout]",
            summary: "Send results to a file, or stdout",
            details: "Errors still go to standard error. `.output` alone returns to standard output.",
            examples: [".output results.txt", ".output stdout"],
            run: { shell, arguments in try shell.outputCommand(arguments) }),
        ShellCommand(
            name: "bail", syntax: "on|off",
            summary: "Stop a script at the first error",
            details: "Like sqlite3's .bail; `gongkai --bail` sets it from the start.",
            examples: [".bail on"],
            argumentWords: ["on", "off"],
            run: { shell, arguments in try shell.switchCommand(arguments, \.bail, "bail") }),
        ShellCommand(
            name: "echo", syntax: "on|off",
            summary: "Print each statement before running it",
            details: "Useful to make script transcripts self-explanatory.",
            examples: [".echo on"],
            argumentWords: ["on", "off"],
            run: { shell, arguments in try shell.switchCommand(arguments, \.echo, "echo") }),
        ShellCommand(
            name: "help", syntax: "[COMMAND]",
            summary: "List commands, or explain one",
            details: "Also explains statements: `cell = value`, `cell = formula`, `let name = formula`, expressions.",
            examples: [".help", ".help show"],
            run: { shell, arguments in try shell.helpCommand(arguments) }),
        ShellCommand(
            name: "quit", aliases: ["exit"], syntax: "",
            summary: "Leave the shell",
            details: "`.exit` does the same. Unsaved changes are lost.",
            examples: [".quit"],
            run: { _, _ in .quit }),
    ]
}

/// The export formats by name, as `.export` and `gongkai export --format` accept them.
enum ExportFormatName {
    static let all = ["csv", "csv-long", "latex", "latex-fragment", "markdown", "html"]
}
