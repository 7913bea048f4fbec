import Foundation
import GongkaiShell

/// What a cell answered at the `.fill` prompt costs: the edit, its change report and the journal's write, with and
/// without `fsync` (`fill_answer_journal_fsync`, `fill_answer_journal_nofsync`) and without a journal
/// (`fill_answer`), next to `edit_1`.
enum FillJournalBench {
    /// Answers `answers` cells of table 三 through the shell, journaling into a temporary folder; µs per answer.
    static func perAnswer(journal: Bool, durable: Bool, answers: Int) -> [Double] {
        let folder = NSTemporaryDirectory() + "gongkai-bench-journal-\(getpid())-\(durable)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let shell = Shell(output: StringOutput(), errors: StringOutput())
        shell.enableJournal(stateFolder: journal ? folder : nil, durability: durable ? .everyWrite : .none)
        shell.execute(statement: ".new 测试县 2024 as cs")
        var times: [Double] = []
        var value = 0
        while times.count < answers {
            shell.execute(statement: ".fill t3 --restart")
            for _ in 0..<120 where times.count < answers {
                value += 1
                let answer = "\(value % 97)"
                times.append(time { shell.execute(statement: answer) })
            }
            shell.execute(statement: ".")
        }
        shell.endJournal()
        return times
    }

    static func run(quick: Bool) {
        let bare = perAnswer(journal: false, durable: false, answers: quick ? 200 : 5000)
        emit(
            "fill_answer", median(bare) / 1e3, "us",
            "\(summary(bare.map { $0 / 1e3 })); one .fill answer through the shell without a journal: the edit, its change report, the next cell"
        )
        for durable in [true, false] {
            let times = perAnswer(journal: true, durable: durable, answers: quick ? 200 : (durable ? 1000 : 5000))
            emit(
                "fill_answer_journal_\(durable ? "fsync" : "nofsync")", median(times) / 1e3, "us",
                "\(summary(times.map { $0 / 1e3 })); one .fill answer through the shell: the edit, its change report and the journal's line"
                    + (durable ? ", fsync'ed before the prompt returns" : " without fsync (page cache only)"))
        }
    }
}
