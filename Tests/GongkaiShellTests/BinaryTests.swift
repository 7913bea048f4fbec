import Foundation
import Testing

/// The built `gongkai` binary, run as a process with a piped script: the paths that only the executable has
/// (argument parsing, exit codes, stdin).
@Suite("Binary")
struct BinaryTests {
    /// The `gongkai` executable beside the test bundle in the build directory (works with any scratch path).
    static var binary: String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        #if os(Linux)
            if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                directory = URL(fileURLWithPath: exe)
            }
        #endif
        // Walk up from the test bundle (`…/debug/GongkaiPackageTests.xctest[/Contents/MacOS/…]`) to `…/debug`.
        for _ in 0..<5 {
            directory = directory.deletingLastPathComponent()
            let candidate = directory.appendingPathComponent("gongkai").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs the binary in the package root; returns stdout, stderr and the exit code.
    static func run(_ arguments: [String], input: String = "") throws -> (out: String, err: String, code: Int32) {
        let path = try #require(binary, "the gongkai executable was not built next to the tests (swift build first)")
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
}
