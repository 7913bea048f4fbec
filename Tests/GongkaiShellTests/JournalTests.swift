import Foundation
import GongkaiCore
import GongkaiIO
import Testing

@testable import GongkaiShell

#if canImport(Glibc)
    import Glibc
#endif

/// The journal of acknowledged changes: its format, its torn tail, its file safety, and recovery after `kill -9`.
@Suite struct JournalTests {
    /// A document read back through the engine, so that entry order does not matter: what a session is.
    static func normalized(_ document: WorkbookDocument) throws -> String {
        WorkbookFile.render(try Workbook(document: document).document())
    }

    /// A shell journaling into a fresh state folder.
    static func journaledShell() throws -> (Shell, StringOutput, String) {
        let folder = try Harness.temporaryDirectory()
        let out = StringOutput()
        let shell = Shell(output: out, errors: out)
        shell.enableJournal(stateFolder: folder + "/state")
        return (shell, out, folder)
    }

    static let fill = [
        ".new 测试县 2024 as cs", ".fill t4", "５", "１，０００", "<", "3件", "无", "-", "=t4.review.upheld * 2", ".",
        "meta.title = \"2024年\"\"报告\"\"\"", "t3.new.natural = 7", "t3.new.total = 9", ".undo", "t3.new.total =",
        ".fill text", "第一段", "第二行", ".", ".",
    ]

    @Test("every acknowledged change is in the journal: replaying it gives the session exactly")
    func replayIsExact() throws {
        let (shell, _, folder) = try Self.journaledShell()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for statement in Self.fill {
            shell.execute(statement: statement)
            let path = try #require(shell.journalPath)
            let contents = try JournalFile.parse(try String(contentsOfFile: path, encoding: .utf8))
            #expect(
                try Self.normalized(contents.document) == Self.normalized(shell.workbook.document()), "\(statement)")
            #expect(contents.changes == shell.unsavedChangeCount)
            #expect(!contents.droppedTail)
        }
        let path = try #require(shell.journalPath)
        var info = stat()
        #expect(lstat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(path.hasPrefix(folder + "/state/session-\(getpid())-"))
    }

    @Test("an alias and its undo reach the journal as the session has them")
    func aliasIsJournaled() throws {
        let (shell, _, folder) = try Self.journaledShell()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for statement in [".new 洪泽县 2023 as a", ".new 淮安市洪泽区 2024 as b", ".alias 洪泽县 = 淮安市洪泽区", ".undo", ".redo"] {
            #expect(shell.execute(statement: statement) == .ok, "\(statement)")
            let path = try #require(shell.journalPath)
            let contents = try JournalFile.parse(try String(contentsOfFile: path, encoding: .utf8))
            #expect(contents.document.aliases == shell.workbook.document().aliases, "\(statement)")
        }
        #expect(try shell.workbook.previousYear(of: "b") == "a")
        let path = try #require(shell.journalPath)
        let recovered = try Workbook(
            document: JournalFile.parse(String(contentsOfFile: path, encoding: .utf8)).document)
        #expect(try recovered.previousYear(of: "b") == "a")
    }

    @Test("a cut last line, or one whose checksum fails, is dropped; everything before it stays")
    func tornTail() throws {
        let (shell, _, folder) = try Self.journaledShell()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for statement in Self.fill.prefix(6) { shell.execute(statement: statement) }
        let before = try Self.normalized(shell.workbook.document())
        let path = try #require(shell.journalPath)
        let whole = try String(contentsOfFile: path, encoding: .utf8)
        shell.execute(statement: "3")  // one more answer: its line is cut at every byte below
        let longer = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
        let start = whole.utf8.count
        for cut in start..<longer.count {
            let text = String(decoding: longer[..<cut], as: UTF8.self)
            let contents = try JournalFile.parse(text)
            #expect(try Self.normalized(contents.document) == before, "cut at \(cut)")
            #expect(contents.droppedTail == (cut > start))
        }
        // The whole line, then the same line with one character changed.
        #expect(try Self.normalized(JournalFile.parse(String(decoding: longer, as: UTF8.self)).document) != before)
        var damaged = longer
        damaged[longer.count - 3] ^= 0x01
        let contents = try JournalFile.parse(String(decoding: damaged, as: UTF8.self))
        #expect(try Self.normalized(contents.document) == before)
        #expect(contents.droppedTail)
    }

    @Test("at a terminal every change is fsynced; a script's journal is written each time and fsynced grouped")
    func durability() throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let header = JournalFile.Header(pid: 1, workbook: nil, changes: 0)
        let cell = WorkbookDocument.Cell(
            report: "r", name: "t3.new.natural", fact: .value(.init(name: "t3.new.natural", value: .number(.one))))
        var written: [String: Int] = [:]
        for (name, durability) in [
            ("every", JournalWriter.Durability.everyWrite), ("grouped", .grouped(milliseconds: 60_000)),
        ] {
            let path = folder + "/\(name).journal"
            let writer = try JournalWriter.create(
                path: path, header: header, document: WorkbookDocument(), durability: durability)
            for _ in 0..<100 { try writer.append(.cell(cell)) }
            written[name] = writer.syncs
            // Written either way: a killed process loses nothing that was appended.
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.components(separatedBy: "t3.new.natural").count - 1 == 100)
        }
        // The snapshot written at creation, then each of the 100 lines; grouped: the snapshot's only.
        #expect(written["every"] == 101)
        #expect(written["grouped"] == 1)
    }

    @Test("a journal is never opened through a planted symbolic link, nor read through one")
    func symbolicLinks() throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let target = folder + "/target"
        try "precious\n".write(toFile: target, atomically: false, encoding: .utf8)
        let link = folder + "/session-1-1.journal"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let header = JournalFile.Header(pid: 1, workbook: nil, changes: 0)
        #expect(throws: AtomicFile.WriteError.self) {
            _ = try JournalWriter.create(path: link, header: header, document: WorkbookDocument())
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
        // A real orphan's journal, planted as a link: not offered.
        let real = folder + "/real"
        try JournalFile.render(JournalFile.Header(pid: 999_999_999, workbook: nil, changes: 1), document: .init())
            .write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(Shell.orphanJournals(stateFolder: folder, besides: []).isEmpty)
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.moveItem(atPath: real, toPath: link)
        #expect(Shell.orphanJournals(stateFolder: folder, besides: []).map(\.path) == [link])
    }

    @Test(".save makes the saved file the base: the journal starts over beside it")
    func saveRebases() throws {
        let (shell, _, folder) = try Self.journaledShell()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for statement in Self.fill.prefix(4) + ["."] { shell.execute(statement: statement) }
        let first = try #require(shell.journalPath)
        #expect(shell.execute(statement: ".save \(folder)/cs.gkw") == .ok)
        #expect(shell.journalPath == nil && !FileManager.default.fileExists(atPath: first))
        #expect(shell.unsavedChangeCount == 0)
        shell.execute(statement: "t3.new.natural = 4")
        let beside = try #require(shell.journalPath)
        #expect(beside.hasPrefix(folder + "/.cs.gkw.\(getpid())-") && beside.hasSuffix(".journal"))
        let contents = try JournalFile.parse(try String(contentsOfFile: beside, encoding: .utf8))
        #expect(contents.header.workbook == folder + "/cs.gkw")
        #expect(contents.changes == 1)
        shell.endJournal()
        #expect(!FileManager.default.fileExists(atPath: beside))
    }

    @Test("a script's .quit with unsaved changes is refused (exit 1); .quit! leaves; a clean end removes the journal")
    func quitInScripts() throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = StringOutput()
        let context = LaunchContext(output: out, errors: out, environment: ["XDG_STATE_HOME": folder])
        let refused = Launcher.shell(
            files: [], commands: ".new a 2024 as a; t3.new.natural = 1; .quit; t3.new.natural", bail: false,
            skipInit: true, context: context)
        #expect(refused == 1)
        #expect(out.text.contains("Error in command 3: 2 unsaved changes: .save FILE first, or .quit! to leave"))
        #expect(out.text.hasSuffix("1\n"))  // the script went on
        let forced = Launcher.shell(
            files: [], commands: ".new a 2024 as a; .quit!; t3.new.natural = 1", bail: false, skipInit: true,
            context: context)
        #expect(forced == 0)
        #expect((try? FileManager.default.contentsOfDirectory(atPath: folder + "/gongkai")) ?? [] == [])
    }

    @Test("gongkai --recover rebuilds the session an orphaned journal holds, and says what it recovered")
    func recoverFromTheCommandLine() throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (shell, _, _) = try Self.journaledShell()
        shell.enableJournal(stateFolder: folder + "/gongkai")
        for statement in Self.fill { shell.execute(statement: statement) }
        let expected = try Self.normalized(shell.workbook.document())
        // The journal as a dead process would have left it.
        let path = try #require(shell.journalPath)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "pid \(getpid())\n", with: "pid 999999999\n")
        shell.endJournal()
        try text.write(toFile: folder + "/gongkai/session-999999999-1.journal", atomically: false, encoding: .utf8)
        let out = StringOutput()
        let context = LaunchContext(output: out, errors: out, environment: ["XDG_STATE_HOME": folder])
        let code = Launcher.shell(
            files: [], commands: ".save \(folder)/back.gkw", bail: false, skipInit: true, recover: true,
            context: context)
        #expect(code == 0, "\(out.text)")
        #expect(out.text.hasPrefix("recovered \(shell.unsavedChangeCount) changes from \(folder)/gongkai/session-"))
        let saved = try WorkbookFile.parse(try String(contentsOfFile: folder + "/back.gkw", encoding: .utf8))
        #expect(try Self.normalized(saved) == expected)
        // Recovered once: the orphan is gone, and nothing is left to recover.
        #expect(Shell.orphanJournals(stateFolder: folder + "/gongkai", besides: []).isEmpty)
        let again = StringOutput()
        let none = Launcher.shell(
            files: [], commands: "", bail: false, skipInit: true, recover: true,
            context: LaunchContext(output: again, errors: again, environment: ["XDG_STATE_HOME": folder]))
        #expect(none == 2)
        #expect(again.text.contains("no unsaved session to recover"))
    }
}
