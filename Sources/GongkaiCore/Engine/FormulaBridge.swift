// The engine's view of the formula layer: compile source text against the workbook's names, evaluate with the
// workbook's values. The only file that knows the formula layer's types.

/// A formula bound to cell ids.
struct CompiledFormula {
    let bound: BoundExpression
    /// The report patterns of its references that span reports (`*` of `sum(*.t3.new.total)`): see
    /// Workbook+Spanning.swift.
    var reportPatterns: [Reference.Segment] = []

    /// Raw `CellID`s read, ascending, without repeats.
    var dependencies: [Int] { bound.dependencies }

    /// Whether the formula is one `sum` over many distinct cells (`sum(*.t3.new.total)`): recalculation may then
    /// add what its few changed cells changed to its last value instead of adding up all of them again
    /// (``Workbook/incrementalSum(_:at:in:)``).
    var isLargeSum: Bool { bound.isLargeSum }

    func evaluate(_ value: (Int) -> Value) -> Value { bound.evaluate(value) }
}

enum FormulaBridge {
    /// Resolves a dotted reference (wildcards allowed) to raw cell ids.
    typealias Resolver = (String) throws(EngineError) -> [Int]

    /// Compiles a formula: a simple one (``SimpleFormula``) straight from its text through `cell` (the raw id of a
    /// name without wildcards, given with whether it has a `.`; nil when unknown), any other — or one naming something
    /// `cell` does not know — parsed and bound through `resolve`, which gives the diagnostics.
    static func compile(
        _ source: String, candidates: () -> [String], cell: (Span<UInt8>, Bool) -> Int?, resolve: Resolver
    ) throws(EngineError) -> CompiledFormula {
        if let bound = SimpleFormula.compile(source, cell: cell) { return CompiledFormula(bound: bound) }
        do {
            let expression = try Formula.parse(source)
            return CompiledFormula(
                bound: try expression.bind { (reference) throws(FormulaError) in
                    try binding(of: reference, candidates, resolve)
                })
        } catch {
            throw .formula(error, source: source)
        }
    }

    static func compileCondition(
        _ source: String, candidates: () -> [String], resolve: Resolver
    ) throws(EngineError) -> CompiledCondition {
        do {
            let expression = try Formula.parse(source)
            let bind = { (reference: Reference) throws(FormulaError) -> Binding in
                try binding(of: reference, candidates, resolve)
            }
            let whole = try expression.bind(bind)
            // The sides are bound once, as the comparison's operands: `whole` shares them.
            if case .binary(let op, let left, let right) = whole.root, op.isComparison {
                return CompiledCondition(whole: whole, left: left, right: right)
            }
            return CompiledCondition(whole: whole, left: nil, right: nil)
        } catch {
            throw .formula(error, source: source)
        }
    }

    /// Binds one reference through the engine's resolver: engine errors become formula errors at the name's span.
    static func binding(
        of reference: Reference, _ candidates: () -> [String], _ resolve: Resolver
    ) throws(FormulaError) -> Binding {
        do throws(EngineError) {
            let ids = try resolve(reference.name)
            return ids.count == 1 && !reference.isPattern ? .cell(ids[0]) : .cells(ids)
        } catch {
            if reference.isPattern, case .unknownName = error { throw FormulaError.noMatch(reference) }
            if case .unknownName = error { throw FormulaError.unknownName(reference, candidates: candidates()) }
            throw FormulaError(code: "F020", error.description, span: reference.span)
        }
    }

    /// The nearest known name, for "did you mean".
    static func nearestName(to name: String, in names: [String]) -> String? {
        GongkaiCore.nearestName(to: name, in: names)
    }
}
