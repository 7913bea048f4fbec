import Foundation
import GongkaiCore
import GongkaiShell
import Testing

/// A whole fill from `.new` to `.save` through the non-interactive path, compared with its golden transcript, and the
/// saved workbook restored in a fresh shell.
@Suite("New report, fill, save")
struct StaffTranscriptTests {
    @Test func newFillSave() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = try String(contentsOfFile: Harness.transcripts + "/new-fill.gongkai", encoding: .utf8)
        let out = StringOutput()
        let shell = Shell(output: out, errors: out, options: ShellOptions(width: 80, directory: directory))
        // One refused answer (`t4.review.upheld` is no number and no formula): exit code 1, the script goes on.
        #expect(shell.run(script: script, name: "new-fill.gongkai") == .failed)
        try Harness.expectGolden(out.text, "new-fill.out")
        #expect(out.text.contains("Error near line 10 in new-fill.gongkai: ‘t4.review.upheld’ is not a number"))

        let restored = StringOutput()
        let fresh = Shell(output: restored, errors: restored, options: ShellOptions(directory: directory))
        fresh.run(script: ".load cs.gkw", name: nil)
        func value(_ name: String) -> Value { (try? fresh.workbook.value(of: "cs." + name)) ?? .error(.reference) }
        // Typed full-width, corrected by going back, 无 as 0, a formula only after =, a value cleared by -.
        #expect(value("t4.review.upheld") == .number(5))
        #expect(value("t4.review.corrected") == .number(3))
        #expect(value("t4.review.other") == .number(0))
        #expect(value("t4.review.pending") == .number(0))
        #expect(value("t4.review.total") == .number(8))
        #expect(value("t4.suit.direct.upheld") == .number(0))
        #expect(value("t4.suit.after.pending") == .number(1))
        #expect(value("t4.suit.after.total") == .number(1))
        #expect(value("meta.org") == .text("测试县人民政府办公室"))
        #expect(value("meta.year") == .text("2024"))
        #expect(value("text.s1") == .text("本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n\n全年主动公开政府信息 120 条。"))
        // `.undo` took back the last answer only (the last cell of t3.new), not the whole entry.
        #expect(value("t3.new.natural") == .number(1))
        #expect(value("t3.new.otherorg") == .empty)
    }
}
