import GongkaiCore
import GongkaiIO

extension Shell {
    /// `.load FILE|DIR|'GLOB'… ` or `.load FILE as NAME`
    func loadCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard !words.isEmpty else { throw ShellError("usage: .load FILE|DIR|'GLOB'… or .load FILE as NAME") }
        if words.count == 3, words[1] == "as" {
            try load(words[0], as: words[2])
            return .ok
        }
        if words.contains("as") { throw ShellError("usage: .load FILE as NAME (one file)") }
        if words.count == 1, !InputExpansion.isDirectory(path(words[0])),
            !(InputExpansion.isPattern(words[0]) && !InputExpansion.exists(path(words[0])))
        {
            try load(words[0])
            return .ok
        }
        let batch = loadMany(words)
        if batch.interrupted { throw Interrupted() }
        return .ok
    }

    /// Loads one report or workbook file; prints a one-line summary and the rules that fail. Throws when the file is
    /// refused (the session is then as it was).
    public func load(_ path: String, as requestedName: String? = nil) throws {
        // A file named on the command line is part of the session `.record` writes, as the `.load` it amounts to.
        let recorded = record.depth == 0
        if recorded {
            record.begin(
                ".load " + ArgumentWords.quoted(path) + (requestedName.map { " as " + $0 } ?? ""), line: nil)
        }
        defer { if recorded { record.end() } }
        let aggregates = workbook.spanningSnapshot()
        let outcome = session.load(file: path, as: requestedName)
        switch outcome {
        case .refused(_, _, let message): throw ShellError(message)
        case .skipped(let file, let why): throw ShellError("\(file): \(why)")
        case .loaded, .restored: render(outcome)
        }
        printMovedAggregates(since: aggregates)
        if case .restored(let file, _, _) = outcome {
            rebaseJournal(onto: file)
        } else if workbook.canUndo {
            noteChange(.snapshot, unsaved: false)
        }
    }

    /// A load builds no change set (the batch path): the formulas over all reports it moved are said here.
    func printMovedAggregates(since snapshot: SpanningSnapshot) {
        let moved = workbook.changes(since: snapshot)
        if !moved.isEmpty { printChanges(moved) }
    }

    /// Loads every file that `arguments` stand for (files, folders, globs), printing each outcome and a summary.
    /// Refused files are errors on the error output (and make the exit code 2); the others load.
    @discardableResult
    public func loadMany(_ arguments: [String]) -> LoadBatch {
        let progress = LoadProgressDisplay(errors: errors, enabled: options.progress)
        let aggregates = workbook.spanningSnapshot()
        let batch = session.load(
            arguments, progress: { progress.show($0) },
            each: { outcome in
                progress.finish()
                self.render(outcome)
            })
        progress.finish()
        if batch.outcomes.count > 1 { output.line(Shell.batchSummary(batch)) }
        printMovedAggregates(since: aggregates)
        if !batch.refused.isEmpty { anyRefused = true }
        if !batch.loaded.isEmpty {
            noteChange(.snapshot, unsaved: false)
        } else if let restored = batch.restored.last {
            rebaseJournal(onto: restored.file)
        }
        if batch.interrupted { _ = takeInterrupt() }
        return batch
    }

    /// `.save FILE`
    func saveCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count == 1, let path = words.first else { throw ShellError("usage: .save FILE") }
        guard !workbook.reportNames.isEmpty else { throw ShellError("nothing to save: no report is loaded") }
        try session.save(path)
        rebaseJournal(onto: path)
        output.line("saved \(path.replacingNewlines())")
        return .ok
    }

    /// `.export FORMAT FILE|DIR|- [TABLE…] [--excel] [--all] [--strict]`
    func exportCommand(_ arguments: String) throws -> ShellStatus {
        if let chart = Shell.option("--chart", in: arguments) {
            return try chartExportCommand(
                String(arguments[..<chart.lowerBound]), query: String(arguments[chart.upperBound...]))
        }
        if let trend = Shell.option("--trend", in: arguments) {
            return try trendExportCommand(
                String(arguments[..<trend.lowerBound]), rest: String(arguments[trend.upperBound...]))
        }
        var words = ArgumentWords.split(arguments)
        let flags = Set(words.filter { $0.hasPrefix("--") })
        words.removeAll { $0.hasPrefix("--") }
        let known: Set<String> = ["--excel", "--all", "--strict", "--force"]
        if let unknown = flags.subtracting(known).first { throw ShellError("unknown option ‘\(unknown)’ for .export") }
        guard words.count >= 2 else { throw ShellError("usage: .export FORMAT FILE|DIR|- [TABLE…] [--excel] [--all]") }
        guard let format = ExportFormat(rawValue: words[0]) else {
            throw ShellError(
                "unknown format ‘\(words[0])’; use one of "
                    + ExportFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let current = workbook.currentReport else { throw ShellError("no report is loaded; .load FILE first") }
        let all = flags.contains("--all")
        let target = words[1]
        let tables = words.count > 2 ? Array(words.dropFirst(2)) : nil
        let destination: ExportRequest.Destination =
            target == "-" ? .text : all && !format.holdsManyReports ? .directory(target) : .file(target)
        let request = ExportRequest(
            format: format, tables: tables, reports: all ? nil : [current],
            options: ExportOptions(excel: flags.contains("--excel")), destination: destination,
            strict: flags.contains("--strict"), force: flags.contains("--force"))
        let result: ExportResult
        do {
            result = try session.export(request)
        } catch {
            throw ShellError("\(error)")
        }
        for check in result.checks where check.errorsFailing > 0 {
            let left = result.leftOut.contains(check.report)
            warn(
                "\(check.report): \(check.errorsFailing) error rule\(check.errorsFailing == 1 ? "" : "s") fail"
                    + (left ? " (not exported: --strict)" : " (exported anyway)"))
        }
        if let text = result.text { output.write(text) }
        for (report, file) in result.written {
            output.line("exported \(report) as \(format.rawValue) to \(file.replacingNewlines())")
        }
        return result.leftOut.isEmpty ? .ok : .rulesFailing
    }
}

extension Shell {
    /// Where an option that takes the rest of `.export`'s arguments (`--chart`, `--trend`) stands, as a word of
    /// its own; nil without it.
    static func option(_ name: String, in arguments: String) -> Range<String.Index>? {
        var from = arguments.startIndex
        while let range = arguments.range(of: name, range: from..<arguments.endIndex) {
            let before =
                range.lowerBound == arguments.startIndex || arguments[arguments.index(before: range.lowerBound)] == " "
            let after = range.upperBound == arguments.endIndex || arguments[range.upperBound] == " "
            if before && after { return range }
            from = range.upperBound
        }
        return nil
    }

    /// `.export html FILE|- --chart METRIC [top N] [asc|desc] [where CONDITION]`: the ranking of `.chart` as a
    /// self-contained HTML page with an inline SVG bar chart and the ranking table.
    func chartExportCommand(_ head: String, query text: String) throws -> ShellStatus {
        let usage = "usage: .export html FILE|- --chart METRIC [top N] [asc|desc] [where CONDITION]"
        let target = try pageTarget(head, option: "--chart", usage: usage)
        let query = try Shell.rankQuery(text, usage: usage)
        let chart = try attempt { () throws(EngineError) in try session.rankingChart(query) }
        try writePage(to: target, what: "the \(query.metric) chart of \(chart.rows.count) reports") {
            try session.export(chart, to: $0)
        }
        return .ok
    }

    /// `.export html FILE|- --trend METRIC [BODY|*]`: `.trend`'s years as a self-contained HTML page, an inline SVG
    /// bar chart and a table per body.
    func trendExportCommand(_ head: String, rest: String) throws -> ShellStatus {
        let usage = "usage: .export html FILE|- --trend METRIC [BODY|*]"
        let target = try pageTarget(head, option: "--trend", usage: usage)
        let query = ArgumentWords.split(rest)
        guard (1...2).contains(query.count) else { throw ShellError(usage) }
        let chart = try attempt { () throws(EngineError) in
            try session.trendChart(query[0], body: query.count > 1 ? query[1] : nil)
        }
        let bodies = chart.series.count == 1 ? chart.series[0].body : "\(chart.series.count) bodies"
        try writePage(to: target, what: "the \(query[0]) trend of \(bodies)") { try session.export(chart, to: $0) }
        return .ok
    }

    /// The FILE of `.export html FILE|- --OPTION …` (the words before the option); anything else is `usage`.
    func pageTarget(_ head: String, option: String, usage: String) throws -> String {
        let words = ArgumentWords.split(head)
        guard words.count == 2, let target = words.last else { throw ShellError(usage) }
        guard words[0] == ExportFormat.html.rawValue else {
            throw ShellError("\(option) draws an html page: .export html FILE \(option) METRIC …")
        }
        return target
    }

    /// Writes a page through `export` to `target` (`-` prints it) and says so: `exported WHAT as html to FILE`.
    func writePage(
        to target: String, what: String, _ export: (ExportRequest.Destination) throws -> String?
    ) throws {
        let page: String?
        do {
            page = try export(target == "-" ? .text : .file(target))
        } catch {
            throw ShellError("\(error)")
        }
        if let page {
            output.write(page)
        } else {
            output.line("exported \(what) as html to \(target.replacingNewlines())")
        }
    }
}

extension Session {
    /// Writes the session as a workbook file, atomically. The workbook file the session came from may be saved
    /// again; a published report never.
    public func save(_ file: String) throws {
        try inputs.checkOutput(path(file), shownAs: file, allowing: [.workbook])
        try AtomicFile.write(WorkbookFile.render(workbook.document()), toPath: path(file), shownAs: file)
    }
}
