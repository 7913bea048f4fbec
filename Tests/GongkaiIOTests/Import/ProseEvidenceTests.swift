import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Figures stated in the prose decide a glued run that no rule can: the cells are inferred, the prose's place in
/// their provenance; evidence that is missing, ambiguous, about another row or self-contradicting decides nothing.
@Suite("Import: prose figures as evidence for glued runs")
struct ProseEvidenceTests {
    static let file = "平潭综合实验区-2021.txt"
    static let opening = "一、总体情况2021年，我区"
    static let norm = ["t2.norm.made", "t2.norm.repealed", "t2.norm.valid"]

    /// 平潭 2021 (table 二's 行政规范性文件 printed glued as `693665`) with `sentence` added to its overview.
    static func load(adding sentence: String) throws -> ImportedReport {
        let source = String(decoding: try Fixtures.bytes("reports/" + file), as: UTF8.self)
        try #require(source.contains(opening))
        let text = source.replacingOccurrences(of: opening, with: opening + sentence)
        return try ReportImporter().importReport(text: text, fileName: file)
    }

    @Test("the golden fixture itself states no figure: table 二's 行政规范性文件 stays empty")
    func fixtureUndecided() throws {
        let report = try Self.load(adding: "")
        #expect(Self.norm.allSatisfy { report.value($0) == .empty })
        #expect(report.missing.contains { $0.reason.contains("693665") })
    }

    @Test("制发 and 现行有效 stated: the only fitting reading is taken, inferred, with the prose's place")
    func decided() throws {
        let report = try Self.load(adding: "全年制发行政规范性文件69件，现行有效65件。")
        #expect(report.value("t2.norm.made") == 69)
        #expect(report.value("t2.norm.repealed") == 36)
        #expect(report.value("t2.norm.valid") == 65)
        #expect(Array(report.inferredNames.prefix(3)) == Self.norm)
        for name in Self.norm {
            let provenance = try #require(report.provenance(name))
            #expect(provenance.origin == .inferred)
            let note = try #require(provenance.note)
            #expect(note.contains("the prose states 制发…69件 at line ") && note.contains("现行有效…65件"), "\(note)")
            #expect(note.contains("693665"))
        }
        // The rest of the report is as without the sentence.
        let plain = try Self.load(adding: "")
        for cell in report.template.cells where !Self.norm.contains(cell.name) {
            #expect(report.values[cell.index]?.0 == plain.values[cell.index]?.0, "\(cell.name)")
        }
    }

    @Test(
        "evidence that leaves several readings, concerns another row, or contradicts itself decides nothing",
        arguments: [
            "现行有效规范性文件65件。",  // three readings end in 65
            "全年制发规章69件，现行有效65件。",  // 规章, not 规范性文件
            "制发规范性文件69件；另制发规范性文件6件，现行有效65件。",  // two figures for 制发
            "制发规范性文件7件，现行有效65件。",  // no reading starts with 7
            "收到申请69件，办结65件。",  // no column word
        ])
    func undecided(_ sentence: String) throws {
        let report = try Self.load(adding: sentence)
        #expect(Self.norm.allSatisfy { report.value($0) == .empty }, "\(sentence)")
        #expect(!report.inferredNames.contains("t2.norm.made"))
    }

    @Test("figures: a number before 件, its nearest column and row words in the sentence")
    func figures() {
        let text = "本年制发规章0件、行政规范性文件5件，废止2件。收到申请70件；现行有效的规范性文件共1,065 件。"
        let document = SourceDocument(plainText: Array(text.unicodeScalars))
        let columns = ["制发", "废止", "现行有效"].map { Array($0.unicodeScalars) }
        let rows = ["规章", "行政规范性文件", "规范性文件"].map { Array($0.unicodeScalars) }
        let figures = ProseEvidence(document, columns: columns, rows: rows).figures
        func words(_ f: ProseEvidence.Figure) -> String {
            "\(f.value) \(f.column.map { String(scalars: $0) } ?? "-") \(f.row.map { String(scalars: $0) } ?? "-")"
        }
        #expect(
            figures.map(words) == [
                "0 制发 规章", "5 制发 行政规范性文件", "2 废止 行政规范性文件", "70 - -", "1065 现行有效 规范性文件",
            ])
    }
}
