import Foundation
import GongkaiCore
import GongkaiShell
import Testing

/// `.diff`, `.trend` and `.alias` on the real 洪泽区 pair, through the shell and the built binary.
@Suite("Year over year commands")
struct YearOverYearTests {
    static let pair = "Tests/Fixtures/reports/洪泽区-2023.txt Tests/Fixtures/reports/洪泽区-2024.txt"

    static func run(_ script: String) -> (String, Shell) {
        let (shell, out) = Harness.shell()
        shell.run(script: ".load \(pair)\n" + script, name: nil)
        let text = out.text
        let start = text.range(of: "2 files: 2 loaded")?.lowerBound ?? text.startIndex
        return (String(text[start...]), shell)
    }

    static func line(_ text: String, startingWith prefix: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
    }

    @Test func diffOfTheHongzePairListsWhatChanged() throws {
        let (text, shell) = Self.run(".diff 洪泽区_2023 淮安市洪泽区_2024\n")
        #expect(shell.exitCode == 0)
        #expect(text.contains("洪泽区_2023 → 淮安市洪泽区_2024: 200 cells compared; 同比突变 at |Δ%| ≥ 50"))
        // Both values, Δ, Δ% and the mark, in aligned columns.
        let new = try #require(Self.line(text, startingWith: "t3.new.total "))
        #expect(new.split(separator: " ").suffix(5) == ["21", "95", "74", "352.38", "同比突变"])
        let penalty = try #require(Self.line(text, startingWith: "t2.penalty.decided "))
        #expect(penalty.hasSuffix("4119              2776   -1343  -32.61"))
        #expect(try #require(Self.line(text, startingWith: "applications ")).hasSuffix("74 352.38 同比突变"))
        // The rules whose status differs, the prose figure among them (受理 17 件 against 新收 95).
        #expect(try #require(Self.line(text, startingWith: "t4.rowsum.review ")).contains("fails       holds"))
        #expect(try #require(Self.line(text, startingWith: "text.received ")).contains("holds       fails"))
        #expect(text.hasSuffix("30 cells, 9 metrics, 3 rules differ; 24 同比突变\n"))
        // The header and every row of the cells table are as wide as the Chinese labels make them.
        let header = try #require(Self.line(text, startingWith: "cell "))
        #expect(displayWidth(header) <= displayWidth(new))
    }

    @Test func diffWithOneReportTakesItsPreviousYear() throws {
        let (text, _) = Self.run(".diff 淮安市洪泽区_2024 --threshold 400\n.diff 洪泽区_2023\n")
        #expect(text.contains("洪泽区_2023 → 淮安市洪泽区_2024: 200 cells compared; 同比突变 at |Δ%| ≥ 400"))
        #expect(text.contains("30 cells, 9 metrics, 3 rules differ; 2 同比突变"))
        #expect(text.contains("洪泽区_2023: no previous year of its body is loaded"))
    }

    @Test func aTrialFormatYearDiffsByCellName() throws {
        let (shell, out) = Harness.shell()
        let files = "Tests/Fixtures/reports/平潭综合实验区-2020-2019format.txt Tests/Fixtures/reports/平潭综合实验区-2021.txt"
        #expect(shell.run(script: ".load \(files)\n.diff\n", name: nil) == .ok)
        let text = out.text
        // The cells both formats have; a metric empty in 2020 (no 复议 at all) is shown empty, never 0, with no Δ.
        #expect(text.contains("平潭综合实验区_2020 → 平潭综合实验区_2021: 172 cells compared"))
        let review = try #require(Self.line(text, startingWith: "review_correction_rate "))
        #expect(review.split(separator: " ").suffix(4) == ["empty", "0", "-", "-"])
        #expect(
            try #require(Self.line(text, startingWith: "applications ")).hasSuffix(
                "21                  70     49 233.33 同比突变"))
    }

    @Test func trendDrawsTheYears() throws {
        let (text, _) = Self.run(".trend applications 洪泽区人民政府\n")
        #expect(
            text.hasSuffix(
                """
                申请总量 (件) of 洪泽区, 2 years
                year report            value  yoy %
                2023 洪泽区_2023          21      - no previous year of this body loaded
                2024 淮安市洪泽区_2024    95 352.38
                ▁█  min 21 · max 95

                """))
    }

    @Test func trendOfEveryBodyIsALineEach() throws {
        let (shell, out) = Harness.shell()
        shell.run(script: ".load Tests/Fixtures/reports\n", name: nil)
        let mark = out.text.utf8.count
        #expect(shell.execute(statement: ".trend applications *") == .ok)
        let lines = String(decoding: out.text.utf8.dropFirst(mark), as: UTF8.self).split(separator: "\n")
            .map(String.init)
        // 平潭 2020–2021 and 洪泽区 2023–2024 (two body names, one body) first; each other body one year.
        let trends = try shell.session.trends("applications")
        #expect(lines.first == "申请总量 (件) of \(trends.count) bodies")
        #expect(lines.count == trends.count + 2)
        #expect(lines.dropFirst(2).prefix(2).allSatisfy { $0.contains("▁█") })
        #expect(lines.contains { $0.hasPrefix("洪泽区") && $0.contains("2023–2024") && $0.hasSuffix("21   95 352.38") })
        // Every report is in exactly one body's line.
        #expect(trends.flatMap(\.points).count == shell.workbook.reportNames.count)
    }

    @Test func sparklineLevelsAreExact() throws {
        let values = [21, 95, nil, 58].map { $0.map { DecimalNumber($0) } }
        #expect(Sparkline(values).text == "▁█ ▄")
        #expect(Sparkline([DecimalNumber(3), DecimalNumber(3)]).text == "▄▄")
        #expect(Sparkline([nil]).text == " ")
    }

    @Test func anAliasIsSavedAndRestored() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (text, shell) = Self.run(
            """
            洪泽区_2023.meta.org = "洪泽县人民政府"
            .diff 淮安市洪泽区_2024
            .alias 洪泽县 = 淮安市洪泽区人民政府
            .alias 洪泽县 = 洪泽县人民政府
            .save \(directory)/years.gkw
            """)
        #expect(text.contains("淮安市洪泽区_2024: no previous year of its body is loaded"))
        #expect(text.contains("alias 洪泽县 = 淮安市洪泽区: one body"))
        #expect(text.contains("Error near line 5: ‘洪泽县’ and ‘洪泽县人民政府’ are one body already (both are 洪泽县)"))
        #expect(text.contains("xyear.carried.total"))
        let saved = try String(contentsOfFile: directory + "/years.gkw", encoding: .utf8)
        #expect(saved.contains("\nalias 洪泽县 = 淮安市洪泽区\n"))
        #expect(shell.exitCode == 1)

        let (restored, out) = Harness.shell()
        #expect(restored.run(script: ".load \(directory)/years.gkw\n.alias\n.diff 淮安市洪泽区_2024\n", name: nil) == .ok)
        #expect(out.text.contains("\n洪泽县 = 淮安市洪泽区\n"))
        #expect(out.text.contains("洪泽区_2023 → 淮安市洪泽区_2024"))
        #expect(try restored.session.workbook.previousYear(of: "淮安市洪泽区_2024") == "洪泽区_2023")
    }

    @Test func tabCompletesReportsAndMetrics() {
        let (shell, _) = Harness.shell()
        shell.run(script: ".load \(Self.pair)\n", name: nil)
        let completer = Completer(candidates: shell.completionCandidates())
        #expect(completer.complete(".diff 洪").matches == ["洪泽区_2023"])
        #expect(completer.complete(".diff 洪泽区_2023 淮").matches == ["淮安市洪泽区_2024"])
        #expect(completer.complete(".trend appl").matches == ["applications"])
        #expect(completer.complete(".trend applications 淮").matches == ["淮安市洪泽区_2024"])
        #expect(completer.complete(".drop al").matches == ["alias"])
    }

    @Test func theBinaryDiffsThroughTheNonInteractivePath() throws {
        let files = Self.pair.split(separator: " ").map { Harness.root + "/" + $0 }
        let (out, _, code) = try BinaryTests.run(files + ["-c", ".diff; .trend t3.new.total"])
        #expect(code == 0)
        #expect(out.contains("洪泽区_2023 → 淮安市洪泽区_2024: 200 cells compared"))
        #expect(out.hasSuffix("▁█  min 21 · max 95\n"))
    }
}
