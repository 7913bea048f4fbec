import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiTestSupport
import Testing

/// Exports of one report compared byte for byte with reviewed files in Tests/Fixtures/export.
///
/// After an intended change, regenerate with `GONGKAI_UPDATE_GOLDEN=1 swift test --filter ExportGoldenFileTests`,
/// review the diff, and commit it.
@Suite("Export golden files")
struct ExportGoldenFileTests {
    static let report = "上犹县政府办-2023"

    struct Case: Sendable, CustomStringConvertible {
        let file: String
        let format: ExportFormat
        let tables: [String]?
        var excel = false
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "shangyou-2023.csv", format: .csv, tables: nil),
        Case(file: "shangyou-2023.excel.csv", format: .csv, tables: ["t4"], excel: true),
        Case(file: "shangyou-2023.long.csv", format: .csvLong, tables: nil),
        Case(file: "shangyou-2023.tex", format: .latex, tables: nil),
        Case(file: "shangyou-2023.t3.fragment.tex", format: .latexFragment, tables: ["t3"]),
        Case(file: "shangyou-2023.md", format: .markdown, tables: nil),
        Case(file: "shangyou-2023.html", format: .html, tables: nil),
    ]

    @Test(arguments: cases)
    func matchesGolden(_ testCase: Case) throws {
        var report = try ExportFixtures.golden(Self.report).report
        report.texts["text.s1"] = "本机关2023年收到政府信息公开申请7件。\n依法按时答复。"
        report.texts["text.s2"] = "主动公开情况见下表。"
        report.texts["text.s6"] = "本年度未收取信息处理费。"
        let output = try Exporter.data(
            [report], format: testCase.format, tables: testCase.tables, options: ExportOptions(excel: testCase.excel))
        let url = ExportFixtures.exportDirectory.appendingPathComponent(testCase.file)
        if ProcessInfo.processInfo.environment["GONGKAI_UPDATE_GOLDEN"] == "1" {
            try AtomicFile.write(output, to: url)
            return
        }
        let golden = try #require(
            try? Data(contentsOf: url), "missing \(testCase.file): run with GONGKAI_UPDATE_GOLDEN=1 and review it")
        #expect(output == golden, "\(testCase.file) differs; regenerate with GONGKAI_UPDATE_GOLDEN=1 if intended")
    }
}
