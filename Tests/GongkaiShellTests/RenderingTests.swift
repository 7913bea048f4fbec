import GongkaiCore
import Testing

@testable import GongkaiShell

/// Table layout: every table of the template fits the width, labels come from the template, CJK counts double.
@Suite("Rendering")
struct RenderingTests {
    static let template = ReportTemplate.official2021

    @Test(arguments: ["t2", "t3", "t4"], [80, 100, 60])
    func tablesFitTheWidth(table id: String, width: Int) throws {
        let table = try #require(Self.template.table(id))
        // Wide values (6 digits) in every cell: the worst case the real reports reach.
        let view = TableView(template: Self.template, value: { _ in .number(123456) }, marked: [0, 30], width: width)
        let lines = view.render(table)
        for line in lines {
            #expect(displayWidth(line) <= width, "\(id) at \(width): \(line)")
        }
        // Every value is shown exactly once per cell of the table.
        let values = lines.joined(separator: " ").split(separator: " ").filter { $0.hasPrefix("123456") }
        #expect(values.count == Self.template.cells(ofTable: id).count)
    }

    @Test func labelsComeFromTheTemplate() throws {
        let table = try #require(Self.template.table("t3"))
        let lines = TableView(template: Self.template, value: { _ in .empty }, marked: []).render(table)
        let text = lines.joined(separator: "\n")
        for row in table.sections[0].rows {
            // Wrapped labels are compared without the line breaks.
            let label = TableView.shortLabel(row.labels.last ?? "")
            let flat = text.filter { $0 != " " && $0 != "\n" && $0 != "-" }
            #expect(flat.contains(label.filter { $0 != " " }), "\(label)")
        }
        // Empty cells show as -, never 0.
        #expect(!lines.contains { $0.contains(" 0") })
        #expect(lines.contains { $0.hasPrefix("一、本年新收政府信息公开申请数量") && $0.hasSuffix("-") })
    }

    @Test func shortLabels() {
        #expect(TableView.shortLabel("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "（二）部分公开")
        #expect(TableView.shortLabel("1.属于国家秘密") == "1.属于国家秘密")
    }

    @Test func layoutByDisplayWidth() {
        #expect(TextLayout.padRight("自然人", 8) == "自然人  ")
        #expect(TextLayout.padLeft("7", 4) == "   7")
        #expect(TextLayout.truncate("本年新收政府信息公开申请数量", 9) == "本年新收…")
        #expect(TextLayout.wrap("社会公益组织", 4) == ["社会", "公益", "组织"])
        #expect(TextLayout.wrap("use the rules", 7) == ["use the", "rules"])
        #expect(TextLayout.center("总计", 8) == "  总计  ")
    }
}
