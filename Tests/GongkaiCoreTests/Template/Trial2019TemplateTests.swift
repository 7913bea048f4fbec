import GongkaiCore
import Testing

@Suite("2019 trial template")
struct Trial2019TemplateTests {
    let template = ReportTemplate.trial2019

    @Test("table 二 has the trial format's 22 cells; 本年增/减 is signed, 采购总金额 in 元")
    func table2() {
        #expect(template.cells(ofTable: "t2").count == 22)
        #expect(template.cell(named: "t2.penalty.change")?.isSigned == true)
        #expect(template.cell(named: "t2.procure.amount")?.unit == .yuan)
    }

    @Test("table 三 keeps the 2021 names with （六）其他处理 as one leaf; table 四 is the 2021 table")
    func table3And4() {
        #expect(template.cells(ofTable: "t3").count == 23 * 7)
        #expect(template.cell(named: "t3.result.other.natural") != nil)
        #expect(template.cell(named: "t3.result.other.misc.natural") == nil)
        #expect(
            template.cells(ofTable: "t4").map(\.name) == ReportTemplate.official2021.cells(ofTable: "t4").map(\.name))
        #expect(template.equalities.contains { $0.name == "t3.balance.natural" })
        #expect(template.crossYear.map(\.name) == ReportTemplate.official2021.crossYear.map(\.name))
        #expect(ReportTemplate.named("2019")?.id == "2019")
    }

    /// Every label and heading a template prints: table titles, section headings, column and row labels.
    static func printedLabels(_ template: ReportTemplate) -> [String] {
        template.tables.flatMap { table in
            [table.title]
                + table.sections.flatMap { section in
                    [section.heading].compactMap { $0 } + section.columns.flatMap(\.labels)
                        + section.rows.flatMap(\.labels)
                }
        }
    }

    @Test("the labels that recognise the 2019 format are its own, and no 2021 label contains one")
    func markers() {
        #expect(!template.markers.isEmpty)
        #expect(ReportTemplate.official2021.markers.isEmpty)
        let own = Set(Self.printedLabels(template))
        let other = Self.printedLabels(.official2021)
        for marker in template.markers {
            #expect(own.contains(marker), "\(marker) is not a label of the 2019 format")
            #expect(!other.contains { $0.contains(marker) }, "a 2021 label contains \(marker)")
        }
    }
}
