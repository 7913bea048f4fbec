/// Identifies one rule of the workbook.
enum RuleKey: Hashable {
    case equality(report: Int, index: Int)
    case domain(report: Int)
    /// A cross-year rule of the later year's report.
    case crossYear(report: Int, pair: Int)
    case user(Int)
}

/// The key pairing reports of one body: `meta.org` text and `meta.year`.
struct OrgYear: Hashable {
    let org: String
    let year: Int
}
