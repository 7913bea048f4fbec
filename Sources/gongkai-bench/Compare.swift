#if canImport(Glibc)
    import Glibc
#endif

/// `gongkai-bench --compare [--rounds R] [--quick]`: the anchor's harness (`../shared/bench/ironcalc_anchor.py`,
/// which makes its own virtual environment with `pip install ironcalc==0.9.1`) and Gongkai's engine group, run back
/// to back and alternating for R rounds (default 3), then each common figure's medians and their ratio. Optional:
/// nothing else needs the anchor or Python.
enum Compare {
    /// The anchor script, next to BENCH.md in the reference material.
    static var script: String? {
        guard let doc = Anchor.path, doc.hasSuffix("docs/BENCH.md") else { return nil }
        let path = String(doc.dropLast("docs/BENCH.md".count)) + "bench/ironcalc_anchor.py"
        return access(path, R_OK) == 0 ? path : nil
    }

    static func run(rounds: Int, options: BenchOptions) -> Bool {
        guard let script else {
            print("# --compare needs the anchor script ../shared/bench/ironcalc_anchor.py (not found)")
            return false
        }
        var arguments = " --skip-rss --reports \(options.reports) --chain \(options.chain) --seed \(options.seed)"
        if options.quick { arguments += " --quick" }
        var theirs: [String: [Double]] = [:]
        var ours: [String: [Double]] = [:]
        var units: [String: String] = [:]
        for round in 1...max(1, rounds) {
            print("# round \(round): IronCalc (python3 \(script)\(arguments))")
            for (name, value, unit) in anchorFigures("python3 '\(script)'" + arguments) {
                theirs[name, default: []].append(Anchor.base(value, unit))
                units[name] = unit
            }
            print("# round \(round): Gongkai engine")
            Recorded.figures = []
            var checks = Checks()
            EngineBench(options: options).run(&checks)
            for (name, value, unit) in Recorded.figures { ours[name, default: []].append(Anchor.base(value, unit)) }
            if !checks.failures.isEmpty { print("# FAIL \(checks.failures)") }
        }
        print(
            "# compare: medians over \(rounds) alternating rounds; ratio = IronCalc / Gongkai (higher: Gongkai faster)")
        for name in ours.keys.sorted() {
            guard let a = theirs[name], let g = ours[name], !name.hasPrefix("rss") else { continue }
            let (ta, tg) = (median(a), median(g))
            guard tg > 0 else { continue }
            print(
                "compare_\(name) \(fmt(ta / tg)) ×  # IronCalc \(fmt(ta * 1e3)) ms, Gongkai \(fmt(tg * 1e3)) ms (medians)"
            )
        }
        return true
    }

    /// The `name value unit` lines of a command's standard output.
    static func anchorFigures(_ command: String) -> [(String, Double, String)] {
        guard let pipe = popen(command + " 2>&1", "r") else { return [] }
        var figures: [(String, Double, String)] = []
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, 4096, pipe) != nil {
            let line = cString(buffer)
            let fields = line.split(separator: " ", maxSplits: 3)
            if fields.count >= 3, !line.hasPrefix("#"), let value = Double(fields[1]) {
                figures.append((String(fields[0]), value, fields[2].trimmingCharacters()))
            } else if line.hasPrefix("# FAIL") || line.contains("Error") {
                print("# anchor: " + line, terminator: "")
            }
        }
        pclose(pipe)
        return figures
    }
}
