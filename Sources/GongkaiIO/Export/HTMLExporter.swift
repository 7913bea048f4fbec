import GongkaiCore

/// A standalone HTML5 page (UTF-8): headings, prose and the tables with real `colspan`/`rowspan`.
enum HTMLExporter {
    static let style = """
        body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; max-width: 60em; margin: 2em auto; }
        h1, h2 { text-align: center; }
        table { border-collapse: collapse; margin: 0 auto 1.5em; }
        th, td { border: 1px solid #000; padding: 0.25em 0.5em; text-align: center; }
        th.label { font-weight: normal; }
        th.leaf { text-align: left; }
        th.corner { font-weight: normal; font-size: 0.9em; }
        p.unit { text-align: right; margin: 0; }
        """

    static func document(_ jobs: [ExportJob], options: ExportOptions) -> String {
        var out = head(title: jobs.map(\.report.heading).joined(separator: "；"))
        for job in jobs {
            out += "<h1>\(escape(job.report.heading))</h1>\n"
            if let byline = job.report.byline {
                out += "<p class=\"byline\">\(escape(byline))</p>\n"
            }
            for section in job.sections(prose: options.prose) {
                switch section {
                case .prose(let title, let body):
                    out += "<h2>\(escape(title))</h2>\n" + paragraphs(body)
                case .table(let grid, let intro):
                    out += "<h2>\(escape(grid.table.fullTitle))</h2>\n"
                    if let intro { out += paragraphs(intro) }
                    out += table(grid, report: job.report)
                }
            }
        }
        return out + "</body>\n</html>\n"
    }

    /// The page up to `<body>`: UTF-8, the title, the style sheet (`extra` rules after the tables' own); nothing
    /// fetched from the network.
    static func head(title: String, extraStyle: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        \(style)\(extraStyle.isEmpty ? "" : "\n" + extraStyle)
        </style>
        </head>
        <body>

        """
    }

    static func table(_ grid: TableGrid, report: ExportReport) -> String {
        var out = ""
        if let note = grid.unitNote { out += "<p class=\"unit\">\(escape(note))</p>\n" }
        out += "<table id=\"\(grid.table.id)\">\n"
        for r in 0..<grid.rowCount {
            if r == 0 && grid.headerRowCount > 0 { out += "<thead>\n" }
            if r == grid.headerRowCount { out += "<tbody>\n" }
            out += "<tr>"
            for cell in grid.cells(inRow: r) {
                var attributes = ""
                if cell.rowSpan > 1 { attributes += " rowspan=\"\(cell.rowSpan)\"" }
                if cell.columnSpan > 1 { attributes += " colspan=\"\(cell.columnSpan)\"" }
                switch cell.content {
                case .corner(let text):
                    out += "<th class=\"corner\"\(attributes)>\(escape(text))</th>"
                case .heading(let text):
                    out += "<th scope=\"colgroup\"\(attributes)>\(escape(text))</th>"
                case .header(let text):
                    let scope = cell.columnSpan > 1 ? "colgroup" : "col"
                    out += "<th scope=\"\(scope)\"\(attributes)>\(escape(text))</th>"
                case .label(let text):
                    let scope = cell.rowSpan > 1 ? "rowgroup" : "row"
                    let kind = cell.rowSpan > 1 ? "label" : "label leaf"
                    out += "<th scope=\"\(scope)\" class=\"\(kind)\"\(attributes)>\(escape(text))</th>"
                case .value(let index):
                    out += "<td\(attributes)>\(escape(report.display(index)))</td>"
                }
            }
            out += "</tr>\n"
            if r == grid.headerRowCount - 1 { out += "</thead>\n" }
        }
        if grid.rowCount > grid.headerRowCount { out += "</tbody>\n" }
        return out + "</table>\n"
    }

    /// Text as HTML character data or attribute value: markup characters as entities, control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r", "\t": out += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func paragraphs(_ text: String) -> String {
        text.paragraphs.map { "<p>\(escape($0))</p>\n" }.joined()
    }
}
