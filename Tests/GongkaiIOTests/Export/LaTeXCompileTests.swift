import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiTestSupport
import Testing

/// Runs xelatex once (the first run must succeed) and extracts the PDF's text with pdftotext.
enum LaTeXRunner {
    static let available = ExportFixtures.tool("xelatex") != nil && ExportFixtures.tool("pdftotext") != nil

    struct Result {
        let directory: URL
        let log: String
        /// The PDF text in content-stream order (`pdftotext -raw`), with all whitespace removed.
        let text: String
        let pdf: URL
    }

    static func compile(_ source: String, shellEscape: Bool = false) throws -> Result {
        let xelatex = try #require(ExportFixtures.tool("xelatex"))
        let pdftotext = try #require(ExportFixtures.tool("pdftotext"))
        let directory = try ExportFixtures.temporaryDirectory()
        try Data(source.utf8).write(to: directory.appendingPathComponent("report.tex"))
        let run = try ExportFixtures.run(
            xelatex,
            [
                "-interaction=nonstopmode", "-halt-on-error", shellEscape ? "-shell-escape" : "-no-shell-escape",
                "report.tex",
            ],
            in: directory)
        let log = (try? String(contentsOf: directory.appendingPathComponent("report.log"), encoding: .utf8)) ?? ""
        try #require(
            run.status == 0,
            "xelatex failed:\n\(log.split(separator: "\n").filter { $0.hasPrefix("!") }.joined(separator: "\n"))")
        let pdf = directory.appendingPathComponent("report.pdf")
        let text = try ExportFixtures.run(pdftotext, ["-raw", "-enc", "UTF-8", pdf.path, "-"])
        try #require(text.status == 0)
        return Result(
            directory: directory, log: log, text: stripped(String(decoding: text.output, as: UTF8.self)), pdf: pdf)
    }

    static func stripped(_ text: String) -> String { String(text.filter { !$0.isWhitespace }) }
}

/// Checks that texts occur in a string one after another.
struct InOrder {
    let text: String
    var position: String.Index

    init(_ text: String) {
        self.text = text
        position = text.startIndex
    }

    mutating func expect(_ piece: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let wanted = LaTeXRunner.stripped(piece)
        guard let range = text.range(of: wanted, range: position..<text.endIndex) else {
            Issue.record("not found in order: \(wanted)", sourceLocation: sourceLocation)
            return
        }
        position = range.upperBound
    }
}

@Suite(
    "LaTeX export compiles with xelatex",
    .enabled(if: LaTeXRunner.available, "xelatex or pdftotext is not installed: LaTeX compile tests skipped"))
struct LaTeXCompileTests {
    @Test(
        "every golden report compiles on the first run; the PDF has the labels and values in order",
        arguments: ExportFixtures.goldenNames)
    func goldenReport(name: String) throws {
        let golden = try ExportFixtures.golden(name)
        let report = golden.report
        let result = try LaTeXRunner.compile(try Exporter.export([report], format: .latex))
        defer { try? FileManager.default.removeItem(at: result.directory) }
        #expect(!result.log.contains("Overfull \\hbox"), "a table is wider than the page")
        #expect(!result.log.contains("Missing character"))
        #expect(!result.text.contains("root:x:0:0"))
        var order = InOrder(result.text)
        order.expect(report.heading)
        func values(_ cells: [TemplateCell]) -> String {
            cells.map { golden.expected[$0.name].flatMap { $0?.description } ?? "" }.joined()
        }
        for table in report.template.tables {
            order.expect(table.fullTitle)
            let cells = report.template.cells(ofTable: table.id)
            switch table.layout {
            case .sections, .grid:
                for section in table.sections {
                    if let heading = section.heading { order.expect(heading) }
                    for row in section.rows {
                        let rowCells = cells.filter { $0.rowKey == row.key }
                        order.expect((row.labels.last ?? "") + values(rowCells))
                    }
                }
            case .singleRow(let header):
                for node in header { order.expect(node.label) }
                // The 15 values in template order, on one row.
                order.expect(values(Array(cells)))
            }
        }
    }

    @Test("several reports compile into one document, each from a new page")
    func severalReports() throws {
        let reports = try ["上犹县政府办-2023", "淮安市-2024"].map { try ExportFixtures.golden($0).report }
        let source = try Exporter.export(reports, format: .latex, tables: ["t4"])
        #expect(source.components(separatedBy: "\\clearpage").count == 2)
        let result = try LaTeXRunner.compile(source)
        defer { try? FileManager.default.removeItem(at: result.directory) }
        var order = InOrder(result.text)
        order.expect(reports[0].heading)
        order.expect("000000000000000")
        order.expect(reports[1].heading)
        order.expect("72641783735113481261211620")
    }

    @Test("a fragment compiles inside a ctexart document")
    func fragment() throws {
        let golden = try ExportFixtures.golden("平潭综合实验区-2021")
        let fragment = try Exporter.export([golden.report], format: .latexFragment, tables: ["t3", "t4"])
        #expect(!fragment.contains("\\begin{document}"))
        let document = """
            \\documentclass[UTF8,fontset=fandol]{ctexart}
            \\usepackage[a4paper,margin=2cm]{geometry}
            \\usepackage{array}
            \\usepackage{multirow}
            \\begin{document}
            \(fragment)
            \\end{document}
            """
        let result = try LaTeXRunner.compile(document)
        defer { try? FileManager.default.removeItem(at: result.directory) }
        var order = InOrder(result.text)
        order.expect("三、收到和处理政府信息公开申请情况")
        order.expect("一、本年新收政府信息公开申请数量640020470")
        order.expect("四、政府信息公开行政复议、行政诉讼情况")
        order.expect("10203120001200000")
    }
}
