/// The values of one report's template cells, eight bytes a cell: a count or a fee of up to 17 digits is held in
/// the word itself, anything else (a larger number, a text, an error) whole in a small side table.
///
/// A report's 200 cells were 200 ``Value``s of 24 bytes each, the largest part of a session's heap with 10,000
/// reports loaded; almost every one is empty or a small count. Reading a cell rebuilds exactly the ``Value`` that
/// was stored; nothing is rounded.
///
/// A word is 0 for empty; a number has its low bit set, its scale (0…15) in the next four bits and its significand
/// (59 bits, two's complement) above them; ``Self/wideWord`` marks a value kept in `wide`.
struct CellValues: Sendable, Equatable {
    private var words: [UInt64]
    /// The values that do not fit a word, by cell index.
    private var wide: [Int: Value] = [:]

    /// The word of a value kept in `wide`.
    private static let wideWord: UInt64 = 2
    /// The significands a word holds: −2^58 ..< 2^58.
    private static let wordRange: ClosedRange<Int64> = (-(1 << 58))...((1 << 58) - 1)

    /// `count` empty cells.
    init(count: Int) {
        words = Array(repeating: 0, count: count)
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
            return word == 0 ? .empty : wide[index] ?? .empty
        }
        set {
            let word = Self.word(newValue)
            if words[index] == Self.wideWord { wide[index] = nil }
            if word == Self.wideWord { wide[index] = newValue }
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

    /// The word of `value`: inline when it fits, else ``wideWord``.
    private static func word(_ value: Value) -> UInt64 {
        switch value {
        case .empty: return 0
        case .number(let number):
            guard number.scale <= 15, let significand = number.smallInteger, wordRange.contains(significand) else {
                return wideWord
            }
            return UInt64(bitPattern: significand << 5) | UInt64(number.scale) << 1 | 1
        case .text, .error: return wideWord
        }
    }
}
