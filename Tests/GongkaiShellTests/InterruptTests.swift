import Foundation
import GongkaiCore
import Testing

@testable import GongkaiShell

/// Ctrl-C while a command runs: the shell stops at the next safe point (statement, file, row), says `interrupted`,
/// and keeps what completed. Each shell gets its own `Interruption`, requested from inside the run by an output that
/// watches for a line, as a Ctrl-C pressed at that moment would; the process's SIGINT path is covered by the binary
/// and PTY tests.
@Suite("Interrupts")
struct InterruptTests {
    static let example = "examples/上犹县政府办-2023.txt"

    /// Collects output and requests an interrupt the first time a written line contains `trigger`.
    final class TriggeringOutput: TextOutput {
        let trigger: String
        let interruption: Interruption
        private(set) var text = ""
        private(set) var fired = false

        init(trigger: String, interruption: Interruption) {
            self.trigger = trigger
            self.interruption = interruption
        }

        func write(_ text: String) {
            self.text += text
            if !fired && text.contains(trigger) {
                fired = true
                interruption.request()
            }
        }
    }

    /// A shell whose output and errors go to one triggering collector, resolving names from the package root.
    static func shell(interruptWhen trigger: String) -> (Shell, TriggeringOutput) {
        let interruption = Interruption()
        let out = TriggeringOutput(trigger: trigger, interruption: interruption)
        let shell = Shell(
            output: out, errors: out, options: ShellOptions(directory: Harness.root), interruption: interruption)
        return (shell, out)
    }

    static func value(_ shell: Shell, _ name: String) -> Value? { try? shell.workbook.value(of: name) }

    @Test("a script stops before the statement after the Ctrl-C; the statements before stay done")
    func scriptStopsAtNextStatement() {
        // Ctrl-C "pressed" while the second assignment prints its change report.
        let (shell, out) = Self.shell(interruptWhen: "→ 200")
        let status = shell.run(
            script: """
                .load \(Self.example)
                t3.new.natural = 100
                t3.new.natural = 200
                t3.new.natural = 300
                t3.new.legal = 5
                """, name: "long.gongkai")
        #expect(status == .interrupted)
        #expect(out.text.hasSuffix("t3.new.natural  100 → 200\ninterrupted\n"))
        #expect(Self.value(shell, "t3.new.natural") == .number(200))
        #expect(Self.value(shell, "t3.new.legal") == .number(0))
        #expect(shell.wasInterrupted && shell.exitCode == 130)
        // The interrupt was taken: the next statement runs, and so does one after an old, stale Ctrl-C.
        #expect(shell.execute(statement: "t3.new.natural = 300") == .ok)
        shell.interruption.request()
        #expect(shell.execute(statement: "t3.new.legal = 5") == .ok)
        #expect(Self.value(shell, "t3.new.legal") == .number(5))
    }

    @Test("Ctrl-C inside a .read stops the script it reads and the one reading it, under .bail off")
    func nestedRead() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let inner = directory + "/inner.gongkai"
        try "t3.new.natural = 1\nt3.new.natural = 2\nt3.new.natural = 3\n".write(
            toFile: inner, atomically: true, encoding: .utf8)
        let (shell, out) = Self.shell(interruptWhen: "→ 2")
        #expect(shell.execute(statement: ".load \(Self.example)") == .ok)
        // As typed at the prompt: the .read statement comes back interrupted, and so would the outer script.
        #expect(shell.execute(statement: ".read \(inner)") == .interrupted)
        #expect(Self.value(shell, "t3.new.natural") == .number(2))
        #expect(out.text.components(separatedBy: "interrupted\n").count == 2)  // said once
        let outer = directory + "/outer.gongkai"
        try ".read \(inner)\nt3.new.legal = 9\n".write(toFile: outer, atomically: true, encoding: .utf8)
        let (again, _) = Self.shell(interruptWhen: "→ 2")
        _ = again.execute(statement: ".load \(Self.example)")
        #expect(again.run(script: ".read \(outer)\nt3.new.legal = 8\n", name: nil) == .interrupted)
        #expect(Self.value(again, "t3.new.legal") == .number(0))
    }

    @Test("a .fill in a script ends at the Ctrl-C: answers given stay, the rest is not asked")
    func fillInScript() {
        let (shell, out) = Self.shell(interruptWhen: "t4.review.corrected  0 → 2")
        let status = shell.run(
            script: ".load \(Self.example)\n.fill t4\n1\n2\n3\nt4.review.total\n", name: "fill.gongkai")
        #expect(status == .interrupted)
        #expect(out.text.contains("interrupted\nFilled 2, kept 0, 10 not asked (stopped).\n"))
        #expect(shell.fill == nil)
        #expect(Self.value(shell, "t4.review.corrected") == .number(2))
        #expect(Self.value(shell, "t4.review.other") == .number(0))
    }

    @Test("Ctrl-C at the prompt during .fill ends it; the prompt names the cell asked for")
    func fillAtPrompt() {
        let (shell, out) = Harness.shell()
        _ = shell.execute(statement: ".load \(Self.example)")
        #expect(shell.prompt == "gongkai> ")
        _ = shell.execute(statement: ".fill t3")
        #expect(shell.prompt == "一、本年新收政府…/自然人 [t3.new.natural] (7)> ")
        _ = shell.execute(statement: "8")
        #expect(shell.prompt == "一、本年新收政府…/商业企业 [t3.new.commercial] (0)> ")
        shell.cancelEntry()
        #expect(shell.fill == nil)
        #expect(
            out.text.hasSuffix(
                """
                [2/144] 一、本年新收政府信息公开申请数量 · 商业企业 (t3.new.commercial, now 0)
                Filled 1, kept 0, 143 not asked (stopped).
                2 rules failing:
                  fails      t3.balance.natural     +1  error
                  fails      t3.rowsum.new          -1  error

                """))
        #expect(shell.prompt == "gongkai> ")
        #expect(Self.value(shell, "t3.new.natural") == .number(8))
    }

    @Test(".fill prompts fit the width: rows go, then are cut, the cell name stays", arguments: [160, 80, 60, 40])
    func fillPromptWidth(width: Int) throws {
        let template = ReportTemplate.official2021
        let session = FillSession(
            report: "r", template: template, selection: "r", items: template.cells.map { .cell($0) })
        for cell in template.cells {
            let prompt = session.prompt(for: cell, now: .number(12345), width: width)
            // Within the width less 16 columns for the answer, or else the bare name (still inside the terminal).
            #expect(displayWidth(prompt) <= max(width - 16, 20) || prompt == cell.name + "> ", "\(prompt)")
            #expect(displayWidth(prompt) < width && prompt.hasSuffix("> ") && prompt.contains(cell.name), "\(prompt)")
            // From 80 columns on, every cell keeps a Chinese label before its name and value.
            if width >= 80 {
                #expect(prompt.hasSuffix(" [\(cell.name)] (12345)> ") && !prompt.hasPrefix("["), "\(prompt)")
            }
        }
        let secret = try #require(template.cell(named: "t3.result.denied.secret.natural"))
        let prompt = session.prompt(for: secret, now: .empty, width: width)
        switch width {
        case 160: #expect(prompt == "（三）不予公开/1.属于国家秘密/自然人 [t3.result.denied.secret.natural] (-)> ")
        case 80: #expect(prompt == "1.属于国家秘密/自然人 [t3.result.denied.secret.natural] (-)> ")
        case 60: #expect(prompt == "[t3.result.denied.secret.natural] (-)> ")
        default: #expect(prompt == "t3.result.denied.secret.natural> ")
        }
    }

    @Test("long outputs stop between rows: .show lists and .check all over several reports")
    func outputsStopBetweenRows() {
        let (shell, out) = Self.shell(interruptWhen: "t3.new.commercial")
        _ = shell.execute(statement: ".load \(Self.example) as a")
        #expect(shell.execute(statement: ".show t3.**") == .interrupted)
        let listed = out.text.split(separator: "\n").filter { $0.hasPrefix("t3.") }
        #expect(listed.count == 2)  // t3.new.natural, then t3.new.business... stopped before the third row
        #expect(out.text.hasSuffix("interrupted\n"))

        let (checker, log) = Self.shell(interruptWhen: "a.t3.balance.natural")
        _ = checker.execute(statement: ".load \(Self.example) as a")
        _ = checker.execute(statement: ".load \(Self.example) as b")
        #expect(checker.execute(statement: ".check all") == .interrupted)
        #expect(!log.text.contains("b.t3"))
        #expect(!log.text.contains("a: 43 rules"))
        #expect(log.text.hasSuffix("interrupted\n"))
    }

    @Test("gongkai run, -c with several files, check and export stop with 130")
    func launcherStops() throws {
        let interruption = Interruption()
        let err = StringOutput()
        func context(_ out: TextOutput) -> LaunchContext {
            LaunchContext(output: out, errors: err, environment: ["HOME": "/nonexistent"], interruption: interruption)
        }
        let example = Harness.root + "/" + Self.example
        // `gongkai a b c -c …`: stops between files; the commands do not run.
        let loads = TriggeringOutput(trigger: "loaded", interruption: interruption)
        let code = Launcher.shell(
            files: [example, example, example], commands: "t3.new.natural = 1", bail: false, skipInit: true,
            context: context(loads))
        #expect(code == 130)
        #expect(loads.text.components(separatedBy: "loaded ").count == 2)
        #expect(!loads.text.contains("→"))
        #expect(err.text == "interrupted\n")

        // `gongkai check a b c`: the first report is checked, then it stops.
        let checks = TriggeringOutput(trigger: "checked", interruption: interruption)
        #expect(
            Launcher.check(
                Launcher.CheckRequest(files: [example, example, example], all: false), context: context(checks)) == 130)
        #expect(checks.text.components(separatedBy: "checked ").count == 2)

        // `gongkai export a b`: Ctrl-C before the export is written: nothing is.
        let exports = StringOutput()
        interruption.request()
        let exported = Launcher.export(
            Launcher.ExportCommand(
                files: [example, example], format: "csv", excel: false, output: nil, tables: [], strict: false),
            context: context(exports))
        #expect(exported == 130)
        #expect(exports.text.isEmpty)

        // `gongkai run SCRIPT`
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = directory + "/s.gongkai"
        try ".load \(example)\nt3.new.natural = 1\nt3.new.natural = 2\n".write(
            toFile: script, atomically: true, encoding: .utf8)
        let runs = TriggeringOutput(trigger: "→ 1", interruption: interruption)
        #expect(Launcher.run(script: script, bail: false, skipInit: true, context: context(runs)) == 130)
        #expect(!runs.text.contains("→ 2"))
        #expect(err.text.components(separatedBy: "interrupted\n").count == 5)
    }
}
