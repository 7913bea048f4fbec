import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiShell

/// 平潭综合实验区 2020 (2019 trial format) beside 平潭 2021 (2021 format): each in its own template, the cross-year
/// rule between them where their cells correspond, and the report's own error as printed.
@Suite("A 2019-format year beside a 2021-format one")
struct Trial2019SessionTests {
    static let columns = ["natural", "commercial", "research", "nonprofit", "legal", "otherorg", "total"]

    @Test func theTrialYearLoadsInItsOwnTemplateAndLinksToTheNext() throws {
        let session = SessionTests.session()
        let batch = session.load([
            "Tests/Fixtures/reports/平潭综合实验区-2020-2019format.txt", "Tests/Fixtures/reports/平潭综合实验区-2021.txt",
        ])
        #expect(batch.loaded.map(\.name) == ["平潭综合实验区_2020", "平潭综合实验区_2021"])
        let book = session.workbook
        #expect(try book.template(of: "平潭综合实验区_2020").id == ReportTemplate.trial2019.id)
        #expect(try book.template(of: "平潭综合实验区_2021").id == ReportTemplate.official2021.id)

        // As printed (TEMPLATE.md §6.4): rule 5 fails by 6 in 自然人 and 总计, rule 1 holds.
        let results = try book.ruleResults(report: "平潭综合实验区_2020")
        let failing = results.filter { $0.status == .fails && $0.severity == .error }.map(\.name)
        #expect(failing == ["t3.colsum.natural", "t3.colsum.total"])
        #expect(results.filter { $0.name.hasPrefix("t3.balance.") }.allSatisfy { $0.status == .holds })
        #expect(try book.rule(named: "平潭综合实验区_2020.t3.colsum.natural").imbalance == -6)

        // 2021's 上年结转 against 2020's 结转下年度, cell by cell although the two formats number their cells otherwise.
        let later = try book.ruleResults(report: "平潭综合实验区_2021")
        for column in Self.columns {
            let rule = try #require(later.first { $0.name == "xyear.carried.\(column)" })
            #expect(rule.status == .holds)
            #expect(rule.cells == ["t3.carried.\(column)", "平潭综合实验区_2020.t3.forward.\(column)"])
        }
        // The 2019 format has no 现行有效件数: no continuity rule reads a cell it does not have.
        #expect(!later.contains { $0.name.hasPrefix("xyear.valid.") })
        // An edit of the 2020 report reaches the 2021 report's rule, and undo heals it.
        let change = try book.set("t3.forward.natural", in: "平潭综合实验区_2020", .value(3))
        #expect(try book.rule(named: "平潭综合实验区_2021.xyear.carried.natural").status == .fails)
        #expect(!change.rules.isEmpty)
        _ = book.undo()
        #expect(try book.rule(named: "平潭综合实验区_2021.xyear.carried.natural").status == .holds)
    }

    @Test func theTrialYearIsShownAndExportedInItsOwnLayout() throws {
        let (shell, out) = Harness.shell()
        #expect(shell.execute(statement: ".load Tests/Fixtures/reports/平潭综合实验区-2020-2019format.txt") == .ok)
        #expect(shell.execute(statement: ".export csv -") == .ok)
        #expect(out.text.contains("信息内容,本年新制作数量,本年新公开数量,对外公开总数量"))
        #expect(out.text.contains("行政事业性收费,35,-15"))
        #expect(out.text.contains("三、本年度办理结果,（六）其他处理,,4,0,0,0,0,0,4"))
        #expect(shell.execute(statement: ".show t2.fee.*") == .ok)
        #expect(out.text.contains("本年增/减"))
    }
}
