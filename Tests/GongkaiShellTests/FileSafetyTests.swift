import Foundation
import GongkaiShell
import Testing

/// Issue 12, through the shell and the built binary: inputs are never overwritten, write errors exit 2.
@Suite("File safety")
struct FileSafetyTests {
    static let example = Harness.root + "/examples/上犹县政府办-2023.txt"

    @Test("`gongkai export in.txt -o in.txt` is refused with exit 2 and the report stays as it was")
    func exportOntoInput() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/in.txt"
        try FileManager.default.copyItem(atPath: Self.example, toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        let result = try BinaryTests.run(["export", input, "--format", "csv", "-o", directory + "/./in.txt"])
        #expect(result.code == 2)
        #expect(result.err.contains("refusing to overwrite \(directory)/./in.txt: it is the input \(input)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test("two inputs named report.txt exported with -o DIR become report.csv and report-2.csv")
    func sameNameInputs() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for folder in ["a", "b", "out"] {
            try FileManager.default.createDirectory(atPath: directory + "/" + folder, withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: Self.example, toPath: directory + "/a/report.txt")
        try FileManager.default.copyItem(
            atPath: Harness.root + "/Tests/Fixtures/reports/淮安市-2024.txt", toPath: directory + "/b/report.txt")
        let result = try BinaryTests.run(
            [
                "export", directory + "/a/report.txt", directory + "/b/report.txt", "--format", "csv", "-o",
                directory + "/out",
            ])
        #expect(result.code == 0)
        #expect(result.err.contains("b/report.txt: exported as \(directory)/out/report-2.csv (report.csv is taken)"))
        let first = try String(contentsOfFile: directory + "/out/report.csv", encoding: .utf8)
        let second = try String(contentsOfFile: directory + "/out/report-2.csv", encoding: .utf8)
        #expect(first.contains("上犹县"))
        #expect(second.contains("淮安"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory + "/out").sorted()
                == ["report-2.csv", "report.csv"])
    }

    @Test(".save and .export onto the loaded report are refused; .save onto the loaded workbook file is allowed")
    func shellCommands() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: Self.example, toPath: directory + "/in.txt")
        let before = try Data(contentsOf: URL(fileURLWithPath: directory + "/in.txt"))
        let out = StringOutput()
        let shell = Shell(output: out, errors: out, options: ShellOptions(directory: directory))
        shell.run(
            script: ".load in.txt\n.save in.txt\n.export csv ./in.txt\n.output in.txt\n.save s.gkw\n", name: "s")
        #expect(out.text.contains("line 2 in s: refusing to overwrite in.txt: it is the input in.txt"))
        #expect(out.text.contains("line 3 in s: refusing to overwrite ./in.txt: it is the input in.txt"))
        #expect(out.text.contains("line 4 in s: refusing to overwrite in.txt: it is the input in.txt"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory + "/in.txt")) == before)
        let again = StringOutput()
        let restored = Shell(output: again, errors: again, options: ShellOptions(directory: directory))
        #expect(restored.run(script: ".load s.gkw\n.save s.gkw\n", name: nil) == .ok)
        #expect(restored.run(script: ".export csv s.gkw\n", name: nil) == .failed)
        #expect(again.text.contains("refusing to overwrite s.gkw: it is the input s.gkw"))
    }

    @Test("writing to /dev/full: -o and standard output both fail with a message and exit 2")
    func deviceFull() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let toFile = try BinaryTests.run(["export", Self.example, "--format", "csv", "-o", "/dev/full"])
        #expect(toFile.code == 2)
        #expect(toFile.err == "Error: cannot write /dev/full: no space left on device\n")
        let shellOutput = try run(["export", Self.example, "--format", "csv"], standardOutput: "/dev/full")
        #expect(shellOutput.code == 2)
        #expect(shellOutput.err == "Error: cannot write standard output: no space left on device\n")
    }

    @Test("a workbook file of a real report: CRLF loads the same; cut at a line it is an error with the line, exit 2")
    func workbookThroughTheBinary() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let saved = try BinaryTests.run(["-X", Self.example, "-c", "t3.new.natural = 8; .save \(directory)/s.gkw"])
        #expect(saved.code == 0)
        let text = try String(contentsOfFile: directory + "/s.gkw", encoding: .utf8)
        try text.replacingOccurrences(of: "\n", with: "\r\n")
            .write(toFile: directory + "/crlf.gkw", atomically: true, encoding: .utf8)
        let crlf = try BinaryTests.run(["-X", directory + "/crlf.gkw", "-c", "t3.new.natural"])
        #expect(crlf.code == 0)
        #expect(crlf.out.hasSuffix("; 2 rules fail, 0 incomplete\n8\n"))
        let lines = text.split(separator: "\n")
        try (lines.prefix(120).joined(separator: "\n") + "\n")
            .write(toFile: directory + "/cut.gkw", atomically: true, encoding: .utf8)
        let cut = try BinaryTests.run(["-X", directory + "/cut.gkw", "-c", "t3.new.natural"])
        #expect(cut.code == 2)
        // The refused file is said first; the commands still run (and fail: no report), the exit code stays 2.
        #expect(
            cut.err.hasPrefix(
                "Error: \(directory)/cut.gkw: line 120: the file ends without its ‘end’ line: it was cut off "
                    + "after line 120\n"))
        // A version-1 file (no end line) still loads, with a warning.
        let legacy = text.replacingOccurrences(of: "gongkai workbook 2\n", with: "gongkai workbook 1\n")
            .replacingOccurrences(of: "\nend\n", with: "\n")
        try legacy.write(toFile: directory + "/v1.gkw", atomically: true, encoding: .utf8)
        let v1 = try BinaryTests.run(["-X", directory + "/v1.gkw", "-c", "t3.new.natural"])
        #expect(v1.code == 0)
        #expect(
            v1.err == "Warning: \(directory)/v1.gkw: a version-1 workbook file has no ‘end’ line, so a cut-off file "
                + "cannot be told; .save writes version 2\n")
    }

    @Test("a script cannot overwrite itself with .output")
    func scriptIsAnInput() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/self.gongkai"
        try ".output \(script)\n1 + 1\n".write(toFile: script, atomically: true, encoding: .utf8)
        let result = try BinaryTests.run(["run", "-X", script])
        #expect(result.code == 1)
        #expect(result.err.contains("refusing to overwrite \(script): it is the input \(script)"))
        #expect(try String(contentsOfFile: script, encoding: .utf8) == ".output \(script)\n1 + 1\n")
    }

    @Test("-o /dev/stdout with standard output on a file writes the file; the link /dev/stdout stays")
    func devStdout() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/out.csv"
        #expect(FileManager.default.createFile(atPath: file, contents: nil))
        let result = try run(
            ["export", Self.example, "--format", "csv", "--tables", "t4", "-o", "/dev/stdout"], standardOutput: file)
        #expect(result.code == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("上犹县政府办2023年政府信息公开工作年度报告\n四、"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout") == "/proc/self/fd/1")
    }

    /// Runs the binary with standard output on the file at `standardOutput`.
    private func run(_ arguments: [String], standardOutput: String) throws -> (err: String, code: Int32) {
        let path = try #require(GongkaiBinary.path())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: standardOutput))
        let stderr = Pipe()
        process.standardError = stderr
        try process.run()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: err, as: UTF8.self), process.terminationStatus)
    }
}
