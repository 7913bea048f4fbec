import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The built `gongkai` executable, for tests that run it as a process.
enum GongkaiBinary {
    /// `$GONGKAI_BINARY` if set, else `gongkai` in the products directory holding the running test bundle, whatever
    /// `--scratch-path` was.
    static func path() -> String? {
        if let explicit = ProcessInfo.processInfo.environment["GONGKAI_BINARY"] { return explicit }
        var candidates: [URL] = []
        if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: running))
        }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]))
        candidates.append(Bundle.main.bundleURL)
        for candidate in candidates {
            // Walk up from the bundle (or the executable inside it) to a directory that holds `gongkai`.
            var directory = candidate.deletingLastPathComponent()
            for _ in 0..<4 {
                let binary = directory.appendingPathComponent("gongkai").path
                if FileManager.default.isExecutableFile(atPath: binary) { return binary }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }
}

/// A child process started with `posix_spawn`, stdin from /dev/null and stdout on a pipe (or /dev/null).
///
/// Not Foundation's `Process`: on Linux it waits until every holder of a descriptor it hands the child is gone (a tmux
/// server keeps them), and the test runner's threads block or ignore signals, which a child would inherit — so the
/// mask and dispositions are reset here, or Ctrl-C and kill-server never reach the child.
struct ChildProcess {
    let pid: pid_t
    /// The read end of the child's stdout, or -1 when stdout went to /dev/null.
    let stdout: Int32

    struct SpawnError: Error {
        let arguments: [String]
    }

    /// Starts `arguments[0]` with `arguments`; stderr goes to `errors` (truncated) or /dev/null; `environment` nil
    /// inherits this process's.
    init(_ arguments: [String], captureOutput: Bool = true, errors: String? = nil, environment: [String]? = nil) throws
    {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SpawnError(arguments: arguments) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if captureOutput {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, errors ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let envp: [UnsafeMutablePointer<CChar>?] = (environment ?? []).map { strdup($0) } + [nil]
        defer { for pointer in envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned =
            environment == nil
            ? posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
            : posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw SpawnError(arguments: arguments)
        }
        self.pid = pid
        if captureOutput {
            stdout = fds[0]
        } else {
            close(fds[0])
            stdout = -1
        }
    }

    /// Reads stdout to its end, calling `onChunk` with everything read so far after each read.
    func readAll(_ onChunk: ([UInt8]) -> Void = { _ in }) -> [UInt8] {
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while stdout >= 0 {
            let count = read(stdout, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            output += chunk[0..<count]
            onChunk(output)
        }
        return output
    }

    /// Waits for the child and closes its stdout; returns the raw wait status.
    func wait() -> Int32 {
        if stdout >= 0 { close(stdout) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status
    }
}
