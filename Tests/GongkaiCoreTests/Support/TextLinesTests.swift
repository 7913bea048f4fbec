import Testing

@testable import GongkaiCore

/// `lines` and `nonEmptyLines` are `split(separator: "\n")` keeping and omitting empty lines, found by bytes.
@Suite struct TextLinesTests {
    @Test(arguments: [
        "", "\n", "\n\n", "a", "a\n", "\na", "a\nb", "a\n\nb\n", "表三\n  t3.new.* (7) — 行\n", "a\r\nb\nc", "\r\n",
        "a\r\n\r\nb", "a\n\u{301}b\n", "e\u{301}\nx", "一\n二\r\n三\n\n", "\r\r\n\n",
    ])
    func sameAsCharacterSplit(_ text: String) {
        #expect(text.nonEmptyLines == text.split(separator: "\n"))
        #expect(text.lines == text.split(separator: "\n", omittingEmptySubsequences: false))
    }

    @Test("cutting CRLF, a line ends at every line feed and keeps its carriage return")
    func cuttingCRLF() {
        #expect("a\r\nb\nc".lines(cuttingCRLF: true) == ["a\r", "b", "c"])
        #expect("\r\n".lines(cuttingCRLF: true) == ["\r", ""])
        #expect("a\n\nb".lines(cuttingCRLF: true) == "a\n\nb".lines)
    }
}
