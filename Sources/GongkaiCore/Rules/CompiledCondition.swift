/// A rule expression: a comparison `left op right` (its sides kept for the imbalance) or a plain condition; or a
/// rule `Σ left = Σ right` over the cells of one report, as local ids shared by every report of its template.
struct CompiledCondition {
    private enum Form {
        /// The sides of a comparison are the nodes of the whole's root, shared with it; nil for a plain condition.
        /// (Boxed: a rule of sums, dozens per report with a printed subtotal, is then two words.)
        indirect case expression(BoundExpression, left: BoundNode?, right: BoundNode?)
        case sums(LocalSums, report: Int)
    }

    private let form: Form
    /// As ``CompiledFormula/reportPatterns``.
    var reportPatterns: [Reference.Segment] = []

    init(whole: BoundExpression, left: BoundNode?, right: BoundNode?) {
        form = .expression(whole, left: left, right: right)
    }

    /// The rule `Σ sums.left = Σ sums.right` over the cells of report `report`.
    init(sums: LocalSums, report: Int) {
        form = .sums(sums, report: report)
    }

    /// Raw `CellID`s read, ascending, without repeats.
    var dependencies: [Int] {
        switch form {
        case .expression(let whole, _, _): whole.dependencies
        case .sums(let sums, let report): sums.dependencies.map { CellID(report: report, local: Int($0)).raw }
        }
    }

    /// Whether a cell it reads (a raw `CellID`) satisfies `predicate`; builds no list.
    func reads(where predicate: (Int) -> Bool) -> Bool {
        switch form {
        case .expression(let whole, _, _): whole.dependencies.contains(where: predicate)
        case .sums(let sums, let report):
            sums.dependencies.contains { predicate(CellID(report: report, local: Int($0)).raw) }
        }
    }

    /// The sides (for a plain condition: its value and nil) and whether it holds; nil when it has no truth value.
    func evaluate(_ value: (Int) -> Value) -> (left: Value, right: Value?, holds: Bool?) {
        switch form {
        case .expression(let whole, let left, let right):
            // A comparison's sides are evaluated once: its value is the operator applied to them, as `whole` would.
            if let left, let right, case .binary(let op, _, _) = whole.root {
                let (a, b) = (left.evaluate(value), right.evaluate(value))
                return (a, b, op.apply(a, b).number.map { !$0.isZero })
            }
            let result = whole.evaluate(value)
            return (result, nil, result.number.map { !$0.isZero })
        case .sums(let sums, let report):
            let (a, b) = (sums.side(sums.left, report, value), sums.side(sums.right, report, value))
            return (a, b, BinaryOperator.equal.apply(a, b).number.map { !$0.isZero })
        }
    }
}

/// The sides of a rule `a + b + … = c + d + …` over one report's cells, by local id: built once and shared by every
/// report of a template that has the rule (a printed subtotal's dozens of rules per report were a bound tree and
/// three id lists each, per report, a sixth of the heap with 10,000 reports loaded).
///
/// A side evaluates exactly as its bound form (``BoundNode``) would: a lone cell is its value, longer sides add
/// their cells left to right.
final class LocalSums: Sendable {
    let left: [Int32]
    let right: [Int32]
    /// The locals read, ascending, without repeats.
    let dependencies: [Int32]

    init(left: [Int32], right: [Int32]) {
        self.left = left
        self.right = right
        dependencies = Array(Set(left + right)).sorted()
    }

    /// The value of a side in report `report`.
    func side(_ locals: [Int32], _ report: Int, _ value: (Int) -> Value) -> Value {
        var sum = value(CellID(report: report, local: Int(locals[0])).raw)
        for local in locals.dropFirst() {
            sum = BinaryOperator.add.apply(sum, value(CellID(report: report, local: Int(local)).raw))
        }
        return sum
    }

    /// What a cache of shared sums is keyed by: the two sides.
    struct Key: Hashable {
        let left: [Int32]
        let right: [Int32]
    }
}
