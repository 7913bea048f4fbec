import GongkaiCore

#if canImport(Glibc)
    import Glibc
#endif

extension BenchGroup {
    /// The anchor's figures: edit, full recheck, build, memory, chain.
    static let engine = BenchGroup(
        name: "engine", summary: "edit_1, edit_N, full_N, build_N, rss_N, chain_M (the IronCalc anchor's workload)"
    ) { options, checks in
        EngineBench(options: options).run(&checks)
    }
}

struct EngineBench {
    let options: BenchOptions
    let template = ReportTemplate.official2021

    var small: Int { options.quick ? 200 : 2000 }
    var big: Int { options.quick ? 5 : 30 }

    func run(_ checks: inout Checks) {
        let n = options.reports
        print(
            "# engine: \(template.cells.count) cells + \(template.equalities.count) equalities + domain per report; seed \(options.seed)"
        )
        // 1 report
        let one = Workload(reports: 1, seed: options.seed)
        var builds: [Double] = []
        var book = Workbook()
        for _ in 0..<(options.quick ? 50 : 200) {
            builds.append(time { book = build(one) })
        }
        checks.check("build_1: failing rules", (try? book.failingCount(report: "r1")) ?? -1, 0)
        emit(
            "build_1", median(builds) / 1e6, "ms",
            "\(summary(builds.map { $0 / 1e6 })); new Workbook + load 1 report (inputs; 34 totals computed) + check its 43 rules"
        )
        let editOne = edit(book, one, reps: small, label: "edit_1", &checks)
        emit(
            "edit_1", median(editOne) / 1e3, "us",
            "\(summary(editOne.map { $0 / 1e3 })); set t3.new.natural (v+1 / v) → change set + failing count of the report"
        )
        FillJournalBench.run(quick: options.quick)

        // N reports
        let prepStart = now()
        let workload = Workload(reports: n, seed: options.seed)
        print("# preparing \(n) reports' inputs took \(fmt(Double(now() - prepStart) / 1e6)) ms (not timed)")
        builds = []
        for _ in 0..<(options.quick ? 3 : 3) {
            book = Workbook()
            builds.append(time { book = build(workload) })
        }
        emit(
            "build_\(n)", median(builds) / 1e6, "ms",
            "\(summary(builds.map { $0 / 1e6 })); \(n) loadReport calls (each: 166 inputs entered, 34 totals computed, 43 rules checked; the batch path: no change set)"
        )
        let failing = (0..<n).reduce(0) { $0 + ((try? book.failingCount(report: "r\($1 + 1)")) ?? 1) }
        checks.check("build_\(n): failing rules over all reports", failing, 0)
        let editN = edit(book, workload, reps: small, label: "edit_\(n)", &checks)
        emit(
            "edit_\(n)", median(editN) / 1e6, "ms",
            "\(summary(editN.map { $0 / 1e6 })); same edit with \(n) reports loaded (incremental: only the rules reading changed cells)"
        )
        full(book, workload, &checks)
        metrics(book, workload, &checks)
        book = Workbook()

        rss(n, &checks)
        chain(&checks)
    }

    /// A workbook with the workload's reports `r1`, `r2`, ….
    func build(_ workload: Workload) -> Workbook {
        let book = Workbook()
        book.withoutChangeSets {
            for k in 0..<workload.reports {
                _ = try? book.loadReport(name: "r\(k + 1)", template: template, cells: workload.values(of: k))
            }
        }
        return book
    }

    /// Alternately t3.new.natural = base+1 and base in report 1, reading its failing count: 2, 0, 2, ….
    func edit(_ book: Workbook, _ workload: Workload, reps: Int, label: String, _ checks: inout Checks) -> [Double] {
        let base = workload.input("t3.new.natural", of: 0)
        let values: [Value] = [.number(DecimalNumber(base + 1)), .number(DecimalNumber(base))]
        var times: [Double] = []
        times.reserveCapacity(reps)
        var counts: [Int] = []
        counts.reserveCapacity(reps)
        for i in 0..<reps {
            var count = -1
            let t = time {
                _ = try? book.set("t3.new.natural", .value(values[i % 2]))
                count = (try? book.failingCount(report: "r1")) ?? -1
            }
            times.append(t)
            counts.append(count)
        }
        if reps % 2 == 1 { _ = try? book.set("t3.new.natural", .value(values[1])) }
        checks.check(
            "\(label): failing counts alternate 2, 0",
            counts.enumerated().allSatisfy { $0.element == ($0.offset % 2 == 0 ? 2 : 0) }, true)
        if workload.reports > 1 {
            checks.check("\(label): report 2 untouched", (try? book.failingCount(report: "r2")) ?? -1, 0)
        }
        return times
    }

    /// Change t3.forward.natural in every report (+1 / back), each edit rechecking its rules; then a full recheck.
    func full(_ book: Workbook, _ workload: Workload, _ checks: inout Checks) {
        let n = workload.reports
        let names = (0..<n).map { "r\($0 + 1).t3.forward.natural" }
        let bases = (0..<n).map { workload.input("t3.forward.natural", of: $0) }
        var times: [Double] = []
        for i in 0..<big {
            let bump = i % 2 == 0 ? 1 : 0
            times.append(
                time {
                    for k in 0..<n { _ = try? book.set(names[k], .value(.number(DecimalNumber(bases[k] + bump)))) }
                })
            if i == 0 {
                let twos = (0..<n).filter { ((try? book.failingCount(report: "r\($0 + 1)")) ?? -1) == 2 }.count
                checks.check("full: reports with 2 failing rules after forward+1", twos, n)
                checks.check(
                    "full: r1 t3.balance.natural imbalance", try? book.rule(named: "r1.t3.balance.natural").imbalance,
                    -1)
            }
        }
        if big % 2 == 1 {
            for k in 0..<n { _ = try? book.set(names[k], .value(.number(DecimalNumber(bases[k])))) }
        }
        emit(
            "full_\(n)", median(times) / 1e6, "ms",
            "\(summary(times.map { $0 / 1e6 })); \(n) set calls (t3.forward.natural of every report), each rechecking the rules it touches"
        )
        var rechecks: [Double] = []
        for _ in 0..<(options.quick ? 3 : 10) {
            var changes = ChangeSet()
            rechecks.append(time { changes = book.recalculateAll() })
            checks.check("full recheck changes nothing", changes.isEmpty, true)
        }
        emit(
            "full_\(n)_evaluate", median(rechecks) / 1e6, "ms",
            "\(summary(rechecks.map { $0 / 1e6 })); recalculateAll(): every total recomputed, all \(n * (template.equalities.count + 1)) rules rechecked"
        )
        let failing = (0..<n).reduce(0) { $0 + ((try? book.failingCount(report: "r\($1 + 1)")) ?? 1) }
        checks.check("full: failing rules after restoring", failing, 0)
    }

    /// `.rank` of a built-in metric over N reports (on demand: compiled once, evaluated per report, sorted), then the
    /// edit of `edit_N` with that metric defined over all reports (`m.carryover_rate` in each, reading the edited
    /// cell's total).
    func metrics(_ book: Workbook, _ workload: Workload, _ checks: inout Checks) {
        let n = workload.reports
        var ranks: [Double] = []
        var ranked = 0
        for _ in 0..<(options.quick ? 5 : 20) {
            ranks.append(
                time {
                    let ranking = MetricRanking((try? book.metricValues("carryover_rate")) ?? [])
                    ranked = ranking.ranked.count + ranking.unranked.count
                })
        }
        checks.check("rank_\(n): every report listed", ranked, n)
        emit(
            "rank_\(n)", median(ranks) / 1e6, "ms",
            "\(summary(ranks.map { $0 / 1e6 })); carryover_rate (结转率) of \(n) reports (built-in, on demand) + ranking with ties"
        )
        let define = time {
            _ = try? book.withoutChangeSets { () throws(EngineError) in try book.useMetric("carryover_rate") }
        }
        checks.check("edit_metric_\(n): metric in every report", book.metrics.count, 1)
        print("# defining carryover_rate in \(n) reports took \(fmt(define / 1e6)) ms (not a figure)")
        var materialised: [Double] = []
        for _ in 0..<(options.quick ? 3 : 5) {
            materialised.append(time { _ = try? book.metricValues("carryover_rate") })
        }
        emit(
            "rank_\(n)_cells", median(materialised) / 1e6, "ms",
            "\(summary(materialised.map { $0 / 1e6 })); the same values read from the m.carryover_rate cells"
        )
        let editMetric = edit(book, workload, reps: small, label: "edit_metric_\(n)", &checks)
        let base = workload.input("t3.new.natural", of: 0)
        let before = try? book.value(of: "r1.m.carryover_rate")
        _ = try? book.set("r1.t3.new.natural", .value(.number(DecimalNumber(base + 1000))))
        checks.check(
            "edit_metric_\(n): an edit moves r1.m.carryover_rate", try? book.value(of: "r1.m.carryover_rate") != before,
            true)
        _ = try? book.set("r1.t3.new.natural", .value(.number(DecimalNumber(base))))
        emit(
            "edit_metric_\(n)", median(editMetric) / 1e3, "us",
            "\(summary(editMetric.map { $0 / 1e3 })); edit_\(n) with m.carryover_rate (reading t3.new.total) defined in all \(n) reports"
        )
        aggregate(book, workload, &checks)
        _ = try? book.dropMetric("carryover_rate")
    }

    /// edit_metric_N with a cross-report aggregate too (`all_new = sum(*.t3.new.total)` and the edited report's
    /// `rank` among all), and the unload + reload of one report, which binds both again.
    func aggregate(_ book: Workbook, _ workload: Workload, _ checks: inout Checks) {
        let n = workload.reports
        _ = try? book.define(name: "all_new", formula: "sum(*.t3.new.total)")
        // Checked against the report cells read one by one (not through the aggregate's binding).
        let expected = (1...n).reduce(DecimalNumber.zero) { total, k in
            let value = (try? book.value(of: "r\(k).t3.new.total").number) ?? nil
            return (try? total.adding(value ?? .zero)) ?? total
        }
        checks.check(
            "edit_aggregate_\(n): all_new is the sum over every report", try? book.value(of: "r1.all_new"),
            .number(expected))
        let times = edit(book, workload, reps: small, label: "edit_aggregate_\(n)", &checks)
        emit(
            "edit_aggregate_\(n)", median(times) / 1e3, "us",
            "\(summary(times.map { $0 / 1e3 })); edit_metric_\(n) with sum(*.t3.new.total) over all \(n) reports (updated by the changed cell); goal ≤ 20 us"
        )
        checks.check(
            "edit_aggregate_\(n): all_new still the sum after the edits", try? book.value(of: "r1.all_new"),
            .number(expected))
        _ = try? book.define(name: "place", formula: "rank(r1.t3.new.total, *.t3.new.total)")
        let ranked = edit(book, workload, reps: small / 4, label: "edit_rank_\(n)", &checks)
        emit(
            "edit_rank_\(n)", median(ranked) / 1e3, "us",
            "\(summary(ranked.map { $0 / 1e3 })); edit_aggregate_\(n) with rank(r1.t3.new.total, *.t3.new.total) too (the edited cell's rank: every value compared again)"
        )
        var rebinds: [Double] = []
        for _ in 0..<(options.quick ? 3 : 7) {
            rebinds.append(
                time {
                    _ = try? book.removeReport("r\(n)")
                    _ = book.undo()
                })
        }
        checks.check(
            "rebind_\(n): all_new after unload + undo", try? book.value(of: "r1.all_new"),
            .number(expected))
        emit(
            "rebind_\(n)", median(rebinds) / 1e6, "ms",
            "\(summary(rebinds.map { $0 / 1e6 })); unload one of \(n) reports and undo: both aggregates bound again each time"
        )
        _ = try? book.undefine(name: "place")
        _ = try? book.undefine(name: "all_new")
    }

    /// Memory of N reports, measured in a fresh child process.
    func rss(_ n: Int, _ checks: inout Checks) {
        var path = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &path, 4095)
        guard length > 0 else { return }
        var command = cString(path) + " --rss-child \(n) --seed \(options.seed)"
        if options.quick { command += " --quick" }
        guard let pipe = popen(command, "r") else { return }
        var output = ""
        var buffer = [CChar](repeating: 0, count: 1024)
        while fgets(&buffer, 1024, pipe) != nil { output += cString(buffer) }
        pclose(pipe)
        let fields = output.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        guard fields.count == 5 else {
            checks.check("rss child output", output, "5 numbers")
            return
        }
        let (baseCurrent, _, afterPeak, afterCurrent, values) = (fields[0], fields[1], fields[2], fields[3], fields[4])
        let mib = { (bytes: Int) in fmt(Double(bytes) / 1_048_576) }
        emit(
            "rss_\(n)", Double(afterPeak) / 1_048_576, "MiB",
            "ru_maxrss of a fresh process after building \(n) reports; before the build: RSS \(mib(baseCurrent)) MiB (binary + prepared inputs); after: current RSS \(mib(afterCurrent)) MiB"
        )
        emit(
            "rss_\(n)_bytes_per_cell", Double(afterPeak - baseCurrent) / Double(values), "B",
            "(ru_maxrss after − RSS before the build) / \(values) cells (200 template + 8 rule values per report, as the anchor counts)"
        )
        emit(
            "rss_\(n)_steady_bytes_per_cell", Double(afterCurrent - baseCurrent) / Double(values), "B",
            "(current RSS after the build − RSS before) / cells: what stays resident")
    }

    /// A = 1, An = A(n−1) + 1 as user names; change A1 and read the last.
    func chain(_ checks: inout Checks) {
        let n = options.chain
        var definitions: [(name: String, formula: String)] = [(name: "a1", formula: "1")]
        definitions.reserveCapacity(n)
        for i in 2...max(2, n) { definitions.append((name: "a\(i)", formula: "a\(i - 1) + 1")) }
        let book = Workbook()
        _ = try? book.addReport(name: "chain", template: template)
        let last = "a\(n)"
        let build = time { _ = try? book.define(definitions) }
        checks.check("chain_\(n): \(last)", try? book.value(of: last), .number(DecimalNumber(n)))
        emit(
            "chain_\(n)_build", build / 1e6, "ms",
            "1 run; define([a1 = 1, a2 = a1 + 1, …]) as one undo step: parse, bind, cycle check, evaluate")
        var times: [Double] = []
        for i in 0..<(options.quick ? 5 : 10) {
            var value = Value.empty
            times.append(
                time {
                    _ = try? book.define(name: "a1", formula: "\(2 + i)")
                    value = (try? book.value(of: last)) ?? .empty
                })
            checks.check("chain_\(n): \(last) after a1 = \(2 + i)", value, .number(DecimalNumber(n + 1 + i)))
        }
        emit(
            "chain_\(n)", median(times) / 1e6, "ms",
            "\(summary(times.map { $0 / 1e6 })); redefine a1 + recompute the chain (change set of \(n) cells) + read \(last)"
        )
    }
}

/// In a fresh process: build N reports, print RSS before/after (bytes) and the value count.
func rssChild(reports n: Int, options: BenchOptions) {
    let workload = Workload(reports: n, seed: options.seed)
    let baseCurrent = currentRSS()
    let basePeak = peakRSS()
    let book = EngineBench(options: options).build(workload)
    let afterPeak = peakRSS()
    let afterCurrent = currentRSS()
    print(baseCurrent, basePeak, afterPeak, afterCurrent, n * 208)
    withExtendedLifetime(book) {}
}
