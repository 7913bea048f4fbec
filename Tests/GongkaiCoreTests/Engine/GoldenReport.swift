import Foundation
import Testing

@testable import GongkaiCore

/// A golden report fixture: the expected cell values of a real published report (`Tests/Fixtures/reports/golden`).
struct GoldenReport {
    let org: String
    let year: Int
    /// By template cell index; `nil` in the JSON is `.empty`.
    let values: [Int: Value]

    init(_ file: String, template: ReportTemplate = .official2021) throws {
        let data = try Data(contentsOf: Fixtures.url("reports/golden/" + file))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        org = try #require(json["org"] as? String)
        year = try #require(json["year"] as? Int)
        let cells = try #require(json["cells"] as? [String: Any])
        var values: [Int: Value] = [:]
        for (name, raw) in cells {
            let index = try #require(template.index(of: name), "unknown cell \(name)")
            if let number = raw as? NSNumber {
                // NSNumber's description is the shortest exact spelling of the JSON literal (24252.311082).
                values[index] = .number(try #require(DecimalNumber(number.stringValue), "\(name) = \(number)"))
            } else {
                values[index] = .empty
            }
        }
        self.values = values
    }

    /// The loader's input form: every value entered, read from the fixture.
    var entries: [Int: (Value, Provenance)] {
        values.mapValues { ($0, Provenance(file: "golden", origin: .read)) }
    }

    var texts: [String: String] { ["meta.org": org, "meta.year": String(year)] }

    /// A workbook with this report loaded as `name`.
    func workbook(name: String = "r") throws -> Workbook {
        let book = Workbook()
        _ = try book.loadReport(name: name, template: .official2021, values: entries, texts: texts)
        return book
    }
}
