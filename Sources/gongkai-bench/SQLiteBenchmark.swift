import Foundation
import GongkaiCore
import GongkaiShell

// The sqlite export of N reports (the anchor's workload, every cell with a place in its source): the session's
// check, the database built in one transaction with prepared statements, serialised and written atomically.

extension BenchGroup {
    static let sqlite = BenchGroup(
        name: "sqlite", summary: "export N loaded reports as one SQLite database (.export sqlite FILE)"
    ) { options, checks in
        SQLiteBenchmark(options: options).run(&checks)
    }
}

struct SQLiteBenchmark {
    let options: BenchOptions

    func run(_ checks: inout Checks) {
        let n = options.reports
        let template = ReportTemplate.official2021
        let workload = Workload(reports: n, seed: options.seed)
        let book = Workbook()
        book.withoutChangeSets {
            for k in 0..<n {
                var places: [Int: Provenance] = [:]
                for (index, value) in workload.values(of: k).enumerated() where value != .empty {
                    places[index] = Provenance(file: "r\(k + 1).txt", line: index + 10, column: 3)
                }
                _ = try? book.loadReport(
                    name: "r\(k + 1)", template: template, cells: workload.values(of: k), provenance: places,
                    texts: ["meta.org": "机关\(k + 1)", "meta.year": "2024"])
            }
        }
        let session = Session(workbook: book)
        let file = NSTemporaryDirectory() + "gongkai-bench-\(getpid()).sqlite"
        defer { try? FileManager.default.removeItem(atPath: file) }
        var times: [Double] = []
        var written = 0
        for _ in 0..<3 {
            times.append(
                time {
                    let request = ExportRequest(format: .sqlite, destination: .file(file), force: true)
                    written = (try? session.export(request))?.written.count ?? -1
                })
        }
        checks.check("sqlite_export_\(n): reports written", written, n)
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        emit(
            "sqlite_export_\(n)", median(times) / 1e9, "s",
            "\(summary(times.map { $0 / 1e9 })); check + \(n) reports × \(template.cells.count) cells and their rules"
                + " into one database, \(size / 1_000_000) MB, atomic write; goal ≤ 10 s")
    }
}
