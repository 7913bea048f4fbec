// User rules: named expressions that must hold, listed with the report that was current when they were added.

extension Workbook {
    func applyRule(_ name: String, _ spec: UserRule.Spec?) throws(EngineError) -> Operation {
        let existingID = userRuleByName[name]
        let oldSpec = existingID.flatMap { userRules[$0]?.spec }
        guard let spec else {
            guard let id = existingID, let rule = userRules[id] else { throw .unknownRule(name) }
            setStatus(nil, of: .user(id))
            var dropped = recorder.droppedRules  // moved out and back: see Support/Exclusivity.swift
            recorder.droppedRules = [:]
            dropped[.user(id)] = (name, rule.spec.report)
            recorder.droppedRules = dropped
            removeRuleEdges(id, rule.condition.dependencies)
            userRulesOfReport[rule.spec.report]?.removeAll { $0 == id }
            userRules[id] = nil
            spanning.rules[id] = nil
            return .rule(name: name, spec: oldSpec)
        }
        guard reports.indices.contains(spec.report), reports[spec.report] != nil else { throw .noReport }
        let condition = try compileRuleCondition(spec)
        let id = existingID ?? userRules.count
        if id == userRules.count { userRules.append(nil) }
        userRuleByName[name] = id
        if let old = userRules[id] {
            removeRuleEdges(id, old.condition.dependencies)
            userRulesOfReport[old.spec.report]?.removeAll { $0 == id }
        } else {
            noteRule(.user(id), old: nil)
        }
        userRulesOfReport[spec.report, default: []].insertSorted(id)
        let placeholder: RuleStatus = .incomplete
        userRules[id] = UserRule(name: name, spec: spec.kept, condition: condition, status: placeholder)
        spanning.rules[id] = condition.reportPatterns.isEmpty ? nil : condition.reportPatterns
        addRuleEdges(id, condition.dependencies)
        let status = evaluateStatus(of: .user(id)) ?? .error
        if let report = reports[spec.report] {
            if oldSpec == nil {
                userRules[id]?.status = status
                if status.isFailing { report.failingCount += 1 }
            } else {
                setStatus(status, of: .user(id))
            }
        }
        return .rule(name: name, spec: oldSpec)
    }

    /// Records user rule `id` as reading `dependencies` (moved out and back: see Support/Exclusivity.swift).
    func addRuleEdges(_ id: Int, _ dependencies: [Int]) {
        var readers = ruleDependents
        ruleDependents = RuleReaders()
        readers.add(id, reading: dependencies)
        ruleDependents = readers
    }

    /// Forgets user rule `id` as a reader of `dependencies`.
    func removeRuleEdges(_ id: Int, _ dependencies: [Int]) {
        var readers = ruleDependents
        ruleDependents = RuleReaders()
        readers.remove(id, reading: dependencies)
        ruleDependents = readers
    }
}
