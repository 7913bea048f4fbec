import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

@Suite struct WorkbookFileTests {
    /// A session with two real reports, provenance, texts with awkward characters, a formula, a named cell and rules.
    func session() throws -> Workbook {
        let book = Workbook()
        for (name, golden) in [("sy2023", "上犹县政府办-2023"), ("pt2021", "平潭综合实验区-2021")] {
            let g = try ExportFixtures.golden(golden)
            var values: [Int: (Value, Provenance)] = [:]
            for cell in g.report.template.cells {
                let value = g.report.values[cell.index]
                guard !value.isEmpty else { continue }
                values[cell.index] = (
                    value, Provenance(file: golden + ".txt", line: cell.index + 10, column: 3, origin: .read)
                )
            }
            _ = try book.loadReport(
                name: name, template: .official2021, values: values,
                texts: ["meta.org": g.org, "meta.year": g.year, "text.s1": "第一行\n第二行 \"引号\" \\ 反斜杠\t制表"])
        }
        try book.selectReport("sy2023")
        _ = try book.set("t2.fee.amount", .value(.number(DecimalNumber("0.25")!)))
        _ = try book.set("t3.forward.natural", .formula("t3.new.natural - t3.total.natural"))
        _ = try book.define(name: "rate", formula: "t3.result.open.total / t3.new.total")
        _ = try book.addRule(name: "open_share", expression: "rate <= 1", severity: .warning)
        _ = try book.addRule(name: "both_years", expression: "pt2021.t3.new.total >= t3.new.total", severity: .error)
        _ = try book.addAlias(#require(BodyKey("上犹县人民政府")), #require(BodyKey("平潭综合实验区")))
        return book
    }

    @Test func roundTripIsIdentical() throws {
        let book = try session()
        let text = WorkbookFile.render(book.document())
        let document = try WorkbookFile.parse(text)
        #expect(document == book.document())
        let reloaded = try Workbook(document: document)
        #expect(reloaded.document() == book.document())
        #expect(WorkbookFile.render(reloaded.document()) == text)
        for name in try book.cellNames(report: "sy2023") {
            #expect(try reloaded.value(of: "sy2023." + name) == book.value(of: "sy2023." + name), "\(name)")
        }
        #expect(try reloaded.ruleResults() == book.ruleResults())
        #expect(text.contains("\nalias 上犹县 = 平潭综合实验区\n"))
        #expect(reloaded.bodyAliases == book.bodyAliases)
    }

    @Test func controlCharactersAreEscapedAndReadBack() throws {
        let book = try session()
        _ = try book.set("text.s2", .value(.text("前\u{1B}[31m红\u{0}后\u{7F}")))
        let text = WorkbookFile.render(book.document())
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("text text.s2 ") })
        #expect(line == #"text text.s2 "前\u001B[31m红\u0000后\u007F""#)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let reloaded = try Workbook(document: WorkbookFile.parse(text))
        #expect(try reloaded.value(of: "sy2023.text.s2") == .text("前\u{1B}[31m红\u{0}后\u{7F}"))
        // A cut \u escape is an error, never a guess.
        #expect(throws: WorkbookFile.ParseError.self) {
            try WorkbookFile.parse(text.replacingOccurrences(of: "\\u001B", with: "\\u01"))
        }
    }

    @Test func textIsPlainAndDiffable() throws {
        let text = WorkbookFile.render(try session().document())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == WorkbookFile.header)
        // Entered values without a stated origin carry no provenance line attributes.
        let expected = [
            "current sy2023",
            "report sy2023 template=2021",
            "value t3.new.natural 7 file=\"上犹县政府办-2023.txt\" line=20 col=3 origin=read",
            "value t2.fee.amount 0.25",
            "formula t3.forward.natural = t3.new.natural - t3.total.natural",
            "let rate = t3.result.open.total / t3.new.total",
            "rule sy2023 open_share warning = rate <= 1",
            "text text.s1 \"第一行\\n第二行 \\\"引号\\\" \\\\ 反斜杠\\t制表\"",
        ]
        let present = Set(lines)
        #expect(expected.filter { !present.contains($0) } == [])
    }

    @Test(arguments: [
        ("nonsense\n", 1, "not a gongkai workbook"),
        ("gongkai workbook 1\nvalue t3.new.natural 1\n", 2, "before any ‘report’ line"),
        ("gongkai workbook 1\nreport a template=2021\nvalue t3.new.natural seven\n", 3, "is not a value"),
        ("gongkai workbook 1\nreport a template=2021\ntext meta.org \"open\n", 3, "unterminated string"),
        ("gongkai workbook 1\nreport a\n", 2, "no template="),
        ("gongkai workbook 1\nreport a template=2021\nvalue t3.new.natural 1 origin=guessed\n", 3, "unknown origin"),
        ("gongkai workbook 1\nreport a template=2021\nvalue t3.new.natural 1 line=0 origin=read\n", 3, "positive"),
        ("gongkai workbook 1\nreport a template=2021\nrule a r fatal = 1\n", 3, "severity"),
        ("gongkai workbook 1\nreport a template=2021\nlet r\n", 3, "expected ‘=’"),
        ("gongkai workbook 1\nfrobnicate\n", 2, "unknown keyword"),
        ("gongkai workbook 1\nalias 洪泽县\n", 2, "expected ‘=’"),
        ("gongkai workbook 1\nalias 洪泽县 = 淮安 洪泽区\n", 2, "expected ‘alias BODY = OTHER’"),
    ])
    func malformedLinesAreNamed(text: String, line: Int, message: String) {
        #expect {
            _ = try WorkbookFile.parse(text)
        } throws: { error in
            guard let error = error as? WorkbookFile.ParseError else { return false }
            return error.line == line && error.message.contains(message)
        }
    }

    @Test func writeIsAtomicAndReadable() throws {
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("session.gkw")
        let book = try session()
        try WorkbookFile.write(book.document(), to: url)
        #expect(try WorkbookFile.read(from: url) == book.document())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["session.gkw"])
    }
}
