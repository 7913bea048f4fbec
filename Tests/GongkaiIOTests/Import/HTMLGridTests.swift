import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// HTML tables read as a grid: rowspan/colspan expanded, value cells mapped by grid column, never shifted.
@Suite("Import: HTML tables as a grid")
struct HTMLGridTests {
    static let importer = ReportImporter()
    static let name = "平潭综合实验区-2021.html"

    static func fixture() throws -> String { String(decoding: try Fixtures.bytes("reports/" + name), as: UTF8.self) }

    static func load(_ text: String) throws -> ImportedReport { try importer.importReport(text: text, fileName: name) }

    static func values(_ report: ImportedReport) -> [String] {
        report.template.cells.map { report.values[$0.index]?.0.description ?? "∅" }
    }

    /// The `<tr>…</tr>` of the fixture's row whose text contains `label`, and the ranges of its `<td>…</td>` cells.
    static func row(_ html: String, containing label: String) throws -> (
        row: Range<String.Index>, cells: [Range<String.Index>]
    ) {
        let at = try #require(html.range(of: label))
        let start = try #require(html.range(of: "<tr", options: .backwards, range: html.startIndex..<at.lowerBound))
        let end = try #require(html.range(of: "</tr>", range: at.upperBound..<html.endIndex))
        var cells: [Range<String.Index>] = []
        var from = start.upperBound
        while let open = html.range(of: "<td", range: from..<end.lowerBound),
            let close = html.range(of: "</td>", range: open.upperBound..<end.lowerBound)
        {
            cells.append(open.lowerBound..<close.upperBound)
            from = close.upperBound
        }
        return (start.lowerBound..<end.upperBound, cells)
    }

    /// Replaces cells `first...last` of the row containing `label` by `replacement`.
    static func replacingCells(_ html: String, row label: String, _ cells: ClosedRange<Int>, with replacement: String)
        throws -> String
    {
        let row = try row(html, containing: label)
        var text = html
        text.replaceSubrange(
            row.cells[cells.lowerBound].lowerBound..<row.cells[cells.upperBound].upperBound, with: replacement)
        return text
    }

    static let partialRow = ">（二）部分公开（区分处理的"
    static let legalPersons = ["commercial", "research", "nonprofit", "legal", "otherorg"]

    @Test("the fixture's table 三 expands to 11 grid columns: labels reach down, 商业企业 spans two")
    func fixtureGrid() throws {
        let scalars = try Self.fixture().unicodeScalars.map(SourceDocument.fold)
        let document = HTMLReader.document(scalars)
        let rows = document.blocks.filter { $0.grid != nil }
        #expect(Set(rows.map(\.gridTable)) == [1, 2, 3])
        let secret = try #require(rows.first { String(scalars: $0.text.scalars).contains("属于国家秘密") }?.grid)
        // 三、本年度办理结果 (rowspan 22) reaches into this row from above; （三）不予公开 (rowspan 8) starts here.
        #expect(secret.map(\.column) == [0, 1, 2, 3, 4, 6, 7, 8, 9, 10])
        #expect(secret.map(\.continued) == [true] + Array(repeating: false, count: 9))
        #expect(String(scalars: secret[0].text.scalars) == "三、本年度办理结果")
        #expect(
            secret[0].rowSpan == 22 && String(scalars: secret[1].text.scalars) == "（三）不予公开" && secret[1].rowSpan == 8)
        #expect(secret[4].span == 2 && secret.last?.end == 11)
        // Word's header quirk: 自然人 (colspan 2) and 商业企业 (colspan 2) overlap grid column 4; rows stay in the grid.
        let header = try #require(rows.first { String(scalars: $0.text.scalars).hasPrefix("自然人") }?.grid)
        #expect(header.map(\.column) == [0, 3, 5, 10])
    }

    @Test(
        "a blank spanning the five 法人 columns leaves those five cells empty, never shifted", arguments: [false, true])
    func blankSpanningColumns(regular: Bool) throws {
        var html = try Self.fixture()
        var span = 6  // 商业企业 is two grid columns in this Word export
        if regular {
            // The same table written without Word's extra grid column: every 商业企业 cell one column wide.
            html = html.replacingOccurrences(of: "colspan=\"2\" style=\"width:29.5", with: "style=\"width:29.5")
            span = 5
        }
        html = try Self.replacingCells(html, row: Self.partialRow, 2...6, with: "<td colspan=\"\(span)\">&nbsp;</td>")
        let report = try Self.load(html)
        #expect(report.value("t3.result.partial.natural") == 5)
        #expect(report.value("t3.result.partial.total") == 5)
        let expectedMissing = Self.legalPersons.map { "t3.result.partial.\($0)" }
        #expect(report.missingNames == expectedMissing)
        for note in report.missing { #expect(note.reason.contains("blank")) }
        // Every other cell is as in the golden.
        let original = try Self.load(try Self.fixture())
        for cell in report.template.cells where !expectedMissing.contains(cell.name) {
            #expect(report.values[cell.index]?.0 == original.values[cell.index]?.0, "\(cell.name)")
        }
    }

    @Test("the regular rewrite of table 三 itself reads exactly like the fixture")
    func regularTable() throws {
        let html = try Self.fixture().replacingOccurrences(
            of: "colspan=\"2\" style=\"width:29.5", with: "style=\"width:29.5")
        #expect(html != (try Self.fixture()))
        let report = try Self.load(html)
        #expect(Self.values(report) == Self.values(try Self.load(try Self.fixture())))
        #expect(report.missing.isEmpty)
    }

    @Test("a row missing its last <td> keeps its values in their columns; the missing cell is reported")
    func missingTrailingCell() throws {
        let html = try Self.replacingCells(try Self.fixture(), row: Self.partialRow, 7...7, with: "")
        let report = try Self.load(html)
        #expect(report.missingNames == ["t3.result.partial.total"])
        #expect(report.value("t3.result.partial.natural") == 5)
        #expect(report.value("t3.result.partial.otherorg") == 0)
        let issue = try #require(report.diagnostics.first { $0.code == "I111" })
        #expect(issue.message.contains("t3.result.partial.total") && issue.message.contains("no cell"))
        #expect(issue.row == "result.partial")
    }

    @Test("a number spanning two value columns is ambiguous: both cells reported empty, the rest not shifted")
    func numberSpanningColumns() throws {
        // 科研机构 and 社会公益组织 of （一）予以公开 (0 and 2) become one cell `2` spanning both.
        let html = try Self.replacingCells(
            try Self.fixture(), row: ">（一）予以公开", 4...5, with: "<td colspan=\"2\"><p><span>2</span></p></td>")
        let report = try Self.load(html)
        #expect(report.missingNames == ["t3.result.open.research", "t3.result.open.nonprofit"])
        #expect(report.value("t3.result.open.legal") == 0)
        #expect(report.value("t3.result.open.otherorg") == 1)
        #expect(report.value("t3.result.open.total") == 30)
        #expect(report.diagnostics.filter { $0.code == "I111" }.count == 2)
        #expect(report.missing.allSatisfy { $0.reason.contains("ambiguous") })
    }

    @Test("a value cell reaching down two rows: a blank is blank in both, a number is ambiguous in both")
    func valueRowspan() throws {
        // 其他 of 1.属于国家秘密 spans into 2.其他法律行政法规禁止公开, whose own 其他 cell is dropped.
        for (content, reason) in [("&nbsp;", "blank"), ("0", "ambiguous")] {
            var html = try Self.replacingCells(try Self.fixture(), row: ">2.其他法律行政法规禁止公开", 6...6, with: "")
            html = try Self.replacingCells(html, row: ">1.属于国家秘密", 7...7, with: "<td rowspan=\"2\">\(content)</td>")
            let report = try Self.load(html)
            #expect(report.missingNames == ["t3.result.denied.secret.otherorg", "t3.result.denied.law.otherorg"])
            #expect(report.missing.allSatisfy { $0.reason.contains(reason) }, "\(report.missing)")
            #expect(report.value("t3.result.denied.law.total") == 0)
        }
    }

    @Test("upper-case tags, unquoted attributes, <th> label cells and nested Word markup read the same")
    func markupVariants() throws {
        var html = try Self.fixture()
        html = html.replacingOccurrences(of: "<td", with: "<TD").replacingOccurrences(of: "</td>", with: "</TD>")
        html = html.replacingOccurrences(of: "<tr", with: "<Tr").replacingOccurrences(of: "</tr>", with: "</TR>")
        html = html.replacingOccurrences(of: "colspan=\"([0-9]+)\"", with: "COLSPAN=$1", options: .regularExpression)
        html = html.replacingOccurrences(of: "rowspan=\"([0-9]+)\"", with: "rowspan = $1", options: .regularExpression)
        // Label cells as <th>, numbers wrapped once more in Word's run markup.
        html = html.replacingOccurrences(of: "<TD width=\"169\"", with: "<TH width=\"169\"")
        html = html.replacingOccurrences(
            of: ">64<", with: "><p class=MsoNormal><span lang=EN-US>6</span><span>4</span></p><")
        #expect(html.contains("COLSPAN=3 ") && html.contains("rowspan = 22 ") && !html.contains("colspan=\""))
        let report = try Self.load(html)
        #expect(Self.values(report) == Self.values(try Self.load(try Self.fixture())))
        #expect(report.missing.isEmpty && report.inferred.isEmpty)
    }

    @Test("a page laid out in a table around the report's tables reads the same")
    func layoutTable() throws {
        let html = try Self.fixture().replacingOccurrences(of: "<body>", with: "<body><table><tr><td width=100%>")
            .replacingOccurrences(of: "</body>", with: "</td></tr></table></body>")
        let report = try Self.load(html)
        let original = try Self.load(try Self.fixture())
        #expect(Self.values(report) == Self.values(original))
        #expect(report.texts["text.s1"] == original.texts["text.s1"])
    }

    @Test("hostile markup: huge spans, deep nesting, stray cells and closers load or fail cleanly")
    func hostileMarkup() throws {
        let fixture = try Self.fixture()
        let variants = [
            fixture.replacingOccurrences(of: "rowspan=\"22\"", with: "rowspan=\"65534\"")
                .replacingOccurrences(of: "colspan=\"4\"", with: "colspan=\"99999\""),
            fixture.replacingOccurrences(
                of: "<body>", with: "<body>" + String(repeating: "<table><tr><td>", count: 300)),
            fixture.replacingOccurrences(of: "<tbody>", with: "</table></td></tr><td colspan=0 rowspan=0>"),
            fixture.replacingOccurrences(of: "rowspan=\"8\"", with: "rowspan=\"-3\""),
        ]
        for html in variants {
            do {
                let report = try Self.load(html)
                // Whatever is read is a number the source shows; every empty cell has a reason.
                for note in report.missing { #expect(!note.reason.isEmpty) }
            } catch let error as ImportError {
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test("grid expansion: spans, rowspan=0, capped colspan, rows cut short")
    func expansion() {
        func cell(_ text: String, _ colspan: Int = 1, _ rowspan: Int = 1) -> HTMLGrid.SourceCell {
            let scalars = Array(text.unicodeScalars)
            return HTMLGrid.SourceCell(
                text: SourceText(scalars: ScalarLine(scalars), start: SourcePlace(line: 1, offset: 0), places: nil),
                colspan: colspan, rowspan: rowspan, origin: SourcePlace(line: 1, offset: 0))
        }
        let grid = HTMLGrid.expand([
            [cell("a", 1, 0), cell("b", 2), cell("c")],
            [cell("d"), cell("e", 1, 2)],
            [cell("f", 3)],
            [],
        ])
        #expect(grid.width == 4)
        #expect(grid.rows[0].map(\.column) == [0, 1, 3])
        #expect(grid.rows[1].map(\.column) == [0, 1, 2])
        #expect(grid.rows[1].map(\.continued) == [true, false, false])
        #expect(grid.rows[2].map(\.column) == [0, 1])  // a (to the end), f: e's second row is taken by f's span
        #expect(grid.rows[2][1].span == 3)
        #expect(grid.rows[3].map(\.column) == [0])
        let wide = HTMLGrid.expand([[cell("x", 1_000_000)]])
        #expect(wide.width == HTMLGrid.maxColspan)
    }
}
