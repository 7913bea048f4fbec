/// A user rule: an expression that must hold.
struct UserRule {
    /// What the user gave.
    struct Spec: Equatable {
        /// The report whose names unqualified references mean; the rule is listed with it.
        let report: Int
        let source: String
        let severity: Severity
        /// The rule as cells, when its source is `a + b + … = c + d + …` over cells of its report: compiled from
        /// these without parsing the source, which says the same (a printed subtotal's rules, dozens per report).
        /// Not kept once the rule is installed.
        var sums: RuleSums? = nil

        /// The spec as a rule keeps it: its source, without the cells it was built from.
        var kept: Spec { sums == nil ? self : Spec(report: report, source: source, severity: severity) }
    }

    let name: String
    let spec: Spec
    let condition: CompiledCondition
    var status: RuleStatus
}

/// A rule `a + b + … = c + d + …` as the cells of its report on each side, by template cell index or by name.
struct RuleSums: Equatable {
    /// A cell of the rule's report.
    enum Term: Equatable {
        /// A template cell, by ``TemplateCell/index``.
        case cell(Int)
        /// A name of the report (a printed subtotal's named cell), resolved when the rule is installed.
        case name(String)
    }

    let left: [Term]
    let right: [Term]
}

/// One rule of a printed subtotal's column, as every report of a template has it: its name after the report's
/// (`subtotal.result.other.natural`), its source, and the same as sums of cells; with the name of the column's
/// subtotal cell (`t3.result.other.natural`). Strings built once, shared by all those reports.
struct SubtotalRule {
    let suffix: String
    let source: String
    let sums: RuleSums
    let subtotalName: String
}
