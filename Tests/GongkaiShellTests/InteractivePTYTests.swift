import Foundation
import GongkaiCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `gongkai` binary in a pseudo-terminal, driven through tmux with LANG unset: Chinese typing and editing,
/// dotted-name completion, Ctrl-C, history recalled by a new process, Ctrl-D.
///
/// tmux is required: CI installs it, and its absence fails the test rather than skipping it.
@Suite(.serialized) struct InteractivePTYTests {
    @Test("typing, editing, completing, cancelling, recalling and leaving in a terminal")
    func terminalSession() throws {
        let tmux = try #require(TmuxDriver.executable(), "tmux is not installed: apt-get install -y tmux")
        let binary = try #require(GongkaiBinary.path(), "the gongkai executable was not found next to the test bundle")
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-pty-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let state = root.appendingPathComponent("state").path
        let home = root.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let example = "examples/上犹县政府办-2023.txt"

        // First process: the example report loaded.
        do {
            let session = try TmuxDriver(
                tmux: tmux, directory: Harness.root, command: [binary, example],
                state: state, home: home)
            defer { session.close() }
            try session.waitForPrompts(1)

            // Chinese typed, the cursor moved back over wide characters, one inserted in the middle.
            session.type(".find 然人")
            session.press("Left", "Left")
            session.type("自")
            try session.waitFor("the edited line") { $0.promptLine == "gongkai> .find 自然人" }
            #expect(session.cursor().x == displayWidth("gongkai> .find 自"))
            session.press("Enter")
            try session.waitForPrompts(2)

            // A dotted cell name completed segment by segment.
            for (typed, expected) in [
                ("t3.res", "t3.result."), ("den", "t3.result.denied."), ("sec", "t3.result.denied.secret."),
                ("nat", "t3.result.denied.secret.natural"),
            ] {
                session.type(typed)
                session.press("Tab")
                try session.waitFor("completion of \(typed)") { $0.promptLine == "gongkai> " + expected }
            }
            session.press("Enter")
            try session.waitForPrompts(3)

            // Ctrl-C cancels the line being typed: it is not run, and a fresh prompt follows.
            session.type("t3.total.na")
            // Wait for the echo: a Ctrl-C reaching the terminal before libedit has read the keys flushes them unread.
            try session.waitFor("the typed line") { $0.promptLine == "gongkai> t3.total.na" }
            session.press("C-c")
            try session.waitFor("a fresh prompt after Ctrl-C") { screen in
                screen.lines.contains("gongkai> t3.total.na^C") && screen.promptLine == "gongkai>"
            }
            try session.leave()
        }

        // The history file is private and holds the statements run, not the cancelled line.
        let historyPath = state + "/gongkai/history"
        let attributes = try FileManager.default.attributesOfItem(atPath: historyPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let directoryAttributes = try FileManager.default.attributesOfItem(atPath: state + "/gongkai")
        #expect((directoryAttributes[.posixPermissions] as? Int) == 0o700)
        let history = try String(contentsOfFile: historyPath, encoding: .utf8)
        #expect(history.contains("自然人"))
        #expect(!history.contains("t3.total.na\n"))

        // Second process: Up recalls the previous session's statements, newest first.
        do {
            let session = try TmuxDriver(
                tmux: tmux, directory: Harness.root, command: [binary],
                state: state, home: home)
            defer { session.close() }
            try session.waitForPrompts(1)
            session.press("Up")
            try session.waitFor("the last statement recalled") {
                $0.promptLine == "gongkai> t3.result.denied.secret.natural"
            }
            session.press("Up")
            try session.waitFor("the one before") { $0.promptLine == "gongkai> .find 自然人" }
            session.press("C-c")
            try session.waitFor("a fresh prompt") { $0.promptLine == "gongkai>" }

            // A file name after .load, Chinese and cut by libedit at the `-`, completed from the directory.
            session.type(".load examples/上")
            session.press("Tab")
            try session.waitFor("the example's file name") { $0.promptLine == "gongkai> .load " + example }
            session.press("C-c")
            try session.waitFor("a fresh prompt") { $0.promptLine == "gongkai>" }
            try session.leave()
        }
    }
}

extension InteractivePTYTests {
    /// A private directory with `home/` and `state/`, removed by the caller.
    static func sandbox() throws -> (root: URL, state: String, home: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gongkai-pty-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let home = root.appendingPathComponent("home").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        return (root, root.appendingPathComponent("state").path, home)
    }

    @Test("Ctrl-C stops a long .read at a statement boundary: interrupted, a fresh prompt, the state as of then")
    func interruptLongRead() throws {
        let tmux = try #require(TmuxDriver.executable(), "tmux is not installed: apt-get install -y tmux")
        let binary = try #require(GongkaiBinary.path(), "the gongkai executable was not found next to the test bundle")
        let (root, state, home) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        // 200,000 assignments: far longer than the few polls it takes to see it running and press Ctrl-C.
        let count = 200_000
        let script = root.appendingPathComponent("long.gongkai").path
        try (1...count).map { "t3.new.natural = \($0)\n" }.joined().write(
            toFile: script, atomically: true, encoding: .utf8)

        let session = try TmuxDriver(
            tmux: tmux, directory: Harness.root, command: [binary, "examples/上犹县政府办-2023.txt"],
            state: state, home: home)
        defer { session.close() }
        try session.waitForPrompts(1)
        session.type(".read " + script)
        session.press("Enter")
        // Running: change reports scroll by (`t3.new.natural  41 → 42`).
        try session.waitFor("the script to be running") { screen in
            screen.lines.contains { Self.assignedValue($0).map { $0 > 2 } == true }
        }
        session.press("C-c")
        // The terminal itself echoes `^C` where the cursor is, so the shell's word may follow it on the line.
        func isInterrupted(_ line: String) -> Bool { line == "interrupted" || line == "^Cinterrupted" }
        try session.waitFor("interrupted and a fresh prompt", seconds: 20) { screen in
            screen.lines.contains(where: isInterrupted) && screen.promptLine == "gongkai>"
        }
        // The last change report shown before `interrupted` is at most the last statement that ran: on Ctrl-C the
        // terminal drops output still queued (no NOFLSH), so a report or two may be missing from the pane.
        let lines = session.screen().lines
        let interrupted = try #require(lines.lastIndex(where: isInterrupted))
        let shown = try #require(lines[..<interrupted].reversed().lazy.compactMap(Self.assignedValue).first)

        // The shell still works; the cell holds the value of a completed statement, and the script did not finish.
        session.type("t3.new.natural")
        session.press("Enter")
        try session.waitFor("the value printed") { screen in
            guard let asked = screen.lines.lastIndex(of: "gongkai> t3.new.natural"), asked + 2 < screen.lines.count
            else { return false }
            return Int(screen.lines[asked + 1]) != nil && screen.promptLine == "gongkai>"
        }
        let after = session.screen().lines
        let asked = try #require(after.lastIndex(of: "gongkai> t3.new.natural"))
        let value = try #require(Int(after[asked + 1]))
        #expect(shown <= value && value < count, "shown \(shown), value \(value)")
        try session.leave()
    }

    @Test(".fill prompts name the cell asked for; Ctrl-C at such a prompt ends the entry, answers kept")
    func fillPromptAndCtrlC() throws {
        let tmux = try #require(TmuxDriver.executable(), "tmux is not installed: apt-get install -y tmux")
        let binary = try #require(GongkaiBinary.path(), "the gongkai executable was not found next to the test bundle")
        let (root, state, home) = try Self.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let session = try TmuxDriver(
            tmux: tmux, directory: Harness.root, command: [binary, "examples/上犹县政府办-2023.txt"],
            state: state, home: home)
        defer { session.close() }
        try session.waitForPrompts(1)
        session.type(".fill t4")
        session.press("Enter")
        let first = "行政复议/结果维持 [t4.review.upheld] (0)>"
        try session.waitFor("the first cell's prompt") { $0.promptLine == first }
        #expect(session.cursor().x == displayWidth(first + " "))
        session.type("1")
        session.press("Enter")
        try session.waitFor("the second cell's prompt") {
            $0.promptLine == "行政复议/结果纠正 [t4.review.corrected] (0)>"
        }
        session.press("C-c")
        try session.waitFor("the entry ended and the usual prompt back") { screen in
            screen.lines.contains("Filled 1, kept 0, 11 not asked (stopped).") && screen.promptLine == "gongkai>"
        }
        session.type("t4.review.upheld")
        session.press("Enter")
        try session.waitFor("the answer kept") { screen in
            guard let asked = screen.lines.lastIndex(of: "gongkai> t4.review.upheld") else { return false }
            return asked + 1 < screen.lines.count && screen.lines[asked + 1] == "1" && screen.promptLine == "gongkai>"
        }
        try session.leave()
    }

    /// `t3.new.natural  41 → 42` → 42 (also after a `^C` the terminal echoed at the start of the line).
    static func assignedValue(_ line: String) -> Int? {
        let line = line.hasPrefix("^C") ? String(line.dropFirst(2)) : line
        guard line.hasPrefix("t3.new.natural "), let arrow = line.range(of: " → ") else { return nil }
        return Int(line[arrow.upperBound...].trimmingCharacters(in: .whitespaces))
    }
}

/// One tmux server on a private socket, running a command in a UTF-8 pane (100×30 unless told) with LANG and COLUMNS
/// unset.
final class TmuxDriver {
    /// The visible pane plus its scroll-back.
    struct Screen {
        let lines: [String]

        /// The last non-empty line, trailing blanks removed: the prompt line being edited.
        var promptLine: String {
            let line = lines.last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
            return String(line.reversed().drop { $0 == " " }.reversed())
        }

        /// How many prompts have been shown so far.
        var promptCount: Int { lines.filter { $0.hasPrefix("gongkai> ") || $0 == "gongkai>" }.count }
    }

    struct Timeout: Error, CustomStringConvertible {
        let waitingFor: String
        let screen: String
        var description: String { "timed out waiting for \(waitingFor); the pane shows:\n\(screen)" }
    }

    let tmux: String
    let socket: String

    static func executable() -> String? {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Starts `command` in `directory`; `EXIT=<code>` is printed when it ends, and the pane stays open.
    init(
        tmux: String, directory: String, command: [String], state: String, home: String, columns: Int = 100,
        rows: Int = 30
    ) throws {
        self.tmux = tmux
        socket = "gongkai-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let script =
            "env -u LANG -u LC_ALL -u LC_CTYPE -u LANGUAGE -u COLUMNS -u LINES TERM=xterm-256color XDG_STATE_HOME='\(state)' HOME='\(home)' "
            + "\(quoted); echo EXIT=$?; sleep 120"
        // The server this starts inherits the client's standard output: give it none, or reading it never ends.
        try run(
            ["-u", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "-c", directory, script], capture: false)
    }

    /// Kills the tmux server: always called, whatever happened.
    func close() {
        _ = try? run(["kill-server"])
    }

    /// Types text literally.
    func type(_ text: String) {
        _ = try? run(["send-keys", "-t", "0", "-l", text])
    }

    /// Presses named keys (`Left`, `Tab`, `C-c`, `Enter`).
    func press(_ keys: String...) {
        _ = try? run(["send-keys", "-t", "0"] + keys)
    }

    func screen() -> Screen {
        let text = (try? run(["capture-pane", "-p", "-t", "0", "-S", "-"])) ?? ""
        return Screen(lines: text.components(separatedBy: "\n"))
    }

    /// The cursor position in the visible pane.
    func cursor() -> (x: Int, y: Int) {
        let text = (try? run(["display-message", "-p", "-t", "0", "#{cursor_x},#{cursor_y}"])) ?? ""
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : (-1, -1)
    }

    /// Polls the pane until `condition` holds, for at most `seconds`.
    func waitFor(_ what: String, seconds: Double = 10, _ condition: (Screen) -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(screen()) { return }
            usleep(20_000)
        }
        let last = screen()
        if condition(last) { return }
        throw Timeout(waitingFor: what, screen: last.lines.joined(separator: "\n"))
    }

    /// Waits until `count` prompts have been shown and the last line is a prompt.
    func waitForPrompts(_ count: Int) throws {
        try waitFor("prompt number \(count)") { $0.promptCount >= count && $0.promptLine == "gongkai>" }
    }

    /// Ctrl-D at an empty prompt, again if the shell warns about unsaved changes; expects exit code 0.
    ///
    /// Each Ctrl-D follows a Ctrl-U (kill the line): libedit has been seen to take a ^D arriving the moment the prompt
    /// appears as a literal character, after which ^D only deletes.
    func leave() throws {
        for attempt in 1...5 {
            press("C-u")
            press("C-d")
            do {
                try waitFor("the end of the session (Ctrl-D number \(attempt))", seconds: 3) { screen in
                    screen.lines.contains { $0.hasPrefix("EXIT=") }
                }
                break
            } catch let timeout as Timeout where attempt < 5 {
                _ = timeout  // warned about unsaved changes, or the ^D was taken literally: press again
            }
        }
        #expect(screen().lines.contains("EXIT=0"))
    }

    /// Runs tmux and returns its standard output.
    @discardableResult
    private func run(_ arguments: [String], capture: Bool = true) throws -> String {
        let child = try ChildProcess([tmux, "-L", socket, "-f", "/dev/null"] + arguments, captureOutput: capture)
        let output = child.readAll()
        _ = child.wait()
        return String(decoding: output, as: UTF8.self)
    }
}
