import GongkaiCore
import GongkaiShell

// `.diff` with N reports loaded (issue 9 §4): the engine workload's N reports (EngineBench.build), each with a user
// rule of its own, two of them given the bodies and years of the real 洪泽区 pair so that they link across years;
// then one `.diff` of the later against its previous year, through the shell (computation and rendering), timed.
// Its cost is two reports', whatever N.

extension BenchGroup {
    /// `.diff` of two linked reports among N.
    static let diff = BenchGroup(name: "diff", summary: "diff_N: .diff of two linked reports with N reports loaded") {
        options, checks in
        DiffBenchmark(options: options).run(&checks)
    }
}

struct DiffBenchmark {
    let options: BenchOptions

    func run(_ checks: inout Checks) {
        let n = options.reports
        let engine = EngineBench(options: options)
        let workload = Workload(reports: n, seed: options.seed)
        let book = engine.build(workload)
        let edits: [(String, CellInput)] = [
            ("r1.meta.org", .value(.text("洪泽区人民政府"))), ("r1.meta.year", .value(.text("2023"))),
            ("r2.meta.org", .value(.text("淮安市洪泽区人民政府"))), ("r2.meta.year", .value(.text("2024"))),
        ]
        _ = try? book.set(edits)
        checks.check("diff_\(n): r2 linked to r1", try? book.previousYear(of: "r2"), "r1")
        // A rule of its own in every report, as real reports carry (a printed subtotal's): a report's rules are
        // listed without a scan of everyone's.
        book.withoutChangeSets {
            for k in 1...n {
                try? book.selectReport("r\(k)")
                _ = try? book.addRule(name: "own\(k)", expression: "t3.new.total >= t3.new.natural")
            }
        }
        try? book.selectReport("r2")
        checks.check("diff_\(n): a rule per report", (try? book.ruleNames(report: "r2"))?.last, "own2")
        let out = StringOutput()
        let shell = Shell(workbook: book, output: out, errors: out)
        var times: [Double] = []
        var status = ShellStatus.failed
        for _ in 0..<(options.quick ? 10 : 50) {
            times.append(time { status = shell.execute(statement: ".diff r2") })
        }
        checks.check("diff_\(n): .diff succeeds", status, .ok)
        checks.check("diff_\(n): lists the cells", out.text.contains("cells ("), true)
        var computed: [Double] = []
        var diff: ReportDiff?
        for _ in 0..<(options.quick ? 10 : 50) { computed.append(time { diff = try? book.diff("r1", "r2") }) }
        print("# Workbook.diff alone (no rendering) took \(fmt(median(computed) / 1e6)) ms (not a figure)")
        emit(
            "diff_\(n)", median(times) / 1e6, "ms",
            "\(summary(times.map { $0 / 1e6 })); `.diff r2` against its previous year r1 with \(n) reports loaded: \(diff?.cells.count ?? 0) cells, \(diff?.metrics.count ?? 0) metrics, \(diff?.rules.count ?? 0) rules differ, rendered"
        )
    }
}
