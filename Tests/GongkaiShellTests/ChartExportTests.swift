import Foundation
import GongkaiCore
import GongkaiShell
import Testing

/// `.chart` in a pipe and `.export html FILE --chart METRIC`: the page read back by python3's html.parser and its
/// SVG by xml.etree, against the ranking of real reports.
@Suite struct ChartExportTests {
    /// A shell with the seven real reports loaded (the last, 上海市科委_2024, current), and what it printed since.
    static func loaded() throws -> (Shell, Printed) {
        let (shell, out) = Harness.shell()
        for file in ChartPTYTests.files { try shell.load("Tests/Fixtures/reports/" + file) }
        return (shell, Printed(out))
    }

    /// What a shell printed after a mark.
    final class Printed {
        let out: StringOutput
        var mark: Int

        init(_ out: StringOutput) {
            self.out = out
            mark = out.text.utf8.count
        }

        var text: String { String(decoding: out.text.utf8.dropFirst(mark), as: UTF8.self) }
        func clear() { mark = out.text.utf8.count }
    }

    @Test("the page has one SVG bar per ranked report, titled and labelled as the ranking, and fetches nothing")
    func page() throws {
        let (shell, out) = try Self.loaded()
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/申请总量.html"
        #expect(shell.execute(statement: ".export html \(file) --chart applications") == .ok, "\(out.text)")
        #expect(out.text.contains("exported the applications chart of 7 reports as html"))
        let ranking = try shell.session.ranking(RankQuery(metric: "applications"))
        let page = try Python.json(Python.htmlReader, [file])
        #expect(page["http"] as? Bool == false)
        #expect((page["resources"] as? [String])?.isEmpty == true)
        let tags = try #require(page["tags"] as? [String])
        #expect(!tags.contains("script") && !tags.contains("link") && !tags.contains("img"))
        #expect(page["svgs"] as? Int == 1)
        let bars = try #require(page["bars"] as? [[String: Any]])
        #expect(bars.count == ranking.ranked.count)
        for (bar, entry) in zip(bars, ranking.ranked) {
            #expect(bar["title"] as? String == "\(entry.report): \(entry.value)")
            #expect(bar["texts"] as? [String] == [entry.report, entry.value.description])
        }
        // Lengths in exact proportion, rounded to whole pixels: 3153 fills the 480 px, 95 is 14 px (14.46).
        let widths = bars.compactMap { $0["rect"] as? Int }
        #expect(widths.first == 480)
        #expect(widths[1] == 14)
        #expect(widths == widths.sorted(by: >))
        // The table below lists every report with body, year and exact value.
        let cells = try #require((page["texts"] as? [String: [String]])?["td"])
        #expect(cells.contains("淮安市人民政府") && cells.contains("3153"))
    }

    @Test("a trend page: per body an SVG bar per year with a number, its exact value, and the table of years")
    func trendPage() throws {
        let (shell, out) = try Self.loaded()
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/趋势.html"
        #expect(shell.execute(statement: ".export html \(file) --trend applications *") == .ok, "\(out.text)")
        let trends = try shell.session.trends("applications")
        #expect(out.text.contains("exported the applications trend of \(trends.count) bodies as html"))
        let page = try Python.json(Python.htmlReader, [file])
        #expect(page["http"] as? Bool == false)
        #expect((page["resources"] as? [String])?.isEmpty == true)
        #expect(page["svgs"] as? Int == trends.count)
        let bars = try #require(page["bars"] as? [[String: Any]])
        let points = trends.flatMap(\.points).filter { $0.value.number != nil }
        #expect(bars.count == points.count)
        for (bar, point) in zip(bars, points) {
            let value = try #require(point.value.number)
            #expect(bar["title"] as? String == "\(point.year) \(point.report): \(value)")
        }
        // 洪泽区's two years, linked across the two body names: 21 in 2023, 95 in 2024.
        #expect(bars.contains { $0["title"] as? String == "2023 洪泽区_2023: 21" })
        #expect(bars.contains { $0["title"] as? String == "2024 淮安市洪泽区_2024: 95" })
        let headings = try #require((page["texts"] as? [String: [String]])?["h2"])
        #expect(headings == trends.map { "\($0.body)" })
        // One body; another format is refused.
        #expect(shell.execute(statement: ".export html - --trend applications 洪泽区") == .ok)
        #expect(shell.execute(statement: ".export csv \(directory)/x.csv --trend applications") == .failed)
    }

    @Test("empty values are rows with their reason, never bars; top N and asc as for .rank")
    func emptyAndOptions() throws {
        let (shell, out) = try Self.loaded()
        #expect(shell.execute(statement: ".export html - --chart yoy(applications)") == .ok)
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/yoy.html"
        try out.text.write(toFile: file, atomically: true, encoding: .utf8)
        let page = try Python.json(Python.htmlReader, [file])
        let bars = try #require(page["bars"] as? [[String: Any]])
        #expect(bars.map { $0["title"] as? String } == ["淮安市洪泽区_2024: 352.38", "平潭综合实验区_2021: 233.33"])
        let cells = try #require((page["texts"] as? [String: [String]])?["td"])
        #expect(cells.count { $0 == "no previous year of this body loaded" } == 5)

        out.clear()
        #expect(shell.execute(statement: ".export html - --chart disclosure_rate asc top 2") == .ok)
        #expect(out.text.contains("<title>洪泽区_2023: 0</title>"))
        #expect(out.text.contains("<title>上海市科委_2024: 25.71</title>"))
        #expect(out.text.components(separatedBy: "<g class=\"bar\">").count == 3)
    }

    @Test("a loaded report is never overwritten, and --chart is for html only")
    func refusals() throws {
        let (shell, out) = try Self.loaded()
        let input = Harness.root + "/Tests/Fixtures/reports/上犹县政府办-2023.txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        #expect(
            shell.execute(statement: ".export html Tests/Fixtures/reports/上犹县政府办-2023.txt --chart applications")
                == .failed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        #expect(shell.execute(statement: ".export csv - --chart applications") == .failed)
        #expect(out.text.contains("--chart draws an html page"))
        #expect(shell.execute(statement: ".export html - --chart") == .failed)
        #expect(out.text.contains("usage: .export html FILE|- --chart METRIC"))
    }

    @Test(".chart in a pipe: 80 columns, the empty values after the bars with their reason, the quartiles line")
    func chartInAPipe() throws {
        let (shell, out) = try Self.loaded()
        #expect(shell.execute(statement: ".chart yoy(applications)") == .ok)
        let lines = out.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "申请总量同比增长 (%)")
        #expect(lines[1].hasPrefix("淮安市洪泽区_2024   ████") && lines[1].hasSuffix(" 352.38"))
        #expect(lines[2].hasPrefix("平潭综合实验区_2021 ████") && lines[2].hasSuffix(" 233.33"))
        #expect(lines[3] == "上犹县政府办_2023   -  no previous year of this body loaded")
        #expect(lines.last == "2 ranked, 5 empty; P25 263.0925 · P50 292.855 · P75 322.6175")
        for line in lines { #expect(displayWidth(line) <= 80) }
        // `where` and `top` as for .rank: the reports with more than 50 new applications, the first one only.
        out.clear()
        #expect(shell.execute(statement: ".chart applications top 1 where t3.new.total > 50") == .ok)
        let kept = out.text.split(separator: "\n").map(String.init)
        #expect(kept.count == 3)
        #expect(kept[1].hasPrefix("淮安市_2024 █") && kept[1].hasSuffix("█ 3153"))
        #expect(kept[2].hasPrefix("3 ranked, 0 empty; P25 82.5 · P50 95 · P75 1624"))
        out.clear()
        #expect(shell.execute(statement: ".chart applications sideways") == .failed)
        #expect(out.text.contains("usage: .chart METRIC [top N] [asc|desc] [where CONDITION]"))
    }
}
