import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiTestSupport
import Testing

/// Text from a report must come out as text: never a spreadsheet formula, a TeX command or HTML markup.
@Suite("Hostile report text exports safely")
struct HostileTextTests {
    static let org = "\\input{/etc/passwd}"
    static let title = "=cmd|' /C calc'!A0 \\write18{rm -rf /} % & _ { }"
    static let prose = [
        "@SUM(1)", "+1", "-2", "=cmd|' /C calc'!A0", "\\immediate\\write18{touch pwned}",
        "\\newread\\r \\openin\\r=/etc/passwd \\read\\r to\\x \\x", "^^5cinput{/etc/passwd}",
        "\\catcode`\\@=0 @input{/etc/passwd}", "~ # $ ^ -- '' `` <script>alert(1)</script> &amp;",
    ]

    static func report() throws -> ExportReport {
        var report = try ExportFixtures.golden("上犹县政府办-2023").report
        report.texts = [
            "meta.org": org, "meta.year": "2023", "meta.title": title, "text.s1": prose.joined(separator: "\n"),
        ]
        let template = report.template
        report.values[try #require(template.index(of: "t3.new.natural"))] = .number(DecimalNumber(-3))
        report.values[try #require(template.index(of: "t3.new.commercial"))] = .text("=cmd|' /C calc'!A0")
        report.values[try #require(template.index(of: "t3.new.research"))] = .text("@SUM(1)")
        return report
    }

    /// No field a spreadsheet would execute, unless it is a number.
    static func expectNoFormula(_ rows: [[String]], sourceLocation: SourceLocation = #_sourceLocation) {
        for field in rows.joined() {
            guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
            #expect(DecimalNumber(field) != nil, "unguarded formula field: \(field)", sourceLocation: sourceLocation)
        }
    }

    @Test("CSV: text guarded with ', numbers stay numbers")
    func csv() throws {
        let report = try Self.report()
        let official = try PythonCSV.rows(try Exporter.export([report], format: .csv))
        Self.expectNoFormula(official)
        #expect(official.first == ["'" + Self.title])
        let newRow = try #require(official.first { $0.first == "一、本年新收政府信息公开申请数量" })
        #expect(Array(newRow[3...5]) == ["-3", "'=cmd|' /C calc'!A0", "'@SUM(1)"])

        let long = try PythonCSV.rows(
            try Exporter.export([report], format: .csvLong, options: ExportOptions(excel: true)))
        Self.expectNoFormula(long)
        let byCell = Dictionary(long.dropFirst().map { ($0[1], $0[6]) }, uniquingKeysWith: { a, _ in a })
        #expect(byCell["t3.new.natural"] == "-3")
        #expect(byCell["meta.org"] == Self.org)
        #expect(byCell["meta.title"] == "'" + Self.title)
        #expect(byCell["text.s1"] == "'" + Self.prose.joined(separator: "\n"))
    }

    @Test(
        "LaTeX: compiles, prints the text literally, runs and reads nothing",
        .enabled(if: LaTeXRunner.available, "xelatex or pdftotext is not installed: skipped"))
    func latex() throws {
        let report = try Self.report()
        // Shell escape ON: if any input reached TeX as a command, \write18 would create the file.
        let result = try LaTeXRunner.compile(try Exporter.export([report], format: .latex), shellEscape: true)
        defer { try? FileManager.default.removeItem(at: result.directory) }
        #expect(!FileManager.default.fileExists(atPath: result.directory.appendingPathComponent("pwned").path))
        #expect(!result.text.contains("root:x:0:0"))
        #expect(!result.log.contains("/etc/passwd"), "TeX opened /etc/passwd")
        var order = InOrder(result.text)
        order.expect(Self.title)
        order.expect("发布机关：" + Self.org)
        for line in Self.prose { order.expect(line) }
        order.expect("-3")
    }

    @Test("HTML and Markdown: markup escaped")
    func markup() throws {
        let report = try Self.report()
        let html = try Exporter.export([report], format: .html)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;"))
        #expect(html.contains("<td>-3</td>"))
        let markdown = try Exporter.export([report], format: .markdown)
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("\\<script\\>"))
        #expect(markdown.contains("\\@SUM(1)") || markdown.contains("@SUM(1)"))
        #expect(markdown.contains("\n\\+1\n") && markdown.contains("\n\\-2\n"), "a line must not start a list")
    }
}
