import Foundation
import GongkaiShell
import Testing

/// Issue 12: self-checking scripts (`gongkai test`) and `.record`.
@Suite("Self-checking scripts")
struct ScriptTestTests {
    /// Every script in examples/ (the tour) and Tests/Fixtures/scripts/.
    static let scripts: [String] = ["examples", "Tests/Fixtures/scripts"].flatMap { folder in
        ((try? FileManager.default.contentsOfDirectory(atPath: Harness.root + "/" + folder)) ?? [])
            .filter { $0.hasSuffix(".gongkai") }.sorted().map { folder + "/" + $0 }
    }

    /// The tour, the examples and the fixture scripts pass, in-process, through the launcher.
    @Test(arguments: scripts)
    func passes(script: String) throws {
        let out = StringOutput()
        let errors = StringOutput()
        let path = Harness.root + "/" + script
        // Scripts name their files relative to the package root, as `gongkai test` run there does.
        let code = Launcher.test(
            files: [script], update: false, directory: Harness.root, context: LaunchContext(output: out, errors: errors)
        )
        #expect(code == 0, "\(out.text)\(errors.text)")
        #expect(out.text.hasPrefix("ok \(script) ("))
        // Each is a self-checking script, with its outputs written under its statements.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("--> "))
    }

    @Test("a wrong expectation fails through the built binary: the script's line, a unified diff, exit 1")
    func wrongExpectationFails() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/wrong.gongkai"
        try """
        .load examples/上犹县政府办-2023.txt as sy
        --> loaded examples/上犹县政府办-2023.txt as sy: 200 of 200 cells, 6 texts; 43 hold, 0 fail, 0 incomplete
        -- a comment between a statement and its output is skipped
        t3.new.natural = 8
        -- the rule that breaks:
        --> t3.new.natural  7 → 9
        --> t3.balance.natural  broke: imbalance +1 (error)
        --> t3.rowsum.new       broke: imbalance -1 (error)
        t3.nw.natural = 1
        --! Error: unknown name ‘t3.nw.natural’; did you mean ‘t3.new.natural’?
        t3.new.natural
        """.write(toFile: script, atomically: true, encoding: .utf8)
        let result = try BinaryTests.run(["test", script])
        #expect(result.code == 1)
        #expect(result.err.isEmpty)
        #expect(
            result.out == """
                \(script):4: t3.new.natural = 8
                --- expected
                +++ actual
                @@ -1,3 +1,3 @@
                ---> t3.new.natural  7 → 9
                +--> t3.new.natural  7 → 8
                 --> t3.balance.natural  broke: imbalance +1 (error)
                 --> t3.rowsum.new       broke: imbalance -1 (error)
                \(script):11: t3.new.natural
                --- expected
                +++ actual
                @@ -0,0 +1,1 @@
                +--> 8
                FAILED \(script): 2 of 4 statements differ

                """)
        // --update writes what was printed; then it passes, and `gongkai run` of it prints no expectation lines.
        let update = try BinaryTests.run(["test", "--update", script])
        #expect(update.code == 0)
        #expect(try BinaryTests.run(["test", script]).out == "ok \(script) (4 statements)\n")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.contains("t3.new.natural\n--> 8\n"))
        #expect(text.contains("--! Error near line 9 in wrong.gongkai: unknown name"))  // the file name alone
        #expect(
            try BinaryTests.run(["run", script]).out.hasSuffix(
                "t3.new.natural  7 → 8\n"
                    + "t3.balance.natural  broke: imbalance +1 (error)\nt3.rowsum.new       broke: imbalance -1 (error)\n8\n"
            ))
    }

    @Test("the tour passes through the built binary")
    func tourThroughBinary() throws {
        #expect(Self.scripts.contains("examples/tour.gongkai"))
        let result = try BinaryTests.run(["test", "examples/tour.gongkai"])
        #expect(result.code == 0)
        #expect(result.out == "ok examples/tour.gongkai (16 statements)\n")
        #expect(try BinaryTests.run(["test", "no-such-script.gongkai"]).code == 2)
    }

    @Test(".record writes the session typed so far; gongkai test on it passes, errors and .fill included")
    func recordReplays() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let out = StringOutput()
        let shell = Shell(output: out, errors: out, options: ShellOptions(directory: Harness.root))
        // As at the prompt: a file from the command line, then statements typed one by one.
        try shell.load("examples/上犹县政府办-2023.txt")
        for statement in [
            "t3.new.natural = 8", "t3.nw.natural = 1", "let rate = (t3.result.open.total +\n  0) / t3.new.total",
            ".fill t4", "1", "", ".", ".show t4.review", ".record \(directory)/first.gongkai", "rate",
            ".record \(directory)/session.gongkai",
        ] {
            _ = shell.execute(statement)
        }
        #expect(out.text.hasSuffix("recorded 9 statements to \(directory)/session.gongkai\n"))
        let recorded = try String(contentsOfFile: directory + "/session.gongkai", encoding: .utf8)
        #expect(recorded.contains(".load examples/上犹县政府办-2023.txt\n--> loaded examples/上犹县政府办-2023.txt as 上犹县政府办_2023"))
        #expect(recorded.contains("--! Error: unknown name ‘t3.nw.natural’"))
        #expect(recorded.contains("let rate = (t3.result.open.total +\n  0) / t3.new.total\n"))
        #expect(!recorded.contains("\n.record "))
        // Replayed as a script from the package root, every statement prints what it printed at the prompt.
        let report = StringOutput()
        let code = Launcher.test(
            files: [directory + "/session.gongkai"], update: false, directory: Harness.root,
            context: LaunchContext(output: report, errors: report))
        #expect(code == 0, "\(report.text)")
    }
}
