import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Damaged and re-encoded copies of the real fixtures: the same values, or a clear error, never a silent wrong value.
@Suite("Import: encodings and malformed input")
struct MalformedInputTests {
    static let importer = ReportImporter()
    static let textFixtures = [
        "上犹县政府办-2023.txt", "淮安市-2024.txt", "上海市科委-2024.md", "平潭综合实验区-2021.txt", "平潭综合实验区-2021.html",
    ]

    static func load(_ bytes: [UInt8], _ name: String) throws(ImportError) -> ImportedReport {
        try importer.importReport(bytes: bytes, fileName: name)
    }

    /// The cell values as comparable text, in official order.
    static func cells(_ report: ImportedReport) -> [String] {
        report.template.cells.map { report.values[$0.index]?.0.description ?? "∅" }
    }

    static func gb18030(_ bytes: [UInt8]) throws -> [UInt8] {
        let text = String(decoding: bytes, as: UTF8.self)
        let data = try #require(text.data(using: SourceDecoder.gb18030))
        return [UInt8](data)
    }

    @Test("GB18030 re-encoding loads identically", arguments: textFixtures.filter { !$0.hasSuffix(".html") })
    func gb18030(_ name: String) throws {
        let utf8 = try Fixtures.bytes("reports/" + name)
        let original = try Self.load(utf8, name)
        let encoded = try Self.gb18030(utf8)
        #expect(encoded != utf8)
        let reencoded = try Self.load(encoded, name)
        #expect(reencoded.encoding == .gb18030)
        #expect(Self.cells(reencoded) == Self.cells(original))
        #expect(reencoded.missingNames == original.missingNames)
        #expect(reencoded.inferredNames == original.inferredNames)
        #expect(reencoded.org == original.org)
    }

    @Test("GB18030 via iconv, as a user would convert it, loads identically")
    func iconv() throws {
        let name = "淮安市-2024.txt"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030", Fixtures.url("reports/" + name).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return }  // no iconv on this machine: covered by the Foundation test
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let report = try Self.load([UInt8](data), name)
        #expect(report.encoding == .gb18030)
        #expect(Self.cells(report) == Self.cells(try Self.load(try Fixtures.bytes("reports/" + name), name)))
    }

    @Test("CRLF line ends and a BOM load identically", arguments: textFixtures)
    func crlfAndBOM(_ name: String) throws {
        let bytes = try Fixtures.bytes("reports/" + name)
        let original = try Self.load(bytes, name)
        var crlf: [UInt8] = [0xEF, 0xBB, 0xBF]
        for byte in bytes {
            if byte == 0x0A { crlf.append(0x0D) }
            crlf.append(byte)
        }
        let report = try Self.load(crlf, name)
        #expect(report.encoding == .utf8WithBOM)
        #expect(Self.cells(report) == Self.cells(original))
        #expect(report.missingNames == original.missingNames)
        #expect(report.inferredNames == original.inferredNames)
        // Lines and columns stay those of the original file.
        for (cell, entry) in original.values {
            #expect(report.values[cell]?.1.line == entry.1.line)
            #expect(report.values[cell]?.1.column == entry.1.column)
        }
    }

    @Test("full-width digits and thousands separators read as numbers")
    func fullWidthDigits() throws {
        let name = "淮安市-2024.txt"
        var text = String(decoding: try Fixtures.bytes("reports/" + name), as: UTF8.self)
        text = text.replacingOccurrences(of: "3001 53 0 0 61 4 3119", with: "３００１ 53 0 0 61 4 3,119")
        let report = try Self.importer.importReport(text: text, fileName: name)
        #expect(report.value("t3.new.natural") == 3001)
        #expect(report.value("t3.new.total") == 3119)
        #expect(report.missing.isEmpty)
    }

    @Test("blank marks are empty cells, never 0")
    func blanks() throws {
        let name = "淮安市-2024.txt"
        var text = String(decoding: try Fixtures.bytes("reports/" + name), as: UTF8.self)
        text = text.replacingOccurrences(of: "行政许可 447228", with: "行政许可 —")
        text = text.replacingOccurrences(of: "行政处罚 3985758", with: "行政处罚 /")
        text = text.replacingOccurrences(of: "行政强制 88283", with: "行政强制 无")
        let report = try Self.importer.importReport(text: text, fileName: name)
        #expect(report.missingNames == ["t2.permit.decided", "t2.penalty.decided", "t2.coercion.decided"])
        #expect(report.value("t2.permit.decided") == .empty)
        for note in report.missing { #expect(note.reason.contains("blank")) }
    }

    @Test("a truncated file gives the tables before the cut and lists the rest as missing", arguments: textFixtures)
    func truncated(_ name: String) throws {
        let bytes = try Fixtures.bytes("reports/" + name)
        let original = try Self.load(bytes, name)
        // Cut just after the last value of the 予以公开 row, in the middle of a multi-byte character if it lands there.
        let cell = try #require(original.provenance("t3.result.open.total"))
        let text = String(decoding: bytes, as: UTF8.self)
        var lineStarts = [text.utf8.startIndex]
        for index in text.utf8.indices where text.utf8[index] == 0x0A {
            lineStarts.append(text.utf8.index(after: index))
        }
        let lineStart = lineStarts[try #require(cell.line) - 1]
        let lineText = text[lineStart...].prefix { $0 != "\n" }
        let cut =
            lineText.index(
                lineText.startIndex, offsetBy: try #require(cell.column) - 1 + 2, limitedBy: lineText.endIndex)
            ?? lineText.endIndex
        let prefix = Array(text.utf8[..<cut]) + [0xE6]  // a dangling lead byte, as a cut download has
        let report = try Self.load(prefix, name)
        #expect(report.value("t2.permit.decided") == original.value("t2.permit.decided"))
        #expect(report.value("t3.new.total") == original.value("t3.new.total"))
        #expect(report.missingNames.contains("t4.review.total"))
        #expect(report.missingNames.contains("t3.total.total"))
        #expect(
            report.diagnostics.contains { $0.code == "I101" && $0.table == "t4" && $0.message.contains("truncated") })
        // What was read is what the complete file says; nothing moved into a neighbouring cell.
        for (cell, entry) in report.values { #expect(entry.0 == original.values[cell]?.0) }
    }

    @Test("junk bytes in the middle are replaced and reported, the tables still read")
    func junkBytes() throws {
        let name = "上犹县政府办-2023.txt"
        var bytes = try Fixtures.bytes("reports/" + name)
        bytes.insert(contentsOf: [0xFF, 0xFE, 0x80], at: 300)
        let report = try Self.load(bytes, name)
        #expect(report.encoding == .utf8Repaired)
        #expect(report.diagnostics.contains { $0.code == "I010" })
        #expect(Self.cells(report) == Self.cells(try Self.load(try Fixtures.bytes("reports/" + name), name)))
    }

    @Test("binary data is refused")
    func binary() throws {
        var bytes = try Fixtures.bytes("reports/淮安市-2024.txt")
        bytes.replaceSubrange(0..<8, with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])  // a PNG header
        bytes.insert(contentsOf: [0, 0, 0, 13], at: 8)
        #expect(throws: ImportError.self) { try Self.load(bytes, "a.txt") }
        do {
            _ = try Self.load(bytes, "a.txt")
        } catch {
            #expect(error.code == "I003")
            #expect(error.description.contains("binary"))
        }
    }

    @Test("text that is neither UTF-8 nor GB18030 is refused with a hint")
    func undecodable() throws {
        let bytes: [UInt8] = Array("信息公开".utf8).flatMap { [$0, 0x80, 0xFF] }
        #expect(throws: ImportError.self) { try Self.load(bytes, "a.txt") }
        do { _ = try Self.load(bytes, "a.txt") } catch { #expect(error.code == "I004") }
    }

    @Test("an empty file and a file without tables are errors")
    func noTables() throws {
        do {
            _ = try Self.load([], "empty.txt")
            Issue.record("an empty file loaded")
        } catch { #expect(error.code == "I002") }
        let prose = Array("上犹县政府办\n2023年政府信息公开工作年度报告\n一、总体情况\n本年度收到申请7件。\n".utf8)
        do {
            _ = try Self.load(prose, "prose.txt")
            Issue.record("a file without tables loaded")
        } catch {
            #expect(error.code == "I005")
            #expect(error.description.contains("no recognisable report tables"))
        }
    }

    @Test(
        "a removed row is reported with its table and row, and nothing shifts into it",
        arguments: ["上犹县政府办-2023.txt", "淮安市-2024.txt"])
    func removedRow(_ name: String) throws {
        let bytes = try Fixtures.bytes("reports/" + name)
        let original = try Self.load(bytes, name)
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        // Drop the 6.属于四类过程性信息 row: its label line and its numbers.
        let label = try #require(lines.firstIndex { $0.contains("6.属于四类过程性信息") })
        let line = try #require(original.provenance("t3.result.denied.process.total")?.line)
        lines.removeSubrange(label...(line - 1))
        let report = try Self.importer.importReport(text: lines.joined(separator: "\n"), fileName: name)
        let row = report.template.cells.filter { $0.rowKey == "result.denied.process" }.map(\.name)
        #expect(report.missingNames == row)
        #expect(report.diagnostics.contains { $0.table == "t3" && $0.row == "result.denied.process" })
        // The rows around it keep their own values.
        for name in [
            "t3.result.denied.internal.total", "t3.result.denied.enforce.natural", "t3.result.denied.enforce.total",
        ] {
            #expect(report.value(name) == original.value(name))
        }
    }

    @Test("a row with a value too few is left empty and reported, not shifted")
    func shortRow() throws {
        let name = "淮安市-2024.txt"
        var text = String(decoding: try Fixtures.bytes("reports/" + name), as: UTF8.self)
        text = text.replacingOccurrences(of: "7.属于行政执法案卷 9 0 0 0 0 0 9", with: "7.属于行政执法案卷 9 0 0 0 0 9")
        let report = try Self.importer.importReport(text: text, fileName: name)
        #expect(
            report.missingNames == report.template.cells.filter { $0.rowKey == "result.denied.enforce" }.map(\.name))
        #expect(report.missing.allSatisfy { $0.reason.contains("6 value(s) where 7 are expected") })
        #expect(report.value("t3.result.denied.query.natural") == 105)
    }

    @Test("a 2019 trial-format report is read into the 2019 template, never as 2021; the 2019 importer refuses nothing")
    func trialFormat() throws {
        let name = "平潭综合实验区-2020-2019format.txt"
        let bytes = try Fixtures.bytes("reports/" + name)
        let report = try Self.load(bytes, name)
        #expect(report.template.id == ReportTemplate.trial2019.id)
        #expect(report.value("t2.fee.change") == -15)
        #expect(report.value("t3.result.other.natural") == 4)
        // The 2019 importer reads it directly; a 2021 report stays 2021 whichever importer reads it.
        let direct = try ReportImporter(template: .trial2019).importReport(bytes: bytes, fileName: name)
        #expect(direct.template.id == ReportTemplate.trial2019.id)
        #expect(direct.values.count == report.values.count)
        let other = try Self.load(try Fixtures.bytes("reports/上犹县政府办-2023.txt"), "上犹县政府办-2023.txt")
        #expect(other.template.id == ReportTemplate.official2021.id)
    }

    @Test("a sign glued into a run starts a value and only lands in a signed column (本年增/减)")
    func gluedSign() throws {
        var budget = 1_000_000
        func readings(_ run: String, _ width: Int) -> [[String]] {
            (DigitRunSplitter.readings([Array(run.unicodeScalars)], width: width, budget: &budget) ?? []).map {
                $0.values.map(\.description)
            }
        }
        #expect(readings("35-15", 2) == [["35", "-15"]])
        #expect(
            readings("2648-18538", 3).filter { $0[1].hasPrefix("-") }
                == [["2648", "-1", "8538"], ["2648", "-18", "538"], ["2648", "-185", "38"], ["2648", "-1853", "8"]])
        #expect(readings("2648-18538", 3).allSatisfy { $0.filter { $0.hasPrefix("-") }.count == 1 })
        #expect(readings("12-", 2).isEmpty)
    }
}

/// Where values came from: lines and columns of known numbers.
@Suite("Import: provenance")
struct ProvenanceTests {
    static func load(_ name: String) throws -> ImportedReport {
        try ReportImporter().importReport(bytes: try Fixtures.bytes("reports/" + name), fileName: name)
    }

    @Test("one cell per line: line of the number, column after the tab")
    func cellPerLine() throws {
        let report = try Self.load("上犹县政府办-2023.txt")
        let p = try #require(report.provenance("t2.norm.valid"))
        #expect(p.file == "上犹县政府办-2023.txt")
        #expect(p.line == 40)
        #expect(p.column == 2)
        #expect(p.origin == .read)
        #expect(report.value("t2.norm.valid") == 35)
    }

    @Test("PDF text: column of the number within its line")
    func pdfText() throws {
        let report = try Self.load("淮安市-2024.txt")
        let p = try #require(report.provenance("t3.total.total"))
        #expect(p.line == 126)
        #expect(p.column == 24)  // （七）总计 2932 53 0 0 61 4 3050
        let fee = try #require(report.provenance("t2.fee.amount"))
        #expect(fee.line == 75 && fee.column == 9)
        #expect(report.value("t2.fee.amount") == .number(try #require(DecimalNumber("96171.6"))))
        // The table-四 row: the 15th number of line 137.
        #expect(report.provenance("t4.suit.after.total")?.line == 137)
        #expect(report.provenance("t4.suit.after.total")?.column == 39)
    }

    @Test("glued runs: each value points into the run, inferred ones say why")
    func flatText() throws {
        let report = try Self.load("平潭综合实验区-2021.txt")
        let natural = try #require(report.provenance("t3.new.natural"))
        let total = try #require(report.provenance("t3.new.total"))
        #expect(natural.line == 10 && total.line == 10)
        #expect(total.column == natural.column.map { $0 + 7 })  // 64|0|0|2|0|4|70
        #expect(natural.origin == .inferred)
        #expect(natural.note?.contains("640020470") == true)
        let partial = try #require(report.provenance("t3.result.partial.natural"))
        #expect(partial.origin == .read)
        let norm = report.missing.first { report.template.cells[$0.cell].name == "t2.norm.made" }
        #expect(norm?.reason.contains("693665") == true)
    }

    @Test("markdown: column of the cell; rows placed by order say so")
    func markdown() throws {
        let report = try Self.load("上海市科委-2024.md")
        #expect(report.provenance("t2.norm.made")?.line == 89)
        #expect(report.provenance("t2.norm.made")?.column == 11)
        let partial = try #require(report.provenance("t3.result.partial.natural"))
        #expect(partial.line == 105 && partial.origin == .inferred)
        #expect(partial.note?.contains("order") == true)
        let forward = report.missing.first { report.template.cells[$0.cell].name == "t3.forward.total" }
        #expect(forward?.reason.contains("blank") == true)
    }

    @Test("HTML: line and column of the cell text in the page source")
    func html() throws {
        let report = try Self.load("平潭综合实验区-2021.html")
        let p = try #require(report.provenance("t2.fee.amount"))
        let line = try #require(p.line)
        let source = try String(contentsOf: Fixtures.url("reports/平潭综合实验区-2021.html"), encoding: .utf8)
        let text = source.components(separatedBy: "\n")[line - 1]
        let column = try #require(p.column)
        #expect(String(text.dropFirst(column - 1).prefix(12)) == "24252.311082")
    }
}

@Suite("Import: UTF-16")
struct UTF16Tests {
    @Test("UTF-16 with a byte-order mark loads like the UTF-8 original")
    func utf16() throws {
        let name = "淮安市-2024.txt"
        let utf8 = try Fixtures.bytes("reports/" + name)
        let data = try #require(String(decoding: utf8, as: UTF8.self).data(using: .utf16))  // Foundation writes a BOM
        let importer = ReportImporter()
        let report = try importer.importReport(bytes: [UInt8](data), fileName: name)
        let original = try importer.importReport(bytes: utf8, fileName: name)
        #expect(report.encoding == .utf16)
        #expect(MalformedInputTests.cells(report) == MalformedInputTests.cells(original))
    }
}
