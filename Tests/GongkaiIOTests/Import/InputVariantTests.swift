import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Variations the fixtures do not show but reports of the same kinds do: the importer is built for the kinds.
@Suite("Import: variants of each input kind")
struct InputVariantTests {
    static let importer = ReportImporter()

    static func text(_ name: String) throws -> String {
        String(decoding: try Fixtures.bytes("reports/" + name), as: UTF8.self)
    }

    static func values(_ report: ImportedReport) -> [String] {
        report.template.cells.map { report.values[$0.index]?.0.description ?? "∅" }
    }

    @Test("PDF text with every row's numbers on the line after its label reads the same")
    func numbersBelowLabels() throws {
        let name = "淮安市-2024.txt"
        let original = try Self.importer.importReport(text: try Self.text(name), fileName: name)
        // Break each table line `label n n n` into `label` / `n n n`.
        let lines = try Self.text(name).components(separatedBy: "\n").flatMap { line -> [String] in
            guard let first = line.firstIndex(where: \.isNumber), first != line.startIndex,
                line[first...].allSatisfy({ $0.isNumber || $0 == " " || $0 == "." }),
                line[..<first].last == " "
            else { return [line] }
            return [String(line[..<first]), String(line[first...])]
        }
        let report = try Self.importer.importReport(text: lines.joined(separator: "\n"), fileName: name)
        #expect(Self.values(report) == Self.values(original))
        #expect(report.missing.isEmpty && report.inferred.isEmpty)
    }

    @Test("markdown cells with annotations and units keep the number and note the rest")
    func annotations() throws {
        let name = "上海市科委-2024.md"
        var text = try Self.text(name)
        text = text.replacingOccurrences(
            of: "| 规范性文件 | 13 | 0 | 55 |", with: "| 规范性文件 | 13（其中修订2件） | 0 | 55（含自然失效29件） |")
        let report = try Self.importer.importReport(text: text, fileName: name)
        #expect(report.value("t2.norm.made") == 13)
        #expect(report.value("t2.norm.valid") == 55)
        #expect(report.provenance("t2.norm.valid")?.note?.contains("含自然失效29件") == true)
        #expect(report.provenance("t2.norm.valid")?.origin == .read)
    }

    @Test("a fully labelled markdown table reads every row as printed, no inference")
    func labelledMarkdown() throws {
        // 淮安's table 三 retyped as one pipe table, blank cells as `—`.
        let name = "淮安市-2024.txt"
        let original = try Self.importer.importReport(text: try Self.text(name), fileName: name)
        var rows = [
            "## 三、收到和处理政府信息公开申请情况", "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
            "|---|---|---|---|---|---|---|---|",
        ]
        let t3 = original.template.table("t3")!.sections[0]
        for row in t3.rows {
            let cells = original.template.cells.filter { $0.table == "t3" && $0.rowKey == row.key }
            let values = cells.map { cell in
                cell.name == "t3.result.skip.pub.natural" ? "—" : original.values[cell.index]!.0.description
            }
            rows.append("| " + row.labels.joined(separator: " | ") + " | " + values.joined(separator: " | ") + " |")
        }
        let text = "淮安市人民政府\n2024年政府信息公开工作年度报告\n" + rows.joined(separator: "\n") + "\n"
        let report = try Self.importer.importReport(text: text, fileName: "retyped.md")
        #expect(report.kind == .markdown)
        #expect(report.inferred.isEmpty)
        let t3Missing = report.missingNames.filter { $0.hasPrefix("t3.") }
        #expect(t3Missing == ["t3.result.skip.pub.natural"])
        for cell in original.template.cells(ofTable: "t3") where cell.name != "t3.result.skip.pub.natural" {
            #expect(report.values[cell.index]?.0 == original.values[cell.index]?.0, "\(cell.name)")
        }
        // Tables 二 and 四 are not in this file: reported, not invented.
        #expect(report.diagnostics.contains { $0.code == "I101" && $0.table == "t2" })
    }

    @Test("HTML cells with &nbsp; are blank cells, reported missing")
    func htmlBlanks() throws {
        let name = "平潭综合实验区-2021.html"
        var text = try Self.text(name)
        // The 行政许可 value cell: `2293` → `&nbsp;`.
        let range = try #require(text.range(of: ">2293<"))
        text.replaceSubrange(range, with: ">&nbsp;<")
        let report = try Self.importer.importReport(text: text, fileName: name)
        #expect(report.missingNames == ["t2.permit.decided"])
        #expect(report.missing.first?.reason.contains("blank") == true)
    }

    @Test("flattened text: a glued run with several readings the rules cannot settle stays empty")
    func ambiguousRun() throws {
        let name = "平潭综合实验区-2021.txt"
        var text = try Self.text(name)
        // 3.其他 row `1000001` → `10000011`: 8 digits, and both 1,0,0,0,0,0,11 … fail the row sum except one.
        text = text.replacingOccurrences(of: "（七）总计630020469", with: "（七）总计6300204691")
        let report = try Self.importer.importReport(text: text, fileName: name)
        let total = report.template.cells.filter { $0.rowKey == "total" && $0.table == "t3" }.map(\.name)
        // 6300204691 has no split with 总计 = sum of the six columns: the row is left empty and said why.
        for cell in total { #expect(report.missingNames.contains(cell)) }
        let reason = report.missing.first { report.template.cells[$0.cell].name == "t3.total.total" }?.reason ?? ""
        #expect(reason.contains("6300204691"))
        // The rows that the balance rule settled before now cannot be settled: left empty, never guessed.
        #expect(report.value("t3.result.open.natural") == .empty)
    }

    @Test("a report whose table 二 is titled differently is found by its section heading")
    func fallbackHeading() throws {
        let name = "淮安市-2024.txt"
        let original = try Self.importer.importReport(text: try Self.text(name), fileName: name)
        let text = try Self.text(name).replacingOccurrences(of: "二、主动公开政府信息情况", with: "二、主动公开情况统计")
        let report = try Self.importer.importReport(text: text, fileName: name)
        #expect(Self.values(report) == Self.values(original))
    }

    @Test("the summary shows counts per table and groups notes by row")
    func summary() throws {
        let name = "上海市科委-2024.md"
        let report = try Self.importer.importReport(bytes: try Fixtures.bytes("reports/" + name), fileName: name)
        let summary = ImportSummary(report)
        #expect(summary.read == 129 && summary.inferred == 70 && summary.missing == 1)
        #expect(summary.tables.map(\.missing) == [0, 1, 0])
        let text = summary.rendered()
        #expect(text.contains("上海市科委 2024"))
        #expect(text.contains("200 cells: 129 read, 70 inferred, 1 missing"))
        #expect(text.contains("missing  t3.forward.total"))
        #expect(text.contains("inferred t3.result.partial.* (7)"))
        #expect(text.split(separator: "\n").count <= 14)
        #expect(!text.contains("I104"))
    }
}

@Suite("Import: markdown tables as converters write them")
struct MarkdownTableTests {
    @Test("table 二 as one pipe table: section rows, header rows, values spanning three columns")
    func tableTwoPipes() throws {
        let text = """
            某某市人民政府
            2024年政府信息公开工作年度报告
            ## 二、主动公开政府信息情况
            | 第二十条第（一）项 | | | |
            |---|---|---|---|
            | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
            | 规章 | 1 | — | 11 |
            | 行政规范性文件 | 8 | 26 | 66 |
            | 第二十条第（五）项 | | | |
            | 信息内容 | 本年处理决定数量 | | |
            | 行政许可 | | 447,228 | |
            | 第二十条第（六）项 | | | |
            | 行政处罚 | 3985758 | | |
            | 行政强制 | 88283 | | |
            | 第二十条第（八）项 | | | |
            | 行政事业性收费 | 96171.6 | | |
            ## 三、收到和处理政府信息公开申请情况
            """
        let report = try ReportImporter().importReport(text: text, fileName: "t2.md")
        #expect(report.value("t2.reg.made") == 1)
        #expect(report.value("t2.reg.repealed") == .empty)
        #expect(report.value("t2.reg.valid") == 11)
        #expect(report.value("t2.permit.decided") == 447228)
        #expect(report.value("t2.fee.amount") == .number(try #require(DecimalNumber("96171.6"))))
        #expect(report.org == "某某市人民政府" && report.year == 2024)
        let t2Missing = report.missingNames.filter { $0.hasPrefix("t2.") }
        #expect(t2Missing == ["t2.reg.repealed"])
        #expect(report.inferred.isEmpty)
    }
}
