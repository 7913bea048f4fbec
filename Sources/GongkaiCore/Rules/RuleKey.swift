/// Identifies one rule of the workbook.
enum RuleKey: Hashable {
    case equality(report: Int, index: Int)
    case domain(report: Int)
    /// A cross-year rule of the later year's report.
    case crossYear(report: Int, pair: Int)
    case user(Int)
}

/// The key pairing reports of one body: its ``BodyKey`` (after aliases) and `meta.year`.
struct BodyYear: Hashable {
    let body: BodyKey
    let year: Int
}
