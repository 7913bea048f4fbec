import GongkaiCore
import Testing

@testable import GongkaiShell

@Suite struct BarChartTests {
    static func d(_ text: String) -> DecimalNumber { DecimalNumber(text)! }

    @Test("labels aligned by display width, bars in eighths, values exact, every line within the width")
    func aligned() {
        let chart = BarChart(
            rows: [
                .init(label: "淮安市_2024", value: DecimalNumber(3153)),
                .init(label: "平潭综合实验区_2021", value: DecimalNumber(70)),
                .init(label: "sy2023", value: Self.d("7.50")),
            ], width: 60)
        let lines = chart.lines()
        #expect(lines.count == 3)
        for line in lines { #expect(displayWidth(line) <= 60) }
        #expect(lines[0] == "淮安市_2024         " + String(repeating: "█", count: 35) + " 3153")
        // 70 × 280 / 3153 = 6.2 eighths → ▊ (6 eighths).
        #expect(lines[1] == "平潭综合实验区_2021 ▊ 70")
        #expect(lines[2] == "sy2023              ▏ 7.5")
    }

    @Test("an empty value is listed after the bars with its reason, never as a bar of 0")
    func empty() {
        let lines = BarChart(
            rows: [
                .init(label: "洪泽区_2023", reason: "no previous year of this body loaded"),
                .init(label: "淮安市洪泽区_2024", value: Self.d("352.38")),
            ], width: 80
        ).lines()
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("淮安市洪泽区_2024 █"))
        #expect(lines[1] == "洪泽区_2023       -  no previous year of this body loaded")
    }

    @Test("a label wider than a third of the width is cut by display width with …")
    func truncated() {
        let lines = BarChart(rows: [.init(label: "淮安市洪泽区人民政府办公室_2024", value: DecimalNumber(5))], width: 40)
            .lines()
        #expect(lines[0].hasPrefix("淮安市洪泽区… █"))
        #expect(displayWidth(lines[0]) == 40)
    }

    @Test("negative values run left from a zero axis, positive ones right; the value follows the axis or the bar")
    func negative() {
        let lines = BarChart(
            rows: [.init(label: "a", value: DecimalNumber(30)), .init(label: "b", value: DecimalNumber(-30))],
            width: 40
        ).lines()
        // Area 40 − 1 − 2 − 3 − 1 = 33 columns: the axis after 132 of 264 eighths, 17 columns in.
        let axis = displayWidth("a ") + 17
        for line in lines {
            #expect(displayWidth(line) <= 40)
            let bar = line.firstIndex(of: "│").map { displayWidth(line[..<$0]) }
            #expect(bar == axis, "\(line)")
        }
        #expect(lines[0].hasSuffix("█ 30"))
        #expect(lines[1].hasSuffix("█│ -30"))
    }
}
