import Foundation
import GongkaiTestSupport
import Testing

@testable import GongkaiCore

@Suite struct OfficialTemplateTests {
    let template = ReportTemplate.official2021

    /// The template's cells are exactly the 200 rows of `cells.csv` (copied from the format's reference), in order.
    @Test func cellsMatchTheReferenceList() throws {
        let csv = try String(contentsOf: Fixtures.url("cells.csv"), encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 200)
        #expect(template.cells.count == 200)
        for (cell, row) in zip(template.cells, rows) {
            #expect(cell.name == row[0])
            #expect(cell.table == row[1])
            #expect(cell.rowPath == row[2], "\(cell.name)")
            #expect(cell.columnPath == row[3], "\(cell.name)")
            #expect(cell.unit.rawValue == row[4], "\(cell.name)")
            #expect(cell.isTotal == (row[5] == "formula"), "\(cell.name)")
        }
    }

    @Test func countsMatchTheFormat() {
        #expect(template.cells.filter(\.isTotal).count == 34)
        #expect(template.equalities.count == 42)
        #expect(template.equalities.filter { $0.name.hasPrefix("t3.balance.") }.count == 7)
        #expect(template.equalities.filter { $0.name.hasPrefix("t3.colsum.") }.count == 7)
        #expect(template.equalities.filter { $0.name.hasPrefix("t3.rowsum.") }.count == 25)
        #expect(template.equalities.filter { $0.name.hasPrefix("t4.rowsum.") }.count == 3)
        #expect(Set(template.equalities.map(\.name)).count == 42)
    }

    @Test func grandTotalSumsItsRow() throws {
        let cell = try #require(template.cell(named: "t3.total.total"))
        #expect(
            cell.totalOf.map { template.cells[$0].name } == [
                "t3.total.natural", "t3.total.commercial", "t3.total.research", "t3.total.nonprofit", "t3.total.legal",
                "t3.total.otherorg",
            ])
        let column = try #require(template.cell(named: "t3.total.natural"))
        #expect(column.totalOf.count == 21)
    }
}
