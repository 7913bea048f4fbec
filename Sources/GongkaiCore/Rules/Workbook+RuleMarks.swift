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
            if id < userRuleNoted.count, userRuleNoted[id] == epoch { return }
            var marks = take(&userRuleNoted)
            while marks.count <= id { marks.append(0) }
            marks[id] = epoch
            userRuleNoted = marks
        default:
            guard let slot = reportSlotOfTemplateRule(key), slot < reports.count, let report = reports[slot],
                let r = report.shape.ruleSlot(key)
            else {
                // A rule of a report already gone: a linear check (rare, short lists).
                guard !recorder.ruleNotes.contains(where: { $0.key == key }) else { return }
                recorder.noteRule(key, old: old)
                return
            }
            guard report.noteRule(r, epoch) else { return }
        }
        recorder.noteRule(key, old: old)
    }

    /// ``noteRule(_:old:)`` for a rule of a report at hand, by its dense index `r` (the recheck path), with the
    /// sides of an equality that the recheck summed.
    @inline(__always)
    func noteRule(_ key: RuleKey, old: RuleStatus?, of report: ReportState, at r: Int, sides: EqualitySides = .none) {
        if quiet { return }
        guard !recorder.wrapped else { return noteRule(key, old: old) }
        guard report.noteRule(r, recorder.epoch) else { return }
        recorder.noteRule(key, old: old, sides: sides)
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
        if id < userRuleTouched.count, userRuleTouched[id] == epoch { return false }
        var marks = take(&userRuleTouched)
        while marks.count <= id { marks.append(0) }
        marks[id] = epoch
        userRuleTouched = marks
        return true
    }

    func reportSlotOfTemplateRule(_ key: RuleKey) -> Int? {
        switch key {
        case .equality(let slot, _), .domain(let slot), .crossYear(let slot, _): slot
        case .user: nil
        }
    }

    func clearRuleMarks(noted: Bool) {
        // Whole arrays assigned, not elements changed in place (see Support/Exclusivity.swift).
        for case let report? in reports {
            if noted { report.ruleNoted = [] } else { report.ruleTouched = [] }
        }
        if noted {
            userRuleNoted = Array(repeating: 0, count: userRuleNoted.count)
            recorder.wrapped = false
        } else {
            userRuleTouched = Array(repeating: 0, count: userRuleTouched.count)
        }
    }
}

extension ReportState {
    /// Marks rule `r` (``TemplateShape/ruleSlot(_:)``) touched in recheck `epoch`; false if it already was.
    @inline(__always)
    func touchRule(_ r: Int, _ epoch: UInt32) -> Bool {
        if r < ruleTouched.count, ruleTouched[r] == epoch { return false }
        // Moved out and back (see Support/Exclusivity.swift); allocated on the report's first edit.
        var marks = ReportState.sized(take(&ruleTouched), shape.ruleCount)
        marks[r] = epoch
        ruleTouched = marks
        return true
    }

    /// Marks rule `r` noted by recorder epoch `epoch`; false if it already was.
    @inline(__always)
    func noteRule(_ r: Int, _ epoch: UInt32) -> Bool {
        if r < ruleNoted.count, ruleNoted[r] == epoch { return false }
        var marks = ReportState.sized(take(&ruleNoted), shape.ruleCount)
        marks[r] = epoch
        ruleNoted = marks
        return true
    }
}
