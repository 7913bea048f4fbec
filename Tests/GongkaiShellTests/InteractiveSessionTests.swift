import Testing

@testable import GongkaiShell

/// The read–execute loop, driven by a scripted line reader: continuation, Ctrl-C, Ctrl-D, history, exit codes.
@Suite struct InteractiveSessionTests {
    /// One thing the user does at a prompt.
    enum Key {
        case line(String)
        case interrupt  // Ctrl-C
    }

    /// Plays keys back; records the prompts shown and the history entries.
    final class ScriptedReader: LineReader {
        var keys: [Key]
        let isInteractive: Bool
        var prompts: [String] = []
        var history: [String] = []

        init(_ keys: [Key], interactive: Bool = true) {
            self.keys = keys
            self.isInteractive = interactive
        }

        func readLine(prompt: String) throws(LineReaderInterrupt) -> String? {
            prompts.append(prompt)
            guard !keys.isEmpty else { return nil }
            switch keys.removeFirst() {
            case .line(let text): return text
            case .interrupt: throw LineReaderInterrupt()
            }
        }

        func addHistory(_ statement: String) { history.append(statement) }
    }

    /// Records statements; `dirty` marks unsaved changes, `.quit N` leaves with N, `fail` fails, `long` is interrupted.
    final class RecordingHost: InteractiveHost {
        var executed: [String] = []
        var hasUnsavedChanges = false
        var cancelled = 0

        func execute(_ statement: String) -> StatementOutcome {
            executed.append(statement)
            if statement.hasPrefix(".quit") { return .quit(exitCode: Int32(statement.dropFirst(6)) ?? 0) }
            if statement == "dirty" { hasUnsavedChanges = true }
            if statement == ".save" { hasUnsavedChanges = false }
            if statement == "long" { return .interrupted }
            return statement == "fail" ? .failed : .succeeded
        }

        func completionCandidates() -> CompletionCandidates { CompletionCandidates() }

        func cancelEntry() { cancelled += 1 }
    }

    func run(_ keys: [Key], interactive: Bool = true, host: RecordingHost = RecordingHost())
        -> (code: Int32, host: RecordingHost, reader: ScriptedReader, output: [String])
    {
        let reader = ScriptedReader(keys, interactive: interactive)
        var output: [String] = []
        let code = InteractiveSession(host: host, reader: reader) { output.append($0) }.run()
        return (code, host, reader, output)
    }

    @Test("open parentheses and a trailing backslash continue the statement under the continuation prompt")
    func continuation() {
        let result = run([.line("x = sum(1,"), .line("2)"), .line("y = 1 + \\"), .line("2")])
        #expect(result.host.executed == ["x = sum(1,\n2)", "y = 1 + \n2"])
        #expect(result.reader.prompts == ["gongkai> ", "   ...> ", "gongkai> ", "   ...> ", "gongkai> "])
        #expect(result.reader.history == ["x = sum(1, 2)", "y = 1 +  2"])
        #expect(result.code == 0)
    }

    @Test("Ctrl-C discards the line or the unfinished statement and prompts afresh")
    func interrupt() {
        let result = run([.line("x = sum(1,"), .interrupt, .line("t3.total.total"), .interrupt])
        #expect(result.host.executed == ["t3.total.total"])
        #expect(result.reader.prompts == ["gongkai> ", "   ...> ", "gongkai> ", "gongkai> ", "gongkai> "])
        #expect(result.output.filter { $0 == "^C" }.count == 2)
        #expect(result.reader.history == ["t3.total.total"])
        #expect(result.host.cancelled == 2)  // each Ctrl-C at the prompt ends an entry in progress (.fill)
    }

    @Test("an interrupted statement returns to the prompt; from a pipe it ends the run with 130")
    func interruptedStatement() {
        let result = run([.line("long"), .line("t3.total.total")])
        #expect(result.code == 0)
        #expect(result.host.executed == ["long", "t3.total.total"])
        let piped = run([.line("long"), .line("never")], interactive: false)
        #expect(piped.code == 130)
        #expect(piped.host.executed == ["long"])
    }

    @Test("the prompt is the host's, asked afresh for every line")
    func hostPrompt() {
        final class CountingHost: InteractiveHost {
            var executed = 0
            var hasUnsavedChanges: Bool { false }
            var prompt: String { "[\(executed)]> " }
            var continuationPrompt: String { "  more> " }
            func execute(_ statement: String) -> StatementOutcome {
                executed += 1
                return .succeeded
            }
            func completionCandidates() -> CompletionCandidates { CompletionCandidates() }
        }
        let reader = ScriptedReader([.line("a"), .line("b = sum(1,"), .line("2)")])
        _ = InteractiveSession(host: CountingHost(), reader: reader) { _ in }.run()
        #expect(reader.prompts == ["[0]> ", "[1]> ", "  more> ", "[2]> "])
    }

    @Test("Ctrl-D leaves at once without unsaved changes")
    func endOfInput() {
        let result = run([.line("t3.total.total")])
        #expect(result.code == 0)
        #expect(!result.output.contains { $0.contains("unsaved") })
    }

    @Test("Ctrl-D asks about unsaved changes; a second Ctrl-D leaves")
    func unsavedChangesQuestion() {
        let host = RecordingHost()
        host.hasUnsavedChanges = true
        let keys: [Key] = []
        let result = run(keys, host: host)
        #expect(result.code == 0)
        #expect(result.reader.prompts == [InteractiveSession.prompt, "1 unsaved change — quit anyway? [y/N] "])
    }

    @Test("no (or anything but y) at the question goes on; it is asked again at the next Ctrl-D")
    func questionAnsweredNo() {
        // dirty, Ctrl-D (asked: n), dirty, Ctrl-D (asked), Ctrl-D (leave).
        final class Reader: LineReader {
            var reads: [String?] = ["dirty", nil, "n", "dirty", nil, nil]
            var prompts: [String] = []
            var isInteractive: Bool { true }
            func readLine(prompt: String) throws(LineReaderInterrupt) -> String? {
                prompts.append(prompt)
                return reads.isEmpty ? nil : reads.removeFirst()
            }
            func addHistory(_ statement: String) {}
        }
        let host = RecordingHost()
        let reader = Reader()
        let code = InteractiveSession(host: host, reader: reader) { _ in }.run()
        #expect(code == 0)
        #expect(reader.prompts.filter { $0.contains("unsaved change") }.count == 2)
        #expect(host.executed == ["dirty", "dirty"])
    }

    @Test(".quit with unsaved changes asks; y leaves with its code, n stays")
    func quitAsks() {
        let result = run([.line("dirty"), .line(".quit 3"), .line("n"), .line(".quit 4"), .line("y"), .line("never")])
        #expect(result.code == 4)
        #expect(result.host.executed == ["dirty", ".quit 3", ".quit 4"])
        #expect(result.reader.prompts.filter { $0.contains("quit anyway? [y/N]") }.count == 2)
    }

    @Test(".quit ends the loop with its exit code")
    func quit() {
        let result = run([.line(".quit 3"), .line("never")])
        #expect(result.code == 3)
        #expect(result.host.executed == [".quit 3"])
    }

    @Test("from a pipe: no warning, a failed statement makes exit code 1, a dangling statement still runs")
    func piped() {
        let host = RecordingHost()
        host.hasUnsavedChanges = true
        let result = run([.line("fail"), .line("ok"), .line("x = sum(1,")], interactive: false, host: host)
        #expect(result.code == 1)
        #expect(result.host.executed == ["fail", "ok", "x = sum(1,"])
        #expect(result.output.isEmpty)
        #expect(run([.line("ok")], interactive: false).code == 0)
    }
}
