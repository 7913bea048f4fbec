// Dense rule marks: a rule is identified on the edit path by its report and its index among the report's rules
// (`TemplateShape.ruleSlot`), or by its user-rule id, and deduplicated by epoch marks stored there — no hashing.

extension Workbook {
    /// Notes a rule's status before the mutation in progress changes it; only the first note of a rule counts.
    func noteRule(_ key: RuleKey, old: RuleStatus?) {
        if quiet { return }  // no change set will be built
        if recorder.wrapped { clearRuleMarks(noted: true) }
        let epoch = recorder.epoch
        switch key {
        case .user(let id):
            while userRuleNoted.count <= id { userRuleNoted.append(0) }
            guard userRuleNoted[id] != epoch else { return }
            userRuleNoted[id] = epoch
        default:
            guard let slot = reportSlotOfTemplateRule(key), slot < reports.count, let report = reports[slot],
                let r = report.shape.ruleSlot(key)
            else {
                // A rule of a report already gone: a linear check (rare, short lists).
                guard !recorder.ruleOrder.contains(key) else { return }
                recorder.ruleOrder.append(key)
                recorder.ruleOld.append(old)
                return
            }
            guard report.ruleNoted[r] != epoch else { return }
            report.ruleNoted[r] = epoch
        }
        recorder.ruleOrder.append(key)
        recorder.ruleOld.append(old)
    }

    /// ``noteRule(_:old:)`` for a rule of a report at hand, by its dense index `r` (the recheck path).
    @inline(__always)
    func noteRule(_ key: RuleKey, old: RuleStatus?, of report: ReportState, at r: Int) {
        if quiet { return }
        guard !recorder.wrapped else { return noteRule(key, old: old) }
        let epoch = recorder.epoch
        guard report.ruleNoted[r] != epoch else { return }
        report.ruleNoted[r] = epoch
        recorder.ruleOrder.append(key)
        recorder.ruleOld.append(old)
    }

    /// Starts a recheck: a fresh touch epoch (marks cleared when it wraps).
    func beginTouch() -> UInt32 {
        touchEpoch &+= 1
        if touchEpoch == 0 {
            clearRuleMarks(noted: false)
            touchEpoch = 1
        }
        return touchEpoch
    }

    /// Marks a user rule touched in recheck `epoch`; false if it already was.
    func touchUserRule(_ id: Int, _ epoch: UInt32) -> Bool {
        while userRuleTouched.count <= id { userRuleTouched.append(0) }
        guard userRuleTouched[id] != epoch else { return false }
        userRuleTouched[id] = epoch
        return true
    }

    func reportSlotOfTemplateRule(_ key: RuleKey) -> Int? {
        switch key {
        case .equality(let slot, _), .domain(let slot), .crossYear(let slot, _): slot
        case .user: nil
        }
    }

    private func clearRuleMarks(noted: Bool) {
        for case let report? in reports {
            if noted {
                for i in report.ruleNoted.indices { report.ruleNoted[i] = 0 }
            } else {
                for i in report.ruleTouched.indices { report.ruleTouched[i] = 0 }
            }
        }
        if noted {
            for i in userRuleNoted.indices { userRuleNoted[i] = 0 }
            recorder.wrapped = false
        } else {
            for i in userRuleTouched.indices { userRuleTouched[i] = 0 }
        }
    }
}

extension ReportState {
    /// Marks rule `r` (``TemplateShape/ruleSlot(_:)``) touched in recheck `epoch`; false if it already was.
    @inline(__always)
    func touchRule(_ r: Int, _ epoch: UInt32) -> Bool {
        if ruleTouched[r] == epoch { return false }
        ruleTouched[r] = epoch
        return true
    }
}
