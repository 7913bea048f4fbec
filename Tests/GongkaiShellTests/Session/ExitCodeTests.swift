import Foundation
import Testing

/// Every exit code of `gongkai check`, `export --strict` and scripts' `.check`, through the built binary, on real
/// reports: 0 all holds and is complete, 2 a file refused (the others still checked), 3 an error rule fails, 4 cells
/// missing or rules incomplete (0 with --allow-incomplete); the most severe wins.
@Suite("Exit codes")
struct ExitCodeTests {
    static let good = "examples/上犹县政府办-2023.txt"
    static let failing = "Tests/Fixtures/reports/洪泽区-2023.txt"  // 行政复议 total printed 0: two rules fail
    static let incomplete = "Tests/Fixtures/reports/洪泽区-2024.txt"  // （六） items not printed: 21 cells missing
    static let trial = "Tests/Fixtures/reports/平潭综合实验区-2020-2019format.txt"  // 2019 format, fails rule 5 as printed
    static let binary = "Tests/Fixtures/bad-input/import/binary.txt"  // refused: not a report text

    /// The first 55% of the example: the file ends inside table 三.
    static func truncated(in directory: String) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Harness.root + "/" + good)))
        var cut = bytes.count * 55 / 100
        while cut > 0, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        let path = directory + "/truncated.txt"
        try Data(bytes[..<cut]).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let checkCases: [([String], Int32)] = [
        ([good], 0),
        ([failing], 3),
        ([incomplete], 4),
        ([good, incomplete], 4),
        ([good, failing, incomplete], 3),
        ([good, binary], 2),
        ([binary, failing], 2),
        ([trial], 3),
        ([good, trial], 3),
        (["/nonexistent/report.txt", good], 2),
        (["Tests/Fixtures/reports/README.md", good], 0),
        // Every cell read, every rule holding, but invalid UTF-8 was replaced: damaged input is never clean.
        (["Tests/Fixtures/bad-input/import/ha-invalid-utf8.txt"], 4),
        (["Tests/Fixtures/bad-input/import/ha-control-bel.txt", good], 4),
        // A glued run no rule can split is a note, not damage: its cells are missing, which already says 4.
        (["Tests/Fixtures/reports/平潭综合实验区-2021.txt"], 4),
    ]

    @Test(arguments: checkCases)
    func check(files: [String], code: Int32) throws {
        let result = try BinaryTests.run(["check"] + files)
        #expect(result.code == code, "\(files): \(result.err)")
        // The others are still checked.
        if files.contains(Self.good) { #expect(result.out.contains("上犹县政府办_2023: 200 of 200 cells")) }
    }

    @Test func truncatedReportIsIncomplete() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try Self.truncated(in: directory)
        let result = try BinaryTests.run(["check", path])
        #expect(result.code == 4)
        #expect(result.out.contains("incomplete ("))
        #expect(try BinaryTests.run(["check", path, "--allow-incomplete"]).code == 0)
        // export --strict refuses an incomplete report with 4; without --strict it is written (exit 0).
        #expect(try BinaryTests.run(["export", path, "--format", "csv", "--strict"]).code == 4)
        #expect(try BinaryTests.run(["export", path, "--format", "csv"]).code == 0)
    }

    @Test func strictExportWritesNothingForAFailingReport() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let target = directory + "/out.csv"
        let result = try BinaryTests.run(["export", Self.failing, "--format", "csv", "--strict", "-o", target])
        #expect(result.code == 3)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(result.err.contains("not exported (--strict"))
    }

    @Test func scriptsCountTheirChecks() throws {
        #expect(try BinaryTests.run(["-X", Self.good, "-c", ".check"]).code == 0)
        #expect(try BinaryTests.run(["-X", Self.incomplete, "-c", ".check"]).code == 4)
        #expect(try BinaryTests.run(["-X", Self.incomplete, "-c", ".check", "--allow-incomplete"]).code == 0)
        #expect(try BinaryTests.run(["-X", Self.failing, "-c", ".check"]).code == 3)
        // A refused file on the command line no longer stops the run: the commands run, the exit code is 2.
        let refused = try BinaryTests.run(["-X", Self.binary, Self.good, "-c", ".reports"])
        #expect(refused.code == 2)
        #expect(refused.out.contains("上犹县政府办_2023"))
        #expect(refused.err.contains("binary data"))
        // A 2019-format report loads beside a 2021 one, each in its own format.
        let both = try BinaryTests.run(["-X", Self.trial, Self.good, "-c", ".reports"])
        #expect(both.code == 0)
        #expect(both.out.contains("平潭综合实验区_2020") && both.out.contains("上犹县政府办_2023"))
    }

    @Test func checkSuggestsRepairsOfTheRealErrors() throws {
        // 洪泽区 2023 prints 行政复议 10/1/0/0 with 总计 0, and 复议后起诉 5/0/0/0 with 总计 0.
        let result = try BinaryTests.run(["check", "--suggest", Self.failing, Self.good])
        #expect(result.code == 3)
        let lines = result.out.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("1.") && $0.contains("t4.review.total") })
        #expect(lines[first].contains("11"))
        #expect(lines[first...].prefix(4).joined().contains("t4.suit.after.total"))
        // A report whose rules hold gets no suggestion block.
        #expect(!result.out.contains("上犹县政府办_2023: no error rule fails"))
    }

    @Test func summaryForMachines() throws {
        let csv = try BinaryTests.run(["check", "--summary", "--format", "csv", Self.good, Self.failing])
        #expect(csv.code == 3)
        let lines = csv.out.split(separator: "\n")
        #expect(lines.first?.hasPrefix("report,body,year,source,read") == true)
        #expect(lines.count == 3)
        #expect(lines.contains { $0.hasPrefix("洪泽区_2023,洪泽区人民政府,2023,") && $0.hasSuffix(",error") })
        let json = try BinaryTests.run(["check", "--summary", "--format", "json", Self.good])
        let records = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(records.count == 1)
        #expect((records[0]["cells"] as? [String: Any])?["read"] as? Int == 200)
    }

    @Test func versionAndUsage() throws {
        let version = try BinaryTests.run(["--version"])
        #expect(version.code == 0 && version.out.hasPrefix("gongkai "))
        let help = try BinaryTests.run(["--help"])
        #expect(help.out.contains("4 nothing\nfails") || help.out.contains("4 nothing fails"))
    }
}
