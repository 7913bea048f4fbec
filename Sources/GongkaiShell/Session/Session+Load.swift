import GongkaiCore
import GongkaiIO

#if canImport(Glibc)
    import CMalloc
#endif

extension Session {
    /// Loads every file the arguments stand for (files, folders, globs), one outcome per file, in order.
    ///
    /// One bad file never stops the others. Ctrl-C stops between files and keeps what loaded. `progress` is told
    /// before each file (the shell shows it on a terminal when a load takes long), `each` after it, with its outcome.
    /// The importer's notes of a loaded report go to `each` and are not kept in the batch when there is one (with
    /// 10,000 reports loaded they were a tenth of the heap at the end of the load, and said already).
    public func load(
        _ arguments: [String], progress: ((LoadProgress) -> Void)? = nil, each: ((LoadOutcome) -> Void)? = nil
    ) -> LoadBatch {
        var batch = LoadBatch()
        var files: [String] = []
        for argument in arguments {
            let expanded = InputExpansion.expand(argument, resolve: path)
            files += expanded.files
            for (file, why) in expanded.passed {
                batch.outcomes.append(.skipped(file: file, why: why))
                each?(.skipped(file: file, why: why))
            }
        }
        // Formulas over all reports (`sum(*.t3.new.total)`) are bound again once, after the last file.
        workbook.deferringRebinds {
            for (n, file) in files.enumerated() {
                if interruption.isRequested {
                    batch.interrupted = true
                    break
                }
                progress?(LoadProgress(done: n, total: files.count, file: file))
                let outcome = load(file: file, as: nil, fromFolder: files.count > 1)
                guard let each else {
                    batch.outcomes.append(outcome)
                    continue
                }
                each(outcome)
                if case .loaded(var report) = outcome, !report.notes.isEmpty {
                    report.notes = []
                    batch.outcomes.append(.loaded(report))
                } else {
                    batch.outcomes.append(outcome)
                }
            }
        }
        // The importer's scratch memory of many files, freed between the reports kept, goes back to the system.
        if files.count > 1 { Session.releaseFreeMemory() }
        return batch
    }

    /// Hands the heap's free pages back to the system (glibc's `malloc_trim`): after a load of many files, the
    /// importer's scratch memory lies in holes between the reports kept, and would otherwise stay resident.
    static func releaseFreeMemory() {
        #if canImport(Glibc)
            _ = malloc_trim(0)
        #endif
    }

    /// Loads one file: a workbook file (recognised by its first line) or a published report, as `name` (by default
    /// a name from the report's body and year, see ``defaultName(org:year:file:)``).
    ///
    /// `fromFolder` marks a file found by a folder or a glob: then a text with no report in it is passed over with a
    /// note rather than refused.
    public func load(file: String, as name: String? = nil, fromFolder: Bool = false) -> LoadOutcome {
        let bytes: [UInt8]
        do {
            bytes = try FileAccess.readBytes(path(file), shownAs: file)
        } catch {
            return .refused(file: file, reason: .unreadable, message: "\(error)")
        }
        let prefix = String(decoding: bytes.prefix(64), as: UTF8.self)
        if !WorkbookFile.isWorkbook(prefix), prefix.hasPrefix("gongkai workbook") {
            let header = prefix.prefix { $0 != "\n" && $0 != "\r" }
            return .refused(
                file: file, reason: .workbook,
                message:
                    "\(file): line 1: ‘\(header)’ is not a workbook version this gongkai reads (‘gongkai workbook 2’)")
        }
        if WorkbookFile.isWorkbook(prefix) {
            let outcome = restore(bytes, file: file)
            if case .restored = outcome { inputs.add(path(file), shownAs: file, kind: .workbook) }
            return outcome
        }
        let baseName = Session.baseName(file)
        let imported: ImportedReport
        do {
            imported = try importer.importReport(bytes: bytes, fileName: baseName, path: path(file))
        } catch {
            let reason = LoadRefusal.fromImport(code: error.code)
            if reason == .noTables || reason == .empty, Session.isPlainlyNotReport(bytes, name: baseName) {
                return .skipped(file: file, why: "not a report (no report tables in it)")
            }
            return .refused(file: file, reason: reason, message: "\(file): " + error.message)
        }
        let reportName = name ?? defaultName(org: imported.org, year: imported.year, file: file)
        do {
            // The batch path: the load's change set would be thrown away, so none is built.
            _ = try workbook.withoutChangeSets { () throws(EngineError) in
                try workbook.loadReport(
                    name: reportName, template: imported.template, values: imported.values, texts: imported.texts,
                    subtotals: imported.subtotals)
            }
            if workbook.reportCount > 1 { try workbook.selectReport(reportName) }
        } catch {
            return .refused(file: file, reason: .rejected, message: "\(file): \(error)")
        }
        // A complete, exact import needs no account; otherwise the importer's summary says what was not read.
        var notes =
            !explainsImports || imported.missing.isEmpty && imported.inferred.isEmpty && imported.diagnostics.isEmpty
            ? [] : ImportSummary(imported).printedLines()
        // A spreadsheet read back reports every value it could not place, not only the first few.
        if explainsImports, [.csvOfficial, .csvLong, .xlsx].contains(imported.kind) {
            notes += imported.diagnostics.map(\.description).filter { !notes.contains($0) }
        }
        let damage = imported.damage.filter { $0.damage != .ambiguousSplit }.map(\.description)
        sources[reportName] = ReportSource(file: file, damage: damage)
        inputs.add(path(file), shownAs: file, kind: .report)
        let counts = (try? workbook.cellCounts(report: reportName)) ?? CellCounts()
        return .loaded(
            LoadedReport(
                file: file, name: reportName, cellCount: imported.template.cells.count, cells: counts,
                texts: imported.texts.count, notes: notes))
    }

    /// The last part of a path, as `file.split(separator: "/").last` gives it, found from the end.
    static func baseName(_ file: String) -> String {
        if file.last != "/", let slash = file.lastIndex(of: "/") { return String(file[file.index(after: slash)...]) }
        return file.split(separator: "/").last.map(String.init) ?? file
    }

    /// A workbook file replaces an empty session.
    private func restore(_ bytes: [UInt8], file: String) -> LoadOutcome {
        guard workbook.reportCount == 0 else {
            return .refused(
                file: file, reason: .workbook,
                message: "\(file) is a workbook file, which replaces the session: load it first, or in a new shell")
        }
        // A workbook file is UTF-8; bytes that are not are damage, never silently replaced.
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let decoded = String(decoding: bytes, as: UTF8.self)
            let line = 1 + (decoded.firstIndex(of: "\u{FFFD}").map { decoded[..<$0].count { $0 == "\n" } } ?? 0)
            return .refused(
                file: file, reason: .workbook, message: "\(file): line \(line): invalid UTF-8 (the file is damaged)")
        }
        let document: WorkbookDocument
        do {
            document = try WorkbookFile.parse(text)
        } catch {
            return .refused(file: file, reason: .workbook, message: "\(file): \(error)")
        }
        let restored: Workbook
        do {
            restored = try Workbook(document: document)
        } catch {
            // Name the line of the faulty item when it can be found in the file.
            let message = ShellError(engine: error, statement: "").message
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            var line: Int?
            if case .formula(_, let source) = error, !source.isEmpty {
                line = lines.indices.last { lines[$0].hasSuffix(source) }.map { $0 + 1 }
            }
            line = line ?? Shell.line(of: message, in: lines)
            return .refused(
                file: file, reason: .workbook, message: "\(file): " + (line.map { "line \($0): " } ?? "") + message)
        }
        replaceWorkbook(restored)
        for report in restored.reportNames {
            sources[report] = ReportSource(file: originalFile(of: report) ?? file, workbook: file)
        }
        return .restored(file: file, reports: restored.reportNames, notes: WorkbookFile.notes(text))
    }

    /// The file a restored report's cells were read from, as their provenance names it.
    private func originalFile(of report: String) -> String? {
        guard let count = try? workbook.template(of: report).cells.count else { return nil }
        for index in 0..<count {
            if let file = (try? workbook.provenance(report: report, cell: index))?.flatMap({ $0.file }) { return file }
        }
        return nil
    }

    /// A file with no report tables that is plainly something else: named like a README or notes, or a text that
    /// never calls itself an annual report. A report whose tables could not be read is refused instead (exit 2).
    static func isPlainlyNotReport(_ bytes: [UInt8], name: String) -> Bool {
        let stem = (name.split(separator: ".").first.map(String.init) ?? name).lowercased()
        let notes = ["readme", "notes", "note", "license", "licence", "changelog", "todo", "说明", "备注"]
        if notes.contains(where: { stem.hasPrefix($0) }) { return true }
        let text = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
        return !text.contains("年度报告")
    }

    /// A report's default name: its body and year (`洪泽区_2023`), readable and stable across sessions.
    ///
    /// The body is `meta.org` without the words every body shares (人民政府, 办公室 at the end), kept to Han
    /// ideographs, ASCII letters and digits. Without a body the name comes from the file name's ASCII letters and
    /// digits, then `r` and the year. A name already taken gets `_2`, `_3`, … (counted per base, so that loading
    /// thousands of reports of one body stays linear).
    public func defaultName(org: String?, year: Int?, file: String) -> String {
        var base = ""
        if let org { base = Session.bodyKey(org) }
        if !base.isEmpty {
            if let year { base += "_\(year)" }
        } else {
            let stem =
                (file.split(separator: "/").last.map(String.init) ?? file).split(separator: ".").first
                .map(String.init) ?? file
            base = String(stem.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            if base.isEmpty, let year { base = "\(year)" }
            if base.isEmpty { base = "report" }
        }
        if let first = base.first, !NameSyntax.startsSegment(first) || first.isUppercase { base = "r" + base }
        if ["t2", "t3", "t4", "meta", "text"].contains(base) { base = "r" + base }
        var name = base
        var n = nameCounters[base] ?? 1
        while workbook.hasReport(name) || !NameSyntax.isIdentifier(name) {
            n += 1
            name = "\(base)_\(n)"
            if n > 1_000_000 { return "report_\(workbook.reportCount + 1)" }
        }
        nameCounters[base] = n
        return name
    }

    /// `淮安市洪泽区人民政府` → `淮安市洪泽区`: the body's own words, as a name segment (``BodyKey``'s text).
    static func bodyKey(_ org: String) -> String {
        BodyKey(org)?.text ?? ""
    }
}
