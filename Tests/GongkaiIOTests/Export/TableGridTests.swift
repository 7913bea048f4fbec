import GongkaiCore
import GongkaiIO
import Testing

/// The printed geometry of TEMPLATE.md §10, derived from the template.
@Suite("Table grid geometry")
struct TableGridTests {
    static let template = ReportTemplate.official2021

    static func grid(_ id: String) throws -> TableGrid {
        try TableGrid(table: try #require(template.table(id)), template: template)
    }

    /// The cell showing a label, as (rowSpan, columnSpan).
    static func spans(_ grid: TableGrid, _ label: String) throws -> [Int] {
        let cell = try #require(grid.cells.first { $0.label == label }, "no cell \(label)")
        return [cell.rowSpan, cell.columnSpan]
    }

    @Test("table 三: 10 columns, 3 header rows, merged labels")
    func table3() throws {
        let grid = try Self.grid("t3")
        #expect(grid.columnCount == 10 && grid.labelColumnCount == 3)
        #expect(grid.headerRowCount == 3 && grid.rowCount == 3 + 25)
        let corner = try #require(grid.cells.first)
        #expect(corner.content == .corner("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"))
        #expect([corner.rowSpan, corner.columnSpan] == [3, 3])
        let expected: [(String, [Int])] = [
            ("申请人情况", [1, 7]), ("自然人", [2, 1]), ("法人或其他组织", [1, 5]), ("商业企业", [1, 1]), ("总计", [2, 1]),
            ("一、本年新收政府信息公开申请数量", [1, 3]), ("二、上年结转政府信息公开申请数量", [1, 3]),
            ("三、本年度办理结果", [22, 1]), ("（一）予以公开", [1, 2]),
            ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [1, 2]), ("（三）不予公开", [8, 1]),
            ("1.属于国家秘密", [1, 1]), ("（四）无法提供", [3, 1]), ("（五）不予处理", [5, 1]), ("（六）其他处理", [3, 1]),
            ("（七）总计", [1, 2]), ("四、结转下年度继续办理", [1, 3]),
        ]
        for (label, spans) in expected { #expect(try Self.spans(grid, label) == spans, "\(label)") }
    }

    @Test("table 四: 15 value columns under a 3-row header")
    func table4() throws {
        let grid = try Self.grid("t4")
        #expect(grid.columnCount == 15 && grid.labelColumnCount == 0 && grid.headerRowCount == 3)
        #expect(try Self.spans(grid, "行政复议") == [1, 5])
        #expect(try Self.spans(grid, "行政诉讼") == [1, 10])
        #expect(try Self.spans(grid, "未经复议直接起诉") == [1, 5])
        #expect(try Self.spans(grid, "复议后起诉") == [1, 5])
        let reviewHeadings = grid.cells.filter { $0.row == 1 && $0.column < 5 }
        #expect(reviewHeadings.map(\.rowSpan) == [2, 2, 2, 2, 2])
        let values = grid.cells(inRow: 3).compactMap(\.valueIndex)
        #expect(values == Self.template.cells(ofTable: "t4").map(\.index))
    }

    @Test("table 二: sections with heading rows; single-value rows span 3")
    func table2() throws {
        let grid = try Self.grid("t2")
        #expect(grid.columnCount == 4 && grid.labelColumnCount == 1)
        let headings = grid.cells.filter { if case .heading = $0.content { true } else { false } }
        #expect(headings.map(\.label) == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"])
        #expect(headings.allSatisfy { $0.columnSpan == 4 })
        let fee = try #require(Self.template.index(of: "t2.fee.amount"))
        #expect(grid.cells.first { $0.valueIndex == fee }?.columnSpan == 3)
    }

    @Test(
        "every grid position is covered once; every cell of the template appears once", arguments: ["t2", "t3", "t4"])
    func coverage(_ id: String) throws {
        let grid = try Self.grid(id)
        #expect(grid.cells.reduce(0) { $0 + $1.rowSpan * $1.columnSpan } == grid.rowCount * grid.columnCount)
        let values = grid.cells.compactMap(\.valueIndex).sorted()
        #expect(values == Self.template.cells(ofTable: id).map(\.index))
    }

    @Test("flattening repeats groups and blanks stretched cells")
    func flattening() throws {
        let rows = try Self.grid("t3").flattened(blank: "") { $0.label ?? "v" }
        #expect(rows[0].prefix(4) == ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况"])
        #expect(rows[0].suffix(7).allSatisfy { $0 == "申请人情况" })
        #expect(rows[2][3] == "" && rows[2][4] == "商业企业")
        #expect(rows[3].prefix(3) == ["一、本年新收政府信息公开申请数量", "", ""])
        #expect(rows[5].prefix(3) == ["三、本年度办理结果", "（一）予以公开", ""])
        #expect(rows[7].prefix(3) == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"])
        let t2 = try Self.grid("t2").flattened(blank: "") { $0.label ?? "v" }
        #expect(t2.contains(["信息内容", "本年处理决定数量", "", ""]))
        #expect(t2.contains(["行政许可", "v", "", ""]))
    }
}
