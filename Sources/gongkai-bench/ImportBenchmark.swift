import Foundation
import GongkaiCore
import GongkaiIO

#if canImport(Glibc)
    import Glibc
#endif

extension BenchGroup {
    /// Published reports loaded per second and MB/s, on one core, for each input kind the importer reads.
    static let importing = BenchGroup(
        name: "import",
        summary:
            "import_<kind>_reports_per_s and _mb_per_s, CPU time and wall clock, per input kind (target ≥ 5,000 reports/s one cell per line)"
    ) { options, checks in
        ImportBench(options: options).run(&checks)
    }
}

/// Times `ReportImporter` on the fixture reports, read once into memory: each iteration decodes, tokenises, matches
/// and places every cell, as `gongkai` does when it loads a report. Rates are by CPU time (getrusage, robust on a
/// shared machine) and by wall clock. `GONGKAI_BENCH_IMPORT=import_cellperline` keeps one kind, e.g. to count
/// instructions: `valgrind --tool=callgrind gongkai-bench import --quick` (1 check + 3 rounds of 229 imports of it).
struct ImportBench {
    let options: BenchOptions

    /// The fixture reports, found from the source tree the benchmark was built from.
    static let fixtures: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/reports")

    /// Figure name, fixture file, cells the golden has values for.
    static let kinds: [(figure: String, file: String, cells: Int)] = [
        ("import_cellperline", "上犹县政府办-2023.txt", 200), ("import_pdftext", "淮安市-2024.txt", 200),
        ("import_markdown", "上海市科委-2024.md", 199), ("import_flattext", "平潭综合实验区-2021.txt", 197),
        ("import_html", "平潭综合实验区-2021.html", 200), ("import_docx", "淮安市-2024.docx", 200),
    ]
    /// The published PDFs, loaded from their files through `pdftotext` (cells with values as in their goldens).
    static let pdfs: [(file: String, cells: Int)] = [("洪泽区-2023.pdf", 179), ("洪泽区-2024.pdf", 179)]

    /// CPU time of this process (user + system) in nanoseconds: robust to other processes sharing the cores.
    static func cpuTime() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) * 1e9 + Double(usage.ru_utime.tv_usec) * 1e3
        let system = Double(usage.ru_stime.tv_sec) * 1e9 + Double(usage.ru_stime.tv_usec) * 1e3
        return user + system
    }

    /// One input of the benchmark: its figure name, its file, the cells its golden has values for, and its bytes.
    typealias Input = (figure: String, file: String, cells: Int, bytes: [UInt8])

    /// Every figure's name, in the order they run: the fixture kinds, then the same PDF text in GB18030.
    static let figures = kinds.map(\.figure) + ["import_gb18030"]

    /// The inputs read into memory, in ``figures`` order; a fixture that cannot be read is left out.
    static func inputs() -> [Input] {
        var inputs: [Input] = []
        for kind in kinds {
            guard let data = try? Data(contentsOf: fixtures.appendingPathComponent(kind.file)) else { continue }
            inputs.append((kind.figure, kind.file, kind.cells, [UInt8](data)))
        }
        // The PDF text again in GB18030, as many Chinese sites serve it.
        if let pdf = inputs.first(where: { $0.figure == "import_pdftext" }),
            let gb = String(decoding: pdf.bytes, as: UTF8.self).data(using: String.Encoding(rawValue: 0x8000_0632))
        {
            inputs.append(("import_gb18030", pdf.file + " in GB18030", pdf.cells, [UInt8](gb)))
        }
        return inputs
    }

    func run(_ checks: inout Checks) {
        let importer = ReportImporter()
        var inputs = Self.inputs()
        for kind in Self.kinds where !inputs.contains(where: { $0.figure == kind.figure }) {
            checks.check("\(kind.figure): fixture \(kind.file) readable", false, true)
        }
        // GONGKAI_BENCH_IMPORT=import_cellperline keeps one kind (for profiling under valgrind).
        if let only = ProcessInfo.processInfo.environment["GONGKAI_BENCH_IMPORT"] {
            inputs.removeAll { $0.figure != only }
        }
        print(
            "# import: one core, fixture reports in memory; reports/s and MB/s of input, by CPU time (getrusage) and wall clock"
        )
        let rounds = options.quick ? 3 : 7
        for input in inputs {
            // About 20 MB of input per round (2 MB quick): thousands of small reports, dozens of large pages.
            let perRound = Swift.max(
                options.quick ? 5 : 20, (options.quick ? 2_000_000 : 20_000_000) / Swift.max(input.bytes.count, 1))
            let loaded = try? importer.importReport(bytes: input.bytes, fileName: input.file)
            checks.check("\(input.figure): cells with values", loaded?.values.count ?? -1, input.cells)
            var cpuRates: [Double] = []
            var wallRates: [Double] = []
            for _ in 0..<rounds {
                let cpuStart = Self.cpuTime()
                let elapsed = time {
                    for _ in 0..<perRound { _ = try? importer.importReport(bytes: input.bytes, fileName: input.file) }
                }
                let cpu = Self.cpuTime() - cpuStart
                cpuRates.append(Double(perRound) / (Swift.max(cpu, 1) / 1e9))
                wallRates.append(Double(perRound) / (elapsed / 1e9))
            }
            let cpuRate = median(cpuRates)
            let wallRate = median(wallRates)
            let megabytes = Double(input.bytes.count) / 1e6
            emit(
                input.figure + "_reports_per_s", cpuRate, "reports/s",
                "CPU time; \(summary(cpuRates)); \(fmt(1e6 / cpuRate)) us CPU/report; \(input.bytes.count) B; \(input.file)"
            )
            emit(
                input.figure + "_mb_per_s", cpuRate * megabytes, "MB/s", "input bytes per CPU second at the median rate"
            )
            emit(
                input.figure + "_wall_reports_per_s", wallRate, "reports/s",
                "wall clock; \(summary(wallRates)); \(fmt(1e6 / wallRate)) us/report")
            emit(input.figure + "_wall_mb_per_s", wallRate * megabytes, "MB/s", "input bytes per wall-clock second")
        }
        if ProcessInfo.processInfo.environment["GONGKAI_BENCH_IMPORT"].map({ $0 == "import_pdf" }) ?? true {
            runPDF(&checks)
        }
    }

    /// PDFs from their files: wall clock end to end, and apart the time in `pdftotext` (every run of the child) and
    /// Gongkai's own (the rest; its CPU time excludes the child's).
    func runPDF(_ checks: inout Checks) {
        let importer = ReportImporter()
        print("# import_pdf: from the file, through pdftotext as a child process; Poppler's time apart from Gongkai's")
        let rounds = options.quick ? 3 : 7
        let perRound = options.quick ? 3 : 10
        for pdf in Self.pdfs {
            let url = Self.fixtures.appendingPathComponent(pdf.file)
            let loaded = try? importer.importReport(contentsOf: url)
            checks.check("import_pdf \(pdf.file): cells with values", loaded?.values.count ?? -1, pdf.cells)
            guard loaded != nil else { continue }
            var wall: [Double] = []
            var poppler: [Double] = []
            var cpu: [Double] = []
            for _ in 0..<rounds {
                var child = 0.0
                let cpuStart = Self.cpuTime()
                let elapsed = time {
                    for _ in 0..<perRound {
                        child += (try? importer.importReport(contentsOf: url))?.extractionSeconds ?? 0
                    }
                }
                cpu.append((Self.cpuTime() - cpuStart) / Double(perRound) / 1e6)
                wall.append(elapsed / Double(perRound) / 1e6)
                poppler.append(child * 1e3 / Double(perRound))
            }
            let name = "import_pdf_" + (pdf.file.hasPrefix("洪泽区-2023") ? "hz2023" : "hz2024")
            let mode = loaded?.extraction ?? ""
            emit(
                name + "_ms", median(wall), "ms/report", "wall clock end to end; \(summary(wall)); \(mode); \(pdf.file)"
            )
            emit(
                name + "_poppler_ms", median(poppler), "ms/report",
                "pdftotext child processes (wall clock); \(summary(poppler))")
            emit(
                name + "_gongkai_ms", Swift.max(0, median(wall) - median(poppler)), "ms/report",
                "the rest: spawning, reading the text, placing the cells (wall clock)")
            emit(
                name + "_gongkai_cpu_ms", median(cpu), "ms/report",
                "this process's CPU time (the child's excluded); \(summary(cpu))")
        }
    }
}
