import Foundation
import GongkaiCore
import Testing

@testable import GongkaiShell

/// Every dot-command documents itself, and the command reference names every one.
@Suite("Help")
struct HelpTests {
    @Test(arguments: ShellCommand.all.map(\.name))
    func helpForEachCommand(name: String) throws {
        let command = try #require(ShellCommand.named(name))
        #expect(!command.summary.isEmpty && !command.details.isEmpty && !command.examples.isEmpty)
        let (shell, out) = Harness.shell()
        #expect(shell.execute(statement: ".help " + name) == .ok)
        #expect(out.text.hasPrefix(command.usage + "\n"))
        #expect(out.text.contains("Example:\n  " + command.examples[0]))
        for line in out.text.split(separator: "\n") { #expect(displayWidth(line) <= 80, "\(line)") }
    }

    @Test func listingFitsEightyColumns() {
        let (shell, out) = Harness.shell()
        #expect(shell.execute(statement: ".help") == .ok)
        for command in ShellCommand.all { #expect(out.text.contains(command.usage)) }
        for line in out.text.split(separator: "\n") { #expect(displayWidth(line) <= 80, "\(line)") }
    }

    @Test func referenceNamesEveryCommand() throws {
        let reference = try String(contentsOfFile: Harness.root + "/docs/commands.md", encoding: .utf8)
        for command in ShellCommand.all {
            #expect(reference.contains("`." + command.name), "docs/commands.md lacks .\(command.name)")
        }
    }

    @Test func unknownCommandSuggests() {
        let (shell, out) = Harness.shell()
        #expect(shell.execute(statement: ".shwo t3") == .failed)
        #expect(out.text == "Error: unknown command ‘.shwo’; did you mean ‘.show’? (.help lists the commands)\n")
    }
}
