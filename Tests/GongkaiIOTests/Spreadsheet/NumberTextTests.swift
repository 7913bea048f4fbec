import GongkaiCore
import Testing

@testable import GongkaiIO

@Suite("Numbers as people type them")
struct NumberTextTests {
    @Test(
        "forgiving forms",
        arguments: [
            ("5", "5", nil), ("５", "5", nil), ("1,000", "1000", nil), ("1，000", "1000", nil), ("１，０００", "1000", nil),
            ("3件", "3", "件"), ("3 件", "3", "件"), ("0.25万元", "0.25", "万元"), ("２４２５２．３１１０８２", "24252.311082", nil),
            ("1,234,567", "1234567", nil), ("-2", "-2", nil), ("  7　", "7", nil), ("0", "0", nil),
        ] as [(String, String, String?)])
    func numbers(text: String, value: String, unit: String?) throws {
        let number = try #require(DecimalNumber(value))
        #expect(NumberText.read(text) == .number(number, unit: unit))
    }

    @Test("blank marks", arguments: ["无", "空", "—", "/", "-", "－", "——"])
    func blanks(text: String) {
        #expect(NumberText.read(text) == .blank)
    }

    @Test(
        "not numbers", arguments: ["", "t4.review.upheld", "1,00", "1.2.3", "1e3", "12abc", "=3", "三", "1,0000", ",5"])
    func refused(text: String) {
        #expect(NumberText.read(text) == nil)
    }

    @Test("units agree with cells")
    func units() {
        #expect(NumberText.unit("件", fits: .count))
        #expect(NumberText.unit("项", fits: .count))
        #expect(!NumberText.unit("万元", fits: .count))
        #expect(NumberText.unit("万元", fits: .tenThousandYuan))
        #expect(!NumberText.unit("元", fits: .tenThousandYuan))
    }

    @Test(
        "numbers as Excel stores them",
        arguments: [
            ("12", "12"), ("0.25", "0.25"), ("24252.311082", "24252.311082"), ("0.30000000000000004", "0.3"),
            ("1.2E-3", "0.0012"), ("3E+2", "300"), ("-0.5", "-0.5"), ("1E+20", "100000000000000000000"),
            ("99999999999999999", "100000000000000000"), ("0", "0"),
        ])
    func excelNumbers(text: String, plain: String) {
        #expect(XLSXReader.plainNumber(text) == plain)
    }

    @Test("cell references", arguments: [(1, 0, "A1"), (12, 3, "D12"), (3, 25, "Z3"), (3, 26, "AA3"), (9, 701, "ZZ9")])
    func references(row: Int, column: Int, name: String) {
        #expect(SpreadsheetXML.reference(row, column) == name)
        #expect(SpreadsheetXML.parseReference(name)?.row == row)
        #expect(SpreadsheetXML.parseReference(name)?.column == column)
    }
}
