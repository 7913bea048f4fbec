import Foundation
import GongkaiCore

/// Test fixtures live in `Tests/Fixtures`, found from this file's path so no bundle or network is needed.
public enum Fixtures {
    /// `Tests/Fixtures`
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fixture by its path below `Tests/Fixtures`.
    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// A fixture's bytes.
    public static func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(relative))) }
}

/// The expected values of a fixture report (`Tests/Fixtures/reports/golden/*.json`): the one golden reader of every
/// test target, exact — numbers are read from the JSON text, never through `Double`, so 24252.311082 stays exact.
public struct Golden: Sendable {
    /// Why a golden file cannot be read.
    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    /// The report file the golden describes.
    public let source: String
    /// The format it is printed in (`"template": "2019"` in the file; the 2021 format when absent).
    public let template: ReportTemplate
    /// `meta.org` as printed.
    public let org: String
    /// The report's year.
    public let year: Int
    /// Cell name → the value as printed (exact decimal text), nil for a cell the golden leaves empty.
    public let cells: [String: DecimalNumber?]
    /// By cell index of ``template``; `.empty` where the golden says null.
    public let values: [Int: Value]
    /// Cells the importer must report missing.
    public let missing: [String]
    /// Cell names of the `inferred` list (each entry is `name: reason`).
    public let inferred: [String]

    /// Every golden fixture of the 2021 format.
    public static let files = [
        "上犹县政府办-2023.json", "淮安市-2024.json", "上海市科委-2024.json", "平潭综合实验区-2021.json",
        "平潭综合实验区-2021.html.json", "洪泽区-2023.json", "洪泽区-2024.json",
    ]
    /// Every golden fixture of the 2019 trial format.
    public static let trial2019Files = ["平潭综合实验区-2020-2019format.json"]
    /// Every golden fixture, of either format.
    public static let allFormats = files + trial2019Files

    /// Goldens that hold for a published PDF too: the text was extracted from it (golden, PDF).
    public static let pdfs = [("洪泽区-2023.json", "洪泽区-2023.pdf"), ("洪泽区-2024.json", "洪泽区-2024.pdf")]

    /// Reads `Tests/Fixtures/reports/golden/NAME`.
    public init(_ name: String) throws {
        let data = try Data(contentsOf: Fixtures.url("reports/golden/" + name))
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Malformed(description: "\(name): not a JSON object")
        }
        source = json["source"] as? String ?? ""
        let templateID = json["template"] as? String ?? ReportTemplate.official2021.id
        guard let template = ReportTemplate.named(templateID) else {
            throw Malformed(description: "\(name): unknown template \(templateID)")
        }
        self.template = template
        org = json["org"] as? String ?? ""
        year = json["year"] as? Int ?? 0
        missing = json["missing"] as? [String] ?? []
        inferred = (json["inferred"] as? [String] ?? []).map { String($0.prefix { $0 != ":" }) }
        var cells: [String: DecimalNumber?] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("\"t"), let colon = trimmed.range(of: "\": ") else { continue }
            let cell = String(trimmed[trimmed.index(after: trimmed.startIndex)..<colon.lowerBound])
            guard cell.contains(".") else { continue }  // `"template": "2019"` is no cell
            var raw = trimmed[colon.upperBound...]
            if raw.hasSuffix(",") { raw = raw.dropLast() }
            if raw == "null" {
                cells[cell] = .some(nil)
            } else {
                guard let number = DecimalNumber(raw) else {
                    throw Malformed(description: "\(name): \(cell) = \(raw) is not an exact decimal")
                }
                cells[cell] = .some(number)
            }
        }
        self.cells = cells
        var values: [Int: Value] = [:]
        for (cell, number) in cells {
            guard let index = template.index(of: cell) else {
                throw Malformed(description: "\(name): unknown cell \(cell)")
            }
            values[index] = number.map { .number($0) } ?? .empty
        }
        self.values = values
    }

    /// The loader's input form: every value entered, read from the fixture.
    public var entries: [Int: (Value, Provenance)] {
        values.mapValues { ($0, Provenance(file: "golden", origin: .read)) }
    }

    /// `meta.org` and `meta.year`.
    public var texts: [String: String] { ["meta.org": org, "meta.year": String(year)] }

    /// A workbook with this report loaded as `name`.
    public func workbook(name: String = "r") throws -> Workbook {
        let book = Workbook()
        _ = try book.loadReport(name: name, template: template, values: entries, texts: texts)
        return book
    }
}
