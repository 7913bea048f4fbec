/// The compile path of the usual formula — names and numbers joined by `+ - * /`, as `a1 + 1` or
/// `t3.new.natural - t3.carried.natural` — straight from the UTF-8 bytes to the bound tree: no byte codes, no tokens,
/// no ``Expression`` and no ``Reference`` on the way (they were most of the cost of defining a million-name chain).
///
/// It only ever succeeds with the tree that ``Formula/parse(_:)`` then ``Expression/bind(_:)`` would build. Anything
/// else — a call, parentheses, a sign, text, a comparison, a wildcard, a fraction, a name that does not resolve, any
/// error — gives nil, and the caller takes the general path, which builds the same tree or the diagnostic with its
/// location.
enum SimpleFormula {
    /// The most operands a simple formula has; longer ones take the general path (which checks the height limit).
    static let operandLimit = 64

    /// `source` bound, when it is simple and `cell` knows every name in it (a name as written, and whether it has a
    /// `.`, to its raw id).
    static func compile(_ source: String, cell: (String, Bool) -> Int?) -> BoundExpression? {
        var scanner = Scanner(source)
        // `sum` holds the terms added so far, `term` the factors multiplied so far: `+ -` bind looser than `* /`,
        // both left-associative, as the parser's precedence climbing has them.
        var sum: BoundNode?
        var pendingSum: BinaryOperator = .add
        var term: BoundNode?
        var pendingTerm: BinaryOperator = .multiply
        var operands = 0
        while true {
            guard operands < operandLimit, let operand = scanner.operand(cell) else { return nil }
            operands += 1
            term = term.map { SimpleFormula.combine(pendingTerm, $0, operand) } ?? operand
            let next = scanner.binaryOperator()
            if next == .multiply || next == .divide {
                pendingTerm = next!
                continue
            }
            sum = sum.map { SimpleFormula.combine(pendingSum, $0, term!) } ?? term
            term = nil
            guard let next else { break }
            pendingSum = next
        }
        guard scanner.atEnd, let sum else { return nil }
        return BoundExpression(root: sum, reading: scanner.cells)
    }

    /// `left op right` bound as ``Expression/bind(_:)`` binds the node: a left-nested chain of `+` over single cells
    /// becomes one ``BoundNode/plus`` (a `.plus` here only ever comes from such a chain).
    private static func combine(_ op: BinaryOperator, _ left: BoundNode, _ right: BoundNode) -> BoundNode {
        if op == .add, case .cell(let added) = right {
            switch left {
            case .cell(let first): return .plus([first, added])
            case .plus(var ids):
                ids.append(added)
                return .plus(ids)
            default: break
            }
        }
        return .binary(op, left, right)
    }

    /// Reads the source's bytes front to back (copied into an array once: indexing a string's UTF-8 view costs
    /// several times more); `nil` from a reading method means "not simple".
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        /// The cells of the names read so far, in source order.
        var cells: [Int] = []

        init(_ source: String) {
            bytes = Array(source.utf8)
            cells.reserveCapacity(4)  // room for the usual few names at once, not grown one by one
        }

        var atEnd: Bool { index == bytes.count }

        /// The byte at the current index, 0 at the end.
        private var current: UInt8 { index < bytes.count ? bytes[index] : 0 }

        private mutating func advance() { index += 1 }

        private mutating func skipBlanks() {
            while index < bytes.count, bytes[index].isFormulaBlank { index += 1 }
        }

        /// An unsigned integer literal or a resolved name, blanks before it skipped.
        mutating func operand(_ cell: (String, Bool) -> Int?) -> BoundNode? {
            skipBlanks()
            let byte = current
            if byte.isFormulaDigit { return number() }
            guard byte.startsFormulaName else { return nil }
            let start = index
            var dotted = false
            while true {
                while current.continuesFormulaName { advance() }
                guard current == UInt8(ascii: ".") else { break }
                advance()
                dotted = true
                guard current.startsFormulaName else { return nil }
            }
            // `*` right after a name may start a glob (`hz*.t4…`), `(` a call, a non-ASCII byte go on the name or be
            // an error: the general path sorts those out. (So the name ends on a Character boundary.)
            let end = current
            guard end < 0x80, end != UInt8(ascii: "("), end != UInt8(ascii: "*") || peek() != UInt8(ascii: ".") else {
                return nil
            }
            guard let id = cell(String(decoding: bytes[start..<index], as: UTF8.self), dotted) else { return nil }
            cells.append(id)
            return .cell(id)
        }

        /// The byte after the current one, 0 past the end.
        private func peek() -> UInt8 { index + 1 < bytes.count ? bytes[index + 1] : 0 }

        /// Digits without a fraction that fit one word (a fraction, or more digits, takes the general path).
        private mutating func number() -> BoundNode? {
            var value: Int64 = 0
            var digits = 0
            while current.isFormulaDigit {
                guard digits < 18 else { return nil }
                value = value * 10 + Int64(current - UInt8(ascii: "0"))
                digits += 1
                advance()
            }
            guard current != UInt8(ascii: "."), !current.continuesFormulaName else { return nil }
            return .constant(.number(DecimalNumber(word: value)))
        }

        /// `+ - * /` after blanks; nil at the end (blanks skipped) or before anything else (left unread).
        mutating func binaryOperator() -> BinaryOperator? {
            skipBlanks()
            let op: BinaryOperator
            switch current {
            case UInt8(ascii: "+"): op = .add
            case UInt8(ascii: "-"): op = .subtract
            case UInt8(ascii: "*"): op = .multiply
            case UInt8(ascii: "/"): op = .divide
            default: return nil
            }
            advance()
            return op
        }
    }
}

extension UInt8 {
    fileprivate var isFormulaDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    /// An ASCII letter or `_` (Han ideographs, also name characters, are not ASCII: the general path takes them).
    fileprivate var startsFormulaName: Bool {
        (self | 0x20) >= UInt8(ascii: "a") && (self | 0x20) <= UInt8(ascii: "z") || self == UInt8(ascii: "_")
    }
    fileprivate var continuesFormulaName: Bool { startsFormulaName || isFormulaDigit }
    fileprivate var isFormulaBlank: Bool {
        self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") || self == UInt8(ascii: "\n")
            || self == UInt8(ascii: "\r")
    }
}
