// Cross-year pairing: a report is linked to the report of the same body for the year before (`meta.year` − 1); the
// link brings the template's cross-year rules (`xyear.carried.<col>`, warnings) into the later report's listing, and
// is what the soft rules, `yoy`, `.trend` and `.diff` mean by "the previous year". Bodies are matched by ``BodyKey``:
// equal keys (after the user's aliases), else a trailing unit (`洪泽区` and `淮安市洪泽区`) when no other body of either
// year ends with the same unit. Links follow every change of `meta.org` / `meta.year`, every load or removal and
// every alias; everything is found through indexes, never by a scan over the reports.

/// Two body names declared one body (`.alias 平潭 = 平潭综合实验区`).
public struct BodyAlias: Hashable, Sendable {
    /// The first name, as normalised.
    public let body: BodyKey
    /// The name it is one body with.
    public let other: BodyKey

    /// An alias between two keys.
    public init(_ body: BodyKey, _ other: BodyKey) {
        self.body = body
        self.other = other
    }
}

extension Workbook {
    // MARK: Public

    /// The aliases in the workbook, in the order they were declared.
    public var bodyAliases: [BodyAlias] { aliases }

    /// Declares two body names one body, as one undo step: reports of the two are linked across years at once.
    /// Refused when they are one body already.
    public func addAlias(_ body: BodyKey, _ other: BodyKey) throws(EngineError) -> ChangeSet {
        guard canonical(body) != canonical(other) else {
            throw .duplicate("alias \(body) = \(other)")
        }
        return try perform(.alias(BodyAlias(body, other), add: true))
    }

    /// Removes the aliases naming `body` (with `other`, only that one), as one undo step.
    public func dropAlias(_ body: BodyKey, _ other: BodyKey? = nil) throws(EngineError) -> ChangeSet {
        let dropped = aliases.filter { alias in
            [alias.body, alias.other].contains(body) && (other.map { [alias.body, alias.other].contains($0) } ?? true)
        }
        guard !dropped.isEmpty else {
            throw .unknownName(
                "alias \(body)", suggestion: FormulaBridge.nearestName(to: body.text, in: aliases.map(\.body.text)))
        }
        return try perform(.batch(dropped.map { .alias($0, add: false) }))
    }

    /// The body of a report as cross-year links see it (after aliases); nil without `meta.org` and `meta.year`.
    public func body(of report: String) throws(EngineError) -> BodyKey? {
        try state(named: report).bodyYear?.body
    }

    /// The report of the same body for the year before, when loaded: the cross-year link.
    public func previousYear(of report: String) throws(EngineError) -> String? {
        let state = try state(named: report)
        return state.lastYear.flatMap { reports[$0]?.name }
    }

    /// The reports of one body across the loaded years, earliest first: the reports named `body` (after aliases) —
    /// else those of the one longer body ending with it, or of its longest trailing unit loaded — and every report
    /// linked to them year to year. Empty when no report of the body is loaded.
    public func reports(ofBody body: BodyKey) -> [String] {
        let key = canonical(body)
        var pending = reportsByBody[key] ?? []
        if pending.isEmpty, let longer = bodiesByUnit[key], longer.count == 1, let only = longer.keys.first {
            pending = reportsByBody[only] ?? []
        }
        if pending.isEmpty, let unit = units(of: key).first(where: { reportsByBody[$0] != nil }) {
            pending = reportsByBody[unit] ?? []
        }
        var seen = Set<Int>()
        while let slot = pending.popLast() {
            guard seen.insert(slot).inserted, let report = reports[slot] else { continue }
            if let earlier = report.lastYear { pending.append(earlier) }
            let laters = laterReports  // read through a copy: see Support/Exclusivity.swift
            pending += laters[slot] ?? []
        }
        return seen.sorted { a, b in
            let (ya, yb) = (reports[a]?.bodyYear?.year ?? 0, reports[b]?.bodyYear?.year ?? 0)
            return ya != yb ? ya < yb : a < b
        }.compactMap { reports[$0]?.name }
    }

    // MARK: Keys

    /// What a key stands for after the aliases.
    func canonical(_ key: BodyKey) -> BodyKey { canonicalBody[key] ?? key }

    /// The trailing units of a body, after aliases, longest first.
    func units(of body: BodyKey) -> [BodyKey] { body.trailingUnits.map(canonical) }

    /// The pairing key of a report: its body (after aliases) and year, when both are set and the year is a number.
    func pairingKey(of report: ReportState) -> BodyYear? {
        guard let org = report.text(report.shape.orgCell), let body = BodyKey(org),
            let yearText = report.text(report.shape.yearCell)
        else { return nil }
        let digits = yearText.filter { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4, let year = Int(digits) else { return nil }
        return BodyYear(body: canonical(body), year: year)
    }

    // MARK: Links

    /// Re-indexes a report after its org or year changed (or it was loaded), and updates the links around it.
    func relink(_ slot: Int) {
        guard let report = reports[slot] else { return }
        let old = report.bodyYear
        let new = pairingKey(of: report)
        var affected: Set<Int> = [slot]
        if old != new {
            var claims: [BodyYear] = []
            // A link goes to the first report of a (body, year): only a report that is or was first moves links (a
            // thousand copies of one body load without touching each other's links).
            var firsts: [BodyYear] = []
            if let old {
                if reportsByBodyYear[old]?.first == slot { firsts.append(old) }
                claims += unindex(slot, old)
            }
            if let new {
                claims += index(slot, new)
                if reportsByBodyYear[new]?.first == slot { firsts.append(new) }
            }
            report.bodyYear = new
            let laters = laterReports
            affected.formUnion(laters[slot] ?? [])
            for key in firsts { affected.formUnion(reportsAffected(by: key)) }
            affected.formUnion(reportsAffected(byClaims: claims))
        }
        for other in affected.sorted() { updateLink(other) }
    }

    /// Removes a report from the pairing and unlinks the reports that pointed at it.
    func unlink(_ slot: Int) {
        guard let report = reports[slot] else { return }
        let laters = laterReports
        var affected = Set(laters[slot] ?? [])
        if let key = report.bodyYear {
            let wasFirst = reportsByBodyYear[key]?.first == slot
            let claims = unindex(slot, key)
            if wasFirst { affected.formUnion(reportsAffected(by: key)) }
            affected.formUnion(reportsAffected(byClaims: claims))
        }
        report.bodyYear = nil
        setLink(of: slot, to: nil)
        affected.remove(slot)
        for other in affected.sorted() { updateLink(other) }
    }

    /// Adds a report to the indexes; returns the (unit, year) keys whose set of longer bodies changed.
    func index(_ slot: Int, _ key: BodyYear) -> [BodyYear] {
        reportsByBodyYear[key, default: []].insertSorted(slot)
        reportsByBody[key.body, default: []].insertSorted(slot)
        var claims: [BodyYear] = []
        for unit in units(of: key.body) where unit != key.body {
            bodiesByUnit[unit, default: [:]][key.body, default: 0] += 1
            let claim = BodyYear(body: unit, year: key.year)
            let count = bodiesByTrailingUnit[claim, default: [:]][key.body, default: 0]
            bodiesByTrailingUnit[claim, default: [:]][key.body] = count + 1
            if count == 0 { claims.append(claim) }
        }
        return claims
    }

    /// Removes a report from the indexes; returns the (unit, year) keys whose set of longer bodies changed.
    func unindex(_ slot: Int, _ key: BodyYear) -> [BodyYear] {
        reportsByBodyYear[key]?.removeAll { $0 == slot }
        if reportsByBodyYear[key]?.isEmpty == true { reportsByBodyYear[key] = nil }
        reportsByBody[key.body]?.removeAll { $0 == slot }
        if reportsByBody[key.body]?.isEmpty == true { reportsByBody[key.body] = nil }
        var claims: [BodyYear] = []
        for unit in units(of: key.body) where unit != key.body {
            if let count = bodiesByUnit[unit]?[key.body] {
                bodiesByUnit[unit]?[key.body] = count > 1 ? count - 1 : nil
                if bodiesByUnit[unit]?.isEmpty == true { bodiesByUnit[unit] = nil }
            }
            let claim = BodyYear(body: unit, year: key.year)
            guard let count = bodiesByTrailingUnit[claim]?[key.body] else { continue }
            if count > 1 {
                bodiesByTrailingUnit[claim]?[key.body] = count - 1
            } else {
                bodiesByTrailingUnit[claim]?[key.body] = nil
                if bodiesByTrailingUnit[claim]?.isEmpty == true { bodiesByTrailingUnit[claim] = nil }
                claims.append(claim)
            }
        }
        return claims
    }

    /// The reports whose link may change when the first report of `key` changes: the next year's of the same body,
    /// of its trailing units, and of the longer bodies ending with it.
    func reportsAffected(by key: BodyYear) -> [Int] {
        let next = key.year + 1
        var slots = reportsByBodyYear[BodyYear(body: key.body, year: next)] ?? []
        for unit in units(of: key.body) { slots += reportsByBodyYear[BodyYear(body: unit, year: next)] ?? [] }
        for body in (bodiesByTrailingUnit[BodyYear(body: key.body, year: next)] ?? [:]).keys {
            slots += reportsByBodyYear[BodyYear(body: body, year: next)] ?? []
        }
        return slots
    }

    /// The reports whose link may change when the longer bodies ending with a unit change (a match by trailing unit
    /// holds only while one body ends with it): that year's and the next year's of the unit and of those bodies.
    func reportsAffected(byClaims claims: [BodyYear]) -> [Int] {
        var slots: [Int] = []
        for claim in claims {
            for year in [claim.year, claim.year + 1] {
                let key = BodyYear(body: claim.body, year: year)
                slots += reportsByBodyYear[key] ?? []
                for body in (bodiesByTrailingUnit[key] ?? [:]).keys {
                    slots += reportsByBodyYear[BodyYear(body: body, year: year)] ?? []
                }
            }
        }
        return slots
    }

    /// The report a report should be linked to: the first loaded of its body for the year before; else of its
    /// longest trailing unit, or of the one longer body ending with it — while no other body of either year ends
    /// with that unit (`鼓楼区` stays unlinked beside `南京市鼓楼区` and `福州市鼓楼区`).
    func linkTarget(of slot: Int) -> Int? {
        guard let key = reports[slot]?.bodyYear else { return nil }
        let year = key.year - 1
        if let exact = reportsByBodyYear[BodyYear(body: key.body, year: year)]?.first { return exact }
        for unit in units(of: key.body) where unit != key.body {
            guard let earlier = reportsByBodyYear[BodyYear(body: unit, year: year)]?.first else { continue }
            let alone = [year, key.year].allSatisfy { y in
                (bodiesByTrailingUnit[BodyYear(body: unit, year: y)] ?? [:]).keys.allSatisfy { $0 == key.body }
            }
            return alone ? earlier : nil
        }
        let longer = [year, key.year].map { bodiesByTrailingUnit[BodyYear(body: key.body, year: $0)] ?? [:] }
        guard longer[0].count == 1, let body = longer[0].keys.first, longer[1].keys.allSatisfy({ $0 == body }) else {
            return nil
        }
        return reportsByBodyYear[BodyYear(body: body, year: year)]?.first
    }

    /// Links a report to its ``linkTarget(of:)``.
    func updateLink(_ slot: Int) {
        guard let report = reports[slot] else { return }
        let wanted = linkTarget(of: slot)
        if wanted != report.lastYear { setLink(of: slot, to: wanted) }
    }

    func setLink(of slot: Int, to earlier: Int?) {
        guard let report = reports[slot] else { return }
        if let old = report.lastYear {
            for pair in report.crossStatus.indices { setStatus(nil, of: .crossYear(report: slot, pair: pair)) }
            report.crossStatus = []
            report.crossLastYear = []
            var laters = laterReports  // moved out and back: see Support/Exclusivity.swift
            laterReports = [:]
            laters[old]?.removeAll { $0 == slot }
            if laters[old]?.isEmpty == true { laters[old] = nil }
            laterReports = laters
            report.lastYear = nil
        }
        guard let earlier else { return }
        report.lastYear = earlier
        var laters = laterReports
        laterReports = [:]
        laters[earlier, default: []].append(slot)
        laterReports = laters
        let earlierShape = reports[earlier]?.shape ?? report.shape
        report.crossLastYear = report.shape.crossPairs.map { pair in
            earlierShape === report.shape
                ? pair.lastYear : earlierShape.template.index(of: report.template.cells[pair.lastYear].name) ?? -1
        }
        report.crossStatus = Array(repeating: .incomplete, count: report.shape.crossPairs.count)
        // Evaluated into a local and stored once (see Support/Exclusivity.swift).
        var statuses = report.crossStatus
        for pair in statuses.indices {
            let key = RuleKey.crossYear(report: slot, pair: pair)
            noteRule(key, old: nil)
            let status = evaluateStatus(of: key) ?? .incomplete
            statuses[pair] = status
            if status.isFailing { report.failingCount += 1 }
        }
        report.crossStatus = statuses
    }

    // MARK: Aliases

    /// Adds or removes an alias, re-indexing every report and updating the links that change; the inverse does
    /// the opposite.
    func applyAlias(_ alias: BodyAlias, add: Bool) throws(EngineError) -> Operation {
        if add {
            guard canonical(alias.body) != canonical(alias.other) else {
                throw .duplicate("alias \(alias.body) = \(alias.other)")
            }
            aliases.append(alias)
        } else {
            guard let index = aliases.firstIndex(of: alias) else {
                throw .unknownName("alias \(alias.body)", suggestion: nil)
            }
            aliases.remove(at: index)
        }
        reindexBodies()
        return .alias(alias, add: !add)
    }

    /// Rebuilds the body indexes after the aliases changed (one pass over the reports), then updates every link
    /// whose target changed.
    func reindexBodies() {
        canonicalBody = Workbook.canonicalBodies(aliases)
        reportsByBodyYear = [:]
        reportsByBody = [:]
        bodiesByTrailingUnit = [:]
        bodiesByUnit = [:]
        for (slot, report) in reports.enumerated() {
            guard let report else { continue }
            report.bodyYear = pairingKey(of: report)
            if let key = report.bodyYear { _ = index(slot, key) }
        }
        for slot in reports.indices { updateLink(slot) }
    }

    /// What each aliased key stands for: the smallest key of its group (aliases chain: a = b, b = c).
    static func canonicalBodies(_ aliases: [BodyAlias]) -> [BodyKey: BodyKey] {
        var parent: [BodyKey: BodyKey] = [:]
        func root(_ key: BodyKey) -> BodyKey {
            var key = key
            while let up = parent[key], up != key { key = up }
            return key
        }
        for alias in aliases {
            let (a, b) = (root(alias.body), root(alias.other))
            guard a != b else { continue }
            if a < b { parent[b] = a } else { parent[a] = b }
        }
        var canonical: [BodyKey: BodyKey] = [:]
        for key in parent.keys { canonical[key] = root(key) }
        return canonical
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
