extension BoundNode {
    /// The node's value; recursion depth is the tree's height, bounded by ``Formula/heightLimit``.
    func evaluate(_ value: (Int) -> Value) -> Value {
        switch self {
        case .constant(let constant): return constant
        case .cell(let id): return value(id)
        // Binding admits many cells only as aggregate arguments, which never get here; be safe anyway.
        case .cells(let ids): return ids.count == 1 ? value(ids[0]) : .error(.type)
        case .plus(let ids):
            var sum = value(ids[0])
            for id in ids.dropFirst() { sum = BinaryOperator.add.apply(sum, value(id)) }
            return sum
        case .unary(let op, let operand):
            switch Operand(operand.operandValue(value)) {
            case .failure(let error): return .error(error)
            case .number(let number): return .number(op == .minus ? number.negated() : number)
            }
        case .binary(let op, let left, let right):
            return op.apply(left.operandValue(value), right.operandValue(value))
        case .call(let function, let arguments):
            return function.evaluate(arguments, value)
        }
    }

    /// An operator's operand: a leaf (a cell, a constant — most operands) read in place, anything else evaluated.
    @inline(__always)
    private func operandValue(_ value: (Int) -> Value) -> Value {
        switch self {
        case .cell(let id): return value(id)
        case .constant(let constant): return constant
        default: return evaluate(value)
        }
    }
}

/// A value as an arithmetic operand: empty counts as 0, text is a `#VALUE!`, errors pass through.
enum Operand {
    case number(DecimalNumber)
    case failure(CellError)

    init(_ value: Value) {
        switch value {
        case .empty: self = .number(.zero)
        case .number(let number): self = .number(number)
        case .text: self = .failure(.type)
        case .error(let error): self = .failure(error)
        }
    }
}

extension BinaryOperator {
    /// Applies the operator; the left operand's error wins over the right's.
    func apply(_ left: Value, _ right: Value) -> Value {
        // Whole numbers of one word (counts, a chain's `+ 1`): the word's arithmetic, as `adding` and the others
        // would do it, without the operand conversions; an overflow of the word takes the general path.
        if case .number(let a) = left, case .number(let b) = right, a.scale == 0, b.scale == 0,
            let x = a.smallInteger, let y = b.smallInteger
        {
            let (result, overflow): (Int64, Bool)
            switch self {
            case .add: (result, overflow) = x.addingReportingOverflow(y)
            case .subtract: (result, overflow) = x.subtractingReportingOverflow(y)
            case .multiply: (result, overflow) = x.multipliedReportingOverflow(by: y)
            default: (result, overflow) = (0, true)
            }
            if !overflow { return .number(DecimalNumber(word: result)) }
        }
        switch self {
        case .add, .subtract, .multiply, .divide:
            let a: DecimalNumber
            let b: DecimalNumber
            switch Operand(left) {
            case .failure(let error): return .error(error)
            case .number(let number): a = number
            }
            switch Operand(right) {
            case .failure(let error): return .error(error)
            case .number(let number): b = number
            }
            do throws(ArithmeticError) {
                switch self {
                case .add: return .number(try a.adding(b))
                case .subtract: return .number(try a.subtracting(b))
                case .multiply: return .number(try a.multiplying(b))
                default: return .number(try a.dividing(by: b))
                }
            } catch {
                return .error(CellError(error))
            }
        case .concatenate:
            if case .error(let error) = left { return .error(error) }
            if case .error(let error) = right { return .error(error) }
            return .text(left.description + right.description)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return compare(left, right)
        }
    }

    /// 1 or 0. Empty is 0 next to a number and "" next to text; numbers and text are unequal and unordered (#VALUE!).
    private func compare(_ left: Value, _ right: Value) -> Value {
        let order: Int
        switch (left, right) {
        case (.error(let error), _), (_, .error(let error)):
            return .error(error)
        case (.empty, .empty):
            order = 0
        case (.number, .number), (.number, .empty), (.empty, .number):
            let a = left.number ?? .zero
            let b = right.number ?? .zero
            order = a < b ? -1 : (a == b ? 0 : 1)
        case (.text, .text), (.text, .empty), (.empty, .text):
            let a = left.description
            let b = right.description
            order = a < b ? -1 : (a == b ? 0 : 1)
        case (.number, .text), (.text, .number):
            switch self {
            case .equal: return .number(.zero)
            case .notEqual: return .number(.one)
            default: return .error(.type)
            }
        }
        let holds: Bool =
            switch self {
            case .equal: order == 0
            case .notEqual: order != 0
            case .less: order < 0
            case .lessOrEqual: order <= 0
            case .greater: order > 0
            default: order >= 0
            }
        return .number(holds ? .one : .zero)
    }
}
