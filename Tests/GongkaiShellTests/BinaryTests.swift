import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `gongkai` binary, run as a process with a piped script: the paths that only the executable has
/// (argument parsing, exit codes, stdin).
@Suite("Binary")
struct BinaryTests {
    /// Runs the binary in the package root; returns stdout, stderr and the exit code.
    static func run(_ arguments: [String], input: String = "") throws -> (out: String, err: String, code: Int32) {
        let path = try #require(
            GongkaiBinary.path(), "the gongkai executable was not built next to the tests (swift build first)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Harness.root)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = "/nonexistent"
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
    }

    @Test func tourByteForByte() throws {
        let result = try Self.run(["run", "examples/tour.gongkai"])
        #expect(result.code == 0)
        #expect(result.err.isEmpty)
        try Harness.expectGolden(result.out, "tour.out")
    }

    @Test func pipedScriptReportsLineAndExitsOne() throws {
        let result = try Self.run(
            ["-X", "examples/上犹县政府办-2023.txt"], input: "t3.total.total\nt3.nw.natural = 1\nt3.new.total\n")
        #expect(result.code == 1)
        #expect(result.out.hasSuffix("7\n7\n"))
        #expect(result.err == "Error near line 2: unknown name ‘t3.nw.natural’; did you mean ‘t3.new.natural’?\n")
    }

    @Test func exitCodes() throws {
        #expect(try Self.run(["check", "examples/上犹县政府办-2023.txt"]).code == 0)
        #expect(try Self.run(["check", "no-such-report.txt"]).code == 2)
        #expect(try Self.run(["--no-such-flag"]).code == 2)
        #expect(try Self.run(["export", "examples/上犹县政府办-2023.txt"]).code == 2)  // --format missing
        let strict = try Self.run(
            ["-X", "-c", ".load examples/上犹县政府办-2023.txt; t3.result.open.natural = 5; .check"])
        #expect(strict.code == 3)
        let csv = try Self.run(["export", "examples/上犹县政府办-2023.txt", "--format", "csv", "--tables", "t4"])
        #expect(csv.code == 0)
        #expect(csv.out.contains("行政复议"))
    }

    @Test("SIGINT (Ctrl-C) stops `gongkai run` between statements: `interrupted`, exit 130")
    func interruptedRun() throws {
        let path = try #require(
            GongkaiBinary.path(), "the gongkai executable was not built next to the tests (swift build first)")
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/long.gongkai"
        let count = 200_000
        try
            (".load \(Harness.root)/examples/上犹县政府办-2023.txt\n"
            + (1...count).map { "t3.new.natural = \($0)\n" }.joined())
            .write(toFile: script, atomically: true, encoding: .utf8)
        let errors = directory + "/stderr"
        let child = try ChildProcess(
            [path, "run", "-X", script], errors: errors, environment: ["HOME=/nonexistent", "NO_COLOR=1"])
        // Wait until statements run (the handler is installed before the first one), then send SIGINT.
        var signalled = false
        let out = child.readAll { soFar in
            if !signalled && String(decoding: soFar, as: UTF8.self).contains("t3.new.natural  1 → 2\n") {
                kill(child.pid, SIGINT)
                signalled = true
            }
        }
        let status = child.wait()
        #expect(signalled)
        // Exited (not killed by the signal) with 130, having said so on stderr.
        #expect(status & 0x7f == 0 && (status >> 8) & 0xff == 130, "wait status \(status)")
        #expect(try String(contentsOfFile: errors, encoding: .utf8) == "interrupted\n")
        // It stopped early, at a statement boundary: the last report is a whole line.
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        #expect(!text.contains("→ \(count)\n"))
    }

    @Test("a CRLF script runs line by line, and its output, written in blocks, interleaves with its errors in order")
    func crlfScriptWithErrorsInOrder() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/crlf.gongkai"
        let lines = [".load examples/上犹县政府办-2023.txt", "t3.new.natural = 8", "t3.nw.natural", "t3.new.natural"]
        try (lines.joined(separator: "\r\n") + "\r\n").write(toFile: script, atomically: true, encoding: .utf8)
        let path = try #require(GongkaiBinary.path())
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["run", "-X", script]
        process.currentDirectoryURL = URL(fileURLWithPath: Harness.root)
        process.environment = ["HOME": "/nonexistent", "NO_COLOR": "1"]
        let both = Pipe()  // `2>&1`: one pipe for both streams
        process.standardOutput = both
        process.standardError = both
        try process.run()
        let out = String(decoding: both.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        let printed = out.split(separator: "\n").map(String.init)
        try #require(printed.count == 8, "\(printed)")
        #expect(printed[0].hasPrefix("loaded examples/上犹县政府办-2023.txt as 上犹县政府办_2023: 200 of 200 cells"))
        #expect(printed[1] == "t3.new.natural  7 → 8")
        #expect(printed[2] == "t3.balance.natural  broke: imbalance +1 (error)")
        #expect(printed[3] == "t3.rowsum.new       broke: imbalance -1 (error)")
        #expect(printed[4].hasPrefix("Error near line 3 in \(script): unknown name 't3.nw.natural'"))
        #expect(printed[5...6] == ["  t3.nw.natural", "  ^^^^^^^^^^^^^"])
        #expect(printed[7] == "8")
    }
}
