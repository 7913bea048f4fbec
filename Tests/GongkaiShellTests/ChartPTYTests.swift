import Foundation
import GongkaiCore
import GongkaiShell
import Testing

/// `.chart` drawn by the real binary in an 80-column tmux pane, with seven real reports of Chinese body names loaded:
/// every bar line fits, the bars start at one display column, the values are the ranking's exactly and in its order.
///
/// tmux is required, as for the other PTY tests: its absence fails the test.
@Suite(.serialized) struct ChartPTYTests {
    static let files = [
        "上犹县政府办-2023.txt", "淮安市-2024.txt", "洪泽区-2023.txt", "洪泽区-2024.txt",
        "平潭综合实验区-2020-2019format.txt", "平潭综合实验区-2021.txt", "上海市科委-2024.md",
    ]

    /// The blocks a bar is drawn with.
    static let blocks: Set<Character> = ["█", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    @Test(".chart applications at 80 columns: aligned bars, exact values, the ranking's order")
    func chartAt80Columns() throws {
        let tmux = try #require(TmuxDriver.executable(), "tmux is not installed: apt-get install -y tmux")
        let binary = try #require(GongkaiBinary.path(), "the gongkai executable was not found next to the test bundle")
        let (root, state, home) = try InteractivePTYTests.sandbox()
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = Harness.root + "/Tests/Fixtures/reports"

        // The ranking the chart must show, from the library in-process.
        let (shell, _) = Harness.shell()
        for file in Self.files { try shell.load("Tests/Fixtures/reports/" + file) }
        let ranking = try shell.session.ranking(RankQuery(metric: "applications"))
        try #require(ranking.ranked.count == Self.files.count)

        let session = try TmuxDriver(
            tmux: tmux, directory: directory, command: [binary] + Self.files, state: state, home: home, columns: 80,
            rows: 40)
        defer { session.close() }
        try session.waitForPrompts(1)
        session.type(".chart applications")
        session.press("Enter")
        try session.waitFor("the chart's summary line") { screen in
            screen.lines.contains { $0.hasPrefix("\(ranking.ranked.count) ranked, 0 empty") }
                && screen.promptLine == "gongkai>"
        }
        let lines = session.screen().lines
        let start = try #require(lines.lastIndex { $0.hasPrefix("gongkai> .chart applications") })
        let title = lines[start + 1]
        #expect(title.hasPrefix("申请总量 (件)"))
        let bars = Array(lines[(start + 2)..<(start + 2 + ranking.ranked.count)])

        var columns: [Int] = []
        for (line, entry) in zip(bars, ranking.ranked) {
            let line = String(line.reversed().drop { $0 == " " }.reversed())
            #expect(displayWidth(line) <= 80, "wider than the pane: \(line)")
            // The label is the report's name (the current one marked *), the value its exact value.
            let label = entry.report + (entry.report == shell.workbook.currentReport ? " *" : "")
            #expect(line.hasPrefix(label + " "), "\(line) does not start with \(label)")
            #expect(line.hasSuffix(" " + entry.value.description), "\(line) does not end with \(entry.value)")
            let first = try #require(line.firstIndex { Self.blocks.contains($0) }, "no bar in \(line)")
            columns.append(displayWidth(line[..<first]))
        }
        #expect(Set(columns).count == 1, "bars start at columns \(columns)")
        // Chinese names did load: the label column is aligned by display width, not by characters.
        #expect(bars.contains { $0.hasPrefix("淮安市_2024 ") } && bars.contains { $0.hasPrefix("平潭综合实验区_2021 ") })
        // The largest value has the longest bar, the bars shrink down the ranking, and the largest fills the width.
        let lengths = bars.map { $0.count { Self.blocks.contains($0) } }
        #expect(lengths == lengths.sorted(by: >))
        #expect(displayWidth(bars[0].trimmingCharacters(in: .whitespaces)) == 80)
        try session.leave()
    }
}
