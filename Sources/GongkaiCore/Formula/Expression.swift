/// A parsed formula: a tree of operations over numbers, text and cell references, each node with its source span.
///
/// Produced by ``Formula/parse(_:)``; ``description`` prints it back as canonical source; ``bind(_:)`` turns names
/// into cell ids for evaluation. The tree's height never exceeds ``Formula/heightLimit``.
public struct Expression: Sendable, Hashable {
    /// What a node is.
    public indirect enum Kind: Sendable, Hashable {
        /// An exact decimal literal: `24252.311082`.
        case number(DecimalNumber)
        /// A text literal: `"自然人"`.
        case text(String)
        /// A cell name, possibly a wildcard.
        case reference(Reference)
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// A function call with its arguments, arity already checked.
        case call(Function, [Expression])
    }

    /// What the node is, with its children.
    public var kind: Kind
    /// Where the node stands in the source, in Characters.
    public var span: SourceSpan
    /// Nodes on the longest path down from here, this one included (a literal has height 1).
    let height: Int

    init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
        switch kind {
        case .number, .text, .reference: height = 1
        case .unary(_, let operand): height = operand.height + 1
        case .binary(_, let left, let right): height = Swift.max(left.height, right.height) + 1
        case .call(_, let arguments): height = (arguments.map(\.height).max() ?? 0) + 1
        }
    }

    /// Every cell name in the formula, in source order (wildcards included as written).
    public var references: [Reference] {
        var found: [Reference] = []
        collectReferences(into: &found)
        return found
    }

    private func collectReferences(into found: inout [Reference]) {
        switch kind {
        case .number, .text: break
        case .reference(let reference): found.append(reference)
        case .unary(_, let operand): operand.collectReferences(into: &found)
        case .binary(_, let left, let right):
            left.collectReferences(into: &found)
            right.collectReferences(into: &found)
        case .call(_, let arguments):
            for argument in arguments { argument.collectReferences(into: &found) }
        }
    }
}
