import Foundation
import GongkaiCore
import GongkaiShell
import Testing

/// `.export profile FILE.html|FILE.tex` of a real report among seven: the LaTeX compiled by xelatex and its PDF read
/// by pdftotext, the HTML read by python3's html.parser, both against the session's own rankings.
///
/// xelatex, pdftotext and python3 are required (CI installs them): their absence fails the test.
@Suite struct ProfileExportTests {
    /// The seven reports loaded, 淮安市洪泽区_2024 current (its 2023 is loaded as 洪泽区_2023).
    static func loaded(current: String = "淮安市洪泽区_2024") throws -> (Shell, ChartExportTests.Printed) {
        let (shell, printed) = try ChartExportTests.loaded()
        #expect(shell.execute(statement: ".reports \(current)") == .ok)
        return (shell, printed)
    }

    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map { "\($0)/\(name)" } + ["/usr/bin/\(name)"])
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool in `directory`; its exit status and standard output.
    static func run(_ tool: String, _ arguments: [String], in directory: String) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("the LaTeX profile compiles with xelatex; the PDF names the body and prints metrics, trend, rules, tables")
    func latex() throws {
        let xelatex = try #require(Self.tool("xelatex"), "xelatex is not installed (texlive-xetex)")
        let pdftotext = try #require(Self.tool("pdftotext"), "pdftotext is not installed (poppler-utils)")
        let (shell, printed) = try Self.loaded()
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(shell.execute(statement: ".export profile \(directory)/profile.tex") == .ok, "\(printed.text)")
        #expect(printed.text.contains("exported 淮安市洪泽区_2024 as profile to"))
        let (status, _) = try Self.run(
            xelatex, ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "profile.tex"], in: directory)
        let log = (try? String(contentsOfFile: directory + "/profile.log", encoding: .utf8)) ?? ""
        try #require(status == 0, "xelatex failed:\n\(log.split(separator: "\n").filter { $0.hasPrefix("!") })")
        #expect(!log.contains("Missing character"))
        #expect(!log.contains("Overfull \\hbox"), "a table is wider than the page")
        let (read, raw) = try Self.run(pdftotext, ["-raw", "-enc", "UTF-8", "profile.pdf", "-"], in: directory)
        try #require(read == 0)
        let text = String(raw.filter { !$0.isWhitespace })
        let rate = try shell.session.ranking(RankQuery(metric: "disclosure_rate"))
        let rank = try #require(rate.rank(of: "淮安市洪泽区_2024"))
        #expect(text.contains("单位年度治理画像"))
        #expect(text.contains("发布机关淮安市洪泽区人民政府"))
        #expect(text.contains("来源文件Tests/Fixtures/reports/洪泽区-2024.txt"))
        // 予以公开率: the value, rank of 7, percentile, P25, P50, P75 — exact as .rank computes them.
        let quartiles = [0.25, 0.5, 0.75].map { "\(rate.percentile(DecimalNumber("\($0)")!)!)" }
        #expect(
            text.contains(
                "予以公开率%52.63\(rank)/\(rate.ranked.count)\(rate.percentRank(of: "淮安市洪泽区_2024")!)"
                    + quartiles.joined()))
        // The trend over 洪泽区's loaded years: 申请总量 21 in 2023, 95 in 2024.
        #expect(text.contains("指标20232024") && text.contains("申请总量2195"))
        // The soft rule that fails: the prose quotes 17 applications where table 三 counts 95.
        #expect(text.contains("text.receivedwarning（软规则）fails-78"))
        // The official tables, by the LaTeX exporter's own table code.
        #expect(text.contains("行政许可9487"))
    }

    @Test("the HTML profile: facts, a metric row per built-in with the ranking's numbers, trend bars, rules, tables")
    func html() throws {
        let (shell, printed) = try Self.loaded()
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/画像.html"
        #expect(shell.execute(statement: ".export profile \(file)") == .ok, "\(printed.text)")
        let page = try Python.json(Python.htmlReader, [file])
        #expect(page["http"] as? Bool == false)
        #expect((page["resources"] as? [String])?.isEmpty == true)
        let texts = try #require(page["texts"] as? [String: [String]])
        #expect(texts["h1"] == ["单位年度治理画像"])
        let headings = try #require(texts["h2"])
        #expect(headings.starts(with: ["淮安市洪泽区人民政府2024年政府信息公开工作年度报告", "指标与排名", "历年趋势", "未通过的规则与警告"]))
        #expect(headings.contains("三、收到和处理政府信息公开申请情况"))
        let cells = try #require(texts["td"])
        #expect(cells.contains("淮安市洪泽区人民政府") && cells.contains("Tests/Fixtures/reports/洪泽区-2024.txt"))
        for metric in Metric.builtIn {
            let ranking = try shell.session.ranking(RankQuery(metric: metric.key))
            guard let rank = ranking.rank(of: "淮安市洪泽区_2024") else { continue }
            #expect(cells.contains("\(rank) / \(ranking.ranked.count)"), "\(metric.key)")
        }
        // A bar per year in each trend chart, titled with the exact value.
        let bars = try #require(page["bars"] as? [[String: Any]])
        let titles = bars.compactMap { $0["title"] as? String }
        #expect(titles.starts(with: ["2023: 21", "2024: 95"]))
        #expect(bars.count == 2 * Metric.builtIn.count)
        let tags = try #require(page["tags"] as? [String])
        #expect(tags.count { $0 == "svg" } == Metric.builtIn.count)
        #expect(texts["th"]?.contains("text.received") == true && cells.contains("-78"))
        #expect(cells.contains("9487"))
    }

    @Test("a body's years: the previous-year link followed back and forward, across the 2019 and 2021 formats")
    func bodyYears() throws {
        let (shell, _) = try ChartExportTests.loaded()
        let hongze = ["洪泽区_2023", "淮安市洪泽区_2024"]
        #expect(try shell.workbook.bodyYears(of: "洪泽区_2023") == hongze)
        #expect(try shell.workbook.bodyYears(of: "淮安市洪泽区_2024") == hongze)
        #expect(try shell.workbook.bodyYears(of: "平潭综合实验区_2021") == ["平潭综合实验区_2020", "平潭综合实验区_2021"])
        #expect(try shell.workbook.bodyYears(of: "上犹县政府办_2023") == ["上犹县政府办_2023"])
    }

    @Test("a body with no other year loaded says so; a report that fails nothing says so; inputs are never overwritten")
    func singleYearAndRefusals() throws {
        let (shell, printed) = try Self.loaded(current: "上犹县政府办_2023")
        #expect(shell.execute(statement: ".export profile -") == .ok)
        let page = printed.text
        #expect(page.contains("未载入该单位其他年度的报告：趋势只有本年度。"))
        #expect(!page.contains("<svg"))
        #expect(page.contains("没有未通过的规则，也没有软规则警告。"))
        let input = Harness.root + "/Tests/Fixtures/reports/上犹县政府办-2023.txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        #expect(shell.execute(statement: ".export profile Tests/Fixtures/reports/上犹县政府办-2023.txt") == .failed)
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
    }

    @Test("gongkai export --format profile: one report to a .tex file, several into a folder, never several to one")
    func commandLine() throws {
        let reports = ["洪泽区-2023.txt", "洪泽区-2024.txt"].map { Harness.root + "/Tests/Fixtures/reports/" + $0 }
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (context, _, err) = LauncherTests.context()
        let tex = directory + "/洪泽区-2024.tex"
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: [reports[1]], format: "profile", excel: false, output: tex, tables: [], strict: false),
                context: context) == 0)
        #expect(try String(contentsOfFile: tex, encoding: .utf8).contains("\\documentclass"))
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: reports, format: "profile", excel: false, output: directory + "/all", tables: [],
                    strict: false), context: context) == 0)
        let written = try FileManager.default.contentsOfDirectory(atPath: directory + "/all").sorted()
        #expect(written == ["洪泽区-2023.html", "洪泽区-2024.html"])
        // 洪泽区 2023's profile shows its trend into 2024, loaded beside it.
        let page = try String(contentsOfFile: directory + "/all/洪泽区-2023.html", encoding: .utf8)
        #expect(page.contains("<title>2023: 21</title>") && page.contains("<title>2024: 95</title>"))
        #expect(
            Launcher.export(
                Launcher.ExportCommand(
                    files: reports, format: "profile", excel: false, output: nil, tables: [], strict: false),
                context: context) == 1)
        #expect(err.text.contains("a profile is one report's document"))
    }
}
