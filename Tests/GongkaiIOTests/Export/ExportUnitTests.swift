import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

@Suite("CSV fields")
struct CSVFieldTests {
    @Test(
        "RFC 4180 quoting",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "\"cr\r\""), ("", ""), ("三、本年度办理结果", "三、本年度办理结果"),
        ])
    func quoting(_ input: String, _ expected: String) {
        #expect(CSVWriter.encode(.text(input)) == expected)
    }

    @Test(
        "formula injection guard on text only",
        arguments: [
            ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(1)", "'@SUM(1)"), ("\tx", "'\tx"),
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"), ("a=b", "a=b"), ("'quoted", "'quoted"),
        ])
    func guarding(_ input: String, _ expected: String) {
        #expect(CSVWriter.guarded(input) == expected)
    }

    @Test("numbers are written as they are; empty is an empty field, not 0")
    func numbers() {
        #expect(CSVExporter.field(.number(DecimalNumber(-3))) == .number("-3"))
        #expect(CSVWriter.encode(CSVExporter.field(.number(DecimalNumber(-3)))) == "-3")
        #expect(CSVWriter.encode(CSVExporter.field(.number(DecimalNumber("24252.311082")!))) == "24252.311082")
        #expect(CSVWriter.encode(CSVExporter.field(.empty)) == "")
        #expect(CSVWriter.encode(CSVExporter.field(.error(.divisionByZero))) == "#DIV/0!")
        #expect(CSVWriter.encode(CSVExporter.field(.text("-3"))) == "'-3")
    }

    @Test("Excel profile: BOM and CRLF")
    func excel() {
        var writer = CSVWriter(excel: true)
        writer.append([.text("a"), .number("1")])
        #expect(Array(writer.output.utf8) == [0xEF, 0xBB, 0xBF] + Array("a,1\r\n".utf8))
    }
}

@Suite("LaTeX escaping")
struct LaTeXEscapeTests {
    @Test(
        "special characters become text",
        arguments: [
            ("\\input{/etc/passwd}", "\\textbackslash{}input\\{/etc/passwd\\}"),
            ("50% & $5 #1 a_b", "50\\% \\& \\$5 \\#1 a\\_b"), ("^^5c", "\\textasciicircum{}\\textasciicircum{}5c"),
            ("~", "\\textasciitilde{}"), ("a--b", "a-{}-b"), ("''", "\\textquotesingle{}\\textquotesingle{}"),
            ("line\nbreak", "line break"), ("bell\u{07}", "bell"), ("3.危及“三安全一稳定”", "3.危及“三安全一稳定”"),
            ("（七）总计", "（七）总计"), ("-3", "-3"),
        ])
    func escaping(_ input: String, _ expected: String) {
        #expect(LaTeXText.escape(input) == expected)
    }

    @Test(
        "no category-code character survives",
        arguments: ["\\def\\x{y}", "%comment", "{\\catcode`\\^^M=13}", "$x^2_i$"])
    func nothingActive(_ input: String) {
        let escaped = LaTeXText.escape(input)
        // Every backslash starts one of our commands or escapes; every brace belongs to them.
        let allowed = [
            "\\textbackslash{}", "\\textasciicircum{}", "\\textasciitilde{}", "\\textquotesingle{}",
            "\\textasciigrave{}", "\\{", "\\}", "\\$", "\\&", "\\#", "\\_", "\\%", "{}",
        ]
        var rest = escaped
        for token in allowed { rest = rest.replacingOccurrences(of: token, with: "") }
        #expect(!rest.contains { "\\{}$&#^_%~".contains($0) }, "left over: \(rest)")
    }

    @Test("headers of wide characters break evenly")
    func balancedLines() {
        #expect(LaTeXExporter.balancedLines("结果维持", room: 3.1) == ["结果", "维持"])
        #expect(LaTeXExporter.balancedLines("社会公益组织", room: 3.6) == ["社会公", "益组织"])
        #expect(LaTeXExporter.balancedLines("总计", room: 3.1) == ["总计"])
        #expect(LaTeXExporter.balancedLines("a b c d e", room: 2) == ["a b c d e"])
    }
}

@Suite("Exporter entry point")
struct ExporterTests {
    @Test("table selection by id, number or 表 number; unknown tables are errors")
    func selection() throws {
        let template = ReportTemplate.official2021
        #expect(try Exporter.selectTables(["t3"], of: template).map(\.id) == ["t3"])
        #expect(try Exporter.selectTables(["四", "2"], of: template).map(\.id) == ["t2", "t4"])
        #expect(try Exporter.selectTables(["表三"], of: template).map(\.id) == ["t3"])
        #expect(throws: ExportError.unknownTable("t5", known: ["t2", "t3", "t4"])) {
            try Exporter.selectTables(["t5"], of: template)
        }
    }

    @Test("bad input is an error, not a crash")
    func errors() throws {
        #expect(throws: ExportError.noReports) { try Exporter.export([], format: .csv) }
        let short = ExportReport(name: "x", template: .official2021, values: [.empty])
        #expect(throws: ExportError.valueCount(report: "x", expected: 200, actual: 1)) {
            try Exporter.export([short], format: .latex)
        }
    }

    @Test(
        "an empty report exports empty cells everywhere, never 0",
        arguments: ExportFormat.allCases.filter { !$0.isBinary && !$0.needsSession })
    func emptyReport(_ format: ExportFormat) throws {
        // How a value cell holding 0 looks in each format; the all-zero report shows it, the empty one must not.
        let zeroCell: [ExportFormat: [String]] = [
            .csv: [",0,", "\n0,"], .csvLong: [",0,"], .latex: ["& 0 ", "\n0 &"], .latexFragment: ["& 0 ", "\n0 &"],
            .markdown: ["| 0 |"], .html: [">0<"],
        ]
        let tokens = try #require(zeroCell[format])
        let empty = ExportReport(name: "blank", template: .official2021) { _ in .empty }
        let zero = ExportReport(name: "blank", template: .official2021) { _ in 0 }
        let emptyOutput = try Exporter.export([empty], format: format, tables: ["t4"])
        let zeroOutput = try Exporter.export([zero], format: format, tables: ["t4"])
        #expect(tokens.contains { zeroOutput.contains($0) })
        #expect(!tokens.contains { emptyOutput.contains($0) })
    }

    @Test("statuses: empty and error win; entered by default")
    func statuses() {
        let template = ReportTemplate.official2021
        var values = Array(repeating: Value.number(1), count: template.cells.count)
        values[0] = .empty
        values[1] = .error(.cycle)
        let given = ExportReport(
            name: "r", template: template, values: values, statuses: Array(repeating: .inferred, count: values.count))
        #expect([given.status(at: 0), given.status(at: 1), given.status(at: 2)] == [.empty, .error, .inferred])
        let derived = ExportReport(name: "r", template: template, values: values)
        #expect(derived.status(at: 2) == .entered)
        #expect(CellStatus(Provenance.Origin.inferred) == .inferred)
    }

    @Test("report heading from meta.title, else org and year, else the name")
    func heading() {
        var report = ExportReport(name: "sy2023", template: .official2021) { _ in .empty }
        #expect(report.heading == "sy2023")
        report.texts = ["meta.org": " 上犹县政府办 ", "meta.year": "2023"]
        #expect(report.heading == "上犹县政府办2023年政府信息公开工作年度报告")
        report.texts["meta.title"] = "上犹县人民政府办公室2023年政府信息公开工作年度报告"
        #expect(report.heading == "上犹县人民政府办公室2023年政府信息公开工作年度报告")
    }
}

@Suite("Atomic file writes")
struct AtomicFileTests {
    @Test("writes, replaces, leaves no temporary file")
    func writeAndReplace() throws {
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("out.csv")
        try AtomicFile.write("first", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "first")
        try AtomicFile.write("second, longer", to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second, longer")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
    }

    @Test("a missing directory is an error naming the path")
    func missingDirectory() throws {
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("no/such/dir/out.csv")
        let error = try #require(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: file) }
        #expect(error.description.contains("no/such/dir/out.csv"))
    }

    @Test("a failed rename keeps the old file and removes the temporary one")
    func failedRename() throws {
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // A destination that is a non-empty directory cannot be replaced by a file.
        let target = directory.appendingPathComponent("taken")
        try FileManager.default.createDirectory(
            at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["taken"])
    }
}

extension AtomicFileTests {
    @Test("a replaced file keeps its permissions")
    func keepsPermissions() throws {
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("private.csv")
        try AtomicFile.write("old", to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        try AtomicFile.write("new", to: file)
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new")
    }
}
