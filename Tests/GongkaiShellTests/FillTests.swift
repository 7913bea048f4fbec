import Foundation
import GongkaiCore
import GongkaiShell
import Testing

/// `.new`, `.fill` with the answers people type, `.check --filing` and `.export` with Excel options, in-process.
@Suite("New report and guided entry")
struct FillTests {
    /// A shell with a new, empty report `r` current.
    static func newShell() -> (Shell, StringOutput) {
        let (shell, out) = Harness.shell()
        shell.run(script: ".new 测试县 2024 as r", name: nil)
        return (shell, out)
    }

    /// Lines typed one after another, as at the prompt (a script's end would end the entry).
    @discardableResult
    static func type(_ shell: Shell, _ lines: String) -> [ShellStatus] {
        lines.split(separator: "\n", omittingEmptySubsequences: false).map { shell.execute(statement: String($0)) }
    }

    static func value(_ shell: Shell, _ name: String) -> Value {
        (try? shell.workbook.value(of: name)) ?? .error(.reference)
    }

    @Test(
        "answers as a Chinese keyboard types them",
        arguments: [
            ("５", "5"), ("1,000", "1000"), ("1，000", "1000"), ("１，０００", "1000"), ("3件", "3"), ("3 件", "3"),
            ("无", "0"), ("0", "0"), (" 12 ", "12"), ("12项", "12"),
        ])
    func forgivingAnswers(answer: String, expected: String) throws {
        let (shell, _) = Self.newShell()
        #expect(shell.run(script: ".fill t4\n\(answer)\n.", name: nil) == .ok)
        #expect(Self.value(shell, "t4.review.upheld") == .number(try #require(DecimalNumber(expected))))
    }

    @Test("the fee takes 万元 and decimals", arguments: ["0.25万元", "０．２５", "0.25"])
    func fee(answer: String) throws {
        let (shell, _) = Self.newShell()
        #expect(shell.run(script: ".fill t2.fee\n\(answer)\n", name: nil) == .ok)
        #expect(Self.value(shell, "t2.fee.amount") == .number(try #require(DecimalNumber("0.25"))))
    }

    @Test(
        "anything else is a one-line error and the same cell is asked again",
        arguments: ["t4.review.upheld", "abc", "1,00", "5万元", "\"5\"", "1.2.3"])
    func refusedAnswer(answer: String) throws {
        let (shell, out) = Self.newShell()
        #expect(shell.run(script: ".fill t4\n\(answer)\n7\n.", name: nil) == .failed)
        let lines = out.text.split(separator: "\n").map(String.init)
        let error = try #require(lines.firstIndex { $0.hasPrefix("Error") })
        #expect(lines[error + 1].hasPrefix("[1/12] "), "the same cell is asked again")
        #expect(!lines[error + 1].contains("^") && !lines[error + 2].hasPrefix("  "), "one line, no caret")
        // Nothing was set by the refused answer; the next answer went to the same cell.
        #expect(Self.value(shell, "t4.review.upheld") == .number(7))
        #expect(Self.value(shell, "t4.review.corrected") == .empty)
    }

    @Test("a formula only after =")
    func formula() throws {
        let (shell, _) = Self.newShell()
        #expect(shell.run(script: ".fill t4\n4\n=t4.review.upheld * 2\n.", name: nil) == .ok)
        #expect(Self.value(shell, "t4.review.corrected") == .number(8))
        let info = try shell.workbook.info(of: "r.t4.review.corrected")
        #expect(info.formula == "t4.review.upheld * 2")
    }

    @Test("< goes back one cell; - clears; a blank keeps")
    func backClearKeep() throws {
        let (shell, out) = Self.newShell()
        Self.type(shell, ".fill t4\n1\n2\n<\n5\n\n<\n<\n<\n-\n.")
        #expect(Self.value(shell, "t4.review.upheld") == .empty)
        #expect(Self.value(shell, "t4.review.corrected") == .number(5))
        #expect(Self.value(shell, "t4.review.other") == .empty)
        #expect(out.text.contains("[2/12] 行政复议 · 结果纠正 (t4.review.corrected, now 2)"))
        // At the first cell there is nowhere to go back to.
        let (first, firstOut) = Self.newShell()
        #expect(first.run(script: ".fill t4\n<\n.", name: nil) == .failed)
        #expect(firstOut.text.contains("this is the first cell"))
    }

    @Test("a stopped .fill resumes where it stopped; --restart starts over; a finished one starts again")
    func resume() throws {
        let (shell, out) = Self.newShell()
        Self.type(shell, ".fill t4\n1\n2\n.\n.fill t4\n3\n.\n.fill t4 --restart\n.")
        let asked = out.text.split(separator: "\n").filter { $0.hasPrefix("[") }.map { String($0.prefix(6)) }
        #expect(asked == ["[1/12]", "[2/12]", "[3/12]", "[3/12]", "[4/12]", "[1/12]"])
        #expect(out.text.contains("Resuming at t4.review.other, where the last .fill stopped"))
        #expect(Self.value(shell, "t4.review.other") == .number(3))
        // Another selection has its own place.
        Self.type(shell, ".fill t3.carried\n.")
        #expect(
            out.text.contains(
                "Filled 0, kept 0, 6 not asked (stopped).\nAll rules hold or wait for values.\n6 still empty"))
    }

    @Test(
        "a row, a column, a table by number, only the empty cells",
        arguments: [
            (".fill t3.carried", 6, "t3.carried."), (".fill t3.natural", 24, ".natural"), (".fill 四", 12, "t4."),
            (".fill t3.result.denied", 48, "t3.result.denied."), (".fill 表二", 10, "t2."),
        ])
    func selections(command: String, count: Int, part: String) throws {
        let (shell, out) = Self.newShell()
        Self.type(shell, command)
        #expect(out.text.contains(": \(count) cells."))
        var asked: [String] = []
        while let name = Self.asked(out.text), asked.count < count + 1 {
            asked.append(name)
            shell.execute(statement: "1")
        }
        #expect(asked.count == count)
        #expect(asked.allSatisfy { $0.contains(part) })
        #expect(Set(asked).count == count)
        let names = ReportTemplate.official2021.cells.filter { !$0.isTotal }.map(\.name)
        #expect(asked == names.filter { asked.contains($0) }, "official order")
    }

    @Test("--empty asks only the cells without a value")
    func onlyEmpty() throws {
        let (shell, out) = Self.newShell()
        Self.type(shell, "t4.review.upheld = 1\nt4.suit.after.other = 2\n.fill t4 --empty")
        #expect(out.text.contains(": 10 empty cells."))
        #expect(Self.asked(out.text) == "t4.review.corrected")
        let (full, fullOut) = Harness.shell()
        #expect(full.run(script: ".load examples/上犹县政府办-2023.txt\n.fill t4 --empty", name: nil) == .failed)
        #expect(fullOut.text.contains("nothing to fill: every cell of 四、政府信息公开行政复议、行政诉讼情况 has a value"))
    }

    /// The cell named by the last question of a transcript, if the entry still runs.
    static func asked(_ text: String) -> String? {
        guard let last = text.split(separator: "\n").last(where: { $0.hasPrefix("[") || $0.hasPrefix("Filled") }),
            last.hasPrefix("["), let open = last.lastIndex(of: "("), let comma = last[open...].firstIndex(of: ",")
        else { return nil }
        return String(last[last.index(after: open)..<comma])
    }

    @Test("prose sections: lines until a lone ., blank lines kept inside; a blank first line keeps, - clears")
    func prose() throws {
        let (shell, _) = Self.newShell()
        let status = shell.run(
            script: ".fill text\n第一段。\n\n第二段，\n续行。\n.\n\n-\n.", name: nil)
        #expect(status == .ok)
        #expect(Self.value(shell, "r.text.s1") == .text("第一段。\n\n第二段，\n续行。"))
        #expect(Self.value(shell, "r.text.s2") == .empty)
        shell.run(script: "text.s3 = \"旧\"\n.fill text.s3\n-\n", name: nil)
        #expect(Self.value(shell, "r.text.s3") == .empty)
        // A prose answer still open at the end of the input is kept as typed.
        shell.run(script: ".fill text.s4\n未完的一段", name: nil)
        #expect(Self.value(shell, "r.text.s4") == .text("未完的一段"))
    }

    @Test("each answer is one undo step")
    func undoPerAnswer() throws {
        let (shell, _) = Self.newShell()
        shell.run(script: ".fill t4\n1\n2\n3\n.", name: nil)
        shell.run(script: ".undo", name: nil)
        #expect(Self.value(shell, "t4.review.other") == .empty)
        #expect(Self.value(shell, "t4.review.corrected") == .number(2))
        shell.run(script: ".undo\n.undo", name: nil)
        #expect(Self.value(shell, "t4.review.upheld") == .empty)
        #expect(shell.workbook.reportNames == ["r"], "the report itself is one more step back")
        shell.run(script: ".undo", name: nil)
        #expect(shell.workbook.reportNames.isEmpty)
    }

    @Test("a complete row shows its rule; the end lists failing rules and empty cells")
    func rowRuleAndSummary() throws {
        let (shell, out) = Self.newShell()
        Self.type(shell, "t4.review.total = 9\n.fill t4\n1\n2\n3")
        #expect(!out.text.contains("row t4.review complete"))
        Self.type(shell, "4\n.")
        #expect(out.text.contains("row t4.review complete:\n  fails      t4.rowsum.review     -1  error"))
        #expect(out.text.contains("1 rule failing:\n  fails      t4.rowsum.review     -1  error\n8 still empty"))
    }

    @Test(".new: body, year (full-width or with 年), name; unique default names; current at once")
    func newReport() throws {
        let (shell, out) = Harness.shell()
        shell.run(script: ".new 某某县 ２０２４年\n.new\n.new\n.new \"某 某\" 2023 as x", name: nil)
        // A body and a year name the report as a load does (body_year); a year alone gives r + year.
        #expect(shell.workbook.reportNames == ["某某县_2024", "report", "report_2", "x"])
        #expect(shell.workbook.currentReport == "x")
        #expect(Self.value(shell, "某某县_2024.meta.org") == .text("某某县"))
        #expect(Self.value(shell, "某某县_2024.meta.year") == .text("2024"))
        #expect(Self.value(shell, "x.meta.org") == .text("某 某"))
        #expect(out.text.contains("new report 某某县_2024 (某某县 2024): 200 empty cells, 166 to enter"))
        #expect(Self.value(shell, "x.t3.total.total") == .empty)
        #expect(shell.run(script: ".new a b c", name: nil) == .failed)
        #expect(shell.run(script: ".new y as x", name: nil) == .failed, "a name in use is refused")
    }

    @Test(".check --filing lists what is left in official order, with cell names")
    func filing() throws {
        let (shell, out) = Self.newShell()
        shell.run(script: ".fill text.s1\n总体情况。\n.\n.check --filing", name: nil)
        let text = out.text
        let order = [
            "text.s2", "t2.reg.made", "t2.fee.amount", "text.s3", "t3.new.natural", "t3.forward.otherorg",
            "text.s4", "t4.review.upheld", "t4.suit.after.pending", "text.s5", "text.s6",
        ]
        let start = try #require(text.range(of: "Before publishing r (测试县 2024), clear:"))
        let positions = order.map { text.range(of: $0, range: start.upperBound..<text.endIndex)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        #expect(!text[start.upperBound...].contains("text.s1"))
        #expect(text.contains("to clear: 33 missing, 5 empty."))

        // A full report: failing rules and their cells, then nothing once healed.
        let (full, fullOut) = Harness.shell()
        let status = full.run(
            script: ".load examples/上犹县政府办-2023.txt as sy\nt3.new.natural = 8\n.check --filing", name: nil)
        #expect(status == .rulesFailing)
        #expect(fullOut.text.contains("fails   申请人情况/自然人: 本年新收 + 上年结转 = （七）总计 + 结转下年度继"))
        #expect(fullOut.text.contains("t3.balance.natural t3.new.natural t3.carried.natural t3.total.natural"))
        #expect(fullOut.text.contains("5 to clear: 3 empty, 2 fails."))
        // Healed, only the example's empty prose sections 二 to 四 are left; once written, nothing.
        full.run(script: ".undo", name: nil)
        #expect(full.run(script: ".check --filing", name: nil) == .rulesFailing)
        #expect(fullOut.text.hasSuffix("3 to clear: 3 empty.\n"))
        full.run(script: "text.s2 = \"二\"\ntext.s3 = \"三\"\ntext.s4 = \"四\"", name: nil)
        #expect(full.run(script: ".check --filing", name: nil) == .ok)
        #expect(fullOut.text.hasSuffix("sy (上犹县政府办 2023) is ready to publish: nothing to clear.\n"))
        // Another report by name; an unknown name is an error.
        full.run(script: ".new 某县 2025 as other\n.check --filing sy", name: nil)
        #expect(fullOut.text.hasSuffix("sy (上犹县政府办 2023) is ready to publish: nothing to clear.\n"))
        #expect(full.run(script: ".check --filing nosuch", name: nil) == .failed)
    }

    @Test(".export: --excel, tables by number, xlsx to a file and back")
    func export() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let example = Harness.root + "/examples/上犹县政府办-2023.txt"
        let out = StringOutput()
        let shell = Shell(output: out, errors: out, options: ShellOptions(directory: directory))
        #expect(shell.run(script: ".load \"\(example)\" as sy\n.export csv - 三 --excel", name: nil) == .ok)
        #expect(out.text.contains("\u{FEFF}"))
        #expect(out.text.contains("三、收到和处理政府信息公开申请情况\r\n"))
        #expect(!out.text.contains("二、主动公开政府信息情况"))
        #expect(shell.run(script: ".export xlsx -", name: nil) == .failed)
        #expect(shell.run(script: ".export csv x.csv 表五", name: nil) == .failed)
        #expect(
            shell.run(script: ".export xlsx sy.xlsx 3 4 2\n.export csv sy.csv\n.export csv-long sy-long.csv", name: nil)
                == .ok)
        for file in ["sy.xlsx", "sy.csv", "sy-long.csv"] {
            let again = StringOutput()
            let reloaded = Shell(output: again, errors: again, options: ShellOptions(directory: directory))
            #expect(reloaded.run(script: ".load \(file) as back", name: nil) == .ok)
            #expect(again.text.contains("200 of 200 cells"), "\(file): \(again.text)")
            for cell in ReportTemplate.official2021.cells {
                #expect(
                    Self.value(reloaded, "back." + cell.name) == Self.value(shell, "sy." + cell.name),
                    "\(file) \(cell.name)")
            }
        }
    }
}

/// `gongkai export --format xlsx` and `gongkai new` through the launcher.
@Suite("Launcher: xlsx and new")
struct StaffLauncherTests {
    @Test("xlsx needs -o; with it, a zip archive that loads back")
    func exportXLSX() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let example = Harness.root + "/examples/上犹县政府办-2023.txt"
        let (context, _, err) = LauncherTests.context()
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: [example], format: "xlsx", excel: false, output: nil, tables: [], strict: false),
                context: context) == 1)
        #expect(err.text.contains("xlsx is a binary format: give a file name (-o FILE)"))
        let file = directory + "/sy.xlsx"
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: [example], format: "xlsx", excel: false, output: file, tables: ["三"],
                    strict: false), context: context) == 0)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        let (shell, out) = Harness.shell()
        #expect(shell.run(script: ".load \"\(file)\" as back", name: nil) == .ok)
        #expect(out.text.contains("175 of 200 cells"), "only table 三 was exported: \(out.text)")
    }

    @Test("gongkai new runs .new first, then the script")
    func newFirst() throws {
        let (context, out, _) = LauncherTests.context(input: "t4.review.upheld = 2\n.reports\n")
        let code = Launcher.shell(
            files: [], commands: nil, bail: false, skipInit: true, context: context,
            firstStatements: [".new \"测试县\" \"2024\" as cs"])
        #expect(code == 0)
        #expect(out.text.contains("new report cs (测试县 2024)"))
        #expect(out.text.contains("* cs     测试县 2024"))
    }
}
