import GongkaiCore
import Testing

@testable import GongkaiShell

/// The change report an edit prints, on the real example report: values that moved, rules that broke or healed,
/// coloured on a terminal.
@Suite("Change report")
struct ChangeReportTests {
    static let example = "examples/上犹县政府办-2023.txt"

    func shell(color: Bool) -> (Shell, StringOutput) {
        let out = StringOutput()
        var options = ShellOptions(directory: Harness.root)
        options.color = color
        let shell = Shell(output: out, errors: StringOutput(), options: options)
        #expect(shell.execute(statement: ".load \(Self.example)") == .ok)
        return (shell, out)
    }

    /// 上犹县's t3.new.natural is 7: 30 breaks both of its table 三 equalities by +23 and −23; 7 heals them.
    @Test(arguments: [false, true])
    func breakAndHeal(color: Bool) {
        let (shell, out) = shell(color: color)
        let red = color ? "\u{1B}[31m" : ""
        let green = color ? "\u{1B}[32m" : ""
        let reset = color ? "\u{1B}[0m" : ""
        let loaded = out.text.count
        #expect(shell.execute(statement: "t3.new.natural = 30") == .ok)
        let broke = String(out.text.dropFirst(loaded))
        #expect(
            broke == """
                t3.new.natural  7 → 30
                t3.balance.natural  \(red)broke: imbalance +23 (error)\(reset)
                t3.rowsum.new       \(red)broke: imbalance -23 (error)\(reset)

                """)
        let before = out.text.count
        #expect(shell.execute(statement: "t3.new.natural = 7") == .ok)
        #expect(
            String(out.text.dropFirst(before)) == """
                t3.new.natural  30 → 7
                t3.balance.natural  \(green)healed\(reset)
                t3.rowsum.new       \(green)healed\(reset)

                """)
    }

    /// Clearing a cell makes its rules incomplete (never coloured); entering it again completes them.
    @Test func incompleteAndComplete() {
        let (shell, out) = shell(color: true)
        let loaded = out.text.count
        #expect(shell.execute(statement: "t3.new.natural =") == .ok)
        let cleared = String(out.text.dropFirst(loaded))
        #expect(cleared.hasPrefix("t3.new.natural  7 → (empty)\n"))
        #expect(cleared.contains("t3.balance.natural  incomplete (a cell is empty)\n"))
        #expect(!cleared.contains("\u{1B}["))
        let before = out.text.count
        #expect(shell.execute(statement: "t3.new.natural = 7") == .ok)
        #expect(String(out.text.dropFirst(before)).contains("t3.balance.natural  complete: holds\n"))
    }
}
