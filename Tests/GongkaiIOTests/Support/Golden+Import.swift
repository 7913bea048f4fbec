import GongkaiCore
import GongkaiIO
import GongkaiTestSupport

extension Golden {
    /// Every cell whose imported value differs from the golden's (an empty cell is `null` in the golden).
    func mismatches(_ report: ImportedReport) -> [String] {
        var mismatches: [String] = []
        for cell in report.template.cells {
            let expected = cells[cell.name] ?? nil
            let actual = report.values[cell.index]?.0
            let expectedValue: Value = expected.map { .number($0) } ?? .empty
            if (actual ?? .empty) != expectedValue {
                mismatches.append(
                    "\(cell.name): expected \(expectedValue), got \(actual.map(\.description) ?? "empty")")
            }
        }
        return mismatches
    }
}
