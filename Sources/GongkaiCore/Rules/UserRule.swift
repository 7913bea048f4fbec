/// A user rule: an expression that must hold.
struct UserRule {
    /// What the user gave.
    struct Spec: Equatable {
        /// The report whose names unqualified references mean; the rule is listed with it.
        let report: Int
        let source: String
        let severity: Severity
    }

    let name: String
    let spec: Spec
    let condition: CompiledCondition
    var status: RuleStatus
}
