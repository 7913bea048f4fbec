import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// Damaged copies of the fixtures, made by a seeded generator: the importer returns a report or an ``ImportError``,
/// never traps, and what it returns is consistent.
@Suite("Import: damaged input never traps")
struct ImportFuzzTests {
    static let cases: [(String, Int)] = [
        ("上犹县政府办-2023.txt", 60), ("淮安市-2024.txt", 60), ("上海市科委-2024.md", 60), ("平潭综合实验区-2021.txt", 60),
        ("平潭综合实验区-2021.html", 8),
    ]

    @Test("mutated fixtures load or fail cleanly", arguments: cases)
    func mutations(_ name: String, _ count: Int) throws {
        let original = try Fixtures.bytes("reports/" + name)
        var random = SplitMix64(seed: UInt64(original.count))  // seeded, so a failure replays
        let importer = ReportImporter()
        var loaded = 0
        for _ in 0..<count {
            var bytes = original
            for _ in 0..<(1 + random.below(4)) {
                let at = random.below(bytes.count)
                switch random.below(5) {
                case 0: bytes.removeSubrange(at..<min(bytes.count, at + random.below(200)))  // a cut
                // junk
                case 1: bytes.insert(contentsOf: (0..<random.below(8)).map { _ in UInt8(random.below(256)) }, at: at)
                case 2: bytes[at] = UInt8(ascii: "0") + UInt8(random.below(10))  // a digit
                case 3:  // a line repeated
                    let end = bytes[at...].firstIndex(of: 0x0A) ?? bytes.count
                    bytes.insert(contentsOf: bytes[at..<end], at: end)
                default: bytes.replaceSubrange(at..<min(bytes.count, at + 3), with: Array("１２,".utf8))
                }
            }
            do {
                let report = try importer.importReport(bytes: bytes, fileName: name)
                loaded += 1
                #expect(report.values.count + report.missing.count == report.template.cells.count)
                for (cell, entry) in report.values {
                    #expect(entry.0.number != nil, "\(report.template.cells[cell].name)")
                    #expect((entry.1.line ?? 0) >= 1)
                    #expect((entry.1.column ?? 0) >= 1)
                }
                #expect(Set(report.inferred.map(\.cell)).isSubset(of: Set(report.values.keys)))
            } catch {
                #expect(!error.message.isEmpty)
            }
        }
        #expect(loaded > 0)
    }
}
