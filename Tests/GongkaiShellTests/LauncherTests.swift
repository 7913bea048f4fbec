import Foundation
import GongkaiShell
import Testing

/// The `gongkai` commands in-process: exit codes 0/1/2/3 and where output goes.
@Suite("Launcher")
struct LauncherTests {
    static let example = Harness.root + "/examples/上犹县政府办-2023.txt"

    /// A context collecting stdout and stderr apart, with `input` on stdin and HOME pointing nowhere.
    static func context(input: String = "", home: String = "/nonexistent") -> (
        LaunchContext, StringOutput, StringOutput
    ) {
        let out = StringOutput()
        let err = StringOutput()
        let context = LaunchContext(
            output: out, errors: err, environment: ["HOME": home], readStandardInput: { input })
        return (context, out, err)
    }

    /// The example with one published figure changed, so that two error rules fail.
    static func brokenReport(in directory: String) throws -> String {
        let text = try String(contentsOfFile: example, encoding: .utf8)
        // The 予以公开 row of table 三 is its label line followed by one value per line: 6 0 0 0 0 0 6. Make 自然人 5.
        var changed = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let label = try #require(changed.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "（一）予以公开" })
        #expect(changed[label + 1] == "\t6")
        changed[label + 1] = "\t5"
        let path = directory + "/broken-2023.txt"
        try changed.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func checkPassesOnTheExample() {
        let (context, out, err) = Self.context()
        #expect(Launcher.check(Launcher.CheckRequest(files: [Self.example], all: false), context: context) == 0)
        #expect(out.text.contains("43 hold, 0 fail, 0 incomplete"))
        #expect(err.text.isEmpty)
    }

    @Test func checkFailsWithThree() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let broken = try Self.brokenReport(in: directory)
        let (context, out, _) = Self.context()
        #expect(
            Launcher.check(Launcher.CheckRequest(files: [Self.example, broken], all: false), context: context) == 3)
        #expect(out.text.contains("fails"))
    }

    @Test func unreadableInputIsTwo() {
        let (context, _, err) = Self.context()
        #expect(
            Launcher.check(Launcher.CheckRequest(files: ["/nonexistent/report.txt"], all: false), context: context) == 2
        )
        #expect(err.text.contains("no such file"))
        #expect(Launcher.run(script: "/nonexistent/x.gongkai", bail: false, skipInit: true, context: context) == 2)
        #expect(
            Launcher.shell(files: ["/nonexistent/r.txt"], commands: nil, bail: false, skipInit: true, context: context)
                == 2)
    }

    @Test func commandsAndBail() {
        let (context, out, err) = Self.context()
        let code = Launcher.shell(
            files: [Self.example], commands: "t3.total.total; .nope; t3.new.total", bail: false, skipInit: true,
            context: context)
        #expect(code == 1)
        #expect(out.text.hasSuffix("7\n7\n"))
        #expect(err.text.contains("Error in command 2: unknown command ‘.nope’"))

        let (context2, out2, _) = Self.context()
        let bailed = Launcher.shell(
            files: [Self.example], commands: "t3.total.total; .nope; t3.new.total", bail: true, skipInit: true,
            context: context2)
        #expect(bailed == 1)
        #expect(out2.text.hasSuffix("7\n"))
        #expect(!out2.text.hasSuffix("7\n7\n"))
    }

    @Test func scriptCheckExitsThree() {
        let (context, _, _) = Self.context(input: "t3.result.open.natural = 5\n.check\n")
        #expect(
            Launcher.shell(files: [Self.example], commands: nil, bail: false, skipInit: true, context: context) == 3)
        let (ok, _, _) = Self.context(input: ".check\n")
        #expect(Launcher.shell(files: [Self.example], commands: nil, bail: false, skipInit: true, context: ok) == 0)
    }

    @Test func initFileRunsUnlessSkipped() throws {
        let home = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: home) }
        try ".echo on\n".write(toFile: home + "/.gongkairc", atomically: true, encoding: .utf8)
        let (context, out, _) = Self.context(input: "1 + 1\n", home: home)
        #expect(Launcher.shell(files: [], commands: nil, bail: false, skipInit: false, context: context) == 0)
        #expect(out.text == "gongkai> 1 + 1\n2\n")
        let (skipped, out2, _) = Self.context(input: "1 + 1\n", home: home)
        #expect(Launcher.shell(files: [], commands: nil, bail: false, skipInit: true, context: skipped) == 0)
        #expect(out2.text == "2\n")
    }

    @Test func exportStrictAndDefault() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let broken = try Self.brokenReport(in: directory)
        // Default: exported, failing rules on stderr, exit 0.
        let (context, out, err) = Self.context()
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: [broken], format: "csv", excel: false, output: nil, tables: ["t3"], strict: false),
                context: context) == 0)
        #expect(out.text.contains("予以公开"))
        #expect(err.text.contains("t3.rowsum.result.open fails"))
        // --strict: nothing written, exit 3.
        let (strict, out2, _) = Self.context()
        let target = directory + "/out.csv"
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: [broken], format: "csv", excel: false, output: target, tables: [], strict: true),
                context: strict) == 3)
        #expect(out2.text.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: target))
        // A good report with -o: the file is written, stdout stays empty.
        let (good, out3, _) = Self.context()
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: [Self.example], format: "markdown", excel: false, output: target, tables: ["t4"],
                    strict: true), context: good) == 0)
        #expect(out3.text.isEmpty)
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("行政复议"))
        // Bad usage.
        let (bad, _, _) = Self.context()
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: [Self.example], format: "pdf", excel: false, output: nil, tables: [], strict: false),
                context: bad) == 2)
    }

    @Test func severalReportsInOneLongCSV() {
        let (context, out, _) = Self.context()
        let huaian = Harness.root + "/Tests/Fixtures/reports/淮安市-2024.txt"
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: [Self.example, huaian], format: "csv-long", excel: false, output: nil, tables: ["t4"],
                    strict: false), context: context) == 0)
        let lines = out.text.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("report,") }.count == 1)
        #expect(lines.count == 1 + 2 * 15)
        #expect(lines.contains { $0.hasPrefix("上犹县政府办_2023,t4.review.total,") })
        #expect(lines.contains { $0.hasPrefix("淮安市_2024,t4.review.total,") })
    }
}
