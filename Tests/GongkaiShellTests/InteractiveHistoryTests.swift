import Foundation
import Testing

@testable import GongkaiShell

/// Where the history file lives and what enters it.
@Suite struct InteractiveHistoryTests {
    @Test(
        "the XDG state directory, else ~/.local/state",
        arguments: [
            (["XDG_STATE_HOME": "/x/state", "HOME": "/home/u"], "/x/state/gongkai/history"),
            (["XDG_STATE_HOME": "/x/state/", "HOME": "/home/u"], "/x/state/gongkai/history"),
            (["XDG_STATE_HOME": "relative/state", "HOME": "/home/u"], "/home/u/.local/state/gongkai/history"),
            (["XDG_STATE_HOME": "", "HOME": "/home/u"], "/home/u/.local/state/gongkai/history"),
            (["HOME": "/home/u"], "/home/u/.local/state/gongkai/history"),
        ])
    func location(environment: [String: String], expected: String) {
        #expect(HistoryFile.standard(environment: environment)?.path == expected)
    }

    @Test("no usable directory: no history file")
    func noHome() {
        #expect(HistoryFile.standard(environment: [:]) == nil)
        #expect(HistoryFile.standard(environment: ["HOME": "relative"]) == nil)
    }

    @Test(
        "blank lines and consecutive duplicates are skipped; completion's trailing space is trimmed",
        arguments: [
            ("t3.total.natural ", nil, "t3.total.natural"),
            ("  .find 自然人\t", "t3.total.natural", ".find 自然人"),
            ("t3.total.natural", "t3.total.natural", nil),
            ("t3.total.natural  ", "t3.total.natural", nil),
            ("   ", nil, nil),
            ("", "x", nil),
        ] as [(String, String?, String?)])
    func entries(statement: String, previous: String?, expected: String?) {
        #expect(HistoryFile.entry(for: statement, previous: previous) == expected)
    }

    @Test("missing directories are created owner-only (0700)")
    func createsPrivateDirectories() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-history-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = HistoryFile(path: root.path + "/state/gongkai/history")
        #expect(file.directory == root.path + "/state/gongkai")
        #expect(file.createDirectory())
        #expect(file.createDirectory())  // idempotent
        for directory in [root.path, root.path + "/state", file.directory] {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory)
            #expect((attributes[.posixPermissions] as? Int) == 0o700, "\(directory)")
        }
    }
}
