import Foundation
import GongkaiCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `gongkai new` and `.fill` in a real terminal (tmux, LANG unset): full-width digits typed, one answer corrected by
/// going back, the workbook saved and read back.
@Suite(.serialized) struct StaffPTYTests {
    @Test("gongkai new, .fill with full-width digits and < to correct, .save")
    func newAndFill() throws {
        let tmux = try #require(TmuxDriver.executable(), "tmux is not installed: apt-get install -y tmux")
        let binary = try #require(GongkaiBinary.path(), "the gongkai executable was not found next to the test bundle")
        let (root, state, home) = try InteractivePTYTests.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let saved = root.appendingPathComponent("cs.gkw").path
        let session = try TmuxDriver(
            tmux: tmux, directory: Harness.root, command: [binary, "new", "测试县", "２０２４", "--as", "cs", "-X"],
            state: state, home: home)
        defer { session.close() }
        try session.waitForPrompts(1)
        #expect(session.screen().lines.contains { $0.hasPrefix("new report cs (测试县 2024): 200 empty cells") })

        session.type(".fill t4")
        session.press("Enter")
        let first = "行政复议/结果维持 [t4.review.upheld] (-)>"
        try session.waitFor("the first cell's prompt") { $0.promptLine == first }
        session.type("５")
        try session.waitFor("the full-width digit echoed") { $0.promptLine == first + " ５" }
        #expect(session.cursor().x == displayWidth(first + " ５"))
        session.press("Enter")
        let second = "行政复议/结果纠正 [t4.review.corrected] (-)>"
        try session.waitFor("the second cell's prompt") { $0.promptLine == second }
        session.type("１，０００")
        session.press("Enter")
        try session.waitFor("the third cell's prompt") { $0.promptLine == "行政复议/其他结果 [t4.review.other] (-)>" }
        #expect(session.screen().lines.contains { $0.hasPrefix("t4.review.corrected  (empty) → 1000") })
        // Back one cell: asked again with the value typed, and corrected.
        session.type("<")
        session.press("Enter")
        try session.waitFor("the second cell asked again") {
            $0.promptLine == "行政复议/结果纠正 [t4.review.corrected] (1000)>"
        }
        session.type("３")
        session.press("Enter")
        try session.waitFor("the correction reported and the third cell asked") { screen in
            screen.lines.contains { $0.hasPrefix("t4.review.corrected  1000 → 3") }
                && screen.promptLine == "行政复议/其他结果 [t4.review.other] (-)>"
        }
        session.type(".")
        session.press("Enter")
        try session.waitFor("the entry ended") { screen in
            screen.lines.contains("Filled 3, kept 0, 10 not asked (stopped).") && screen.promptLine == "gongkai>"
        }
        session.type(".save " + saved)
        session.press("Enter")
        try session.waitFor("saved") { $0.lines.contains("saved " + saved) && $0.promptLine == "gongkai>" }
        try session.leave()

        let workbook = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(workbook.contains("report cs template=2021"))
        #expect(workbook.contains("text meta.org \"测试县\""))
        #expect(workbook.contains("value t4.review.upheld 5"))
        #expect(workbook.contains("value t4.review.corrected 3"))
        #expect(!workbook.contains("1000"))
    }

    @Test("a fill killed with SIGKILL comes back: the start offers the journal, y recovers it, .save writes it")
    func killedFillRecovers() throws {
        let tmux = try #require(TmuxDriver.executable(), "tmux is not installed: apt-get install -y tmux")
        let binary = try #require(GongkaiBinary.path(), "the gongkai executable was not found next to the test bundle")
        let (root, state, home) = try InteractivePTYTests.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let saved = root.appendingPathComponent("cs.gkw").path
        let first = try TmuxDriver(
            tmux: tmux, directory: Harness.root, command: [binary, "new", "测试县", "２０２４", "--as", "cs", "-X"],
            state: state, home: home)
        defer { first.close() }
        try first.waitForPrompts(1)
        first.type(".fill t4")
        first.press("Enter")
        try first.waitFor("the first cell's prompt") { $0.promptLine == "行政复议/结果维持 [t4.review.upheld] (-)>" }
        for answer in ["５", "１，０００", "<", "３", "７"] {
            first.type(answer)
            first.press("Enter")
        }
        try first.waitFor("the fourth cell asked") { $0.promptLine == "行政复议/尚未审结 [t4.review.pending] (-)>" }
        // The prompt is back, so the three answers are durable: kill the process where it stands.
        let journals = try FileManager.default.contentsOfDirectory(atPath: state + "/gongkai").filter {
            $0.hasPrefix("session-") && $0.hasSuffix(".journal")
        }
        let journal = try #require(journals.first, "no journal in \(state)/gongkai")
        let pid = try #require(Int32(journal.dropFirst("session-".count).prefix { $0 != "-" }))
        #expect(kill(pid, SIGKILL) == 0)
        try first.waitFor("the process killed") { $0.lines.contains("EXIT=137") }

        let second = try TmuxDriver(
            tmux: tmux, directory: Harness.root, command: [binary, "-X"], state: state, home: home)
        defer { second.close() }
        try second.waitFor("the offer to recover") { screen in
            screen.promptLine.hasPrefix("an unsaved session from ")
                && screen.promptLine.hasSuffix("(5 changes) was found: recover it? [y/N]")
        }
        second.type("y")
        second.press("Enter")
        try second.waitFor("recovered") { screen in
            // The line is wider than the pane: it wraps.
            screen.lines.joined().contains("recovered 5 changes from " + state + "/gongkai/" + journal)
                && screen.promptLine == "gongkai>"
        }
        second.type("t4.review.upheld & \"/\" & t4.review.corrected & \"/\" & t4.review.other & \"/\" & meta.year")
        second.press("Enter")
        try second.waitFor("the cells as answered") { $0.lines.contains("5/3/7/2024") }
        second.type(".save " + saved)
        second.press("Enter")
        try second.waitFor("saved") { $0.lines.contains("saved " + saved) && $0.promptLine == "gongkai>" }
        try second.leave()
        let workbook = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(workbook.contains("value t4.review.upheld 5\nvalue t4.review.corrected 3\nvalue t4.review.other 7\n"))
        #expect(
            (try FileManager.default.contentsOfDirectory(atPath: state + "/gongkai")).filter {
                $0.hasSuffix(".journal")
            }.isEmpty)
    }
}
