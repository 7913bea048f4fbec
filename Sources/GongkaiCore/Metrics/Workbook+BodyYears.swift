extension Workbook {
    /// The loaded reports of one body over the years, oldest first, `report` among them: the chain of the engine's
    /// previous-year link (``previousYearSlot(of:)``, the same pairing as the cross-year rules and `yoy`), followed
    /// back from `report` and forward to the reports whose previous year it is (the first loaded of them, per year).
    ///
    /// The cost of the chain: the links are kept both ways (Workbook+CrossYear.swift). The body matching itself
    /// lives behind the link (``BodyKey``); nothing here compares names.
    public func bodyYears(of report: String) throws(EngineError) -> [String] {
        let slot = try slot(of: report)
        var seen: Set<Int> = [slot]
        var earlier: [Int] = []
        var first = slot
        while let previous = previousYearSlot(of: first), seen.insert(previous).inserted {
            earlier.append(previous)
            first = previous
        }
        var chain = earlier.reversed() + [slot]
        var last = slot
        while let later = laterReports[last]?.filter({ reports[$0] != nil }).min(), seen.insert(later).inserted {
            chain.append(later)
            last = later
        }
        return chain.compactMap { reports[$0]?.name }
    }
}
