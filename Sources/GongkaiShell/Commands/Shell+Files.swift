import GongkaiCore

extension Shell {
    /// `.load FILE [as NAME]`
    func loadCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        let path: String
        var name: String?
        switch words.count {
        case 1: path = words[0]
        case 3 where words[1] == "as":
            path = words[0]
            name = words[2]
        default: throw ShellError("usage: .load FILE [as NAME]")
        }
        try load(path, as: name)
        return .ok
    }

    /// Loads a report or workbook file; prints a one-line summary and the rules that fail.
    public func load(_ path: String, as requestedName: String? = nil) throws {
        let report: LoadedReport
        switch try IOBridge.read(path: self.path(path), shownAs: path) {
        case .workbook(let document):
            guard workbook.reportNames.isEmpty else {
                throw ShellError("\(path) is a workbook file, which replaces the session: load it first, or in a new shell")
            }
            replaceWorkbook(try restoredWorkbook(document, file: path))
            for report in workbook.reportNames { sources[report] = path }
            unsavedChanges = false
            let failing = workbook.reportNames.flatMap { ruleResults($0).filter { $0.status.isFailing } }
            output.line(
                "loaded workbook \(path): " + workbook.reportNames.joined(separator: ", ")
                    + (failing.isEmpty ? "; all rules hold" : "; \(failing.count) rules fail"))
            return
        case .report(let loaded): report = loaded
        }
        let name = requestedName ?? defaultReportName(path: path, year: report.year)
        try attempt(context: path) { () throws(EngineError) in
            _ = try workbook.loadReport(
                name: name, template: report.template, values: report.values, texts: report.texts)
            if workbook.reportNames.count > 1 { try workbook.selectReport(name) }
        }
        sources[name] = path
        let results = ruleResults(name)
        let failing = results.filter { $0.status.isFailing }
        output.line(
            "loaded \(path) as \(name): \(report.values.count) of \(report.template.cells.count) cells, "
                + "\(report.texts.count) texts; \(results.count - failing.count) of \(results.count) rules hold")
        for note in report.notes { output.line("  " + note) }
        for line in ruleLines(failing, qualified: false, withDescription: true) { output.line("  " + line) }
    }

    /// A report name from the file name: its ASCII letters and digits (`r2023` for `上犹县政府办-2023.txt`),
    /// made unique among the loaded reports.
    func defaultReportName(path: String, year: String?) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.split(separator: ".").first.map(String.init) ?? file
        var base = String(stem.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        if base.isEmpty, let year { base = year }
        if base.isEmpty { base = "report" }
        if let first = base.first, !(first.isLetter || first == "_") || ["t2", "t3", "t4", "meta", "text"].contains(base)
        {
            base = "r" + base
        }
        var name = base
        var n = 2
        while workbook.reportNames.contains(name) {
            name = "\(base)_\(n)"
            n += 1
        }
        return name
    }

    /// Swaps in a restored workbook (a workbook file replaces an empty session).
    func replaceWorkbook(_ restored: Workbook) {
        workbook = restored
    }

    /// `.save FILE`
    func saveCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count == 1, let path = words.first else { throw ShellError("usage: .save FILE") }
        guard !workbook.reportNames.isEmpty else { throw ShellError("nothing to save: no report is loaded") }
        try IOBridge.writeWorkbook(try workbookDocument(), path: self.path(path), shownAs: path)
        unsavedChanges = false
        output.line("saved \(path)")
        return .ok
    }

    /// `.export FORMAT FILE [t2 t3 t4]`
    func exportCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count >= 2 else { throw ShellError("usage: .export FORMAT FILE [t2 t3 t4]") }
        let format = words[0]
        guard ExportFormatName.all.contains(format) else {
            throw ShellError(
                "unknown format ‘\(format)’; use one of " + ExportFormatName.all.joined(separator: ", "))
        }
        let (report, _) = try splitReport("")
        let tables = Array(words.dropFirst(2))
        let template = try workbookTemplate(report)
        for table in tables where template.table(table) == nil {
            throw ShellError("no table ‘\(table)’; the tables are " + template.tables.map(\.id).joined(separator: ", "))
        }
        let text = try IOBridge.export(format: format, workbook: workbook, reports: [report], tables: tables, excel: false)
        let failing = ruleResults(report).filter { $0.status.isFailing && $0.severity == .error }
        for result in failing { warn("rule \(result.name) fails (exported anyway)") }
        if words[1] == "-" {
            output.write(text)
        } else {
            try FileAccess.writeAtomically(path(words[1]), text, shownAs: words[1])
            output.line("exported \(report) as \(format) to \(words[1])")
        }
        return .ok
    }
}
