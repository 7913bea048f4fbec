import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Damaged copies of the real reports (issue 12): every kind of damage is reported with its line and column, and no
/// value is guessed, shifted from a neighbour or read with a changed sign.
@Suite("Import: damage is reported, never silent")
struct DamageTests {
    static let importer = ReportImporter()
    static let huaian = "淮安市-2024.txt"
    static let shanghai = "上海市科委-2024.md"

    static func text(_ name: String) throws -> String {
        String(decoding: try Fixtures.bytes("reports/" + name), as: UTF8.self)
    }

    static func load(_ text: String, _ name: String) throws -> ImportedReport {
        try importer.importReport(bytes: Array(text.utf8), fileName: name)
    }

    /// The fixture with one exact piece of text replaced (which must occur in it).
    static func replacing(_ name: String, _ old: String, _ new: String) throws -> ImportedReport {
        let original = try text(name)
        try #require(original.contains(old))
        return try load(original.replacingOccurrences(of: old, with: new), name)
    }

    static func damage(_ report: ImportedReport, _ kind: ImportIssue.Damage) -> [ImportIssue] {
        report.damage.filter { $0.damage == kind }
    }

    // MARK: Found by probing

    @Test("120 glued digits in a row load at once; the row stays empty and is reported", arguments: [90, 120, 1000])
    func longDigitRun(_ digits: Int) throws {
        let report = try Self.replacing(
            Self.huaian, "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119",
            "一、本年新收政府信息公开申请数量 " + String(repeating: "3", count: digits))
        for cell in ["t3.new.natural", "t3.new.total"] { #expect(report.value(cell) == .empty) }
        let issue = try #require(Self.damage(report, .malformedRow).first { $0.row == "new" })
        #expect(issue.line == 84)
        #expect(issue.column == 18)
        #expect(issue.message.count < 300)
        // The rest of the table is read as printed.
        #expect(report.value("t3.total.total") == .number(3050))
    }

    @Test("a glued run with more readings than the search may visit is capped and reported")
    func searchCap() throws {
        let report = try Self.replacing(
            "平潭综合实验区-2021.txt", "一、本年新收政府信息公开申请数量640020470",
            "一、本年新收政府信息公开申请数量" + String(repeating: "1", count: 50))
        #expect(report.value("t3.new.total") == .empty)
        let issue = try #require(Self.damage(report, .searchCapped).first)
        #expect(issue.line == 10)
        #expect(issue.column != nil)
    }

    @Test("the digit-run search never cuts a value longer than the limit, nor a signed or decimal run")
    func splitterBounds() {
        var budget = ImportLimits.splitStepsPerImport
        let digits = Array(String(repeating: "9", count: 3 * ImportLimits.maxValueDigits).unicodeScalars)
        let readings = DigitRunSplitter.readings([digits], width: 3, budget: &budget)
        #expect(readings?.count == 1)
        #expect(readings?.first?.values.allSatisfy { $0.description.count == ImportLimits.maxValueDigits } == true)
        #expect(DigitRunSplitter.readings([digits], width: 2, budget: &budget)?.isEmpty == true)
        #expect(DigitRunSplitter.readings([Array("-12".unicodeScalars)], width: 2, budget: &budget)?.isEmpty == true)
        var spent = 10
        #expect(
            DigitRunSplitter.readings(
                [Array(String(repeating: "1", count: 40).unicodeScalars)], width: 7, budget: &spent) == nil)
    }

    @Test("a file past the size limit is refused with I009 before it is decoded")
    func sizeLimit() throws {
        let bytes = [UInt8](repeating: 0x31, count: ImportLimits.maxInputBytes + 1)
        #expect(throws: ImportError.self) { try Self.importer.importReport(bytes: bytes, fileName: "big.txt") }
        do {
            _ = try Self.importer.importReport(bytes: bytes, fileName: "big.txt")
        } catch {
            #expect(error.code == "I009")
            #expect(error.description.hasPrefix("big.txt: "))
        }
    }

    @Test("numbers under one heading past the region limit stop the reading there, reported")
    func regionLimit() throws {
        let filler = String(repeating: "1 2 3 4 5 6 7 8 9 0\n", count: ImportLimits.maxRegionValues / 10 + 10)
        let report = try Self.replacing(
            Self.huaian, "一、本年新收政府信息公开申请数量", filler + "一、本年新收政府信息公开申请数量")
        let issue = try #require(Self.damage(report, .searchCapped).first)
        #expect(issue.code == "I116")
        #expect(issue.line != nil)
        #expect(report.value("t2.permit.decided") == .number(447228))
    }

    @Test("a negative value keeps its sign; the domain rule, not the importer, judges it")
    func negative() throws {
        let report = try Self.replacing(Self.huaian, "行政许可 447228", "行政许可 -3")
        #expect(report.value("t2.permit.decided") == .number(-3))
        #expect(report.value("t2.penalty.decided") == .number(3_985_758))
    }

    @Test("an unreadable value in text never takes the next row's number", arguments: ["50%", "无数据", "3e2"])
    func unreadableInText(_ printed: String) throws {
        let report = try Self.replacing(Self.huaian, "行政许可 447228", "行政许可 " + printed)
        #expect(report.value("t2.permit.decided") == .empty)
        #expect(report.value("t2.penalty.decided") == .number(3_985_758))
        #expect(report.damage.contains { $0.line != nil && ($0.row == "permit" || $0.damage == .unreadableValue) })
        if printed.contains(where: \.isNumber) {
            // Said where it stands: the word is not a number.
            #expect(Self.damage(report, .unreadableValue).contains { $0.line == 67 && $0.column == 6 })
        }
    }

    @Test(
        "a markdown first value that is not a number stays empty in its column; the row is not shifted",
        arguments: ["32*", "3 2", "(32)", "3e2", "50%", "无数据", "N/A 32"])
    func markdownFirstCell(_ printed: String) throws {
        let report = try Self.replacing(
            Self.shanghai, "| 一、本年新收政府信息公开申请数量 | 32 | 2 |", "| 一、本年新收政府信息公开申请数量 | \(printed) | 2 |")
        #expect(report.value("t3.new.natural") == .empty)
        #expect(report.value("t3.new.commercial") == .number(2))
        #expect(report.value("t3.new.otherorg") == .number(0))
        #expect(report.value("t3.new.total") == .number(34))
        let issue = try #require(Self.damage(report, .unreadableValue).first)
        #expect(issue.line == 102)
        #expect(issue.column == 22)
        #expect(issue.message.contains(printed.trimmingCharacters(in: .whitespaces)))
    }

    @Test("a markdown value printed with a minus keeps it, in its column")
    func markdownNegative() throws {
        let report = try Self.replacing(
            Self.shanghai, "| 一、本年新收政府信息公开申请数量 | 32 | 2 |", "| 一、本年新收政府信息公开申请数量 | -32 | 2 |")
        #expect(report.value("t3.new.natural") == .number(-32))
        #expect(report.value("t3.new.commercial") == .number(2))
        #expect(report.value("t3.new.total") == .number(34))
    }

    // MARK: Damage kinds

    @Test("a file cut at 55% says it is truncated, with the place it ends")
    func truncated() throws {
        let whole = try Self.text(Self.huaian)
        let cut = String(whole.prefix(whole.count * 55 / 100))
        let report = try Self.load(cut, Self.huaian)
        let issue = try #require(Self.damage(report, .truncated).first)
        #expect(issue.line == cut.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(issue.column != nil)
        #expect(Self.damage(report, .missingTable).map(\.table) == ["t3", "t4"])
    }

    @Test("a deleted row is reported as missing with the place it should be")
    func deletedRow() throws {
        let original = try Self.text(Self.huaian)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { $0.hasPrefix("（一）予以公开") })
        let report = try Self.load(
            lines.enumerated().filter { $0.offset != row }.map(\.element).joined(separator: "\n"), Self.huaian)
        let issue = try #require(Self.damage(report, .missingRow).first)
        #expect(issue.row == "result.open")
        // At the next row, whose values are on the line after its label.
        #expect(issue.line == row + 2)
        #expect(issue.column != nil)
        #expect(report.value("t3.result.open.natural") == .empty)
        #expect(Self.damage(report, .truncated).isEmpty)
    }

    @Test("invalid UTF-8 is reported at its line and column")
    func invalidUTF8() throws {
        var bytes = try Fixtures.bytes("reports/" + Self.huaian)
        let text = String(decoding: bytes, as: UTF8.self)
        let line = try #require(
            text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("行政强制") })
        let at = try #require(text.utf8.firstRange(of: "行政强制 88283".utf8)).upperBound
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: at) - 5
        bytes.insert(contentsOf: [0xFF, 0xFE], at: offset)
        let report = try Self.importer.importReport(bytes: bytes, fileName: Self.huaian)
        let issue = try #require(Self.damage(report, .invalidUTF8).first)
        #expect(issue.line == line + 1)
        #expect(issue.column == 6)
    }

    @Test("a table pasted twice is reported; the first copy is read")
    func duplicateTable() throws {
        let original = try Self.text(Self.huaian)
        let lines = original.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasPrefix("三、收到和处理") })
        let end = try #require(lines.firstIndex { $0.hasPrefix("四、政府信息公开行政复议") })
        let doubled = Array(lines[..<end]) + Array(lines[start..<end]) + Array(lines[end...])
        let report = try Self.load(doubled.joined(separator: "\n"), Self.huaian)
        let issues = Self.damage(report, .duplicate)
        #expect(issues.count >= 20)
        #expect(issues.allSatisfy { ($0.line ?? 0) > end && $0.column != nil })
        let clean = try Self.load(original, Self.huaian)
        #expect(report.template.cells.allSatisfy { report.values[$0.index]?.0 == clean.values[$0.index]?.0 })
    }

    @Test("a 26-digit number is not a count: empty and reported")
    func numberTooLarge() throws {
        let report = try Self.replacing(Self.huaian, "行政许可 447228", "行政许可 12345678901234567890123456")
        #expect(report.value("t2.permit.decided") == .empty)
        let issue = try #require(Self.damage(report, .numberTooLarge).first)
        #expect(issue.line == 67)
        #expect(issue.column == 6)
    }

    @Test("a control character inside a table is reported at its place")
    func controlCharacter() throws {
        let report = try Self.replacing(Self.huaian, "行政强制 88283", "行政强制\u{7} 88283")
        let issue = try #require(Self.damage(report, .controlCharacter).first)
        #expect(issue.line == 72)
        #expect(issue.column == 5)
        #expect(issue.message.contains("U+0007"))
    }

    @Test(
        "a form feed is pdftotext's page break, not a control character", arguments: ["洪泽区-2023.txt", "洪泽区-2024.txt"])
    func pageBreaksAreNotDamage(_ file: String) throws {
        let bytes = try Fixtures.bytes("reports/" + file)
        #expect(bytes.contains(0x0C), "the fixture has page breaks inside its tables")
        let report = try Self.importer.importReport(bytes: bytes, fileName: file)
        #expect(report.damage.allSatisfy { $0.damage != .controlCharacter }, "\(report.damage)")
    }

    @Test(
        "the real reports carry no damage but the ambiguity they really have",
        arguments: ["上犹县政府办-2023.txt", "淮安市-2024.txt", "上海市科委-2024.md", "平潭综合实验区-2021.txt", "平潭综合实验区-2021.html"])
    func intactReports(_ file: String) throws {
        let report = try Self.importer.importReport(bytes: try Fixtures.bytes("reports/" + file), fileName: file)
        #expect(report.damage.allSatisfy { $0.damage == .ambiguousSplit }, "\(report.damage)")
        #expect(report.damage.allSatisfy { $0.line != nil && $0.column != nil })
    }

    @Test("the load summary prints each damage with line:column, after the cell notes")
    func summary() throws {
        let report = try Self.replacing(Self.huaian, "行政许可 447228", "行政许可 12345678901234567890123456")
        let lines = ImportSummary(report).rendered().split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("warning[I113] line 67:6: ") })
    }
}
