import GongkaiCore

/// The official tables as an Excel workbook (`.xlsx`, zipped SpreadsheetML): one sheet per table (`表三`; with several
/// reports `sy2023 表三`), the report heading and the table title on the first two rows, then the table exactly as
/// ``TableGrid`` lays it out, merged header and label cells merged in Excel too. Values are numbers (the fee a
/// decimal, written as its exact digits); empty cells stay empty, never 0; text is never a formula.
enum XLSXExporter {
    /// Grid rows start below the heading and the title.
    static let firstGridRow = 3

    /// The workbook's bytes.
    static func workbook(_ jobs: [ExportJob]) throws(ExportError) -> [UInt8] {
        var sheets: [(name: String, xml: String)] = []
        var used = Set<String>()
        for job in jobs {
            for grid in job.grids {
                let base = SpreadsheetXML.sheetName(
                    (jobs.count > 1 ? job.report.name + " " : "") + "表" + grid.table.number)
                var name = base
                var n = 2
                while used.contains(name) {
                    name = SpreadsheetXML.sheetName(base + " \(n)")
                    n += 1
                }
                used.insert(name)
                sheets.append((name, sheet(grid, job.report)))
            }
        }
        var entries: [(path: String, content: [UInt8])] = []
        func add(_ path: String, _ xml: String) {
            entries.append((path, Array((SpreadsheetXML.declaration + xml).utf8)))
        }
        add("[Content_Types].xml", contentTypes(sheets.count))
        add(
            "_rels/.rels",
            "<Relationships xmlns=\"\(SpreadsheetXML.packageRelationships)\">"
                + "<Relationship Id=\"rId1\" Type=\"\(SpreadsheetXML.officeRelationships)/officeDocument\" "
                + "Target=\"xl/workbook.xml\"/></Relationships>")
        var workbook =
            "<workbook xmlns=\"\(SpreadsheetXML.main)\" xmlns:r=\"\(SpreadsheetXML.officeRelationships)\"><sheets>"
        var relationships = "<Relationships xmlns=\"\(SpreadsheetXML.packageRelationships)\">"
        for (n, sheet) in sheets.enumerated() {
            workbook +=
                "<sheet name=\"\(SpreadsheetXML.escaped(sheet.name))\" sheetId=\"\(n + 1)\" r:id=\"rId\(n + 1)\"/>"
            relationships +=
                "<Relationship Id=\"rId\(n + 1)\" Type=\"\(SpreadsheetXML.officeRelationships)/worksheet\" "
                + "Target=\"worksheets/sheet\(n + 1).xml\"/>"
        }
        relationships +=
            "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(SpreadsheetXML.officeRelationships)/styles\" "
            + "Target=\"styles.xml\"/></Relationships>"
        add("xl/workbook.xml", workbook + "</sheets></workbook>")
        add("xl/_rels/workbook.xml.rels", relationships)
        add("xl/styles.xml", styles)
        for (n, sheet) in sheets.enumerated() { add("xl/worksheets/sheet\(n + 1).xml", sheet.xml) }
        do {
            return try XLSXArchive.zip(entries)
        } catch {
            throw .inconsistentTemplate("xlsx: \(error)")
        }
    }

    /// Cell styles by index in `styles`.
    enum Style: Int {
        case plain = 0
        case header
        case label
        case value
        case title
    }

    /// One table as a worksheet.
    static func sheet(_ grid: TableGrid, _ report: ExportReport) -> String {
        var rows: [Int: [String]] = [:]
        func put(_ row: Int, _ column: Int, _ cell: String) { rows[row, default: []].append(cell) }
        func text(_ row: Int, _ column: Int, _ text: String, _ style: Style) {
            put(
                row, column,
                SpreadsheetXML.inlineString(at: SpreadsheetXML.reference(row, column), text, style: style.rawValue))
        }
        text(1, 0, report.heading, .title)
        text(2, 0, grid.table.fullTitle, .title)
        var merges = [
            "A1:" + SpreadsheetXML.reference(1, grid.columnCount - 1),
            "A2:" + SpreadsheetXML.reference(2, grid.columnCount - 1),
        ]
        for r in 0..<grid.rowCount {
            for c in 0..<grid.columnCount {
                let cell = grid.cell(atRow: r, column: c)
                let row = firstGridRow + r
                let style: Style = cell.valueIndex != nil ? .value : cell.isHeader ? .header : .label
                guard cell.row == r && cell.column == c else {
                    // A position a merged cell covers: empty, with the cell's borders.
                    put(row, c, "<c r=\"\(SpreadsheetXML.reference(row, c))\" s=\"\(style.rawValue)\"/>")
                    continue
                }
                if cell.rowSpan > 1 || cell.columnSpan > 1 {
                    merges.append(
                        SpreadsheetXML.reference(row, c) + ":"
                            + SpreadsheetXML.reference(row + cell.rowSpan - 1, c + cell.columnSpan - 1))
                }
                guard let index = cell.valueIndex else {
                    text(row, c, cell.label ?? "", style)
                    continue
                }
                let ref = SpreadsheetXML.reference(row, c)
                switch report.value(at: index) {
                case .empty: put(row, c, "<c r=\"\(ref)\" s=\"\(style.rawValue)\"/>")
                case .number(let number):
                    put(row, c, "<c r=\"\(ref)\" s=\"\(style.rawValue)\"><v>\(number.description)</v></c>")
                case .text(let value): text(row, c, value, style)
                case .error(let error): text(row, c, error.code, style)
                }
            }
        }
        var xml = "<worksheet xmlns=\"\(SpreadsheetXML.main)\" xmlns:r=\"\(SpreadsheetXML.officeRelationships)\"><cols>"
        for c in 0..<grid.columnCount {
            let width = c < grid.labelColumnCount ? (c == grid.labelColumnCount - 1 ? 28 : 14) : 10
            xml += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>"
        for row in rows.keys.sorted() {
            xml += "<row r=\"\(row)\">" + (rows[row] ?? []).joined() + "</row>"
        }
        xml += "</sheetData><mergeCells count=\"\(merges.count)\">"
        for merge in merges { xml += "<mergeCell ref=\"\(merge)\"/>" }
        return xml + "</mergeCells></worksheet>"
    }

    static func contentTypes(_ sheets: Int) -> String {
        let type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        var xml =
            "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(type).sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(type).styles+xml\"/>"
        for n in 1...max(sheets, 1) {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(n).xml\" ContentType=\"\(type).worksheet+xml\"/>"
        }
        return xml + "</Types>"
    }

    /// Plain, header (bold, centred, wrapped, bordered), label (wrapped, bordered), value (bordered), title (bold).
    static let styles = """
        <styleSheet xmlns="\(SpreadsheetXML.main)">\
        <fonts count="2"><font><sz val="11"/><name val="等线"/></font>\
        <font><b/><sz val="11"/><name val="等线"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill>\
        <fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>\
        </borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" \
        applyAlignment="1">\
        <alignment horizontal="center" vertical="center" wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1">\
        <alignment vertical="center" wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}
