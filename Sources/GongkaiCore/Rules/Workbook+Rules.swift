// Rule checking. Statuses are kept per rule and maintained incrementally: an edit rechecks only the rules that read
// a changed cell (the template's cell → equalities map, the domain of that cell, cross-year pairs, user rules).

extension Workbook {
    // MARK: Public

    /// Every rule's result, report by report (template equalities, `domain`, cross-year, user rules), or one report's.
    public func ruleResults(report: String? = nil) throws(EngineError) -> [RuleResult] {
        try ruleKeys(report: report).compactMap { result(of: $0) }
    }

    /// The results of rules that fail or are in error.
    public func failingRules(report: String? = nil) throws(EngineError) -> [RuleResult] {
        try ruleKeys(report: report).filter { status(of: $0)?.isFailing == true }.compactMap { result(of: $0) }
    }

    /// How many rules of a report fail or are in error; kept up to date by every mutation.
    public func failingCount(report: String) throws(EngineError) -> Int {
        try state(named: report).failingCount
    }

    /// The names of a report's rules, in listing order (all reports when nil).
    public func ruleNames(report: String? = nil) throws(EngineError) -> [String] {
        try ruleKeys(report: report).compactMap { ruleName(of: $0) }
    }

    /// One rule's result: `t3.balance.natural` in the current report, `sy2023.t3.balance.natural`, or a user rule.
    public func rule(named reference: String) throws(EngineError) -> RuleResult {
        if let id = userRuleByName[reference], userRules[id] != nil, let result = result(of: .user(id)) {
            return result
        }
        let (slot, name) = try split(reference, context: current)
        for key in keys(of: slot) where ruleName(of: key) == name {
            if let result = result(of: key) { return result }
        }
        throw .unknownRule(reference)
    }

    /// Adds a user rule that must hold, in the current report (`t3.new.total >= t3.result.open.total`, `a = b`).
    public func addRule(name: String, expression: String, severity: Severity = .error) throws(EngineError) -> ChangeSet
    {
        guard let slot = current else { throw .noReport }
        guard severity.isRuleSeverity else {
            throw .notAllowed(name, reason: "a rule is an error or a warning, not a \(severity.rawValue)")
        }
        guard userRuleByName[name].flatMap({ userRules[$0] }) == nil else { throw .duplicate(name) }
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.allSatisfy({ Workbook.isIdentifier($0) }) else {
            throw .invalidName(name, reason: "use lower-case letters, digits and _ in dot-separated parts")
        }
        // A user rule must not shadow a built-in rule's name.
        if name == "domain" || keys(of: slot).contains(where: { ruleName(of: $0) == name }) { throw .duplicate(name) }
        return try perform(.rule(name: name, spec: UserRule.Spec(report: slot, source: expression, severity: severity)))
    }

    /// Drops a user rule.
    public func dropRule(name: String) throws(EngineError) -> ChangeSet {
        guard userRuleByName[name].flatMap({ userRules[$0] }) != nil else { throw .unknownRule(name) }
        return try perform(.rule(name: name, spec: nil))
    }

    /// Recomputes every computing cell and rechecks every rule of every report from scratch. The result equals the
    /// incremental state, so the change set is empty unless something is wrong; not an undo step.
    public func recalculateAll() -> ChangeSet {
        recorder.reset()
        var seeds: [CellID] = []
        for (slot, report) in reports.enumerated() {
            guard let report else { continue }
            for total in report.shape.totalOrder where !report.isEntered(Int(total)) {
                let value = Workbook.total(of: report.shape.totalParts[Int(total)], in: report.values)
                write(value, at: CellID(report: slot, local: Int(total)), in: report)
            }
        }
        for raw in formulaCells() { seeds.append(CellID(raw: raw)) }
        if !seeds.isEmpty { recompute(from: seeds) }
        for slot in reports.indices where reports[slot] != nil {
            evaluateAllRules(of: slot, appearing: false)
        }
        for id in userRules.indices where userRules[id] != nil {
            setStatus(evaluateStatus(of: .user(id)), of: .user(id))
        }
        return changeSet()
    }

    // MARK: Keys and statuses

    func ruleKeys(report: String?) throws(EngineError) -> [RuleKey] {
        if let report {
            guard let slot = slotByName[report] else { throw .unknownReport(report) }
            return keys(of: slot)
        }
        return reports.indices.flatMap { keys(of: $0) }
    }

    /// A report's rules in listing order: equalities, domain, cross-year, user rules.
    func keys(of slot: Int) -> [RuleKey] {
        guard let report = reports[slot] else { return [] }
        var keys = report.equalityStatus.indices.map { RuleKey.equality(report: slot, index: $0) }
        keys.append(.domain(report: slot))
        keys += report.crossStatus.indices.map { RuleKey.crossYear(report: slot, pair: $0) }
        for id in userRulesOfReport[slot] ?? [] where userRules[id] != nil { keys.append(.user(id)) }
        return keys
    }

    /// The slot of the report a rule is listed with.
    func reportSlot(of key: RuleKey) -> Int? {
        switch key {
        case .equality(let slot, _), .domain(let slot), .crossYear(let slot, _): slot
        case .user(let id): userRules[id]?.spec.report
        }
    }

    func ruleName(of key: RuleKey) -> String? {
        switch key {
        case .equality(let slot, let index): reports[slot]?.shape.equalityIdentities[index].name
        case .domain: "domain"
        case .crossYear(let slot, let pair): reports[slot]?.shape.crossPairs[pair].name
        case .user(let id): userRules[id]?.name
        }
    }

    /// The stored status; nil when the rule does not exist.
    func status(of key: RuleKey) -> RuleStatus? {
        switch key {
        case .equality(let slot, let index): return reports[slot]?.equalityStatus[index]
        case .domain(let slot): return reports[slot]?.domainStatus
        case .crossYear(let slot, let pair):
            guard let report = reports[slot], report.lastYear != nil, pair < report.crossStatus.count else {
                return nil
            }
            return report.crossStatus[pair]
        case .user(let id): return userRules[id]?.status
        }
    }

    /// Stores a status, recording the old one and keeping the report's failing count.
    func setStatus(_ new: RuleStatus?, of key: RuleKey) {
        let old = status(of: key)
        guard old != new, let slot = reportSlot(of: key), let report = reports[slot] else { return }
        noteRule(key, old: old)
        if old?.isFailing == true { report.failingCount -= 1 }
        if new?.isFailing == true { report.failingCount += 1 }
        guard let new else { return }  // removals are done by the caller (unlink, drop)
        switch key {
        case .equality(_, let index):
            var statuses = take(&report.equalityStatus)  // moved out and back: see Support/Exclusivity.swift
            statuses[index] = new
            report.equalityStatus = statuses
        case .domain: report.domainStatus = new
        case .crossYear(_, let pair):
            var statuses = take(&report.crossStatus)
            statuses[pair] = new
            report.crossStatus = statuses
        case .user(let id): userRules[id]?.status = new
        }
    }

    /// A rule's status computed from the current values.
    func evaluateStatus(of key: RuleKey) -> RuleStatus? {
        switch key {
        case .equality(let slot, let index):
            guard let report = reports[slot] else { return nil }
            return Workbook.equalityStatus(
                report.shape.equalityLeft[index], report.shape.equalityRight[index], report.values)
        case .domain(let slot):
            guard let report = reports[slot] else { return nil }
            return report.domainViolationCount == 0 ? .holds : .fails
        case .crossYear(let slot, let pair):
            guard let report = reports[slot], let earlier = report.lastYear.flatMap({ reports[$0] }) else { return nil }
            let cells = report.shape.crossPairs[pair]
            let last = report.crossLastYear[pair]
            return last < 0 ? .incomplete : Workbook.compare(report.values[cells.thisYear], earlier.values[last])
        case .user(let id):
            guard let rule = userRules[id] else { return nil }
            let outcome = rule.condition.evaluate { self.valueOf($0) }
            if outcome.left.isError || outcome.right?.isError == true { return .error }
            if rule.condition.reads(where: { valueOf($0).isEmpty }) { return .incomplete }
            guard let holds = outcome.holds else { return .error }
            return holds ? .holds : .fails
        }
    }

    static func compare(_ a: Value, _ b: Value) -> RuleStatus {
        switch (a, b) {
        case (.number(let x), .number(let y)): x == y ? .holds : .fails
        case (.error, _), (_, .error), (.text, _), (_, .text): .error
        default: .incomplete
        }
    }

    /// Rechecks the rules reading the cells written (in the recorder's writes), and re-pairs reports whose org or year
    /// changed.
    ///
    /// Touched rules are collected in a reused list, deduplicated by dense per-report marks (no hashing); each
    /// report's arrays are read through one local reference per cell.
    func recheckRules(for writes: [CellWrite]) {
        guard !writes.isEmpty else { return }
        let epoch = beginTouch()
        var touched = scratch.rules
        scratch.rules = []
        touched.removeAllKeepingStorage()
        let fresh = recorder.freshSlot
        var relinks: [Int] = []
        // Read through copies: no call runs inside an access to the workbook's storage.
        let ruleReaders = ruleDependents
        let laterReports = self.laterReports
        let hasUserRules = !ruleReaders.isEmpty
        let hasLinks = !laterReports.isEmpty
        let reports = self.reports
        // The report at hand, looked up again only when the slot changes (writes come report by report).
        var cachedSlot = -1
        var cached: ReportState?
        // Where the cached report's user names begin: no template rule reads them, so without user rules a write of
        // one (a recomputed chain's million) touches nothing.
        var userBase = Int.max
        for write in writes {
            let raw = write.raw
            let id = CellID(raw: raw)
            let slot = id.report
            if slot != cachedSlot {
                cachedSlot = slot
                cached = slot < reports.count && slot != fresh ? reports[slot] : nil
                userBase = cached?.shape.userBase ?? Int.max
            }
            if !hasUserRules, id.local >= userBase { continue }
            guard let report = cached else { continue }
            let local = id.local
            let shape = report.shape
            if local < shape.cellCount {
                // The report's touch marks in a local for this cell's rules (see Support/Exclusivity.swift).
                let domainChanged = report.setInDomain(shape.inDomain(report.values[local], at: local), at: local)
                var marks = ReportState.sized(take(&report.ruleTouched), shape.ruleCount)
                for e in shape.equalitiesOf[local] where marks[Int(e)] != epoch {
                    marks[Int(e)] = epoch
                    touched.append(.equality(report: slot, index: Int(e)))
                }
                let domain = shape.equalities.count
                if domainChanged, marks[domain] != epoch {
                    marks[domain] = epoch
                    touched.append(.domain(report: slot))
                }
                if report.lastYear != nil {
                    for p in shape.crossAsThisYear[local] where marks[domain + 1 + Int(p)] != epoch {
                        marks[domain + 1 + Int(p)] = epoch
                        touched.append(.crossYear(report: slot, pair: Int(p)))
                    }
                }
                report.ruleTouched = marks
                if hasLinks, let laters = laterReports[slot] {
                    for later in laters {
                        guard let laterReport = reports[later] else { continue }
                        for p in laterReport.crossPairs(readingLastYear: local, of: report)
                        where laterReport.touchRule(laterReport.shape.equalities.count + 1 + Int(p), epoch) {
                            touched.append(.crossYear(report: later, pair: Int(p)))
                        }
                    }
                }
            } else if local == shape.orgCell || local == shape.yearCell {
                relinks.append(slot)
            }
            if hasUserRules {
                ruleReaders.forEachRule(reading: raw) { rule in
                    if touchUserRule(rule, epoch) { touched.append(.user(rule)) }
                }
            }
        }
        // The values of the report at hand are read once for all its touched equalities (rechecks change statuses,
        // not values).
        var valuesSlot = -1
        var current: ReportState?
        var values = CellValues()
        for key in touched {
            switch key {
            case .equality(let slot, let index):
                if slot != valuesSlot {
                    valuesSlot = slot
                    current = reports[slot]
                    values = current?.values ?? CellValues()
                }
                guard let report = current else { continue }
                recheckEquality(index, of: report, slot: slot, values: values)
            case .domain(let slot):
                guard let report = reports[slot] else { continue }
                let status: RuleStatus = report.domainViolationCount == 0 ? .holds : .fails
                let old = report.domainStatus
                if status != old {
                    noteRule(key, old: old, of: report, at: report.shape.equalities.count)
                    report.failingCount += (status.isFailing ? 1 : 0) - (old.isFailing ? 1 : 0)
                    report.domainStatus = status
                }
            default: setStatus(evaluateStatus(of: key), of: key)
            }
        }
        scratch.rules = touched
        for slot in relinks { relink(slot) }
    }

    /// Rechecks equality `index` of a report whose values are `values` (the edit path: no lookups by key). A
    /// changed status is noted with the sides summed here, for the change set's result.
    @inline(__always)
    func recheckEquality(_ index: Int, of report: ReportState, slot: Int, values: CellValues) {
        let shape = report.shape
        let l = Workbook.sum(shape.equalityLeft[index], in: values)
        let r = Workbook.sum(shape.equalityRight[index], in: values)
        let status = Workbook.equalityStatus(l, r)
        let old = report.equalityStatus[index]
        guard status != old else { return }
        noteRule(
            .equality(report: slot, index: index), old: old, of: report, at: index,
            sides: EqualitySides(left: Workbook.total(l), right: Workbook.total(r)))
        report.failingCount += (status.isFailing ? 1 : 0) - (old.isFailing ? 1 : 0)
        var statuses = take(&report.equalityStatus)  // moved out and back: see Support/Exclusivity.swift
        statuses[index] = status
        report.equalityStatus = statuses
    }

    /// The status of `Σ left = Σ right` over a report's values.
    static func equalityStatus(_ left: [Int32], _ right: [Int32], _ values: CellValues) -> RuleStatus {
        equalityStatus(Workbook.sum(left, in: values), Workbook.sum(right, in: values))
    }

    /// The status of `Σ left = Σ right` from the two sums.
    static func equalityStatus(_ l: CellSum, _ r: CellSum) -> RuleStatus {
        if l.error != nil || r.error != nil { return .error }
        if l.empty + r.empty > 0 { return .incomplete }
        return l.value == r.value ? .holds : .fails
    }

    /// Evaluates every template rule of a report; `appearing` records them as new (a load).
    func evaluateAllRules(of slot: Int, appearing: Bool) {
        guard let report = reports[slot] else { return }
        let shape = report.shape
        let values = report.values
        // The domain flags in a local (one access to the report's storage, not one per cell).
        var flags = report.flags
        report.flags = []
        var violations = 0
        for local in 0..<shape.cellCount {
            if shape.inDomain(values[local], at: local) {
                flags[local] &= ~ReportState.outOfDomain
            } else {
                flags[local] |= ReportState.outOfDomain
                violations += 1
            }
        }
        report.flags = flags
        report.domainViolationCount = violations
        if appearing {
            var failing = 0
            var statuses = report.equalityStatus
            report.equalityStatus = []
            for index in statuses.indices {
                noteRule(.equality(report: slot, index: index), old: nil)
                let status = Workbook.equalityStatus(shape.equalityLeft[index], shape.equalityRight[index], values)
                statuses[index] = status
                if status.isFailing { failing += 1 }
            }
            report.equalityStatus = statuses
            report.failingCount = failing
            noteRule(.domain(report: slot), old: nil)
            report.domainStatus = report.domainViolationCount == 0 ? .holds : .fails
            if report.domainStatus.isFailing { report.failingCount += 1 }
            return
        }
        for index in report.equalityStatus.indices {
            let key = RuleKey.equality(report: slot, index: index)
            setStatus(evaluateStatus(of: key), of: key)
        }
        setStatus(evaluateStatus(of: .domain(report: slot)), of: .domain(report: slot))
        for pair in report.crossStatus.indices {
            let key = RuleKey.crossYear(report: slot, pair: pair)
            setStatus(evaluateStatus(of: key), of: key)
        }
    }
}
