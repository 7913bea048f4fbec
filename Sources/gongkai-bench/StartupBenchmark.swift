#if canImport(Glibc)
    import Glibc
#endif

extension BenchGroup {
    /// Start-up of the `gongkai` binary with the bundled example report: target ≤ 50 ms to the first prompt.
    static let startup = BenchGroup(
        name: "startup",
        summary:
            "startup_tty (launch → first prompt in a pseudo-terminal), startup_pipe (`.quit` piped), example loaded"
    ) { options, checks in
        StartupBench(options: options).run(&checks)
    }
}

/// Launches `gongkai examples/上犹县政府办-2023.txt` repeatedly and times it.
///
/// `startup_tty` runs it on a fresh pseudo-terminal (its own session, the terminal as controlling tty, as in a real
/// shell) and stops the clock when `gongkai> ` arrives: locale, libedit, history and the report load all included.
/// `startup_pipe` pipes `.quit` into it and times until it exits.
struct StartupBench {
    let options: BenchOptions

    /// The example report, found from the source tree the benchmark was built from, else the working directory.
    static let example: String = {
        let relative = "examples/上犹县政府办-2023.txt"
        var root = #filePath
        for _ in 0..<3 {
            if let slash = root.lastIndex(of: "/") { root = String(root[..<slash]) }
        }
        let fromSource = root + "/" + relative
        return access(fromSource, R_OK) == 0 ? fromSource : relative
    }()

    func run(_ checks: inout Checks) {
        guard let binary = Self.gongkaiBinary() else {
            checks.check("startup: gongkai binary next to gongkai-bench", false, true)
            return
        }
        let runs = options.quick ? 10 : 40
        guard let sandbox = Self.temporaryDirectory() else {
            checks.check("startup: temporary HOME", false, true)
            return
        }
        // A private HOME and XDG_STATE_HOME: neither the user's init file nor their history takes part.
        let environment = Self.environment(home: sandbox)
        print("# startup: \(binary) \(Self.example); \(runs) runs each")

        var tty: [Double] = []
        var ttyFailures = 0
        for _ in 0..<runs {
            if let elapsed = Self.timeToPrompt(binary: binary, environment: environment) {
                tty.append(elapsed)
            } else {
                ttyFailures += 1
            }
        }
        checks.check("startup_tty: prompt shown and exit 0 in every run", ttyFailures, 0)
        if !tty.isEmpty {
            emit("startup_tty", median(tty) / 1e6, "ms", "\(summary(tty.map { $0 / 1e6 })); target ≤ 50 ms")
        }

        var piped: [Double] = []
        var pipeFailures = 0
        for _ in 0..<runs {
            if let elapsed = Self.timeWithPipedQuit(binary: binary, environment: environment) {
                piped.append(elapsed)
            } else {
                pipeFailures += 1
            }
        }
        checks.check("startup_pipe: exit 0 in every run", pipeFailures, 0)
        if !piped.isEmpty {
            emit(
                "startup_pipe", median(piped) / 1e6, "ms",
                "\(summary(piped.map { $0 / 1e6 })); `echo .quit | gongkai example`")
        }
        scriptRun(binary: binary, sandbox: sandbox, environment: environment, &checks)
        _ = Self.rmdirRecursively(sandbox)
    }

    /// `gongkai run` of a script of N assignments (`t3.new.natural = v`, alternating, one report): wall clock and
    /// CPU, journal on (in the sandbox's state folder on the real disk), output to /dev/null.
    func scriptRun(binary: String, sandbox: String, environment: [String], _ checks: inout Checks) {
        let n = options.quick ? 100_000 : 1_000_000
        let path = sandbox + "/assign.gongkai"
        var script = ".new 测试县 2024\n"
        script.reserveCapacity(n * 24)
        for i in 0..<n { script += "t3.new.natural = \(i % 2 == 0 ? 8 : 9)\n" }
        guard let file = fopen(path, "w") else { return }
        fputs(script, file)
        fclose(file)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let start = now()
        guard let pid = Self.spawn(binary, [binary, "run", "-X", path], environment, &actions, nil) else { return }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { return }
        let wall = Double(now() - start) / 1e9
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        checks.check("run_assignments_\(n): exit 0", status, 0)
        emit(
            "run_assignments_\(n)", wall, "s",
            "`gongkai run` of \(n) assignments, journal on (fsync grouped); CPU \(fmt(cpu)) s = \(fmt(cpu * 1e6 / Double(n))) µs a statement; goal ≤ 5 s"
        )
    }

    /// `gongkai` in the directory of this executable (both are products of one build).
    static func gongkaiBinary() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let me = cString(Array(buffer[0..<count]) + [0])
        guard let slash = me.lastIndex(of: "/") else { return nil }
        let binary = String(me[..<slash]) + "/gongkai"
        return access(binary, X_OK) == 0 ? binary : nil
    }

    static func temporaryDirectory() -> String? {
        var template = Array("/tmp/gongkai-bench-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { return nil }
        return cString(template)
    }

    /// This process's environment with HOME and XDG_STATE_HOME pointing into `home`.
    static func environment(home: String) -> [String] {
        var result: [String] = []
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if !text.hasPrefix("HOME=") && !text.hasPrefix("XDG_STATE_HOME=") { result.append(text) }
            entry += 1
        }
        return result + ["HOME=\(home)", "XDG_STATE_HOME=\(home)/state"]
    }

    /// Nanoseconds from spawning gongkai on a new pseudo-terminal to its first prompt; nil on any failure.
    static func timeToPrompt(binary: String, environment: [String]) -> Double? {
        // Linux: /dev/ptmx plus TIOCSPTLCK/TIOCGPTN (posix_openpt and ptsname are not visible to Swift's Glibc).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard master >= 0 else { return nil }
        defer { close(master) }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, UInt(0x4004_5431), &unlock) == 0, ioctl(master, UInt(0x8004_5430), &number) == 0 else {
            return nil
        }
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slave = "/dev/pts/\(number)"

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // After setsid, the first terminal opened becomes the controlling one.
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(0x80))  // POSIX_SPAWN_SETSID (glibc ≥ 2.26)

        let start = now()
        guard let pid = spawn(binary, [binary, example], environment, &actions, &attributes) else { return nil }
        var seen: [UInt8] = []
        let prompt = Array("gongkai> ".utf8)
        var elapsed: Double?
        while elapsed == nil, read(master, timeout: 10_000, into: &seen) {
            if seen.count >= prompt.count, contains(seen, prompt) { elapsed = Double(now() - start) }
        }
        // Ctrl-D leaves (a second one if it warns about unsaved changes). Now and then libedit takes a ^D sent the
        // moment the prompt appears as a literal character, after which ^D only deletes: so Ctrl-U (kill the line)
        // first, and repeat until the process is gone.
        let controlD: [UInt8] = [0x15, 4]
        var status: Int32 = 0
        var exited = false
        for _ in 0..<50 where !exited {
            _ = write(master, controlD, controlD.count)
            var rest: [UInt8] = []
            while read(master, timeout: 100, into: &rest) {}
            exited = waitForExit(pid, &status, polls: 10)
        }
        if !exited && !waitForExit(pid, &status, polls: 500) { return nil }
        return status == 0 ? elapsed : nil
    }

    /// Nanoseconds for `echo .quit | gongkai example` to run to its end; nil on failure.
    static func timeWithPipedQuit(binary: String, environment: [String]) -> Double? {
        var input: [Int32] = [-1, -1]
        guard pipe(&input) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_addclose(&actions, input[0])
        posix_spawn_file_actions_addclose(&actions, input[1])
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let start = now()
        let pid = spawn(binary, [binary, example], environment, &actions, nil)
        close(input[0])
        let quit = Array(".quit\n".utf8)
        _ = write(input[1], quit, quit.count)
        close(input[1])
        guard let pid else { return nil }
        var status: Int32 = 0
        guard waitForExit(pid, &status) else { return nil }
        let elapsed = Double(now() - start)
        return status == 0 ? elapsed : nil
    }

    static func spawn(
        _ path: String, _ arguments: [String], _ environment: [String],
        _ actions: inout posix_spawn_file_actions_t, _ attributes: UnsafePointer<posix_spawnattr_t>?
    ) -> pid_t? {
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        return posix_spawn(&pid, path, &actions, attributes, argv, envp) == 0 ? pid : nil
    }

    /// Appends what `fd` has within `timeout` milliseconds; false at its end, on error or on timeout.
    private static func read(_ fd: Int32, timeout: Int32, into bytes: inout [UInt8]) -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeout) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.read(fd, &chunk, chunk.count)  // EIO once the child has closed the terminal
        guard count > 0 else { return false }
        bytes += chunk[0..<count]
        return true
    }

    /// Waits up to `polls` × 10 ms for the child; kills it when it does not end within 500 polls.
    private static func waitForExit(_ pid: pid_t, _ status: inout Int32, polls: Int = 500) -> Bool {
        for _ in 0..<polls {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                // WIFEXITED ? WEXITSTATUS : 128 + signal number, as a shell reports it.
                status = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                return true
            }
            if result < 0 && errno != EINTR { return false }
            usleep(10_000)
        }
        guard polls >= 500 else { return false }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
        return false
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains {
            haystack[$0..<($0 + needle.count)].elementsEqual(needle)
        }
    }

    /// Removes the sandbox (its files and the history directory the runs created).
    private static func rmdirRecursively(_ path: String) -> Bool {
        guard let directory = opendir(path) else { return unlink(path) == 0 }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = path + "/" + name
            if Int32(entry.pointee.d_type) == Int32(DT_DIR) {
                _ = rmdirRecursively(full)
            } else {
                unlink(full)
            }
        }
        closedir(directory)
        return rmdir(path) == 0
    }
}
