extension Function {
    /// Applies the function to bound arguments (arity checked by the parser). Arguments are evaluated lazily where
    /// the function allows (`if`, `iferror`) and folded one by one elsewhere, so nothing is allocated.
    func evaluate(_ arguments: [BoundNode], _ value: (Int) -> Value) -> Value {
        switch self {
        case .sum, .product, .min, .max, .average: return aggregate(arguments, value)
        case .median, .percentile, .rank: return order(arguments, value)
        case .count, .counta, .countblank:
            var count = 0
            Function.forEach(arguments, value) { item in
                switch item {
                case .number: if self != .countblank { count += 1 }
                case .text, .error: if self == .counta { count += 1 }
                case .empty: if self == .countblank { count += 1 }
                }
                return true
            }
            return .number(DecimalNumber(count))
        case .and, .or:
            var result = self == .and
            var failure: CellError?
            Function.forEach(arguments, value) { item in
                switch Truth(item) {
                case .failure(let error):
                    failure = error
                    return false
                case .value(let truth):
                    result = self == .and ? result && truth : result || truth
                    return true
                }
            }
            return failure.map(Value.error) ?? Value(truth: result)
        case .concat:
            var text = ""
            var failure: CellError?
            Function.forEach(arguments, value) { item in
                if case .error(let error) = item {
                    failure = error
                    return false
                }
                text += item.description
                return true
            }
            return failure.map(Value.error) ?? .text(text)
        case .if:
            switch Truth(arguments[0].evaluate(value)) {
            case .failure(let error): return .error(error)
            case .value(true): return arguments[1].evaluate(value)
            case .value(false): return arguments.count > 2 ? arguments[2].evaluate(value) : .empty
            }
        case .iferror:
            let first = arguments[0].evaluate(value)
            return first.isError ? arguments[1].evaluate(value) : first
        case .not:
            switch Truth(arguments[0].evaluate(value)) {
            case .failure(let error): return .error(error)
            case .value(let truth): return Value(truth: !truth)
            }
        case .isblank: return Value(truth: arguments[0].evaluate(value) == .empty)
        case .iserror: return Value(truth: arguments[0].evaluate(value).isError)
        case .isnumber: return Value(truth: arguments[0].evaluate(value).number != nil)
        case .istext:
            if case .text = arguments[0].evaluate(value) { return Value(truth: true) }
            return Value(truth: false)
        case .len:
            let item = arguments[0].evaluate(value)
            if case .error = item { return item }
            return .number(DecimalNumber(item.description.count))
        case .abs, .sign, .int, .trunc, .round, .roundup, .rounddown, .floor, .ceiling, .mod, .power:
            return numeric(arguments, value)
        }
    }

    /// sum, product, min, max, average: empties skipped, text a `#VALUE!`, the first error returned.
    private func aggregate(_ arguments: [BoundNode], _ value: (Int) -> Value) -> Value {
        var result: DecimalNumber?
        var count = 0
        var failure: CellError?
        Function.forEach(arguments, value) { item in
            let number: DecimalNumber
            switch item {
            case .empty: return true
            case .number(let n): number = n
            case .text:
                failure = .type
                return false
            case .error(let error):
                failure = error
                return false
            }
            count += 1
            guard let current = result else {
                result = number
                return true
            }
            do throws(ArithmeticError) {
                switch self {
                case .product: result = try current.multiplying(number)
                case .min: result = Swift.min(current, number)
                case .max: result = Swift.max(current, number)
                default: result = try current.adding(number)
                }
            } catch {
                failure = CellError(error)
                return false
            }
            return true
        }
        if let failure { return .error(failure) }
        guard self == .average else { return .number(result ?? .zero) }
        guard let total = result else { return .error(.divisionByZero) }
        do throws(ArithmeticError) {
            return .number(try total.dividing(by: DecimalNumber(count)))
        } catch {
            return .error(CellError(error))
        }
    }

    /// median, percentile, rank: the numbers sorted (empties skipped, text a `#VALUE!`, the first error returned).
    ///
    /// `percentile(x, p)` interpolates linearly between closest ranks (Excel `PERCENTILE.INC`): with the n numbers
    /// ascending x₀…xₙ₋₁ and h = (n − 1)·p, it is x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋), exact in decimals; p outside
    /// [0, 1] is `#NUM!`. `median(x)` is `percentile(x, 0.5)`. No number: `#N/A`.
    private func order(_ arguments: [BoundNode], _ value: (Int) -> Value) -> Value {
        let many = self == .rank ? Array(arguments[1...]) : self == .percentile ? [arguments[0]] : arguments
        var numbers: [DecimalNumber] = []
        var failure: CellError?
        Function.forEach(many, value) { item in
            switch item {
            case .empty: return true
            case .number(let n): numbers.append(n)
            case .text: failure = .type
            case .error(let error): failure = error
            }
            return failure == nil
        }
        if let failure { return .error(failure) }
        let p: DecimalNumber
        switch self {
        case .rank:
            switch Operand(arguments[0].evaluate(value)) {
            case .failure(let error): return .error(error)
            case .number(let target):
                guard numbers.contains(target) else { return .error(.notAvailable) }
                return .number(DecimalNumber(numbers.count { $0 > target } + 1))
            }
        case .percentile:
            switch Operand(arguments[1].evaluate(value)) {
            case .failure(let error): return .error(error)
            case .number(let number): p = number
            }
            guard p >= .zero, p <= .one else { return .error(.overflow) }
        default:
            p = DecimalNumber(significand: 5, scale: 1) ?? .zero
        }
        guard !numbers.isEmpty else { return .error(.notAvailable) }
        numbers.sort()
        return Function.percentile(sorted: numbers, p)
    }

    /// Excel `PERCENTILE.INC` of ascending numbers (at least one), `p` in [0, 1]: with h = (n − 1)·p, it is
    /// x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋), exact in decimals. The one implementation (`percentile`, `median`, the
    /// P25/P50/P75 of `.table`).
    static func percentile(sorted numbers: [DecimalNumber], _ p: DecimalNumber) -> Value {
        do throws(ArithmeticError) {
            let h = try DecimalNumber(numbers.count - 1).multiplying(p)
            let low = h.floor()
            guard let k = low.intValue, k >= 0, k < numbers.count else { return .error(.overflow) }
            let fraction = try h.subtracting(low)
            guard k + 1 < numbers.count, !fraction.isZero else { return .number(numbers[k]) }
            let step = try numbers[k + 1].subtracting(numbers[k]).multiplying(fraction)
            return .number(try numbers[k].adding(step))
        } catch {
            return .error(CellError(error))
        }
    }

    /// abs, sign, int, trunc, round, roundup, rounddown, floor, ceiling, mod: numeric operands (empty is 0).
    private func numeric(_ arguments: [BoundNode], _ value: (Int) -> Value) -> Value {
        let x: DecimalNumber
        switch Operand(arguments[0].evaluate(value)) {
        case .failure(let error): return .error(error)
        case .number(let number): x = number
        }
        var y: DecimalNumber?
        if arguments.count > 1 {
            switch Operand(arguments[1].evaluate(value)) {
            case .failure(let error): return .error(error)
            case .number(let number): y = number
            }
        }
        do throws(ArithmeticError) {
            switch self {
            case .abs: return .number(x.magnitude)
            case .sign: return .number(DecimalNumber(x.isZero ? 0 : (x.isNegative ? -1 : 1)))
            case .int: return .number(x.floor())
            case .trunc, .rounddown: return .number(try x.rounded(places: Function.places(y), rule: .towardZero))
            case .round: return .number(try x.rounded(places: Function.places(y), rule: .toNearestOrAwayFromZero))
            case .roundup: return .number(try x.rounded(places: Function.places(y), rule: .awayFromZero))
            case .floor, .ceiling:
                let step = y ?? .one
                // ceiling(x) = -floor(-x): one exact floor division serves both.
                let sign = self == .floor ? x : x.negated()
                let multiple = try sign.floorDivided(by: step).quotient.multiplying(step)
                return .number(self == .floor ? multiple : multiple.negated())
            case .power:
                return Function.power(x, y ?? .one)
            default:  // mod
                return .number(try x.floorDivided(by: y ?? .one).remainder)
            }
        } catch {
            return .error(CellError(error))
        }
    }

    /// `x^n` for an integer `n`, by repeated squaring; a fractional or huge `n` and `0^0` are `#NUM!`, `0^-n` is
    /// `#DIV/0!`. Exact for integer results; fractions are rounded at 18 digits along the way.
    private static func power(_ x: DecimalNumber, _ n: DecimalNumber) -> Value {
        guard let exponent = n.intValue, exponent.magnitude <= 1 << 32, !(x.isZero && exponent == 0) else {
            return .error(.overflow)
        }
        do throws(ArithmeticError) {
            var result = DecimalNumber.one
            // A negative power is a positive power of 1/x: overflow stays overflow (0.1^-100), never 1/0.
            var base = exponent < 0 ? try DecimalNumber.one.dividing(by: x) : x
            var remaining = exponent.magnitude
            while remaining > 0 {
                if remaining & 1 == 1 { result = try result.multiplying(base) }
                remaining >>= 1
                if remaining > 0 { base = try base.multiplying(base) }
            }
            return .number(result)
        } catch {
            return .error(CellError(error))
        }
    }

    /// A `places` argument as an Int: the fraction dropped, clamped far beyond any meaningful range.
    private static func places(_ argument: DecimalNumber?) -> Int {
        guard let argument else { return 0 }
        let whole = (try? argument.rounded(places: 0, rule: .towardZero)) ?? .zero
        if whole > DecimalNumber(100) { return 100 }
        if whole < DecimalNumber(-100) { return -100 }
        return whole.intValue ?? 0
    }

    /// Calls `body` with each argument's value, a many-cell argument giving each of its cells; stops when `body`
    /// returns false.
    private static func forEach(_ arguments: [BoundNode], _ value: (Int) -> Value, _ body: (Value) -> Bool) {
        for argument in arguments {
            if case .cells(let ids) = argument {
                for id in ids where !body(value(id)) { return }
            } else if !body(argument.evaluate(value)) {
                return
            }
        }
    }
}

/// A value as a condition: empty is false, a number is true unless zero, text is a `#VALUE!`.
enum Truth {
    case value(Bool)
    case failure(CellError)

    init(_ value: Value) {
        switch value {
        case .empty: self = .value(false)
        case .number(let number): self = .value(!number.isZero)
        case .text: self = .failure(.type)
        case .error(let error): self = .failure(error)
        }
    }
}

extension Value {
    /// 1 for true, 0 for false: how comparisons and logical functions answer.
    init(truth: Bool) {
        self = .number(truth ? .one : .zero)
    }
}
