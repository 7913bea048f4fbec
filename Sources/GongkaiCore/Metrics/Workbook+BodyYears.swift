extension Workbook {
    /// The loaded reports of `report`'s body over the years, oldest first, `report` among them: the reports
    /// ``reports(ofBody:)`` gives for its body (the same pairing as the cross-year rules, `yoy` and `.trend`), or
    /// `report` alone when it names no body and year.
    public func bodyYears(of report: String) throws(EngineError) -> [String] {
        let slot = try slot(of: report)
        guard let body = reports[slot]?.bodyYear?.body else { return [report] }
        let years = reports(ofBody: body)
        return years.contains(report) ? years : [report]
    }
}
