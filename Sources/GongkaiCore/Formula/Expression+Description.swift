extension Expression: CustomStringConvertible {
    /// Canonical source text: single spaces around binary operators, `=` and `<>` for (in)equality, lower-case
    /// function names, `", "` between arguments, numbers normalised (`1.50` → `1.5`) and only the parentheses the
    /// precedence needs. Parsing it gives back the same tree.
    ///
    /// ```
    /// try Formula.parse("SUM( a ,b)*(1.50+c)==d").description  // "sum(a, b) * (1.5 + c) = d"
    /// ```
    public var description: String {
        var text = ""
        write(to: &text)
        return text
    }

    private func write(to text: inout String) {
        switch kind {
        case .number(let value):
            text += value.description
        case .text(let value):
            text += "\""
            for character in value {
                text += character == "\"" ? "\"\"" : String(character)
            }
            text += "\""
        case .reference(let reference):
            text += reference.description
        case .unary(let op, let operand):
            text += op.rawValue
            // A binary operand needs parentheses: signs bind tighter than every binary operator.
            operand.write(to: &text, parenthesised: operand.binaryPrecedence != nil)
        case .binary(let op, let left, let right):
            // Left-associative: the left side may hold the same level, the right side only a tighter one.
            left.write(to: &text, parenthesised: (left.binaryPrecedence ?? .max) < op.precedence)
            text += " \(op.symbol) "
            right.write(to: &text, parenthesised: (right.binaryPrecedence ?? .max) <= op.precedence)
        case .call(let function, let arguments):
            text += function.name + "("
            for (index, argument) in arguments.enumerated() {
                if index > 0 { text += ", " }
                argument.write(to: &text)
            }
            text += ")"
        }
    }

    private func write(to text: inout String, parenthesised: Bool) {
        if parenthesised { text += "(" }
        write(to: &text)
        if parenthesised { text += ")" }
    }

    private var binaryPrecedence: Int? {
        if case .binary(let op, _, _) = kind { return op.precedence }
        return nil
    }
}
