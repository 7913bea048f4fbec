import Foundation
import GongkaiCore

/// The single entry point of export: reports in, text in the chosen format out.
///
/// ```swift
/// let csv = try Exporter.export([report], format: .csvLong)
/// let page = try Exporter.export([report], format: .latex, tables: ["t3"])
/// try AtomicFile.write(Exporter.data([report], format: .csv, options: ExportOptions(excel: true)), to: url)
/// ```
public enum Exporter {
    /// Exports reports in a format.
    ///
    /// - Parameters:
    ///   - reports: one or more reports; multi-report formats print them one after another (the long CSV in one table).
    ///   - tables: the tables to export by id (`t3`), number (`三`, `3`) or `表三`; `nil` exports every table (and,
    ///     in document formats, the prose sections the reports carry).
    public static func export(
        _ reports: [ExportReport], format: ExportFormat, tables: [String]? = nil,
        options: ExportOptions = ExportOptions()
    ) throws(ExportError) -> String {
        let jobs = try jobs(reports, tables: tables)
        switch format {
        case .csv: return CSVExporter.official(jobs, options: options)
        case .csvLong: return CSVExporter.long(jobs, options: options)
        case .latex: return LaTeXExporter.document(jobs, options: options)
        case .latexFragment: return LaTeXExporter.fragment(jobs)
        case .markdown: return MarkdownExporter.document(jobs, options: options)
        case .html: return HTMLExporter.document(jobs, options: options)
        case .xlsx, .sqlite: throw .binaryFormat(format.rawValue)
        case .profile: throw .sessionFormat(format.rawValue)
        }
    }

    /// Exports reports as the bytes of a file in any format: UTF-8 text, or the `.xlsx` workbook.
    public static func bytes(
        _ reports: [ExportReport], format: ExportFormat, tables: [String]? = nil,
        options: ExportOptions = ExportOptions()
    ) throws(ExportError) -> [UInt8] {
        guard format.isBinary else {
            return Array(try export(reports, format: format, tables: tables, options: options).utf8)
        }
        guard format == .xlsx else { throw .sessionFormat(format.rawValue) }
        return try XLSXExporter.workbook(try jobs(reports, tables: tables))
    }

    /// The reports with the grids of their selected tables.
    static func jobs(_ reports: [ExportReport], tables: [String]?) throws(ExportError) -> [ExportJob] {
        guard !reports.isEmpty else { throw .noReports }
        var jobs: [ExportJob] = []
        for report in reports {
            guard report.values.count == report.template.cells.count else {
                throw .valueCount(
                    report: report.name, expected: report.template.cells.count, actual: report.values.count)
            }
            let selected = try selectTables(tables, of: report.template)
            var grids: [TableGrid] = []
            for table in selected { grids.append(try TableGrid(table: table, template: report.template)) }
            jobs.append(ExportJob(report: report, grids: grids, isWhole: tables == nil))
        }
        return jobs
    }

    /// Exports reports as file content (UTF-8 text, or the `.xlsx` workbook), ready for ``AtomicFile/write(_:to:)``.
    public static func data(
        _ reports: [ExportReport], format: ExportFormat, tables: [String]? = nil,
        options: ExportOptions = ExportOptions()
    ) throws(ExportError) -> Data {
        Data(try bytes(reports, format: format, tables: tables, options: options))
    }

    /// The template's tables named by a selection, in the template's order; all of them for `nil`.
    public static func selectTables(_ names: [String]?, of template: ReportTemplate) throws(ExportError)
        -> [TemplateTable]
    {
        guard let names else { return template.tables }
        var wanted = Set<String>()
        for name in names {
            let key = name.trimmingWhitespace().lowercased()
            guard
                let table = template.tables.first(where: { table in
                    let arabic = String(table.id.drop { !$0.isNumber })
                    return [table.id, table.number, "表" + table.number, arabic, "表" + arabic].contains(key)
                })
            else { throw .unknownTable(name, known: template.tables.map(\.id)) }
            wanted.insert(table.id)
        }
        return template.tables.filter { wanted.contains($0.id) }
    }
}

/// One report with the grids of its selected tables.
struct ExportJob {
    let report: ExportReport
    let grids: [TableGrid]
    /// No table selection was made: document formats may add the prose sections.
    let isWhole: Bool

    /// The parts of a document in template order: each prose section (`text.s1` …) that has text, and each table
    /// under the section whose label is its full title, with that section's text as its introduction. Without
    /// `prose`, or for a table selection, just the tables.
    func sections(prose: Bool) -> [ExportSection] {
        let texts = report.template.textCells.filter { $0.name.hasPrefix("text.") }
        guard prose && isWhole else { return grids.map { .table($0, intro: nil) } }
        var result: [ExportSection] = []
        var placed = Set<String>()
        for textCell in texts {
            if let grid = grids.first(where: { $0.table.fullTitle == textCell.label }) {
                result.append(.table(grid, intro: report.text(textCell.name)))
                placed.insert(grid.table.id)
            } else if let body = report.text(textCell.name) {
                result.append(.prose(title: textCell.label, body: body))
            }
        }
        // Tables no text cell announces keep their place after the prose.
        result += grids.filter { !placed.contains($0.table.id) }.map { .table($0, intro: nil) }
        return result
    }
}

/// A part of a document export: a prose section or a table with optional introductory prose.
enum ExportSection {
    case prose(title: String, body: String)
    case table(TableGrid, intro: String?)
}
