import Foundation
import GongkaiCore
import GongkaiShell

// Many reports at once, end to end: a folder of report files checked by `gongkai check --summary DIR` and loaded by
// `.load DIR`, then the per-report costs that must not grow with the number loaded (`.reports` per report, a TAB
// press, a cell edit). Inputs are copies of the repository's own fixture reports (text kinds), many sharing a base
// name in different folders.

extension BenchGroup {
    static let session = BenchGroup(
        name: "session", summary: "a folder of N report files: check --summary, .load DIR, memory, costs with N loaded"
    ) { options, checks in
        SessionBenchmark(options: options).run(&checks)
    }
}

struct SessionBenchmark {
    let options: BenchOptions

    /// The fixture reports copied into the folder (text kinds: one cell per line, PDF text, crawler text, Markdown).
    static let fixtures = [
        "上犹县政府办-2023.txt", "淮安市-2024.txt", "洪泽区-2023.txt", "洪泽区-2024.txt", "平潭综合实验区-2021.txt",
        "上海市科委-2024.md",
    ]

    /// The repository root, from this file's place.
    static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// A folder of `n` report files in `n / 100` subfolders; the same base names recur in every subfolder.
    static func makeFolder(_ n: Int) -> String? {
        let folder = NSTemporaryDirectory() + "gongkai-bench-\(getpid())-\(n)"
        let manager = FileManager.default
        try? manager.removeItem(atPath: folder)
        var contents: [Data] = []
        for name in fixtures {
            guard let data = manager.contents(atPath: root + "/Tests/Fixtures/reports/" + name) else { return nil }
            contents.append(data)
        }
        for i in 0..<n {
            let sub = folder + "/d\(i / 100)"
            if i % 100 == 0 { try? manager.createDirectory(atPath: sub, withIntermediateDirectories: true) }
            let k = i % fixtures.count
            let name = fixtures[k].replacingOccurrences(of: "-", with: "-\((i / fixtures.count) % 17)-")
            guard manager.createFile(atPath: sub + "/" + name, contents: contents[k]) else { return nil }
        }
        return folder
    }

    func run(_ checks: inout Checks) {
        let n = options.quick ? min(options.reports, 600) : options.reports
        guard let folder = Self.makeFolder(n) else {
            checks.check("session: fixtures found", false, true)
            return
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }

        // gongkai check --summary DIR, in-process (the launcher's own path); three rounds, the median.
        var rates: [Double] = []
        var walls: [Double] = []
        for _ in 0..<(options.quick ? 1 : 3) {
            let out = StringOutput()
            let err = StringOutput()
            // As the executable runs it: the session is left for the process's exit, not freed.
            let context = LaunchContext(
                output: out, errors: err, environment: ["HOME": "/nonexistent"], exitsAfterward: true)
            var code: Int32 = 0
            let cpuStart = ImportBench.cpuTime()
            walls.append(
                time {
                    code = Launcher.check(Launcher.CheckRequest(files: [folder], summary: true), context: context)
                })
            rates.append(Double(n) / ((ImportBench.cpuTime() - cpuStart) / 1e9))
            checks.check("session: check --summary lines", out.text.split(separator: "\n").count, n + 2)
            checks.check("session: check exit code (洪泽区 2023 fails)", code, 3)
        }
        emit(
            "check_summary_\(n)_reports_per_s", median(rates), "reports/s",
            "CPU time of `gongkai check --summary DIR` over \(n) files (\(Self.fixtures.count) text fixtures copied); \(summary(rates)); wall \(fmt(median(walls) / 1e6)) ms; target ≥ 3,000"
        )
        // .load DIR and memory, in a fresh child process.
        childLoad(folder, n, &checks)

        // Costs that must stay flat: with 10 loaded and with n loaded.
        var perReport: [Int: (reports: Double, tab: Double, edit: Double)] = [:]
        for count in [10, n] {
            let small = Self.makeFolder(count) ?? folder
            defer { if small != folder { try? FileManager.default.removeItem(atPath: small) } }
            let shell = Shell(output: StringOutput(), errors: StringOutput())
            shell.loadMany([small])
            checks.check("session: loaded \(count)", shell.workbook.reportNames.count, count)
            let listing = time { _ = shell.execute(statement: ".reports") }
            var tabs: [Double] = []
            for _ in 0..<20 {
                tabs.append(
                    time {
                        let completer = Completer(candidates: shell.completionCandidates())
                        _ = completer.complete("t3.res")
                    })
            }
            var edits: [Double] = []
            for i in 0..<200 { edits.append(time { _ = shell.execute(statement: "t3.new.natural = \(i + 1)") }) }
            perReport[count] = (listing / Double(count), median(tabs), median(edits))
        }
        if let few = perReport[10], let many = perReport[n] {
            emit(
                "reports_listing_per_report_\(n)", many.reports / 1e3, "µs",
                ".reports with \(n) loaded, per report (with 10 loaded: \(fmt(few.reports / 1e3)) µs)")
            emit(
                "tab_completion_\(n)", many.tab / 1e3, "µs",
                "TAB on `t3.res` with \(n) reports loaded: candidates + completion (with 10: \(fmt(few.tab / 1e3)) µs)")
            emit(
                "shell_edit_\(n)", many.edit / 1e3, "µs",
                "`t3.new.natural = N` through the shell with \(n) loaded, change report printed (with 10: \(fmt(few.edit / 1e3)) µs)"
            )
        }
    }

    /// `.load DIR` timed and measured in a fresh process: reports/s and bytes per value, provenance included.
    func childLoad(_ folder: String, _ n: Int, _ checks: inout Checks) {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, 4095)
        guard length > 0 else { return }
        guard let pipe = popen(cString(path) + " --session-child '\(folder)'", "r") else { return }
        var output = ""
        var buffer = [CChar](repeating: 0, count: 1024)
        while fgets(&buffer, 1024, pipe) != nil { output += cString(buffer) }
        pclose(pipe)
        let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
        guard fields.count == 6 else {
            checks.check("session child output", output, "6 numbers")
            return
        }
        let (base, peak, steady, cpu, reports) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        let texts = fields[5]
        checks.check("session: .load DIR loaded", Int(reports), n)
        let values = reports * 200
        emit(
            "load_dir_\(n)_reports_per_s", reports / (cpu / 1e9), "reports/s",
            "CPU time of `.load DIR` (\(n) files) in a fresh shell, load lines rendered and counted, not kept")
        emit(
            "load_dir_\(n)_bytes_per_value", (peak - base) / values, "B",
            "(ru_maxrss after − RSS before) / (\(n) × 200 cells), provenance included")
        emit(
            "load_dir_\(n)_steady_bytes_per_value", (steady - base) / values, "B",
            "(current RSS after − before) / cells: what stays resident; target ≤ 64")
        emit(
            "load_dir_\(n)_text_bytes_per_value", texts / values, "B",
            "UTF-8 bytes of the reports' text cells (prose sections, body, year, title) / cells: real data, part of the steady figure"
        )
    }
}

/// In a fresh process: `.load DIR`, then print RSS before, peak and current after (bytes), CPU ns, reports, and the
/// UTF-8 bytes of their text cells.
/// The load lines are rendered and counted but not kept, as on a terminal: what stays resident is the session's.
func sessionChild(folder: String) {
    let shell = Shell(output: CountingOutput(), errors: CountingOutput())
    let base = currentRSS()
    let start = ImportBench.cpuTime()
    shell.loadMany([folder])
    let cpu = ImportBench.cpuTime() - start
    let (peak, steady) = (peakRSS(), currentRSS())
    var texts = 0
    for report in shell.workbook.reportNames {
        let count = (try? shell.workbook.template(of: report).textCells.count) ?? 0
        for index in 0..<count {
            texts += ((try? shell.workbook.text(report: report, textCell: index)) ?? nil)?.utf8.count ?? 0
        }
    }
    print(base, peak, steady, Int(cpu), shell.workbook.reportNames.count, texts)
    withExtendedLifetime(shell) {}
}
