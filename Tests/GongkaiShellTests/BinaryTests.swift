import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

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

    @Test("SIGINT (Ctrl-C) stops `gongkai run` between statements: `interrupted`, exit 130")
    func interruptedRun() throws {
        let path = try #require(Self.binary, "the gongkai executable was not built next to the tests (swift build first)")
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/long.gongkai"
        let count = 200_000
        try (".load \(Harness.root)/examples/上犹县政府办-2023.txt\n" + (1...count).map { "t3.new.natural = \($0)\n" }.joined())
            .write(toFile: script, atomically: true, encoding: .utf8)
        let errors = directory + "/stderr"
        let (pid, stdout) = try Self.spawn([path, "run", "-X", script], errors: errors)
        defer { close(stdout) }
        // Wait until statements run (the handler is installed before the first one), then send SIGINT.
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        var signalled = false
        while true {
            let n = read(stdout, &chunk, chunk.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            out += chunk[0..<n]
            if !signalled && String(decoding: out, as: UTF8.self).contains("t3.new.natural  1 → 2\n") {
                kill(pid, SIGINT)
                signalled = true
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        #expect(signalled)
        // Exited (not killed by the signal) with 130, having said so on stderr.
        #expect(status & 0x7f == 0 && (status >> 8) & 0xff == 130, "wait status \(status)")
        #expect(try String(contentsOfFile: errors, encoding: .utf8) == "interrupted\n")
        // It stopped early, at a statement boundary: the last report is a whole line.
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasSuffix("\n"))
        #expect(!text.contains("→ \(count)\n"))
    }

    /// Starts `arguments` with stdout on a pipe (returned) and stderr to the file `errors`.
    ///
    /// posix_spawn with signals reset: the test runner's threads block or ignore signals, and a child inherits both.
    static func spawn(_ arguments: [String], errors: String) throws -> (pid: pid_t, stdout: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables: [String] = ["HOME=/nonexistent", "NO_COLOR=1"]
        let environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { for pointer in environment { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environment)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw CocoaError(.executableLoad)
        }
        return (pid, fds[0])
    }
}
