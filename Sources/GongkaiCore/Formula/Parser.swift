/// Hand-written recursive descent with precedence climbing over the token list.
///
/// Recursion happens only at parentheses, calls and unary signs, and is cut off at ``Formula/nestingLimit``; chains of
/// binary operators are built in a loop, and the tree's height is checked against ``Formula/heightLimit`` as it grows,
/// so every later walk over the tree (printing, binding, evaluation) is bounded too.
struct Parser {
    private let source: FormulaSource
    private let tokens: [Token]
    private var position = 0
    private var nesting = 0
    /// Wildcard names seen so far that are not (yet) known to be direct arguments of an aggregate.
    private var strayPatterns: [Reference] = []

    init(_ source: FormulaSource) throws(FormulaError) {
        self.source = source
        tokens = try Lexer.tokens(of: source)
    }

    /// The whole formula: one expression and nothing after it.
    mutating func parseFormula() throws(FormulaError) -> Expression {
        let expression = try parseExpression(minimumPrecedence: 1)
        guard current.kind == .end else { throw expected("an operator or the end of the formula") }
        if let pattern = strayPatterns.first { throw .manyCells(pattern) }
        return expression
    }

    private var current: Token { tokens[position] }

    private mutating func advance() {
        if position < tokens.count - 1 { position += 1 }
    }

    private mutating func parseExpression(minimumPrecedence: Int) throws(FormulaError) -> Expression {
        var left = try parseUnary()
        while let op = current.binaryOperator, op.precedence >= minimumPrecedence {
            advance()
            let right = try parseExpression(minimumPrecedence: op.precedence + 1)
            left = Expression(.binary(op, left, right), span: left.span.union(right.span))
            guard left.height <= Formula.heightLimit else { throw .tooLong(at: left.span) }
        }
        return left
    }

    private mutating func parseUnary() throws(FormulaError) -> Expression {
        let op: UnaryOperator
        switch current.kind {
        case .minus: op = .minus
        case .plus: op = .plus
        default: return try parsePrimary()
        }
        let start = current.span
        try enter()
        advance()
        let operand = try parseUnary()
        nesting -= 1
        let expression = Expression(.unary(op, operand), span: start.union(operand.span))
        guard expression.height <= Formula.heightLimit else { throw .tooLong(at: expression.span) }
        return expression
    }

    private mutating func parsePrimary() throws(FormulaError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Expression(.number(value), span: token.span)
        case .text(let value):
            advance()
            return Expression(.text(value), span: token.span)
        case .name(let segments):
            advance()
            if current.kind == .leftParenthesis { return try parseCall(named: token) }
            let reference = Reference(segments: segments, span: token.span)
            if reference.isPattern { strayPatterns.append(reference) }
            return Expression(.reference(reference), span: token.span)
        case .leftParenthesis:
            try enter()
            advance()
            let inner = try parseExpression(minimumPrecedence: 1)
            guard current.kind == .rightParenthesis else { throw expected("')'") }
            advance()
            nesting -= 1
            return inner
        default:
            throw expected("an expression")
        }
    }

    /// `name(arguments)`, the name already consumed and `(` current.
    private mutating func parseCall(named name: Token) throws(FormulaError) -> Expression {
        guard case .name(let segments) = name.kind, segments.count == 1, case .name(let text) = segments[0],
            let function = Function(named: text)
        else { throw .unknownFunction(text(of: name.span), span: name.span) }
        try enter()
        advance()
        var arguments: [Expression] = []
        if current.kind != .rightParenthesis {
            while true {
                let patternsBefore = strayPatterns.count
                let argument = try parseExpression(minimumPrecedence: 1)
                // A wildcard is fine as a whole argument of an aggregate, nowhere else.
                if function.acceptsManyCells(at: arguments.count), case .reference(let reference) = argument.kind,
                    reference.isPattern,
                    strayPatterns.count == patternsBefore + 1
                {
                    strayPatterns.removeLast()
                }
                arguments.append(argument)
                guard current.kind == .comma else { break }
                advance()
            }
            guard current.kind == .rightParenthesis else { throw expected("',' or ')'") }
        }
        let span = name.span.union(current.span)
        advance()
        nesting -= 1
        let count = arguments.count
        guard count >= function.minimumArity, count <= function.maximumArity ?? count else {
            throw .wrongArity(function, given: count, span: span)
        }
        let call = Expression(.call(function, arguments), span: span)
        guard call.height <= Formula.heightLimit else { throw .tooLong(at: span) }
        return call
    }

    /// F004 at the current token: what was expected, and what stands there instead.
    private func expected(_ expected: String) -> FormulaError {
        .expected(expected, found: current.kind == .end ? nil : text(of: current.span), at: current.span)
    }

    private func text(of span: SourceSpan) -> String {
        source.text(span.start..<span.end)
    }

    /// One more level of parentheses, call or sign; refused beyond the limit so the recursion stays shallow.
    private mutating func enter() throws(FormulaError) {
        nesting += 1
        guard nesting <= Formula.nestingLimit else { throw .tooDeep(at: current.span) }
    }
}
