// gongkai-bench — performance figures of Gongkai, printed one per line as `name value unit  # runs, spread`, under
// the same names as the IronCalc anchor (shared/bench/ironcalc_anchor.py), on the same workload (BENCH.md).
//
// Build and run (release; the machine's cores are shared, so run it rarely):
//   swift build -c release --product gongkai-bench
//   .build/release/gongkai-bench                 # every group
//   .build/release/gongkai-bench engine          # one or more groups by name
//   .build/release/gongkai-bench engine --quick  # smoke run: 100 reports, chain 10,000, fewer repetitions
//   .build/release/gongkai-bench suggest         # error localisation on seeded errors (docs/rules.md)
//   .build/release/gongkai-bench diff            # diff_N: one .diff with N reports loaded (goal ≤ 5 ms)
//   .build/release/gongkai-bench --list          # the groups
// Options: --reports N (default 10000), --chain N (default 1000000), --seed N (default 2024), --quick.
//   .build/release/gongkai-bench --profile KIND [--reps N]   # untimed driver (ProfileDriver.kinds), for callgrind
//   .build/release/gongkai-bench --compare [--rounds 3] [--quick]          # IronCalc anchor and engine, alternating
// Each figure prints its median, spread, goal and (when ../shared/docs/BENCH.md is present) the anchor's ratio.
//
// Adding figures: write a `BenchGroup` (name, summary, run(options)) in its own file and append it to
// `BenchGroup.all` below; print figures with `emit(name, value, unit, comment)`.

#if canImport(Glibc)
    import Glibc
#endif

extension BenchGroup {
    /// Every group, in the order the default run executes them.
    static let all: [BenchGroup] = [.engine, .importing, .startup, .session, .suggest, .sqlite, .diff]
}

var options = BenchOptions()
var selected: [String] = []
var profile: String?
var compare = false
var rounds = 3
var reps = 1000
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--quick": options.quick = true
    case "--reports": options.reports = arguments.popFirst().flatMap { Int($0) } ?? options.reports
    case "--chain": options.chain = arguments.popFirst().flatMap { Int($0) } ?? options.chain
    case "--seed": options.seed = arguments.popFirst().flatMap { UInt64($0) } ?? options.seed
    case "--rss-child": options.rssChild = arguments.popFirst().flatMap { Int($0) }
    case "--session-child":
        sessionChild(folder: arguments.popFirst() ?? ".")
        exit(0)
    case "--profile": profile = arguments.popFirst()
    case "--compare": compare = true
    case "--rounds": rounds = arguments.popFirst().flatMap { Int($0) } ?? rounds
    case "--reps": reps = arguments.popFirst().flatMap { Int($0) } ?? reps
    case "--list":
        for group in BenchGroup.all { print("\(group.name)\t\(group.summary)") }
        exit(0)
    case "-h", "--help":
        print(
            "usage: gongkai-bench [group …] [--quick] [--reports N] [--chain N] [--seed N] [--list] | --profile KIND [--reps N] | --compare [--rounds R]"
        )
        exit(0)
    default: selected.append(argument)
    }
}
if options.quick {
    options.reports = min(options.reports, 100)
    options.chain = min(options.chain, 10_000)
}
if let profile {
    guard ProfileDriver.run(profile, reps: reps, options: options) else {
        print("unknown profile kind; known: " + ProfileDriver.kinds.joined(separator: ", "))
        exit(2)
    }
    exit(0)
}
if compare { exit(Compare.run(rounds: rounds, options: options) ? 0 : 2) }
if let n = options.rssChild {
    rssChild(reports: n, options: options)
    exit(0)
}
let groups = selected.isEmpty ? BenchGroup.all : BenchGroup.all.filter { selected.contains($0.name) }
guard groups.count == max(selected.count, groups.count), !groups.isEmpty else {
    print("unknown group; known: " + BenchGroup.all.map(\.name).joined(separator: ", "))
    exit(2)
}
var checks = Checks()
print("# gongkai-bench; groups: \(groups.map(\.name).joined(separator: " ")); load average at start: \(loadAverage())")
for group in groups { group.run(options, &checks) }
for failure in checks.failures { print("# FAIL \(failure)") }
print("# \(checks.count) checks")
print("correct \(checks.failures.isEmpty ? "yes" : "no")")
exit(checks.failures.isEmpty ? 0 : 1)
