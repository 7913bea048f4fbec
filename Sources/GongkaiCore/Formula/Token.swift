/// A lexical token of the formula language and its span (its text, needed only for messages, is in the source).
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case number(DecimalNumber)
        case text(String)
        /// A dotted name, wildcards included.
        case name([Reference.Segment])
        case plus, minus, star, slash, ampersand
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
        case leftParenthesis, rightParenthesis, comma
        case end
    }

    var kind: Kind
    var span: SourceSpan

    /// The infix operator this token spells, if any.
    var binaryOperator: BinaryOperator? {
        switch kind {
        case .plus: .add
        case .minus: .subtract
        case .star: .multiply
        case .slash: .divide
        case .ampersand: .concatenate
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        default: nil
        }
    }

    /// Whether an operand ends here, so a following `*` multiplies rather than starting a wildcard name.
    var endsOperand: Bool {
        switch kind {
        case .number, .text, .name, .rightParenthesis: true
        default: false
        }
    }
}
