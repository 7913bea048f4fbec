/// The formats the exporter writes.
public enum ExportFormat: String, Sendable, Hashable, CaseIterable {
    /// The tables as printed: header rows, label columns, values (RFC 4180).
    case csv
    /// One row per cell: `report,cell,table,row,column,unit,value,status` (RFC 4180).
    case csvLong = "csv-long"
    /// A standalone `ctexart` document for xelatex.
    case latex
    /// The tables only, for `\input` into a document that loads `ctex`, `array` and `multirow`.
    case latexFragment = "latex-fragment"
    /// GitHub-flavoured Markdown pipe tables.
    case markdown
    /// A standalone HTML5 page with real `colspan`/`rowspan`.
    case html
    /// An Excel workbook (zipped SpreadsheetML): a sheet per table, merged header cells, numbers as numbers. Binary:
    /// use ``Exporter/bytes(_:format:tables:options:)``.
    case xlsx
    /// A SQLite database of every loaded report: cells, rules, metrics and views (docs/sqlite.md). Binary, and always
    /// all reports in one file; written by the session (``SQLiteExporter``), which has the rules and provenance.
    case sqlite
    /// 单位年度治理画像 of one report: its tables, its metrics ranked among the loaded reports, its body's trend and
    /// the rules it fails. HTML, or LaTeX for xelatex when the file name ends in `.tex`; written by the session
    /// (``Exporter/profile(_:language:tables:options:)`` takes the ``ReportProfile`` it builds).
    case profile

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .csv, .csvLong: "csv"
        case .latex, .latexFragment: "tex"
        case .markdown: "md"
        case .html, .profile: "html"
        case .xlsx: "xlsx"
        case .sqlite: "sqlite"
        }
    }

    /// Whether the format is binary (written as bytes, never printed).
    public var isBinary: Bool { self == .xlsx || self == .sqlite }

    /// Whether only a session can write the format: sqlite needs the rules and where each value was read, profile
    /// the rankings among the loaded reports and the body's other years.
    public var needsSession: Bool { self == .sqlite || self == .profile }

    /// Whether several reports go into one file (the long CSV's one table, the SQLite database), never a folder.
    public var holdsManyReports: Bool { self == .csvLong || self == .sqlite }
}

/// Which CJK font a LaTeX document asks for.
public enum LaTeXFont: String, Sendable, Hashable, CaseIterable {
    /// Noto Serif CJK SC when the machine has it (`fonts-noto-cjk`), else Fandol (ships with `texlive-lang-chinese`).
    case auto
    /// Fandol only: smallest install, but lacks some rare characters of names (喆, 堃, 玥).
    case fandol
    /// Noto Serif CJK SC only: fails to compile where the font is missing.
    case noto
}

/// Options shared by all formats; each format reads the ones that concern it.
public struct ExportOptions: Sendable, Hashable {
    /// CSV for Excel: a UTF-8 byte-order mark and CRLF line ends (Excel in a Chinese locale shows 乱码 without the BOM).
    public var excel: Bool
    /// CSV official layout: print the report heading and each table's title on a row of their own.
    public var titles: Bool
    /// Document formats (LaTeX, Markdown, HTML): include the prose sections (`text.s1` …) when the report has them
    /// and no table selection was made.
    public var prose: Bool
    /// The CJK font of standalone LaTeX documents.
    public var latexFont: LaTeXFont

    /// Options with the defaults: plain CSV with titles, prose included, CJK font chosen by availability.
    public init(excel: Bool = false, titles: Bool = true, prose: Bool = true, latexFont: LaTeXFont = .auto) {
        self.excel = excel
        self.titles = titles
        self.prose = prose
        self.latexFont = latexFont
    }
}

/// Why an export could not be produced.
public enum ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Nothing to export.
    case noReports
    /// A table selection names no table of the template (`t5`).
    case unknownTable(String, known: [String])
    /// A report's value list does not match its template's cells.
    case valueCount(report: String, expected: Int, actual: Int)
    /// The template's layout refers to a cell it does not define.
    case inconsistentTemplate(String)
    /// A binary format (xlsx) asked for as text.
    case binaryFormat(String)
    /// A format only a session can write (sqlite: it needs the rules and where each value was read; profile: the
    /// rankings among the loaded reports).
    case sessionFormat(String)

    /// The message shown to the user.
    public var description: String {
        switch self {
        case .noReports:
            "nothing to export: no report given"
        case .unknownTable(let name, let known):
            "unknown table '\(name)'; the template has \(known.joined(separator: ", "))"
        case .valueCount(let report, let expected, let actual):
            "report '\(report)' has \(actual) values for a template of \(expected) cells"
        case .inconsistentTemplate(let detail):
            "template layout is inconsistent: \(detail)"
        case .binaryFormat(let name):
            "\(name) is a binary format: write it to a file"
        case .sessionFormat(let name):
            "\(name) is written from a session (.export \(name) FILE, gongkai export --format \(name) -o FILE)"
        }
    }
}
