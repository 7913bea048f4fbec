import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiShell

/// Output that keeps only a byte count (the statement driver measures the shell, not the terminal).
final class CountingOutput: TextOutput {
    var bytes = 0
    func write(_ text: String) { bytes += text.utf8.count }
    func write(_ text: TextBuilder) { bytes += text.count }
}

/// Untimed drivers of one figure's work, for instruction counts that do not depend on the machine's load:
///
/// ```sh
/// valgrind --tool=callgrind .build/release/gongkai-bench --profile edit_1 --reps 10000
/// ```
///
/// Kinds: `edit_1` (the edit of the `edit_1` figure, with its change set and failing count), `build` (`--reports N`
/// loadReport calls), `chain` (`--chain N`: define the chain, then `--reps` redefinitions of a1), `statement` (a
/// script of `--reps` assignments `t3.new.natural = v` run by the shell: parse, apply, print), each figure of the
/// import group (`import_flattext`, `import_html`, …: `--reps` imports of its input, read once into memory) and
/// `check_summary` (`gongkai check --summary DIR` over a folder of `--reports N` files, made before and not counted
/// apart: subtract a run with `--reports 0`) and `load_dir` (`.load DIR` of such a folder in a fresh shell, the load
/// lines rendered and counted, as the `load_dir` figure's child process does). Run a kind twice with different `--reps` and subtract to get
/// instructions per repetition without the set-up.
enum ProfileDriver {
    /// Every kind, for the usage message.
    static let kinds = ["edit_1", "build", "chain", "statement", "check_summary", "load_dir"] + ImportBench.figures

    /// Runs `kind`; false when the kind is unknown.
    static func run(_ kind: String, reps: Int, options: BenchOptions) -> Bool {
        let bench = EngineBench(options: options)
        switch kind {
        case "edit_1":
            let one = Workload(reports: 1, seed: options.seed)
            let book = bench.build(one)
            let base = one.input("t3.new.natural", of: 0)
            let values: [Value] = [.number(DecimalNumber(base + 1)), .number(DecimalNumber(base))]
            var total = 0
            for i in 0..<reps {
                let changes = try? book.set("t3.new.natural", .value(values[i % 2]))
                total += (changes?.rules.count ?? 0) + ((try? book.failingCount(report: "r1")) ?? 0)
            }
            print("edit_1 × \(reps): \(total) rule changes + failing counts")
        case "build":
            let workload = Workload(reports: options.reports, seed: options.seed)
            for _ in 0..<max(1, reps) {
                let book = bench.build(workload)
                print("build × \(options.reports): \(book.reportNames.count) reports")
            }
        case "chain":
            let n = options.chain
            var definitions: [(name: String, formula: String)] = [(name: "a1", formula: "1")]
            for i in 2...max(2, n) { definitions.append((name: "a\(i)", formula: "a\(i - 1) + 1")) }
            let book = Workbook()
            _ = try? book.addReport(name: "chain", template: .official2021)
            _ = try? book.define(definitions)
            for i in 0..<reps { _ = try? book.define(name: "a1", formula: "\(2 + i)") }
            print("chain \(n) × \(reps): a\(n) = \((try? book.value(of: "a\(n)")) ?? .empty)")
        case "statement":
            let one = Workload(reports: 1, seed: options.seed)
            let book = bench.build(one)
            let output = CountingOutput()
            let shell = Shell(workbook: book, output: output, errors: output)
            let base = one.input("t3.new.natural", of: 0)
            var script = ""
            for i in 0..<reps { script += "t3.new.natural = \(base + i % 2)\n" }
            shell.run(script: script, name: "bench")
            print("statement × \(reps): \(output.bytes) bytes of output")
        case "check_summary":
            guard let folder = SessionBenchmark.makeFolder(options.reports) else { return false }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let out = CountingOutput()
            let context = LaunchContext(
                output: out, errors: out, environment: ["HOME": "/nonexistent"], exitsAfterward: true)
            var code: Int32 = 0
            for _ in 0..<max(1, reps) {
                code = Launcher.check(Launcher.CheckRequest(files: [folder], summary: true), context: context)
            }
            print("check_summary \(options.reports) × \(reps): exit \(code), \(out.bytes) bytes of output")
        case "load_dir":
            guard let folder = SessionBenchmark.makeFolder(options.reports) else { return false }
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let out = CountingOutput()
            var loaded = 0
            for _ in 0..<max(1, reps) {
                let shell = Shell(output: out, errors: out)
                loaded += shell.loadMany([folder]).loaded.count
                // Left for the process's exit, as the figure's child does: its freeing is not counted.
                _ = Unmanaged.passRetained(shell)
            }
            print("load_dir \(options.reports) × \(reps): \(loaded) loaded, \(out.bytes) bytes of output")
        case let figure where ImportBench.figures.contains(figure):
            guard let input = ImportBench.inputs().first(where: { $0.figure == figure }) else { return false }
            let importer = ReportImporter()
            var cells = 0
            for _ in 0..<reps {
                cells += (try? importer.importReport(bytes: input.bytes, fileName: input.file))?.values.count ?? 0
            }
            print("\(figure) × \(reps): \(cells) cells with values")
        default:
            return false
        }
        return true
    }
}
