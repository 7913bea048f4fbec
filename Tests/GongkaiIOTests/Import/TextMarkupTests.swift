import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Headings and markup never reach a text cell: Markdown, HTML tags, LaTeX commands.
@Suite("Import: text cells without markup")
struct TextMarkupTests {
    @Test(
        "markup is removed where its syntax is complete; report text is kept as it is",
        arguments: [
            ("# 平潭综合实验区", "平潭综合实验区"), ("#平潭综合实验区", "平潭综合实验区"), ("### （一）主动公开", "（一）主动公开"),
            ("> **重点**公开", "重点公开"), ("见[政府网站](http://www.example.cn)。![图](a.png)", "见政府网站。"),
            ("{\\zihao{3}\\bfseries 淮安市人民政府2024年报告}", "淮安市人民政府2024年报告"),
            ("\\textbf{收费}0\\%\\par 下一段", "收费0%\n下一段"), ("\\section{一、总体情况}", "一、总体情况"),
            ("<p class=\"MsoNormal\">本机关<br/>收到<span>7</span>件&nbsp;</p>", "本机关收到7件"),
            ("a < b，且 c > d；x<5", "a < b，且 c > d；x<5"), ("《条例》第二十条", "《条例》第二十条"),
            ("  收费 0 元。  \n\n  第二段 ", "收费 0 元。\n第二段"), ("##", ""),
            ("<p>&ldquo;放管服&rdquo;&#x4E00;&amp;&#20108;</p>", "“放管服”一&二"), ("&bogus; &", "&bogus; &"),
        ])
    func plain(_ marked: String, _ expected: String) {
        #expect(TextMarkup.plain(marked) == expected)
    }

    static func texts(_ report: ImportedReport) -> [String] {
        report.texts.filter { $0.key != "meta.year" }.map(\.value)
    }

    @Test(
        "a report exported by Gongkai as Markdown, LaTeX and HTML loads with its body's name, no markup in any text",
        arguments: ExportFixtures.goldenNames, [ExportFormat.markdown, .latex, .html])
    func exported(_ name: String, _ format: ExportFormat) throws {
        let golden = try ExportFixtures.golden(name)
        let source = try Exporter.export([golden.report], format: format)
        let file = "\(name).\(format == .latex ? "tex" : format == .markdown ? "md" : "html")"
        let report = try ReportImporter().importReport(text: source, fileName: file)
        #expect(report.org == golden.org)
        #expect(report.texts["meta.org"] == golden.org)
        #expect(report.texts["meta.title"]?.hasPrefix(golden.org) == true)
        for text in Self.texts(report) {
            #expect(
                !text.contains("#") && !text.contains("\\") && !text.contains("<") && !text.contains("{"), "\(text)")
        }
    }

    @Test("prose copied with its tags and Markdown sub-headings reads as words")
    func prose() throws {
        var source = String(decoding: try Fixtures.bytes("reports/淮安市-2024.txt"), as: UTF8.self)
        let sentence = "（一）主动公开情况。"
        try #require(source.contains(sentence))
        source = source.replacingOccurrences(of: sentence, with: "### <b>\(sentence)</b>")
        let report = try ReportImporter().importReport(text: source, fileName: "淮安市-2024.txt")
        let overview = try #require(report.texts["text.s1"])
        #expect(overview.contains(sentence))
        #expect(!overview.contains("#") && !overview.contains("<b>"))
    }
}
