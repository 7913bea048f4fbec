import Foundation
import GongkaiCore
import GongkaiIO
import Testing

@testable import GongkaiShell

#if canImport(Glibc)
    import Glibc
#endif

/// `kill -9` at 100 random points of a scripted fill: after each, the journal gives exactly the statements
/// acknowledged before the kill — none lost, none invented.
@Suite(.serialized) struct JournalCrashTests {
    /// A fill of tables 四 and 二 with full-width digits, going back, clearing, formulas, texts and an undo.
    static let script: [String] = {
        var lines = [".echo on", ".new 测试县 2024 as cs", ".fill t4"]
        let answers = ["５", "１，０００", "<", "3件", "无", "-", "12", "=t4.review.upheld + 1", "0", "２", "7", "1", "4", "."]
        lines += answers
        lines += ["meta.title = \"年度报告\"", ".fill t2"]
        for n in 0..<30 { lines.append(n % 7 == 6 ? "<" : "\(n % 5)") }
        lines += [".", "t3.new.natural = 8", ".undo", ".redo", "t3.new.commercial = 2", ".reports cs"]
        return lines
    }()

    @Test("kill -9 at 100 random points: recovery has every acknowledged statement, in order, and no other")
    func killedAtRandom() throws {
        let binary = try #require(GongkaiBinary.path(), "the gongkai executable was not found next to the test bundle")
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let scriptPath = folder + "/fill.gongkai"
        try (Self.script.joined(separator: "\n") + "\n").write(toFile: scriptPath, atomically: true, encoding: .utf8)

        // The session after each statement, and where each statement's echo starts in the output.
        let out = StringOutput()
        let shell = Shell(output: out, errors: StringOutput())
        var sessions = [try JournalTests.normalized(shell.workbook.document())]
        var echoStarts: [Int] = []
        for statement in Self.script {
            echoStarts.append(out.text.utf8.count)
            shell.execute(statement: statement)
            sessions.append(try JournalTests.normalized(shell.workbook.document()))
        }
        let fullOutput = Array(out.text.utf8)

        var generator = SplitMix64(seed: 20_240_301)
        var longest = 0.0
        var kills = 0
        var exact = 0
        var inFlightDurable = 0
        var tornTails = 0
        var finishedFirst = 0
        var afterCleanEnd = 0
        while kills < 100 && finishedFirst < 200 {
            let state = folder + "/state-\(kills)-\(finishedFirst)"
            let child = try ChildProcess(
                [binary, "run", "-X", scriptPath],
                environment: ["XDG_STATE_HOME=" + state, "HOME=" + folder, "NO_COLOR=1"])
            let started = Date()
            // Uniform over the run's length as learnt so far (at first, up to 0.4 s).
            let span = longest > 0 ? longest : 0.4
            usleep(UInt32(Double(generator.next() % 1_000_000) / 1_000_000 * span * 1_000_000))
            kill(child.pid, SIGKILL)
            let printed = child.readAll()
            let status = child.wait()
            if status & 0x7f != SIGKILL {
                // It ended before the kill: a clean end removes the journal.
                longest = max(longest, Date().timeIntervalSince(started)) * 0.9
                finishedFirst += 1
                let left = (try? FileManager.default.contentsOfDirectory(atPath: state + "/gongkai")) ?? []
                #expect(left.isEmpty, "a clean end leaves no journal")
                continue
            }
            kills += 1
            #expect(Array(fullOutput.prefix(printed.count)) == printed, "the output is the in-process one")
            // Statements whose echo began: all before the last are acknowledged; the last one was in flight.
            let begun = echoStarts.filter { $0 < printed.count }.count
            let acknowledged = max(begun - 1, 0)
            let orphans = Shell.orphanJournals(stateFolder: state + "/gongkai", besides: [])
            let recovered = try orphans.first.map { try JournalTests.normalized($0.contents.document) } ?? sessions[0]
            if orphans.first?.contents.droppedTail == true { tornTails += 1 }
            if recovered == sessions[acknowledged] {
                exact += 1
            } else if sessions[(acknowledged + 1)...].contains(recovered) {
                // Statements in flight reached the journal before the kill, but their output was not yet written (a
                // script's output goes out in blocks, after the journal lines of its statements): every acknowledged
                // statement is there, in order, and nothing that did not run. Nothing lost, nothing invented.
                exact += 1
                inFlightDurable += 1
            } else if orphans.isEmpty, begun == Self.script.count {
                // Killed after the last statement, during the clean end that removes the journal (a script's
                // session ends with it, as documented): nothing was acknowledged after that.
                exact += 1
                afterCleanEnd += 1
            } else {
                Issue.record(
                    "kill \(kills): \(acknowledged) statements acknowledged, the journal gives another session")
            }
        }
        print(
            "journal crash test: \(kills) kills, \(exact) recoveries exact (\(inFlightDurable) with statements in "
                + "flight durable too, \(tornTails) cut last lines dropped, \(afterCleanEnd) killed during the clean end; "
                + "\(finishedFirst) runs ended before the kill)"
        )
        #expect(kills == 100)
        #expect(exact == 100)
    }
}
