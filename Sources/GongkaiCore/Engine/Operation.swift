/// A mutation as data: the undo log stores the inverse of each applied operation.
enum Operation {
    /// Cell contents, applied in order.
    case cells([CellEdit])
    /// Defines (`source` non-nil) or undefines a user name of a report.
    case definition(report: Int, name: String, source: String?)
    /// Adds or replaces (`spec` non-nil) or drops a user rule.
    case rule(name: String, spec: UserRule.Spec?)
    /// Creates a report from a snapshot, at the snapshot's slot.
    case restoreReport(ReportSnapshot)
    case removeReport(slot: Int)
    /// Brings a metric into every report (`definition` non-nil: its cell `m.NAME` defined in each) or drops it.
    case metric(name: String, definition: MetricDefinition?)
    /// Declares two body names one body (`add`) or takes the alias back.
    case alias(BodyAlias, add: Bool)
    /// Several operations as one step; all apply or none.
    case batch([Operation])
}

/// What one cell holds, as the user gave it.
enum CellContent: Equatable {
    case empty
    case entered(Value, Provenance?)
    case formula(String)
}

/// One cell's new content.
struct CellEdit {
    let id: CellID
    let content: CellContent
}

/// A user formula installed in a cell; a class, so that reading a cell's formula on the recalculation path copies
/// one reference, not its source, tree and dependency list.
final class FormulaCell {
    let source: String
    let compiled: CompiledFormula

    init(source: String, compiled: CompiledFormula) {
        self.source = source
        self.compiled = compiled
    }
}
