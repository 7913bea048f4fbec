import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiTestSupport

/// Golden reports (Tests/Fixtures/reports/golden/*.json) as exporter input, and helpers to run outside tools.
enum ExportFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let goldenDirectory = root.appendingPathComponent("reports/golden")
    static let exportDirectory = root.appendingPathComponent("export")

    /// The golden file names without `.json`, sorted.
    static let goldenNames: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: goldenDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// A golden report: its expected values by cell name (`nil` = empty) and the exporter input built from them.
    struct Golden {
        let name: String
        let org: String
        let year: String
        let expected: [String: DecimalNumber?]
        let report: ExportReport
    }

    /// A golden report read by the one exact reader (`GongkaiTestSupport.Golden`); `null` is an empty cell.
    static func golden(_ name: String) throws -> Golden {
        let source = try GongkaiTestSupport.Golden(name + ".json")
        let org = source.org
        let year = String(source.year)
        let expected = source.cells
        let template = source.template  // each report in its own format's layout
        guard Set(expected.keys) == Set(template.cells.map(\.name)) else {
            throw FixtureError("\(name): cells differ from the template's")
        }
        let report = ExportReport(
            name: name, template: template, texts: ["meta.org": org, "meta.year": year],
            status: { _ in .read }, value: { cell in (expected[cell.name] ?? nil).map(Value.number) ?? .empty })
        return Golden(name: name, org: org, year: year, expected: expected, report: report)
    }

    /// The full path of an executable on PATH, if any.
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool, returning its exit status and standard output (standard error is kept apart).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (
        status: Int32, output: Data, error: Data
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read before waiting so a full pipe cannot block the child.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, out, err)
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
