import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiTestSupport
import Testing

@testable import GongkaiShell

/// The sqlite export of the real fixture reports, read back by the independent `sqlite3` program: every cell exactly
/// as the goldens say (counts INTEGER, the fee decimal TEXT, never REAL), the rules as the session's check found
/// them, `--force` to replace a file, and a replacement that is atomic.
@Suite("SQLite export")
struct SQLiteExportTests {
    /// The `sqlite3` program (scripts/deps.sh installs it with the test dependencies).
    static let program = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs a query with `sqlite3 -batch`, one row a line, fields tab-separated.
    static func query(_ database: String, _ sql: String) throws -> [[String]] {
        let program = try #require(program, "sqlite3 is not installed (scripts/deps.sh TEST_DEPS)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-batch", "-separator", "\t", "-bail", database, sql]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 failed on: \(sql)")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// A session with every fixture report loaded, and the fixture file each report came from.
    static func loaded() -> (Session, [String: String]) {
        let session = SessionTests.session()
        let batch = session.load(["Tests/Fixtures/reports"])
        var files: [String: String] = [:]
        for report in batch.loaded {
            files[String(report.file.split(separator: "/").last ?? "")] = report.name
        }
        return (session, files)
    }

    @Test func everyCellOfEveryReportIsExactAsTheGoldensSay() throws {
        let (session, files) = Self.loaded()
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/all.sqlite"
        let result = try session.export(ExportRequest(format: .sqlite, destination: .file(file)))
        #expect(Set(result.written.map(\.report)) == Set(session.workbook.reportNames))

        let reports = try Self.query(file, "SELECT name, body, year, typeof(year), format FROM reports ORDER BY name")
        #expect(reports.map { $0[0] } == session.workbook.reportNames.sorted())
        let rows = try Self.query(file, "SELECT report, cell, unit, typeof(value), value, status FROM cells")
        // Each report has its own format's cells: 200 in 2021, 198 in the 2019 trial format.
        let expectedRows = try session.workbook.reportNames.reduce(0) {
            $0 + (try session.workbook.template(of: $1).cells.count)
        }
        #expect(rows.count == expectedRows)
        // The labels are stored once per format, the values once per report and cell.
        let formats = Set(try session.workbook.reportNames.map { try session.workbook.template(of: $0).id })
        let templateCells = try formats.reduce(0) { total, id in
            total + (try #require(ReportTemplate.all.first { $0.id == id }).cells.count)
        }
        #expect(try Self.query(file, "SELECT count(*) FROM template_cells") == [["\(templateCells)"]])
        #expect(try Self.query(file, "SELECT count(*) FROM cell_values") == [["\(expectedRows)"]])
        #expect(reports.contains { $0[0] == "平潭综合实验区_2020" && $0[4] == ReportTemplate.trial2019.id })
        #expect(!rows.contains { $0[3] == "real" })
        let cells = Dictionary(rows.map { ("\($0[0]) \($0[1])", $0) }, uniquingKeysWith: { first, _ in first })
        var compared = 0
        for name in Golden.allFormats {
            let golden = try Golden(name)
            let report = try #require(files[golden.source], "\(golden.source) was not loaded")
            #expect(reports.contains { $0[0] == report && $0[1] == golden.org && $0[2] == String(golden.year) })
            #expect(reports.first { $0[0] == report }?[3] == "integer")
            for (cell, value) in golden.cells {
                let row = try #require(cells["\(report) \(cell)"], "\(report) \(cell) is not in the database")
                guard let value else {
                    // Not printed: missing, or a total the template computes (as the session shows it).
                    let computed = try session.workbook.value(of: cell, in: report).description
                    #expect(
                        (row[3] == "null" && row[5] == "missing") || (row[5] == "computed" && row[4] == computed),
                        "\(report) \(cell): \(row)")
                    continue
                }
                // Counts are INTEGER, the fee (万元) decimal TEXT: both exactly the printed number.
                #expect(row[3] == (row[2] == "件" ? "integer" : "text"), "\(report) \(cell): \(row)")
                #expect(DecimalNumber(row[4]) == value, "\(report) \(cell): \(row[4]) ≠ \(value)")
                #expect(["read", "inferred", "entered", "computed"].contains(row[5]))
                compared += 1
            }
        }
        #expect(compared > 1000)
        // Where a value was read: the line and column of the number in its source, as the provenance says.
        let fee = try Self.query(
            file, "SELECT value, line, \"column\" FROM cells WHERE report = '洪泽区_2023' AND cell = 't2.fee.amount'")
        let feeIndex = try #require(ReportTemplate.official2021.index(of: "t2.fee.amount"))
        let provenance = try session.workbook.provenance(report: "洪泽区_2023", cell: feeIndex)
        let place = try #require(provenance)
        #expect(fee == [["7730.28", place.line.map(String.init) ?? "", place.column.map(String.init) ?? ""]])
    }

    @Test func theRulesAreTheSessionsCheck() throws {
        let (session, _) = Self.loaded()
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/all.sqlite"
        _ = try session.export(ExportRequest(format: .sqlite, destination: .file(file)))
        let rows = try Self.query(file, "SELECT report, rule, severity, status, imbalance FROM rules")
        var expected: [[String]] = []
        for check in session.check() {
            for rule in check.results {
                let status = rule.status == .holds ? "hold" : rule.status == .incomplete ? "incomplete" : "fail"
                expected.append([check.report, rule.name, rule.severity.rawValue, status, rule.imbalance.description])
            }
        }
        #expect(
            rows.sorted { $0.lexicographicallyPrecedes($1) } == expected.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(expected.contains { $0[3] == "fail" })
        // The views: failing rules, and applications received per report (t3.new.total) as an INTEGER.
        let failing = try Self.query(file, "SELECT report, rule FROM failing_rules")
        #expect(Set(failing) == Set(expected.filter { $0[3] == "fail" }.map { [$0[0], $0[1]] }))
        let totals = try Self.query(
            file, "SELECT report, typeof(applications_received), applications_received FROM report_totals")
        #expect(totals.count == session.workbook.reportNames.count)
        for row in totals {
            let received = try session.workbook.value(of: "t3.new.total", in: row[0])
            #expect(row == [row[0], "integer", received.description])
        }
        #expect(try Self.query(file, "SELECT count(*) FROM metrics") == [["\(Metric.builtIn.count * totals.count)"]])
    }

    @Test func theMetricsTableHoldsEveryBuiltInAndUserMetricExactly() throws {
        let (session, _) = Self.loaded()
        _ = try session.workbook.defineMetric(name: "open_share", formula: "t3.result.open.total / t3.new.total")
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/metrics.sqlite"
        _ = try session.export(ExportRequest(format: .sqlite, destination: .file(file)))
        let rows = try Self.query(file, "SELECT report, metric, typeof(value), value FROM metrics")
        let names = Metric.builtIn.map(\.key) + ["open_share"]
        #expect(rows.count == names.count * session.workbook.reportNames.count)
        for name in names {
            for expected in try session.workbook.metricValues(name) {
                let row = try #require(rows.first { $0[0] == expected.report && $0[1] == name }, "\(name)")
                switch expected.value {
                case .empty: #expect(row[2] == "null" && row[3] == "", "\(name) \(expected.report)")
                case .number(let n):
                    // Exact: INTEGER when whole, else the decimal as TEXT — never REAL.
                    #expect(row[2] == (n.isInteger ? "integer" : "text"), "\(name) \(expected.report)")
                    #expect(row[3] == n.description)
                default: Issue.record("unexpected \(expected.value)")
                }
            }
        }
        let shangyou = try Self.query(
            file, "SELECT value FROM metrics WHERE report = '上犹县政府办_2023' AND metric = 'disclosure_rate'")
        #expect(shangyou == [["85.71"]])
        #expect(try Self.query(file, "SELECT count(*) FROM metrics WHERE typeof(value) = 'real'") == [["0"]])
    }

    @Test func anExistingFileIsReplacedOnlyWithForceAndAtomically() throws {
        let (session, _) = Self.loaded()
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/all.sqlite"
        let old = Data("an old file".utf8)
        try old.write(to: URL(fileURLWithPath: file))
        #expect(throws: OutputExists.self) {
            try session.export(ExportRequest(format: .sqlite, destination: .file(file)))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == old)
        // An input file is never replaced, --force or not.
        let input = Harness.root + "/Tests/Fixtures/reports/上犹县政府办-2023.txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        #expect(throws: InputFiles.Overwrite.self) {
            try session.export(ExportRequest(format: .sqlite, destination: .file(input), force: true))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: input)) == before)
        // With --force the file is replaced by a rename: a reader holding the old file still reads it whole.
        let reader = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        defer { try? reader.close() }
        _ = try session.export(ExportRequest(format: .sqlite, destination: .file(file), force: true))
        #expect(try reader.readToEnd() == old)
        #expect(try Self.query(file, "SELECT count(*) FROM reports") == [["\(session.workbook.reportNames.count)"]])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["all.sqlite"])
        // A planted symbolic link is replaced, never written through.
        let target = folder + "/target"
        try old.write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.sqlite", withDestinationPath: target)
        _ = try session.export(ExportRequest(format: .sqlite, destination: .file(folder + "/link.sqlite"), force: true))
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == old)
        #expect(try Self.query(folder + "/link.sqlite", "SELECT count(*) FROM cells WHERE status = 'read'") != [["0"]])
    }

    @Test func theShellAndTheCommandLineRefuseAnExistingFileWithoutForce() throws {
        let folder = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/r.sqlite"
        let (shell, out) = Harness.shell()
        #expect(shell.execute(statement: ".load Tests/Fixtures/reports/上犹县政府办-2023.txt") == .ok)
        #expect(shell.execute(statement: ".export sqlite \(file)") == .ok)
        #expect(out.text.contains("exported 上犹县政府办_2023 as sqlite to \(file)"))
        #expect(shell.execute(statement: ".export sqlite \(file)") != .ok)
        #expect(out.text.contains("\(file) exists; add --force to replace it"))
        #expect(shell.execute(statement: ".export sqlite \(file) --force") == .ok)
        #expect(try Self.query(file, "SELECT name FROM reports") == [["上犹县政府办_2023"]])

        let binary = try #require(GongkaiBinary.path(), "the gongkai binary is not built")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "export", Harness.root + "/Tests/Fixtures/reports/洪泽区-2023.txt", "--format", "sqlite", "-o", file,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(try Self.query(file, "SELECT name FROM reports") == [["上犹县政府办_2023"]])
        process.arguments?.append("--force")
        let forced = Process()
        forced.executableURL = process.executableURL
        forced.arguments = process.arguments
        forced.standardOutput = FileHandle.nullDevice
        forced.standardError = FileHandle.nullDevice
        try forced.run()
        forced.waitUntilExit()
        #expect(forced.terminationStatus == 0)
        #expect(try Self.query(file, "SELECT name FROM reports") == [["洪泽区_2023"]])
    }
}
