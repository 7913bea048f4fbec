import GongkaiCore
import GongkaiIO

extension Session {
    /// Writes the reports of `checks` (with the rule results the check found) as one SQLite database, atomically;
    /// an existing file is replaced only with `force`, an input file never.
    func writeDatabase(_ checks: [ReportCheck], to file: String, force: Bool) throws {
        if !force, FileAccess.exists(path(file)) {
            throw OutputExists(file: file)
        }
        try inputs.checkOutput(path(file), shownAs: file)
        let reports = try checks.map { check in
            let report = try exportReport(check.report)
            let places = report.template.cells.map { cell in
                (try? workbook.provenance(report: check.report, cell: cell.index)) ?? nil
            }
            return SQLiteReport(report: report, source: check.source, places: places, rules: check.results)
        }
        let bytes: [UInt8]
        do {
            bytes = try SQLiteExporter.database(reports, metrics: databaseMetrics(checks.map(\.report)))
        } catch {
            throw ExportFailure(description: error.description)
        }
        try AtomicFile.write(bytes, toPath: path(file), shownAs: file)
    }

    /// The rows of the database's `metrics` table: one per exported report and metric of ``metricNames`` (the
    /// built-in dictionary, then the user metrics), the value exact, NULL when empty.
    func databaseMetrics(_ reports: [String]) -> [SQLiteMetric] {
        let wanted = Set(reports)
        var rows: [SQLiteMetric] = []
        for name in metricNames {
            guard let values = try? workbook.metricValues(name) else { continue }
            for value in values where wanted.contains(value.report) {
                rows.append(SQLiteMetric(report: value.report, metric: name, value: value.value))
            }
        }
        return rows
    }
}

/// An export refused because its file exists and `--force` was not given.
public struct OutputExists: Error, CustomStringConvertible, Sendable {
    /// The file as the user named it.
    public var file: String

    /// `out.sqlite exists; add --force to replace it`
    public var description: String { "\(file) exists; add --force to replace it" }
}
