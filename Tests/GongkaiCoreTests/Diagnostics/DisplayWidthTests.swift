import Testing

@testable import GongkaiCore

@Suite struct DisplayWidthTests {
    /// Widths measured in tmux 3.3a (docs/LIBEDIT.md §5).
    @Test(arguments: [
        ("A", 1), ("自", 2), ("，", 2), ("《", 2), ("\u{3000}", 2), ("１", 2), ("한", 2), ("𠀀", 2),
        ("本年新收政府信息公开申请数量", 28), ("·", 1), ("—", 1), ("①", 1), ("e\u{301}", 1), ("\u{200B}", 0),
        ("✅", 2), ("😀", 2), ("👨‍👩‍👧", 2), ("ｱ", 1), ("t3.total.natural", 16), ("（七）总计", 10),
    ])
    func width(sample: String, expected: Int) {
        #expect(displayWidth(sample) == expected)
    }
}
