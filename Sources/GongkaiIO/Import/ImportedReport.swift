import GongkaiCore

/// What a published report file turned out to be, as the importer detected it.
public enum InputKind: String, Sendable, Hashable, CaseIterable {
    /// Plain text with one table cell per line (a copy from a web page or a Word document).
    case cellPerLine = "text, one cell per line"
    /// Text extracted from a PDF: several numbers per line, labels broken across lines, page numbers.
    case pdfText = "PDF-extracted text"
    /// Text scraped from a page with every table flattened: numbers glued to each other and to labels.
    case flatText = "flattened page text"
    /// Markdown written by a PDF converter: pipe tables, often with detached labels.
    case markdown = "markdown"
    /// An HTML page with `<table>` elements.
    case html = "HTML"
    /// Gongkai's own CSV of the official tables (`export --format csv`), perhaps re-saved by Excel or WPS.
    case csvOfficial = "CSV, official layout"
    /// Gongkai's long CSV, one row per cell (`export --format csv-long`).
    case csvLong = "CSV, one row per cell"
    /// An Excel workbook of the official tables (`export --format xlsx`), perhaps edited in Excel, WPS or openpyxl.
    case xlsx = "Excel workbook"
    /// A PDF file, read through Poppler's `pdftotext` (see ``ImportedReport/extraction``).
    case pdf = "PDF"
    /// A Word file (`.docx`): its tables read as grids, its paragraphs as prose.
    case word = "Word (.docx)"
}

/// The character encoding a report file was read in.
public enum SourceEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    /// UTF-8 opened by a byte-order mark (Windows Notepad).
    case utf8WithBOM = "UTF-8 with BOM"
    /// UTF-16 with its byte-order mark.
    case utf16 = "UTF-16"
    /// GB18030, which includes GBK and GB2312.
    case gb18030 = "GB18030"
    /// Mostly UTF-8, with a few invalid byte sequences replaced by U+FFFD (reported as a diagnostic).
    case utf8Repaired = "UTF-8 (invalid bytes replaced)"
}

/// A remark about one numeric cell: why it is missing, or how its value was inferred.
public struct CellNote: Sendable, Hashable {
    /// The cell's ``TemplateCell/index``.
    public let cell: Int
    /// Why, in words (`blank in the source at line 178`).
    public let reason: String

    /// A note on one cell.
    public init(cell: Int, reason: String) {
        self.cell = cell
        self.reason = reason
    }
}

/// A diagnostic of an imported report: the one ``Diagnostic`` type, with the table, row, page, line and column it
/// concerns and, for damaged or doubtful input, its ``Diagnostic/Damage``.
public typealias ImportIssue = Diagnostic

/// A published report read into the cells of a template, without any engine: plain values with their provenance.
///
/// Partial results are explicit: every template cell that is not in ``values`` is listed in ``missing`` with the reason,
/// and every value that was not read as printed is listed in ``inferred``.
public struct ImportedReport: Sendable {
    /// The format the values are laid out in (``ReportTemplate/official2021``).
    public let template: ReportTemplate
    /// What the file turned out to be.
    public let kind: InputKind
    /// How its bytes were decoded.
    public let encoding: SourceEncoding
    /// The file name as the user gave it, if the report came from a file.
    public let file: String?
    /// 发布机关, from the title (`淮安市人民政府`).
    public let org: String?
    /// 报告年度, from the title.
    public let year: Int?
    /// The title as printed, with the body's name when it heads the title on a line of its own.
    public let title: String?
    /// Text cells by name: `meta.org`, `meta.year`, `meta.title`, and the prose sections found (`text.s1`, `text.s5`, `text.s6`).
    public let texts: [String: String]
    /// Numeric cells by ``TemplateCell/index``, each with where it came from. Blank cells are absent (and listed in ``missing``), never 0.
    public let values: [Int: (Value, Provenance)]
    /// Template cells left empty, in official order, with the reason.
    public let missing: [CellNote]
    /// Cells whose value was inferred rather than read as printed, in official order, with the reason.
    public let inferred: [CellNote]
    /// Everything else worth telling: rows that could not be placed, stray numbers, repaired bytes.
    public let diagnostics: [ImportIssue]
    /// Groups printed as one row without their items (洪泽区's （六）其他处理): kept as subtotals, never dropped.
    public internal(set) var subtotals: [PrintedSubtotal] = []
    /// How the text was taken from a binary file (`pdftotext -layout, 5 pages`), nil for a text file.
    public internal(set) var extraction: String? = nil
    /// Wall-clock seconds spent in the child processes that extracted the text (every `pdftotext` run), if any.
    public internal(set) var extractionSeconds: Double? = nil

    /// The diagnostics that report damaged or doubtful input (``ImportIssue/damage`` set), in source order; empty for
    /// an intact report. Each has a line and, where the damage has a place in a line, a column.
    public var damage: [ImportIssue] {
        diagnostics.filter { $0.damage != nil }.sorted {
            ($0.line ?? Int.max, $0.column ?? 0) < ($1.line ?? Int.max, $1.column ?? 0)
        }
    }

    /// The value of a cell by name (`t3.total.total`), `.empty` if missing or unknown.
    public func value(_ name: String) -> Value {
        guard let index = template.index(of: name) else { return .empty }
        return values[index]?.0 ?? .empty
    }

    /// The provenance of a cell by name, if it has a value.
    public func provenance(_ name: String) -> Provenance? {
        template.index(of: name).flatMap { values[$0]?.1 }
    }

    /// The names of the missing cells, in official order.
    public var missingNames: [String] { missing.map { template.cells[$0.cell].name } }
    /// The names of the inferred cells, in official order.
    public var inferredNames: [String] { inferred.map { template.cells[$0.cell].name } }
}
