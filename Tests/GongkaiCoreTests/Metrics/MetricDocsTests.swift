import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

/// docs/metrics.md lists exactly the built-in dictionary: its table is derived from `Metric.builtIn` (one owner) and
/// must equal what the file says. `GONGKAI_UPDATE_GOLDEN=1` rewrites the table.
@Suite struct MetricDocsTests {
    static let path = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/metrics.md").path
    static let begin = "<!-- metrics table: generated from Metric.builtIn by MetricDocsTests -->"
    static let end = "<!-- end of metrics table -->"

    /// The dictionary as a Markdown table.
    static var table: String {
        var lines = [
            "| key | 名称 | 口径 | formula | unit | empty or zero denominator |", "|---|---|---|---|---|---|",
        ]
        for metric in Metric.builtIn {
            let formula = metric.formula.replacingOccurrences(of: "|", with: "\\|")
            lines.append(
                "| `\(metric.key)` | \(metric.chineseName) | \(metric.definition) | `\(formula)` | \(metric.unit.symbol) | \(metric.emptyRule) |"
            )
        }
        return lines.joined(separator: "\n")
    }

    @Test func theDocumentListsExactlyTheBuiltInDictionary() throws {
        let text = try String(contentsOfFile: Self.path, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin))
        let stop = try #require(text.range(of: Self.end))
        let documented = text[start.upperBound..<stop.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
        if ProcessInfo.processInfo.environment["GONGKAI_UPDATE_GOLDEN"] == "1" {
            let updated = text[..<start.upperBound] + "\n" + Self.table + "\n" + text[stop.lowerBound...]
            try String(updated).write(toFile: Self.path, atomically: true, encoding: .utf8)
            return
        }
        #expect(documented == Self.table)
        for metric in Metric.builtIn { #expect(text.contains("`\(metric.key)`")) }
    }

    @Test func everyBuiltInFormulaCompilesInAReport() throws {
        let book = Workbook()
        _ = try book.addReport(name: "r", template: .official2021)
        for metric in Metric.builtIn {
            // Every cell empty: never 0 for a missing figure.
            #expect(try book.valuesInEachReport(metric.formula).first?.value == .empty, "\(metric.key)")
            #expect(Set(metric.key.utf8).isSubset(of: Set("abcdefghijklmnopqrstuvwxyz_".utf8)))
        }
    }
}
