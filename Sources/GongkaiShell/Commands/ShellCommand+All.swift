import GongkaiCore
import GongkaiIO

extension ShellCommand {
    /// Every dot-command, in the order `.help` lists them.
    static let all: [ShellCommand] = [
        ShellCommand(
            name: "load", syntax: "FILE|DIR… [as NAME]",
            summary: "Load reports, folders, a workbook",
            details: """
                Reads each report's tables into a new report and makes it current. Its name is NAME, or by \
                default the body and year (洪泽区_2023; see the README). A folder loads every report file below \
                it, a quoted glob every match; each file gets an outcome (loaded, refused with its reason, or \
                skipped when plainly not a report) and one bad file never stops the others. A workbook file (.gkw) \
                restores a saved session instead.
                """,
            examples: [
                ".load examples/上犹县政府办-2023.txt", ".load 淮安市-2024.txt as ha2024", ".load reports/",
                ".load 'reports/*2024*'",
            ],
            run: { shell, arguments in try shell.loadCommand(arguments) }),
        ShellCommand(
            name: "new", syntax: "[BODY] [YEAR] [as NAME]",
            summary: "Start an empty report",
            details: """
                An empty report of the official 2021 format, current at once; BODY becomes meta.org and YEAR \
                meta.year. The name defaults to body_year (r + YEAR without a body). `.fill` then asks for its cells; `.undo` \
                removes it again.
                """,
            examples: [".new 上犹县政府办 2024 as sy2024", ".new"],
            run: { shell, arguments in try shell.newCommand(arguments) }),
        ShellCommand(
            name: "save", syntax: "FILE",
            summary: "Save the session as a workbook file",
            details: "Writes atomically: a temporary file, then a rename. `.load FILE` restores it.",
            examples: [".save session.gkw"],
            run: { shell, arguments in try shell.saveCommand(arguments) }),
        ShellCommand(
            name: "export", syntax: "FORMAT FILE [TABLE…] [--OPT…]",
            summary: "Export the official tables",
            details: """
                FORMAT is one of \(ExportFormatName.all.joined(separator: ", ")); FILE is a path or - for the \
                output (not for xlsx, which is binary). Tables (t3, 三, 3 or 表三) default to all three. \
                --excel writes CSV as Excel and WPS in a Chinese locale need it (byte-order mark, CRLF). xlsx is an \
                Excel workbook with a sheet per table and merged header cells; `.load` reads it back, and the CSV \
                too. --all exports every loaded report: csv-long as one table into FILE, the other formats one \
                file per report into the folder FILE. Failing error rules are listed as warnings and the export \
                is still written, unless --strict leaves those reports out. sqlite writes every loaded report \
                into one SQLite database (tables reports, cells, rules, metrics; docs/sqlite.md); an existing FILE \
                is replaced only with --force. `.export html FILE --chart METRIC [top N] [asc|desc] [where …]` \
                writes a ranking instead: a self-contained page with an SVG bar chart and the ranking table; \
                `--trend METRIC [BODY|*]` the years of a body (or of every body) as `.trend` lists them. \
                profile writes 单位年度治理画像 of the current report — HTML, or LaTeX for xelatex when FILE ends in \
                .tex: its tables, each metric with rank, percentile and quartiles among the loaded reports, its \
                body's trend over the loaded years, and the rules it fails (docs/metrics.md).
                """,
            examples: [
                ".export csv out/上犹县.csv", ".export latex - t3", ".export xlsx 上犹县.xlsx",
                ".export csv 上犹县.csv 三 --excel", ".export csv-long all.csv --all",
                ".export sqlite reports.sqlite --force", ".export html 申请总量.html --chart applications",
                ".export profile 画像.tex", ".export html 趋势.html --trend applications *",
            ],
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
            name: "check", syntax: "[all|failing] [--OPT]",
            summary: "Rules with status and imbalance",
            details: """
                `failing` (the default) lists the rules that fail; `all` lists every rule (options: --summary, \
                --filing). Each report ends with \
                its counts: rules that hold, fail, and are incomplete (a rule reading an empty cell never holds), \
                and cells missing. `--summary` prints one line per report and a totals line instead. `--filing` \
                lists what must be cleared before the current report is published, in the report's order: \
                missing cells (by row), empty prose sections, failing rules and warnings, each with its cell \
                names. Soft rules (warnings such as figures quoted in the prose) follow the rules. In a script, a failing error-severity rule (with --filing: anything left to clear) makes \
                the exit code 3; missing cells or incomplete rules make it 4.
                """,
            examples: [".check", ".check all", ".check --summary", ".check --filing"],
            argumentWords: ["all", "failing", "--summary", "--filing"],
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
            summary: "Likely fixes of failing rules",
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
            name: "fill", syntax: "[SELECTION] [--empty]",
            summary: "Guided entry of cells or prose sections",
            details: """
                Asks for each input cell in official order with its Chinese label. SELECTION is a table (t3, 三), a \
                row (t3.carried), a column (t3.natural) or `text` for the prose sections text.s1…s6; all input \
                cells without one; --empty asks only the empty cells. The following lines are the answers. A \
                number may be typed as on a Chinese keyboard (５, 1,000, 1，000, 3件, 0.25万元); 无 and 0 are \
                zero; a blank line keeps the value, - clears it, \
                =FORMULA sets a formula, < goes back one cell, . stops. Anything else is refused and the same cell \
                asked again. A prose answer may span lines and ends with a line holding only `.`. When a row is \
                complete its rules are shown; at the end, the rules that fail and the cells still empty. Each \
                answer is one .undo step. `.fill` of the same again resumes where it stopped (--restart starts \
                over). At the terminal the prompt names the cell asked for; Ctrl-C there stops like `.`.
                """,
            examples: [".fill t4", "3", "１，０００", "<", "5", "."],
            argumentWords: ["t2", "t3", "t4", "text", "--empty", "--restart"],
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
            details: """
                Lists each report's name (* marks the current one), body, year, source file, cells read, inferred \
                and missing, and rules holding, failing and incomplete. Unqualified names refer to the current \
                report; `NAME.t3.new.natural` reaches another one.
                """,
            examples: [".reports", ".reports ha2024"],
            run: { shell, arguments in try shell.reportsCommand(arguments) }),
        ShellCommand(
            name: "unload", syntax: "NAME",
            summary: "Unload a report",
            details: "Refused while formulas or rules of other reports read its cells. `.undo` loads it again.",
            examples: [".unload ha2024"],
            run: { shell, arguments in try shell.unloadCommand(arguments) }),
        ShellCommand(
            name: "metrics", syntax: "",
            summary: "List the metrics and their values",
            details: """
                The built-in dictionary (申请总量, 办结量, 予以公开率, 实质公开率, …; docs/metrics.md gives each one's \
                口径, formula, unit and what an empty or zero denominator gives), then your own metrics, each with \
                its Chinese name, unit, the current report's value and its cell m.NAME when it is in the workbook.
                """,
            examples: [".metrics"],
            run: { shell, arguments in try shell.metricsCommand(arguments) }),
        ShellCommand(
            name: "metric", syntax: "NAME [= FORMULA]",
            summary: "Define a metric for every report",
            details: """
                `.metric NAME = FORMULA` defines a metric once for every report, present and future: each report \
                gets the named cell m.NAME, recomputed like any formula (unqualified names mean that report's \
                cells), saved in the workbook file and shown by `.explain m.NAME`. `.metric KEY` brings a \
                built-in into every report as m.KEY (so that formulas such as median(*.m.KEY) can read it) and \
                shows its definition. `.drop metric NAME` removes one; `.undo` takes either back.
                """,
            examples: [
                ".metric disclosure_rate", ".metric open_share = t3.result.open.total / t3.new.total",
            ],
            argumentWords: Metric.builtIn.map(\.key),
            run: { shell, arguments in try shell.metricCommand(arguments) }),
        ShellCommand(
            name: "rank", syntax: "METRIC [top N] [OPTION…]",
            summary: "Rank the reports by a metric",
            details: """
                OPTION is asc, desc or `where CONDITION`. METRIC is a metric (built-in or yours), yoy(NAME) — the growth over the same body's previous year \
                in % — or a cell (t3.new.total). Lists position (ties share one), report (* the current one), body, \
                year and value, largest first (asc: smallest first); `top N` the first N; `where` keeps the \
                reports where a formula holds in that report (`where t3.new.total > 10`, `where meta.year = \
                "2023"`). Reports whose value is empty follow with the reason, never ranked as 0. The last line \
                gives P25 / P50 / P75 (PERCENTILE.INC, exact) and the current report's rank and percentile.
                """,
            examples: [
                ".rank disclosure_rate", ".rank applications top 3", ".rank yoy(applications) where t3.new.total > 10",
            ],
            argumentWords: Metric.builtIn.map(\.key) + ["top", "asc", "desc", "where"],
            run: { shell, arguments in try shell.rankCommand(arguments) }),
        ShellCommand(
            name: "chart", syntax: "METRIC [top N] [OPTION…]",
            summary: "Bar chart of a metric across reports",
            details: """
                The ranking of `.rank` (the same METRIC, top N, asc, desc and `where CONDITION`) as horizontal \
                bars fitted to the terminal's width (80 columns in a pipe): the report names (* the current one) \
                in one column aligned for Chinese text (cut with … beyond a third of the width), bars of █ with \
                eighth blocks for the rest, and each value exactly after its bar. Negative values (yoy growth) run left from a zero axis │. \
                Reports whose value is empty follow with the reason, never as a bar of 0; the last line gives P25 / \
                P50 / P75 and the current report's rank. `.export html FILE --chart METRIC …` writes the same \
                chart as a web page.
                """,
            examples: [".chart applications", ".chart disclosure_rate top 5", ".chart yoy(applications)"],
            argumentWords: Metric.builtIn.map(\.key) + ["top", "asc", "desc", "where"],
            run: { shell, arguments in try shell.chartCommand(arguments) }),
        ShellCommand(
            name: "table", syntax: "METRIC… [by M] [OPTION…]",
            summary: "Reports × metrics, quartiles, rank",
            details: """
                OPTION is asc, desc or `where CONDITION`. A row per report (in load order, or sorted by the metric after `by`, largest first unless asc), a \
                column per metric, aligned for Chinese text; then the rows P25, P50, P75 (PERCENTILE.INC, exact) \
                and the current report's rank (1 = largest) and percentile (the share of the other reports below \
                it, in %). `where` keeps the reports where a formula holds, as for `.rank`.
                """,
            examples: [".table applications disclosure_rate by disclosure_rate"],
            argumentWords: Metric.builtIn.map(\.key) + ["by", "asc", "desc", "where"],
            run: { shell, arguments in try shell.tableCommand(arguments) }),
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
            name: "diff", syntax: "[A] [B] [--threshold N]",
            summary: "What changed between two reports",
            details: """
                Every template cell whose value differs from report A to report B (by cell name, so a 2019-format \
                report compares with a 2021 one on the cells both have), with both values, Δ = B − A and Δ% = \
                round(Δ × 100 / A, 2); an empty cell shows as empty, never as 0, and has no Δ. Then every metric \
                (built-in and yours) that differs, and the rules of both whose status differs (holds in one, \
                fails or is incomplete in the other). A change with |Δ%| ≥ N (50 by default) is marked 同比突变. \
                `.diff A` compares A with its previous year (the report of the same body for the year before, as \
                the cross-year rules link them); `.diff` alone, the current report with its previous year.
                """,
            examples: [".diff 洪泽区_2023 淮安市洪泽区_2024", ".diff 淮安市洪泽区_2024 --threshold 100", ".diff"],
            run: { shell, arguments in try shell.diffCommand(arguments) }),
        ShellCommand(
            name: "trend", syntax: "METRIC [BODY|*]",
            summary: "A metric over the years of bodies",
            details: """
                One row per loaded year of the body (by default the current report's; BODY is a body's name such \
                as 洪泽区 or a report's name): the metric's value and its growth over the year before (yoy, in %), \
                an empty value with its reason. The last line draws the values as a sparkline (▁ lowest, █ \
                highest; a gap for an empty year). Years of one body are those the cross-year rules link: the \
                same body name without 人民政府/办公室/管委会, a trailing unit (洪泽区 of 淮安市洪泽区), or a `.alias`. \
                `.trend METRIC *`: one line per loaded body — its years, a sparkline of its values, the first and \
                the last value and the last growth — the bodies with the most years first.
                """,
            examples: [
                ".trend applications", ".trend disclosure_rate 洪泽区", ".trend t3.new.total 淮安市洪泽区_2024",
                ".trend applications *",
            ],
            run: { shell, arguments in try shell.trendCommand(arguments) }),
        ShellCommand(
            name: "alias", syntax: "[BODY = OTHER]",
            summary: "Declare two body names one body",
            details: """
                Reports of one body are matched across years by their body name (meta.org without 人民政府, \
                办公室, 管委会 …; 洪泽区 also matches 淮安市洪泽区). `.alias BODY = OTHER` declares two other names \
                one body: their reports link at once (the cross-year rules appear, yoy, `.trend` and `.diff` \
                follow), the alias is saved in the workbook file, and `.undo` takes it back. `.alias` alone lists \
                the aliases; `.drop alias BODY` removes those naming BODY.
                """,
            examples: [".alias 平潭 = 平潭综合实验区", ".alias", ".drop alias 平潭"],
            run: { shell, arguments in try shell.aliasCommand(arguments) }),
        ShellCommand(
            name: "drop", syntax: "rule|name|metric|alias NAME",
            summary: "Remove a rule, name, metric or alias",
            details: "A name still used by formulas or rules cannot be dropped; drop those first.",
            examples: [".drop rule opened", ".drop name rate", ".drop metric open_share", ".drop alias 平潭"],
            argumentWords: ["rule", "name", "metric", "alias"],
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
            name: "record", syntax: "FILE",
            summary: "Save the session as a test script",
            details: """
                Every statement so far, each followed by what it printed as --> (output) and --! (errors) lines: \
                `gongkai test FILE` runs it again and fails with a diff where the output differs.
                """,
            examples: [".record session-check.gongkai"],
            run: { shell, arguments in try shell.recordCommand(arguments) }),
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
            details: """
                `.exit`, and `quit` or `exit` typed bare, do the same. With unsaved changes the prompt asks first \
                (N unsaved changes — quit anyway? [y/N]) and a script is refused with an error: `.save FILE` \
                first, or `.quit!`. Every acknowledged change is journaled until it is saved, so a crash loses \
                nothing: `gongkai --recover` brings the session back.
                """,
            examples: [".quit"],
            run: { shell, _ in try shell.quitCommand(force: false) }),
        ShellCommand(
            name: "quit!", aliases: ["exit!"], syntax: "",
            summary: "Leave, discarding unsaved changes",
            details: "Leaves without asking, also from a script; the journal of the unsaved changes is removed.",
            examples: [".quit!"],
            run: { shell, _ in try shell.quitCommand(force: true) }),
    ]
}

/// The export formats by name, as `.export` and `gongkai export --format` accept them: derived from the one list,
/// ``ExportFormat``, so help, completion and the command line cannot drift apart.
enum ExportFormatName {
    static var all: [String] { ExportFormat.allCases.map(\.rawValue) }
}
