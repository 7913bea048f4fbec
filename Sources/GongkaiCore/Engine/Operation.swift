/// A mutation as data: the undo log stores the inverse of each applied operation.
enum Operation {
    /// Cell contents, applied in order.
    case cells([CellEdit])
    /// One cell's content: the common edit, without an array.
    case cell(CellEdit)
    /// Defines (`source` non-nil) or undefines a user name of a report.
    case definition(report: Int, name: String, source: String?)
    /// Adds or replaces (`spec` non-nil) or drops a user rule (boxed, as the rarer operations below: an operation
    /// is as small as a definition, cheap to copy and reverse in a batch of a million).
    indirect case rule(name: String, spec: UserRule.Spec?)
    /// Creates a report from a snapshot, at the snapshot's slot (boxed: an operation stays a few words, cheap to
    /// copy on the edit path).
    indirect case restoreReport(ReportSnapshot)
    case removeReport(slot: Int)
    /// Removes a report with the rules of its own (those that read only it, listed with it: a printed subtotal's):
    /// the inverse of a load, one small step however many rules and names the load added.
    case unloadReport(slot: Int)
    /// Brings a metric into every report (`definition` non-nil: its cell `m.NAME` defined in each) or drops it.
    indirect case metric(name: String, definition: MetricDefinition?)
    /// Declares two body names one body (`add`) or takes the alias back.
    indirect case alias(BodyAlias, add: Bool)
    /// Several operations as one step; all apply or none.
    case batch([Operation])
}

/// What one cell holds, as the user gave it.
enum CellContent: Equatable {
    case empty
    /// An entered value and, when it has one, its provenance, boxed: a provenance is a dozen words, and an edit's
    /// content is copied along the edit path (the edit, the inverse for the undo log).
    case entered(Value, ProvenanceBox?)
    case formula(String)

    /// An entered value with its provenance.
    static func entered(_ value: Value, provenance: Provenance?) -> CellContent {
        .entered(value, provenance.map(ProvenanceBox.init))
    }
}

/// A provenance behind one reference (``CellContent/entered(_:_:)``).
final class ProvenanceBox: Equatable {
    let provenance: Provenance

    init(_ provenance: Provenance) { self.provenance = provenance }

    static func == (a: ProvenanceBox, b: ProvenanceBox) -> Bool { a.provenance == b.provenance }
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

    /// The formula's value: its tree evaluated where it lies in the cell (nothing copied out).
    func evaluate(_ value: (Int) -> Value) -> Value {
        compiled.bound.root.evaluate(value)
    }
}
