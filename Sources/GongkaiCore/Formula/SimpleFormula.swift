/// The compile path of the usual formula — names and numbers joined by `+ - * /`, as `a1 + 1` or
/// `t3.new.natural - t3.carried.natural` — straight from the UTF-8 bytes to the bound tree: no byte codes, no tokens,
/// no ``Expression`` and no ``Reference`` on the way (they were most of the cost of defining a million-name chain).
///
/// It only ever succeeds with the tree that ``Formula/parse(_:)`` then ``Expression/bind(_:)`` would build. Anything
/// else — a call, parentheses, a sign, text, a comparison, a wildcard, a fraction, a name that does not resolve, any
/// error — gives nil, and the caller takes the general path, which builds the same tree or the diagnostic with its
/// location.
enum SimpleFormula {
    /// The name whose UTF-8 bytes a simple formula gives its `cell` lookup, as a string.
    static func string(_ bytes: Span<UInt8>) -> String {
        String(utf8Bytes: bytes)
    }

    /// The most operands a simple formula has; longer ones take the general path (which checks the height limit).
    static let operandLimit = 64

    /// `source` bound, when it is simple and `cell` knows every name in it (a name as written, and whether it has a
    /// `.`, to its raw id).
    static func compile(_ source: String, cell: (Span<UInt8>, Bool) -> Int?) -> BoundExpression? {
        let bytes = source.utf8.span
        var scanner = Scanner()
        // `sum` holds the terms added so far, `term` the factors multiplied so far: `+ -` bind looser than `* /`,
        // both left-associative, as the parser's precedence climbing has them.
        var sum: BoundNode?
        var pendingSum: BinaryOperator = .add
        var term: BoundNode?
        var pendingTerm: BinaryOperator = .multiply
        var operands = 0
        while true {
            guard operands < operandLimit, let operand = scanner.operand(bytes, cell) else { return nil }
            operands += 1
            // The nodes are moved, not copied, into the one combining them (`consume`).
            let factor: BoundNode
            if let left = term.take() {
                factor = SimpleFormula.combine(pendingTerm, left, operand)
            } else {
                factor = operand
            }
            let next = scanner.binaryOperator(bytes)
            if next == .multiply || next == .divide {
                pendingTerm = next!
                term = consume factor
                continue
            }
            if let left = sum.take() {
                sum = SimpleFormula.combine(pendingSum, left, factor)
            } else {
                sum = consume factor
            }
            guard let next else { break }
            pendingSum = next
        }
        guard scanner.index == bytes.count, let sum = sum.take() else { return nil }
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

    /// Reads the source's UTF-8 bytes front to back, given to each call as a span of the string's own storage
    /// (indexing the UTF-8 view costs several times more; copying the bytes into an array is an allocation);
    /// `nil` from a reading method means "not simple".
    private struct Scanner {
        var index = 0
        /// The cells of the names read so far, in source order.
        var cells: [Int] = []

        /// The byte at the current index, 0 at the end.
        private func current(_ bytes: Span<UInt8>) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

        private mutating func skipBlanks(_ bytes: Span<UInt8>) {
            while index < bytes.count, bytes[index].isFormulaBlank { index += 1 }
        }

        /// An unsigned integer literal or a resolved name, blanks before it skipped.
        mutating func operand(_ bytes: Span<UInt8>, _ cell: (Span<UInt8>, Bool) -> Int?) -> BoundNode? {
            skipBlanks(bytes)
            let byte = current(bytes)
            if byte.isFormulaDigit { return number(bytes) }
            guard byte.startsFormulaName else { return nil }
            let start = index
            var dotted = false
            while true {
                while current(bytes).continuesFormulaName { index += 1 }
                guard current(bytes) == UInt8(ascii: ".") else { break }
                index += 1
                dotted = true
                guard current(bytes).startsFormulaName else { return nil }
            }
            // `*` right after a name may start a glob (`hz*.t4…`), `(` a call, a non-ASCII byte go on the name or be
            // an error: the general path sorts those out. (So the name ends on a Character boundary.)
            let end = current(bytes)
            guard end < 0x80, end != UInt8(ascii: "("), end != UInt8(ascii: "*") || peek(bytes) != UInt8(ascii: ".")
            else {
                return nil
            }
            guard let id = cell(bytes.extracting(start..<index), dotted) else { return nil }
            // The usual formula names one cell or two: the first made as a literal (a direct allocation, cheaper
            // than reserving room in an empty array).
            if cells.isEmpty { cells = [id] } else { cells.append(id) }
            return .cell(id)
        }

        /// The byte after the current one, 0 past the end.
        private func peek(_ bytes: Span<UInt8>) -> UInt8 { index + 1 < bytes.count ? bytes[index + 1] : 0 }

        /// Digits without a fraction that fit one word (a fraction, or more digits, takes the general path).
        private mutating func number(_ bytes: Span<UInt8>) -> BoundNode? {
            var value: Int64 = 0
            var digits = 0
            while current(bytes).isFormulaDigit {
                guard digits < 18 else { return nil }
                value = value * 10 + Int64(current(bytes) - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            guard current(bytes) != UInt8(ascii: "."), !current(bytes).continuesFormulaName else { return nil }
            return .constant(.number(DecimalNumber(word: value)))
        }

        /// `+ - * /` after blanks; nil at the end (blanks skipped) or before anything else (left unread).
        mutating func binaryOperator(_ bytes: Span<UInt8>) -> BinaryOperator? {
            skipBlanks(bytes)
            let op: BinaryOperator
            switch current(bytes) {
            case UInt8(ascii: "+"): op = .add
            case UInt8(ascii: "-"): op = .subtract
            case UInt8(ascii: "*"): op = .multiply
            case UInt8(ascii: "/"): op = .divide
            default: return nil
            }
            index += 1
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
