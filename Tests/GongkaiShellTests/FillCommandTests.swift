import Foundation
import GongkaiShell
import Testing

/// Issue 12: a dot-command typed during `.fill` runs as a command; the entry then asks the same cell again.
@Suite("Commands during .fill")
struct FillCommandTests {
    @Test(".save, .undo, .show and .help run; .5 and . are still answers")
    func commandsRun() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (shell, out) = Harness.shell()
        let status = shell.run(
            script: """
                .load examples/上犹县政府办-2023.txt as sy
                .fill t4
                1
                .save \(directory)/during.gkw
                .undo
                .show t4.review.upheld
                .help undo
                .5
                .
                t4.review.upheld
                t4.review.corrected
                """, name: "fill.gongkai")
        #expect(status == .ok)
        // The save wrote a workbook, not a value; the answer after it went to the second cell.
        let saved = try String(contentsOfFile: directory + "/during.gkw", encoding: .utf8)
        #expect(saved.contains("value t4.review.upheld 1"))
        #expect(out.text.contains("saved \(directory)/during.gkw\n[2/12] 行政复议 · 结果纠正 (t4.review.corrected, now 0)\n"))
        #expect(out.text.contains("t4.review.upheld  1 → 0\n"))  // .undo took the first answer back
        #expect(out.text.contains("Filled 2, kept 0, 10 not asked (stopped)."))
        #expect(out.text.hasSuffix("\n0\n0.5\n"))
        #expect(!out.text.contains("Error"))
    }

    @Test(".fill during .fill is refused and the cell asked again; .quit! ends the entry and quits")
    func fillAndQuit() {
        let (shell, out) = Harness.shell()
        let status = shell.run(
            script: ".load examples/上犹县政府办-2023.txt as sy\n.fill t4\n.fill t3\n3\n.quit!\n4\n", name: "f")
        #expect(status == .quit)  // `.quit` is refused in a script with the unsaved answer; `.quit!` leaves
        #expect(shell.exitCode == 1)
        let question = "[1/12] 行政复议 · 结果维持 (t4.review.upheld, now 0)\n"
        #expect(
            out.text.contains(
                question + "Error near line 3 in f: a .fill is in progress: answer it, or type . to stop it first\n"
                    + question))
        #expect(out.text.contains("Filled 1, kept 0, 11 not asked (stopped)."))
        #expect(!out.text.contains("→ 4"))
    }
}
