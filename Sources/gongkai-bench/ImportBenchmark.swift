import Foundation
import GongkaiCore
import GongkaiIO

extension BenchGroup {
    /// Published reports loaded per second and MB/s, on one core, for each input kind the importer reads.
    static let importing = BenchGroup(
        name: "import",
        summary: "import_<kind> reports/s and MB/s for each input kind (target ≥ 5,000 reports/s one cell per line)"
    ) { options, checks in
        ImportBench(options: options).run(&checks)
    }
}

/// Times `ReportImporter` on the fixture reports, read once into memory: each iteration decodes, tokenises, matches
/// and places every cell, as `gongkai` does when it loads a report.
struct ImportBench {
    let options: BenchOptions

    /// The fixture reports, found from the source tree the benchmark was built from.
    static let fixtures: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/reports")

    /// Figure name, fixture file, cells the golden has values for.
    static let kinds: [(figure: String, file: String, cells: Int)] = [
        ("import_cell_per_line", "上犹县政府办-2023.txt", 200), ("import_pdf_text", "淮安市-2024.txt", 200),
        ("import_markdown", "上海市科委-2024.md", 199), ("import_flat_text", "平潭综合实验区-2021.txt", 197),
        ("import_html", "平潭综合实验区-2021.html", 200),
    ]

    func run(_ checks: inout Checks) {
        let importer = ReportImporter()
        var inputs: [(figure: String, file: String, cells: Int, bytes: [UInt8])] = []
        for kind in Self.kinds {
            guard let data = try? Data(contentsOf: Self.fixtures.appendingPathComponent(kind.file)) else {
                checks.check("\(kind.figure): fixture \(kind.file) readable", false, true)
                continue
            }
            inputs.append((kind.figure, kind.file, kind.cells, [UInt8](data)))
        }
        // The PDF text again in GB18030, as many Chinese sites serve it.
        if let pdf = inputs.first(where: { $0.figure == "import_pdf_text" }),
            let gb = String(decoding: pdf.bytes, as: UTF8.self).data(using: String.Encoding(rawValue: 0x8000_0632))
        {
            inputs.append(("import_gb18030", pdf.file + " in GB18030", pdf.cells, [UInt8](gb)))
        }
        print("# import: one core, fixture reports in memory; reports/s and MB/s of input")
        let rounds = options.quick ? 3 : 7
        let perRound = options.quick ? 20 : 300
        for input in inputs {
            let loaded = try? importer.importReport(bytes: input.bytes, fileName: input.file)
            checks.check("\(input.figure): cells with values", loaded?.values.count ?? -1, input.cells)
            var rates: [Double] = []
            for _ in 0..<rounds {
                let elapsed = time {
                    for _ in 0..<perRound { _ = try? importer.importReport(bytes: input.bytes, fileName: input.file) }
                }
                rates.append(Double(perRound) / (elapsed / 1e9))
            }
            let rate = median(rates)
            let megabytes = rate * Double(input.bytes.count) / 1e6
            emit(
                input.figure, rate, "reports/s",
                "\(summary(rates)); \(fmt(1e6 / rate)) us/report; \(input.bytes.count) B; \(input.file)")
            emit(input.figure + "_mbps", megabytes, "MB/s", "input bytes per second at the median rate")
        }
    }
}
