/// The values of one report's template cells, eight bytes a cell: a count or a fee of up to 17 digits is held in
/// the word itself, anything else (a larger number, a text, an error) whole in a small side table.
///
/// A report's 200 cells were 200 ``Value``s of 24 bytes each, the largest part of a session's heap with 10,000
/// reports loaded; almost every one is empty or a small count. Reading a cell rebuilds exactly the ``Value`` that
/// was stored; nothing is rounded.
///
/// A word is 0 for empty; a number has its low bit set, its scale (0…15) in the next four bits and its significand
/// (59 bits, two's complement) above them; a value kept whole has `0b010` in its low bits and its place in `wide`
/// above them. (`wide` is an array, not a dictionary by cell: a read is then plain indexing, with no call inside the
/// access to a report's values that would keep every such access checked at run time, Support/Exclusivity.swift.)
struct CellValues: Sendable {
    private var words: [UInt64]
    /// The values that do not fit a word; a slot no word names any more is `.empty`, for reuse (two references
    /// in all: a copy of the values, on the edit path, retains no more).
    private var wide: [Value]

    /// The low bits of a word naming a slot of `wide`.
    private static let wideTag: UInt64 = 2
    /// The significands a word holds: −2^58 ..< 2^58.
    private static let wordRange: ClosedRange<Int64> = (-(1 << 58))...((1 << 58) - 1)

    /// No cells (nothing allocated, no call: what ``take(_:)`` leaves behind).
    @inline(__always)
    init() {
        words = []
        wide = []
    }

    /// `count` empty cells.
    init(count: Int) {
        words = Array(repeating: 0, count: count)
        wide = []
    }

    /// The cells holding `values`, in order.
    init(_ values: [Value]) {
        self.init(count: values.count)
        for (index, value) in values.enumerated() where value != .empty { self[index] = value }
    }

    var count: Int { words.count }
    var indices: Range<Int> { 0..<words.count }

    /// Every cell's value, in order.
    var array: [Value] { indices.map { self[$0] } }

    /// The value of cell `index`.
    subscript(index: Int) -> Value {
        @inline(__always) get {
            let word = words[index]
            if word & 1 != 0 {
                return .number(
                    DecimalNumber(
                        word: Int64(bitPattern: word) >> 5, normalisedScale: Int8(truncatingIfNeeded: word >> 1 & 15)))
            }
            return word == 0 ? .empty : wide[Int(word >> 3)]
        }
        set {
            let old = words[index]
            if old & 7 == Self.wideTag { wide[Int(old >> 3)] = .empty }
            guard let word = Self.word(newValue) else {
                // At most one slot a cell: the search for a free one is bounded by the report's cells.
                let slot = wide.firstIndex(where: \.isEmpty) ?? wide.count
                if slot == wide.count { wide.append(newValue) } else { wide[slot] = newValue }
                words[index] = UInt64(slot) << 3 | Self.wideTag
                return
            }
            words[index] = word
        }
    }

    /// The cell's number as a count (a significand of scale 0), without building a ``Value``; nil for anything else.
    @inline(__always)
    func count(at index: Int) -> Int64? {
        let word = words[index]
        return word & 31 == 1 ? Int64(bitPattern: word) >> 5 : nil
    }

    /// Whether cell `index` is empty.
    @inline(__always)
    func isEmpty(at index: Int) -> Bool { words[index] == 0 }

    /// The word of `value` when it fits one; nil for a value kept whole.
    private static func word(_ value: Value) -> UInt64? {
        switch value {
        case .empty: return 0
        case .number(let number):
            guard number.scale <= 15, let significand = number.smallInteger, wordRange.contains(significand) else {
                return nil
            }
            return UInt64(bitPattern: significand << 5) | UInt64(number.scale) << 1 | 1
        case .text, .error: return nil
        }
    }
}

extension CellValues: Equatable {
    /// The same values in the same cells (however the values kept whole are placed).
    static func == (a: CellValues, b: CellValues) -> Bool {
        a.count == b.count && a.indices.allSatisfy { a[$0] == b[$0] }
    }
}
