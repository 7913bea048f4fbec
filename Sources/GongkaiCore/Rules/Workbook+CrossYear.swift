// Cross-year pairing: a report is linked to the report of the same body (`meta.org` text) for the year before
// (`meta.year` − 1); the link brings the template's cross-year rules (`xyear.carried.<col>`, warnings) into the
// later report's listing. Links follow every change of `meta.org` / `meta.year` and every load or removal.

extension Workbook {
    /// The pairing key of a report: its org text and year, when both are set and the year is a number.
    func pairingKey(of report: ReportState) -> OrgYear? {
        guard let org = report.text(report.shape.orgCell), let yearText = report.text(report.shape.yearCell) else {
            return nil
        }
        let digits = yearText.filter { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4, let year = Int(digits) else { return nil }
        return OrgYear(org: org.trimmingSpaces, year: year)
    }

    /// Re-indexes a report after its org or year changed (or it was loaded), and updates the links around it.
    func relink(_ slot: Int) {
        guard let report = reports[slot] else { return }
        let old = report.orgYear
        let new = pairingKey(of: report)
        if old != new {
            if let old {
                reportsByOrgYear[old]?.removeAll { $0 == slot }
                for key in Workbook.suffixKeys(of: old) { reportsByOrgSuffix[key]?.removeAll { $0 == slot } }
            }
            if let new {
                reportsByOrgYear[new, default: []].insertSorted(slot)
                for key in Workbook.suffixKeys(of: new) { reportsByOrgSuffix[key, default: []].insertSorted(slot) }
            }
            report.orgYear = new
        }
        var affected: Set<Int> = [slot]
        for key in [old, new].compactMap({ $0 }) {
            for year in [key.year - 1, key.year + 1] {
                affected.formUnion(reportsByOrgYear[OrgYear(org: key.org, year: year)] ?? [])
            }
        }
        for other in affected.sorted() { updateLink(other) }
    }

    /// Removes a report from the pairing and unlinks the reports that pointed at it.
    func unlink(_ slot: Int) {
        guard let report = reports[slot] else { return }
        if let key = report.orgYear {
            reportsByOrgYear[key]?.removeAll { $0 == slot }
            for suffix in Workbook.suffixKeys(of: key) { reportsByOrgSuffix[suffix]?.removeAll { $0 == slot } }
        }
        report.orgYear = nil
        setLink(of: slot, to: nil)
        for later in laterReports[slot] ?? [] { updateLink(later) }
    }

    /// Links a report to the first loaded report of its body for the year before, if any.
    func updateLink(_ slot: Int) {
        guard let report = reports[slot] else { return }
        let wanted = report.orgYear.flatMap { key in
            reportsByOrgYear[OrgYear(org: key.org, year: key.year - 1)]?.first { $0 != slot }
        }
        if wanted != report.lastYear { setLink(of: slot, to: wanted) }
    }

    func setLink(of slot: Int, to earlier: Int?) {
        guard let report = reports[slot] else { return }
        if let old = report.lastYear {
            for pair in report.crossStatus.indices { setStatus(nil, of: .crossYear(report: slot, pair: pair)) }
            report.crossStatus = []
            report.crossLastYear = []
            laterReports[old]?.removeAll { $0 == slot }
            report.lastYear = nil
        }
        guard let earlier else { return }
        report.lastYear = earlier
        laterReports[earlier, default: []].append(slot)
        let earlierShape = reports[earlier]?.shape ?? report.shape
        report.crossLastYear = report.shape.crossPairs.map { pair in
            earlierShape === report.shape
                ? pair.lastYear : earlierShape.template.index(of: report.template.cells[pair.lastYear].name) ?? -1
        }
        report.crossStatus = Array(repeating: .incomplete, count: report.shape.crossPairs.count)
        for pair in report.crossStatus.indices {
            let key = RuleKey.crossYear(report: slot, pair: pair)
            noteRule(key, old: nil)
            let status = evaluateStatus(of: key) ?? .incomplete
            report.crossStatus[pair] = status
            if status.isFailing { report.failingCount += 1 }
        }
    }
}

extension Workbook {
    /// Every suffix of a body's name of 3 Characters or more, with its year: the keys of ``reportsByOrgSuffix``.
    static func suffixKeys(of key: OrgYear) -> [OrgYear] {
        let characters = Array(key.org)
        guard characters.count >= 3 else { return [] }
        return (0...(characters.count - 3)).map { OrgYear(org: String(characters[$0...]), year: key.year) }
    }
}

extension Array where Element == Int {
    /// Inserts `value` keeping the array sorted (slots arrive mostly in increasing order: an append).
    mutating func insertSorted(_ value: Int) {
        if let last, last > value {
            var low = 0
            var high = count
            while low < high {
                let mid = (low + high) / 2
                if self[mid] < value { low = mid + 1 } else { high = mid }
            }
            insert(value, at: low)
        } else {
            append(value)
        }
    }
}
