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
}
