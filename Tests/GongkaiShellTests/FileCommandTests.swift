import Foundation
import GongkaiShell
import Testing

/// `.read`, `.output`, `.save` and loading a workbook file, in a temporary directory.
@Suite("File commands")
struct FileCommandTests {
    @Test func readOutputSaveAndReload() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let example = Harness.root + "/examples/上犹县政府办-2023.txt"
        try "t3.new.natural = 8\n.nope\nlet rate = t3.result.open.total / t3.new.total\n"
            .write(toFile: directory + "/inner.gongkai", atomically: true, encoding: .utf8)

        let out = StringOutput()
        let shell = Shell(output: out, errors: out, options: ShellOptions(directory: directory))
        let status = shell.run(
            script: """
                .load "\(example)" as sy
                .output results.txt
                t3.total.total
                .output stdout
                .read inner.gongkai
                .save session.gkw
                .read missing.gongkai
                """, name: "outer.gongkai")
        #expect(status == .failed)
        // The nested script's error names the nested file and its line; the outer one names the outer file.
        #expect(out.text.contains("Error near line 2 in inner.gongkai: unknown command ‘.nope’"))
        #expect(out.text.contains("Error near line 7 in outer.gongkai: missing.gongkai: no such file or directory"))
        // `.output` collected the result and wrote it when redirection ended; it did not reach the shell's output.
        #expect(try String(contentsOfFile: directory + "/results.txt", encoding: .utf8) == "7\n")
        #expect(!out.text.contains("\n7\n"))
        #expect(out.text.contains("saved session.gkw"))

        // A new shell restores the whole session from the workbook file.
        let out2 = StringOutput()
        let restored = Shell(output: out2, errors: out2, options: ShellOptions(directory: directory))
        #expect(restored.run(script: ".load session.gkw\nt3.new.natural\nrate\n.undo\n", name: nil) == .failed)
        // 8 entered, the published total 7 still stands: two rules fail and rate = 6 / 7.
        #expect(
            out2.text.hasPrefix(
                "loaded workbook session.gkw: sy; 2 rules fail, 0 incomplete\n8\n0.857142857142857143\n"))
        #expect(out2.text.contains("Error near line 4: nothing to undo"))
    }

    @Test func failedCommandLeavesStateAsItWas() throws {
        let (shell, out) = Harness.shell()
        shell.run(script: ".load examples/上犹县政府办-2023.txt as sy\nt3.new.natural = 1.5.3\nt3.new.natural\n", name: nil)
        #expect(out.text.hasSuffix("\n7\n"))
        #expect(shell.exitCode == 1)
    }
}
