import Foundation
import GongkaiIO
import GongkaiShell
import Testing

/// Issue 12: text holding control codes (from a workbook file) never reaches the terminal raw.
@Suite("Terminal text")
struct TerminalTextTests {
    static let hostile = "\u{1B}]0;pwned\u{07}\u{1B}[2J上犹\u{202E}\r\u{7F}\u{85}"

    @Test("values, tables, explain, change reports and errors show control characters escaped")
    func escaped() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let workbook = """
            gongkai workbook 2
            current a
            report a template=2021
            text meta.org "\(Self.hostile)"
            text text.s1 "第一行\\n第二行\(Self.hostile)"
            end

            """
        try AtomicFile.write(workbook, toPath: directory + "/hostile\u{1B}[31m.gkw")
        let out = StringOutput()
        let shell = Shell(output: out, errors: out, options: ShellOptions(directory: directory))
        shell.run(
            script: """
                .load "hostile\u{1B}[31m.gkw"
                meta.org
                text.s1
                .explain meta.org
                .show t4
                .show meta.*
                meta.org = "x"
                .undo
                nonsense\u{1B}[2J +
                """, name: "s")
        let scalars = out.text.unicodeScalars
        let raw = scalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0 == "\u{202E}"
        }
        #expect(raw.isEmpty, "raw control characters: \(raw.map { String($0.value, radix: 16) })")
        #expect(out.text.contains("loaded workbook hostile\\x1B[31m.gkw: a"))
        #expect(out.text.contains("\n\\x1B]0;pwned\\x07\\x1B[2J上犹\\u{202E}\\x7F\\x85\n"))  // meta.org, whole
        #expect(out.text.contains("\n第一行\n第二行\\x1B]0;pwned"))  // prose keeps its line breaks
        #expect(out.text.contains("value       \\x1B]0;pwned\\x07\\x1B[2J上犹\\u{202E} \\x7F\\x85"))
        #expect(out.text.contains("  nonsense\\x1B[2J +\n"))
    }
}
