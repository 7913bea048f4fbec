import Foundation
import Testing

@testable import GongkaiShell

/// The record behind `.record` keeps statements and their output in order, up to a documented size.
@Suite("Session record")
struct SessionRecordTests {
    @Test("output goes to its statement, in order, echo excluded; .read's statements belong to the .read")
    func entries() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "2 * 3\n4 * 5\n".write(toFile: directory + "/inner.gongkai", atomically: true, encoding: .utf8)
        let (shell, _) = Harness.shell()
        shell.run(script: ".echo on\n1 + 1\nnonsense +\n.read \(directory)/inner.gongkai\n", name: "s")
        let entries = shell.record.entries
        #expect(entries.map(\.statement) == [".echo on", "1 + 1", "nonsense +", ".read \(directory)/inner.gongkai"])
        #expect(entries[1].lines.map(\.text) == ["2"])
        #expect(entries[2].lines.map(\.stream) == [.errors, .errors, .errors])
        // The nested statements' echo and results are the .read's output.
        #expect(entries[3].lines.map(\.text) == ["gongkai> 2 * 3", "6", "gongkai> 4 * 5", "20"])
    }

    @Test("past the limit the output is dropped and .record refuses; statements still run")
    func limit() {
        let (shell, out) = Harness.shell()
        shell.record.limit = 100
        shell.run(script: ".load examples/上犹县政府办-2023.txt\n.show t3\n.record /nonexistent/x.gongkai\n", name: "s")
        #expect(shell.record.overflowed)
        #expect(shell.record.entries.allSatisfy { $0.printed.isEmpty })
        #expect(
            out.text.contains("Error near line 3 in s: the session printed more than 100 bytes: too much to record"))
        #expect(out.text.contains("（七）总计"))
    }

    @Test("statements count toward the limit: a long script keeps no entry per statement past it")
    func statementsCount() {
        let (shell, out) = Harness.shell()
        shell.record.limit = 1_000
        shell.run(script: String(repeating: "1 + 1\n", count: 500), name: "s")
        #expect(shell.record.overflowed)
        #expect(shell.record.entries.isEmpty)
        #expect(out.text == String(repeating: "2\n", count: 500))
    }
}
