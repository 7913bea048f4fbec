/// What a name in a formula denotes, as the resolver passed to ``Expression/bind(_:)`` reports it.
public enum Binding: Sendable, Hashable {
    /// One cell, by id.
    case cell(Int)
    /// Any number of cells, by id: what a wildcard expands to.
    case cells([Int])
}

/// A formula whose names are replaced by cell ids, ready to evaluate as often as needed.
///
/// Evaluation walks a tree no taller than ``Formula/heightLimit`` and allocates nothing on the way (arguments are
/// folded as they are produced), so the engine can call it on every recalculation.
public struct BoundExpression: Sendable {
    let root: BoundNode
    /// Every cell id the value depends on, ascending, without repeats.
    public let dependencies: [Int]
    /// One `sum` whose arguments are cells only, at least ``largeSum`` of them, none twice: its value is the sum of
    /// its dependencies, each counted once.
    let isLargeSum: Bool
    /// How many cells make a sum worth updating by its changes rather than recomputing.
    static let largeSum = 32

    init(root: BoundNode) {
        var ids: [Int] = []
        root.collectDependencies(into: &ids)
        self.init(root: root, reading: ids)
    }

    /// `root`, whose references read the cells `ids` (in any order, a cell once per reference): what
    /// ``BoundNode/collectDependencies(into:)`` gives, collected by a binder as it went.
    init(root: BoundNode, reading ids: [Int]) {
        self.root = root
        var ids = ids
        let referenced = ids.count
        // Sorted and made unique in place: one array, none for a formula reading one cell or none.
        if ids.count > 1 {
            ids.sort()
            var kept = 1
            for k in 1..<ids.count where ids[k] != ids[kept - 1] {
                ids[kept] = ids[k]
                kept += 1
            }
            ids.removeLast(ids.count - kept)
        }
        let unique = ids
        dependencies = unique
        if case .call(.sum, let arguments) = root, unique.count >= Self.largeSum, unique.count == referenced,
            arguments.allSatisfy({ if case .cells = $0 { true } else if case .cell = $0 { true } else { false } })
        {
            isLargeSum = true
        } else {
            isLargeSum = false
        }
    }

    /// The value, reading cells through `value`. Never traps: problems are `.error` values (`#DIV/0!`, `#NUM!`,
    /// `#VALUE!`) that propagate like a spreadsheet's.
    public func evaluate(_ value: (Int) -> Value) -> Value {
        root.evaluate(value)
    }
}

/// A node of a bound formula: references replaced by ids, literals by values.
///
/// Only the operators are boxed: a leaf (a constant, a cell) lies inline in its parent, so `a1 + 1` is one allocation,
/// not three.
enum BoundNode: Sendable, Equatable {
    case constant(Value)
    case cell(Int)
    /// Only ever a direct argument of a function that accepts many cells.
    case cells([Int])
    /// Cells added left to right, exactly as the chain `a + b + c …` the parser reads (`((a + b) + c) …`), stored
    /// flat: one node instead of a box per cell and per `+` (a printed subtotal's rules sum a dozen cells each).
    case plus([Int])
    indirect case unary(UnaryOperator, BoundNode)
    indirect case binary(BinaryOperator, BoundNode, BoundNode)
    case call(Function, [BoundNode])

    func collectDependencies(into ids: inout [Int]) {
        switch self {
        case .constant: break
        case .cell(let id): ids.append(id)
        case .cells(let many), .plus(let many): ids += many
        case .unary(_, let operand): operand.collectDependencies(into: &ids)
        case .binary(_, let left, let right):
            left.collectDependencies(into: &ids)
            right.collectDependencies(into: &ids)
        case .call(_, let arguments):
            for argument in arguments { argument.collectDependencies(into: &ids) }
        }
    }
}

extension Expression {
    /// Replaces every name by the cells `resolve` says it denotes.
    ///
    /// A name that denotes many cells is accepted only as a whole argument of a function that takes many (`sum`,
    /// `count`, …); elsewhere one cell is used as such and more are an error (F012). Errors thrown by `resolve`
    /// (``FormulaError/unknownName(_:candidates:)``) come through unchanged.
    public func bind(_ resolve: (Reference) throws(FormulaError) -> Binding) throws(FormulaError) -> BoundExpression {
        BoundExpression(root: try boundNode(resolve, manyAllowed: false))
    }

    private func boundNode(
        _ resolve: (Reference) throws(FormulaError) -> Binding, manyAllowed: Bool
    ) throws(FormulaError) -> BoundNode {
        switch kind {
        case .number(let value): return .constant(.number(value))
        case .text(let value): return .constant(.text(value))
        case .reference(let reference):
            switch try resolve(reference) {
            case .cell(let id): return .cell(id)
            case .cells(let ids) where manyAllowed: return .cells(ids)
            case .cells(let ids) where ids.count == 1 && !reference.isPattern: return .cell(ids[0])
            case .cells: throw .manyCells(reference)
            }
        case .unary(let op, let operand):
            return .unary(op, try operand.boundNode(resolve, manyAllowed: false))
        case .binary(let op, let left, let right):
            if op == .add, let ids = try addedCells(resolve) { return .plus(ids) }
            return .binary(
                op, try left.boundNode(resolve, manyAllowed: false), try right.boundNode(resolve, manyAllowed: false))
        case .call(let function, let arguments):
            var bound: [BoundNode] = []
            bound.reserveCapacity(arguments.count)
            for (index, argument) in arguments.enumerated() {
                bound.append(try argument.boundNode(resolve, manyAllowed: function.acceptsManyCells(at: index)))
            }
            return .call(function, bound)
        }
    }
    /// The cells of a left-nested chain of `+` over at least two references that each denote one cell
    /// (`a + b + c`), in order; nil for any other shape (the chain is then bound node by node).
    private func addedCells(_ resolve: (Reference) throws(FormulaError) -> Binding) throws(FormulaError) -> [Int]? {
        var references: [Reference] = []
        var node = self
        while case .binary(.add, let left, let right) = node.kind {
            guard case .reference(let reference) = right.kind else { return nil }
            references.append(reference)
            node = left
        }
        guard case .reference(let first) = node.kind else { return nil }
        references.append(first)
        var ids: [Int] = []
        ids.reserveCapacity(references.count)
        for reference in references.reversed() {
            switch try resolve(reference) {
            case .cell(let id): ids.append(id)
            case .cells(let found) where found.count == 1 && !reference.isPattern: ids.append(found[0])
            case .cells: throw .manyCells(reference)
            }
        }
        return ids
    }
}
