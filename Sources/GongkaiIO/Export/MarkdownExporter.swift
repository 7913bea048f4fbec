import GongkaiCore

/// GitHub-flavoured Markdown: headings, prose paragraphs and one pipe table per template table.
///
/// Pipe tables have no merged cells, so the grid is flattened as in the official CSV (``TableGrid/flattened(blank:_:)``):
/// row label groups repeat down, header groups repeat across, stretched cells leave blanks. The first grid row
/// becomes the pipe table's header row.
enum MarkdownExporter {
    /// ASCII punctuation with a meaning inside a Markdown line (emphasis, code, links, HTML, table cells, math).
    private static let inlineSpecials: Set<Character> = [
        "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "!", "$", "#",
    ]
    /// Characters that start a block (list, quote, heading, rule) when they begin a line.
    private static let blockLeaders: Set<Character> = ["-", "+", "=", "*", ">", "#"]

    static func document(_ jobs: [ExportJob], options: ExportOptions) -> String {
        var blocks: [String] = []
        for job in jobs {
            blocks.append("# " + escape(job.report.heading))
            if let byline = job.report.byline {
                blocks.append(escape(byline))
            }
            for section in job.sections(prose: options.prose) {
                switch section {
                case .prose(let title, let body):
                    blocks.append("## " + escape(title))
                    blocks += body.paragraphs.map(escape)
                case .table(let grid, let intro):
                    blocks.append("## " + escape(grid.table.fullTitle))
                    if let intro { blocks += intro.paragraphs.map(escape) }
                    if let note = grid.unitNote { blocks.append(escape(note)) }
                    blocks.append(table(grid, report: job.report))
                }
            }
        }
        return blocks.joined(separator: "\n\n") + "\n"
    }

    static func table(_ grid: TableGrid, report: ExportReport) -> String {
        // The pipe table's header row is the grid's first row; later header cells are set in bold.
        let rows = grid.flattened(blank: "") { cell -> String in
            if let label = cell.label {
                return cell.isHeader && cell.row > 0 && !label.isEmpty ? "**\(escape(label))**" : escape(label)
            }
            guard let index = cell.valueIndex else { return "" }
            if case .number = report.value(at: index) { return report.display(index) }
            return escape(report.display(index))
        }
        var lines: [String] = []
        for (r, row) in rows.enumerated() {
            lines.append("| " + row.joined(separator: " | ") + " |")
            if r == 0 { lines.append("|" + Array(repeating: " --- |", count: grid.columnCount).joined()) }
        }
        return lines.joined(separator: "\n")
    }

    /// Text on one line that Markdown shows literally.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            if character.isNewline {
                out.append(" ")
            } else if let ascii = character.asciiValue, ascii < 0x20 || ascii == 0x7F {
                continue
            } else {
                if inlineSpecials.contains(character) { out.append("\\") }
                out.append(character)
            }
        }
        // A line starting like a list, quote, heading or rule ("- ", "1. ") must stay a paragraph.
        if let first = out.first, blockLeaders.contains(first) { return "\\" + out }
        let digits = out.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, let next = out.dropFirst(digits.count).first, next == "." || next == ")" {
            return digits + "\\" + out.dropFirst(digits.count)
        }
        return out
    }
}
