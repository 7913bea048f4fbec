import GongkaiCore
import GongkaiIO

/// What to export: the format, the tables, the reports, the options and where it goes.
public struct ExportRequest: Sendable {
    /// Where an export goes.
    public enum Destination: Sendable, Hashable {
        /// Returned as text (the caller prints it).
        case text
        /// One file holding every report (the long CSV as one table; the layouts one after another).
        case file(String)
        /// A folder (created when missing) receiving one file per report.
        case directory(String)
    }

    /// The format.
    public var format: ExportFormat
    /// The tables by id, number or `表三`; nil exports every table.
    public var tables: [String]?
    /// The reports; nil exports every loaded report.
    public var reports: [String]?
    /// Format options (`--excel`, fonts, titles).
    public var options: ExportOptions
    /// Where it goes.
    public var destination: Destination
    /// Leave out reports whose error rules fail.
    public var strict: Bool
    /// Replace an existing file (`--force`); the sqlite export refuses to without it.
    public var force: Bool

    /// A request.
    public init(
        format: ExportFormat, tables: [String]? = nil, reports: [String]? = nil,
        options: ExportOptions = ExportOptions(),
        destination: Destination = .text, strict: Bool = false, force: Bool = false
    ) {
        self.format = format
        self.tables = tables
        self.reports = reports
        self.options = options
        self.destination = destination
        self.strict = strict
        self.force = force
    }
}

/// What an export did.
public struct ExportResult: Sendable {
    /// The export's text when the destination is ``ExportRequest/Destination/text``.
    public var text: String?
    /// The files written, as named.
    public var written: [(report: String, file: String)] = []
    /// The reports checked, exported or not.
    public var checks: [ReportCheck] = []
    /// Reports left out because `strict` was asked and error rules fail.
    public var leftOut: [String] = []
}

/// Why an export could not be made.
public struct ExportFailure: Error, CustomStringConvertible, Sendable {
    /// The message.
    public var description: String
}

extension Session {
    /// Exports reports as the request says. Nothing is written for a report left out by `strict`; a failed write
    /// throws, naming the file.
    public func export(_ request: ExportRequest) throws -> ExportResult {
        // A database holds every loaded report, whatever the selection.
        let names = request.format == .sqlite ? workbook.reportNames : request.reports ?? workbook.reportNames
        guard !names.isEmpty else { throw ExportFailure(description: "nothing to export: no report is loaded") }
        for name in names where !workbook.hasReport(name) {
            throw ExportFailure(description: "no report ‘\(name)’ is loaded")
        }
        // The table selection is checked by the exporter's own selector, against each report's template.
        for name in names {
            guard let template = try? workbook.template(of: name) else { continue }
            do {
                _ = try Exporter.selectTables(request.tables, of: template)
            } catch {
                throw ExportFailure(description: error.description)
            }
        }
        var result = ExportResult()
        result.checks = check(names)
        let exported = result.checks.filter { !(request.strict && $0.errorsFailing > 0) }.map(\.report)
        result.leftOut = result.checks.filter { request.strict && $0.errorsFailing > 0 }.map(\.report)
        guard !exported.isEmpty else { return result }
        switch request.destination {
        case .text:
            guard !request.format.isBinary else {
                throw ExportFailure(
                    description: "\(request.format.rawValue) is a binary format: give a file name (-o FILE)")
            }
            result.text = String(decoding: try exportBytes(request, reports: exported, file: nil), as: UTF8.self)
        case .file(let file) where request.format == .sqlite:
            try writeDatabase(result.checks.filter { exported.contains($0.report) }, to: file, force: request.force)
            result.written = exported.map { ($0, file) }
        case .file(let file):
            try inputs.checkOutput(path(file), shownAs: file)
            try AtomicFile.write(
                try exportBytes(request, reports: exported, file: file), toPath: path(file), shownAs: file)
            result.written = exported.map { ($0, file) }
        case .directory where request.format.holdsManyReports:
            throw ExportFailure(
                description: "\(request.format.rawValue) is one file for every report: give a file name")
        case .directory(let folder):
            try FileAccess.makeDirectory(path(folder), shownAs: folder)
            // Two sources with one stem (a/report.txt, b/report.txt) get distinct names: report.csv, report-2.csv.
            let names = InputFiles.distinctNames(exported.map { exportFileName($0, format: request.format) })
            let files = names.map { folder.hasSuffix("/") ? folder + $0 : folder + "/" + $0 }
            for file in files { try inputs.checkOutput(path(file), shownAs: file) }
            for (report, file) in zip(exported, files) {
                if interruption.isRequested { break }
                try AtomicFile.write(
                    try exportBytes(request, reports: [report], file: file), toPath: path(file), shownAs: file)
                result.written.append((report, file))
            }
        }
        return result
    }

    /// The export of `reports` as the bytes of a file: UTF-8 text, or an `.xlsx` workbook. A profile is one report's
    /// document: HTML, or LaTeX when `file` ends in `.tex`.
    func exportBytes(_ request: ExportRequest, reports: [String], file: String?) throws -> [UInt8] {
        do {
            if request.format == .profile {
                guard reports.count == 1, let report = reports.first else {
                    throw ExportFailure(
                        description: "a profile is one report's document: export one report, or a folder of them")
                }
                let language = ReportProfile.Language(fileName: file ?? "")
                return Array(
                    try Exporter.profile(
                        try profile(of: report), language: language, tables: request.tables, options: request.options
                    ).utf8)
            }
            return try Exporter.bytes(
                try reports.map(exportReport), format: request.format, tables: request.tables, options: request.options)
        } catch let error as ExportError {
            throw ExportFailure(description: error.description)
        }
    }

    /// A report as the exporter takes it: values and statuses read by cell index.
    func exportReport(_ report: String) throws -> ExportReport {
        let template = try workbook.template(of: report)
        let texts = try workbook.texts(report: report)
        return ExportReport(
            name: report, template: template, texts: texts,
            status: { cell in
                // Entered values keep their origin (read, inferred, entered); the rest were computed.
                if let provenance = (try? self.workbook.provenance(report: report, cell: cell.index)) ?? nil {
                    return CellStatus(provenance.origin)
                }
                return .computed
            },
            value: { cell in (try? self.workbook.value(report: report, cell: cell.index)) ?? .error(.reference) })
    }

    /// A table of `template` by id, number or `表` number (`t3`, `三`, `3`, `表三`): the exporter's one selector.
    public static func table(named name: String, in template: ReportTemplate) -> TemplateTable? {
        guard !name.isEmpty, let tables = try? Exporter.selectTables([name], of: template) else { return nil }
        return tables.first
    }

    /// `上犹县政府办-2023` → `上犹县政府办-2023.csv`
    static func fileName(stem: String, format: ExportFormat) -> String { "\(stem).\(format.fileExtension)" }

    /// `上犹县政府办-2023.txt` → `上犹县政府办-2023.csv`: the source file's stem, else the report's name.
    func exportFileName(_ report: String, format: ExportFormat) -> String {
        let file = sources[report]?.file ?? report
        let base = file.split(separator: "/").last.map(String.init) ?? file
        let stem = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
        return Session.fileName(stem: stem.isEmpty ? report : stem, format: format)
    }
}
