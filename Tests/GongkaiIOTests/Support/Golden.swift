import Foundation
import GongkaiCore
import GongkaiIO

/// The expected values of a fixture report (`Tests/Fixtures/reports/golden/*.json`).
struct Golden {
    let source: String
    let org: String
    let year: Int
    /// Cell name → the value as printed in the JSON (exact decimal text), nil for a cell the golden leaves empty.
    let cells: [String: DecimalNumber?]
    let missing: [String]
    /// Cell names of the `inferred` list (each entry is `name: reason`).
    let inferred: [String]

    static let files = [
        "上犹县政府办-2023.json", "淮安市-2024.json", "上海市科委-2024.json", "平潭综合实验区-2021.json",
        "平潭综合实验区-2021.html.json", "洪泽区-2023.json", "洪泽区-2024.json",
    ]
    /// Goldens that hold for a published PDF too: the text was extracted from it (golden, PDF).
    static let pdfs = [("洪泽区-2023.json", "洪泽区-2023.pdf"), ("洪泽区-2024.json", "洪泽区-2024.pdf")]

    init(_ name: String) throws {
        let data = try Data(contentsOf: Fixtures.url("reports/golden/" + name))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        source = json["source"] as? String ?? ""
        org = json["org"] as? String ?? ""
        year = json["year"] as? Int ?? 0
        missing = json["missing"] as? [String] ?? []
        inferred = (json["inferred"] as? [String] ?? []).map { String($0.prefix { $0 != ":" }) }
        // Numbers are read from the text, not through Double, so 24252.311082 stays exact.
        var cells: [String: DecimalNumber?] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\"t"), let colon = trimmed.range(of: "\": ") else { continue }
            let name = String(trimmed[trimmed.index(after: trimmed.startIndex)..<colon.lowerBound])
            var raw = trimmed[colon.upperBound...]
            if raw.hasSuffix(",") { raw = raw.dropLast() }
            cells[name] = raw == "null" ? .some(nil) : .some(DecimalNumber(raw))
        }
        self.cells = cells
    }

    /// Every cell whose imported value differs from the golden's (an empty cell is `null` in the golden).
    func mismatches(_ report: ImportedReport) -> [String] {
        var mismatches: [String] = []
        for cell in report.template.cells {
            let expected = cells[cell.name] ?? nil
            let actual = report.values[cell.index]?.0
            let expectedValue: Value = expected.map { .number($0) } ?? .empty
            if (actual ?? .empty) != expectedValue {
                mismatches.append("\(cell.name): expected \(expectedValue), got \(actual.map(\.description) ?? "empty")")
            }
        }
        return mismatches
    }
}
