import GongkaiCore

/// CSV in two shapes: the official layout (tables as printed) and the long form (one row per cell).
enum CSVExporter {
    /// The long form's header.
    static let longHeader = ["report", "cell", "table", "row", "column", "unit", "value", "status"]

    /// The tables as printed: per report an optional heading row, per table an optional title row, the header rows and
    /// the data rows with their label paths (merges flattened as ``TableGrid/flattened(blank:_:)`` documents); a blank
    /// line between tables and between reports.
    static func official(_ jobs: [ExportJob], options: ExportOptions) -> String {
        var writer = CSVWriter(excel: options.excel)
        for (j, job) in jobs.enumerated() {
            if j > 0 { writer.appendBlankLine() }
            if options.titles { writer.append([.text(job.report.heading)]) }
            for (g, grid) in job.grids.enumerated() {
                if g > 0 { writer.appendBlankLine() }
                if options.titles { writer.append([.text(grid.table.fullTitle)]) }
                let rows = grid.flattened(blank: CSVWriter.Field.text("")) { cell in
                    guard let index = cell.valueIndex else { return .text(cell.label ?? "") }
                    return field(job.report.value(at: index))
                }
                for row in rows { writer.append(row) }
            }
        }
        return writer.output
    }

    /// One row per cell of the selected tables, reports one after another, then the report's metadata and prose
    /// texts (whole-report exports only) with table, column and unit blank and status `text`.
    static func long(_ jobs: [ExportJob], options: ExportOptions) -> String {
        var writer = CSVWriter(excel: options.excel)
        writer.append(longHeader.map { .text($0) })
        for job in jobs {
            let report = job.report
            for grid in job.grids {
                for cell in report.template.cells(ofTable: grid.table.id) {
                    writer.append([
                        .text(report.name), .text(cell.name), .text(cell.table), .text(cell.rowPath),
                        .text(cell.columnPath), .text(cell.unit.rawValue), field(report.value(at: cell.index)),
                        .text(report.status(at: cell.index).rawValue),
                    ])
                }
            }
            guard job.isWhole else { continue }
            for textCell in report.template.textCells {
                guard let text = report.texts[textCell.name], !text.trimmingWhitespace().isEmpty else { continue }
                writer.append([
                    .text(report.name), .text(textCell.name), .text(""), .text(textCell.label), .text(""), .text(""),
                    .text(text), .text("text"),
                ])
            }
        }
        return writer.output
    }

    /// A value as a field: numbers unguarded, empty as an empty field (never 0), text and error codes guarded.
    static func field(_ value: Value) -> CSVWriter.Field {
        switch value {
        case .empty: .number("")
        case .number(let number): .number(number.description)
        case .text(let text): .text(text)
        case .error(let error): .text(error.code)
        }
    }
}
