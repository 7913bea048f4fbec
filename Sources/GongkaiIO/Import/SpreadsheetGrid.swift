/// The cells of one sheet (an `.xlsx` worksheet, or a whole CSV file) as texts by place, whatever the file was: the
/// common input of the spreadsheet readers. Empty cells are absent.
struct SpreadsheetGrid {
    /// A place: the 1-based row (the CSV record) and the 0-based column.
    struct Key: Hashable, Comparable {
        let row: Int
        let column: Int

        static func < (a: Key, b: Key) -> Bool { (a.row, a.column) < (b.row, b.column) }
    }

    /// The sheet's name; `nil` for CSV.
    let sheet: String?
    /// The non-empty cells.
    var cells: [Key: String]
    /// For CSV, the 1-based line each record starts on (records may span lines); empty for sheets.
    var recordLines: [Int] = []

    /// `sheet 表三 D7` or `line 12, field 4`: where a cell is, in the user's terms.
    func place(_ key: Key) -> String {
        if let sheet { return "sheet \(sheet) \(SpreadsheetXML.reference(key.row, key.column))" }
        return "line \(line(key)), field \(key.column + 1)"
    }

    /// The line a cell is reported on: the CSV record's first line, or the sheet row.
    func line(_ key: Key) -> Int {
        key.row - 1 < recordLines.count ? recordLines[key.row - 1] : key.row
    }

    /// The text at a place, blanks trimmed; `nil` when empty.
    func text(_ key: Key) -> String? { cells[key] }
}

/// RFC 4180 records, as Excel and WPS write them: `,` between fields, `"…"` quoting with `""` inside, CRLF or LF line
/// ends; a byte-order mark and the encoding were already dealt with by ``SourceDecoder``.
enum CSVRecords {
    /// The grid of a CSV text; a field a spreadsheet was guarded from (`'=…`) loses its guard.
    static func grid(_ scalars: [Unicode.Scalar]) -> SpreadsheetGrid {
        var grid = SpreadsheetGrid(sheet: nil, cells: [:])
        var row = 1
        var column = 0
        var field = String.UnicodeScalarView()
        var quoted = false
        var line = 1
        var recordLine = 1
        var i = 0
        func endField() {
            var text = String(field)
            if text.count >= 2, text.first == "'", let second = text.dropFirst().first, "=+-@".contains(second) {
                text.removeFirst()
            }
            let trimmed = text.trimmingWhitespace()
            if !trimmed.isEmpty { grid.cells[SpreadsheetGrid.Key(row: row, column: column)] = trimmed }
            field = String.UnicodeScalarView()
            column += 1
        }
        func endRecord() {
            endField()
            grid.recordLines.append(recordLine)
            row += 1
            column = 0
            recordLine = line
        }
        while i < scalars.count {
            let c = scalars[i]
            i += 1
            if quoted {
                if c == "\"" {
                    if i < scalars.count && scalars[i] == "\"" {
                        field.append("\"")
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.allSatisfy({ $0 == " " }):
                field = String.UnicodeScalarView()
                quoted = true
            case ",": endField()
            case "\r" where i < scalars.count && scalars[i] == "\n": continue
            case "\n", "\r":
                line += 1
                endRecord()
            default: field.append(c)
            }
        }
        if !field.isEmpty || column > 0 { endRecord() }
        return grid
    }
}
