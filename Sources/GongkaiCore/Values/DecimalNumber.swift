/// An exact decimal number: `significand × 10^-scale`, with at most 18 fraction digits.
///
/// Counts are decimals with scale 0; the fee in 万元 carries up to 6 fraction digits (24252.311082). Arithmetic is
/// exact (`0.1 + 0.2 == 0.3`) as long as the result has at most 35 significant digits and 18 fraction digits; beyond
/// that the fraction is rounded half to even (`1 / 3` keeps 18 digits, `10^20 / 3` keeps 35 significant digits). An
/// integer part beyond 35 digits is an ``ArithmeticError/overflow``, never a trap. Values are kept normalised (no
/// trailing fraction zeros), so equal numbers are equal and hash alike.
public struct DecimalNumber: Sendable, Hashable, Comparable {
    /// The most fraction digits a value keeps; division rounds to this many (half to even).
    public static let maxScale = 18
    /// The largest magnitude of a significand (35 digits); one more digit still multiplies by 10 without overflow.
    static let limit: Int128 = 99_999_999_999_999_999_999_999_999_999_999_999  // 10^35 - 1

    // The significand is stored as two words, not as an Int128: a 16-byte-aligned payload makes Swift 6.3 at -Onone
    // (x86_64) place enums holding it (`Value`) in misaligned stack slots, and reassigning a `Value` variable crashes
    // on a `movaps`. Eight-byte alignment avoids that; `significand` rebuilds the Int128 for free.
    private var low: UInt64
    private var high: Int64
    /// How many of the significand's digits are fraction digits (0…18).
    public private(set) var scale: Int8

    /// The integer whose digits are the number's: the value is `significand × 10^-scale`.
    public var significand: Int128 { Int128(high) << 64 | Int128(low) }

    /// 0.
    public static let zero = DecimalNumber(0)
    /// 1.
    public static let one = DecimalNumber(1)

    /// An integer.
    public init(_ value: Int) {
        self.init(normalised: Int128(value), scale: 0)
    }

    /// `significand × 10^-scale`, normalised (rounded half to even beyond 18 fraction digits); `nil` when it does not
    /// fit.
    public init?(significand: Int128, scale: Int) {
        guard let value = try? DecimalNumber.make(significand, scale: scale) else { return nil }
        self = value
    }

    private init(normalised significand: Int128, scale: Int8) {
        low = UInt64(truncatingIfNeeded: significand)
        high = Int64(truncatingIfNeeded: significand >> 64)
        self.scale = scale
    }

    /// Parses plain decimal notation: optional sign, digits, optional `.` and fraction digits (`-12`, `24252.311082`,
    /// `.5`, `1.50`). `nil` beyond 35 significant digits or 18 fraction digits (trailing zeros do not count).
    /// Thousands separators, full-width digits and the like are the importer's business, not this parser's.
    public init?(_ text: some StringProtocol) {
        self.init(String(text))
    }

    /// Parses plain decimal notation (see the generic form); not generic, so that callers in other modules run
    /// specialised code.
    public init?(_ text: String) {
        var significand: Int128 = 0
        var scale = 0
        var negative = false
        var sawDigit = false
        var sawPoint = false
        // Fraction zeros not yet known to be followed by another digit: `1.500` needs only one fraction digit.
        var pendingZeros = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0: negative = true
            case UInt8(ascii: "+") where offset == 0: break
            case UInt8(ascii: ".") where !sawPoint: sawPoint = true
            case UInt8(ascii: "0") where sawPoint:
                sawDigit = true
                pendingZeros += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                if sawPoint {
                    scale += pendingZeros + 1
                    guard scale <= DecimalNumber.maxScale else { return nil }
                    for _ in 0..<pendingZeros {
                        significand *= 10
                        guard significand <= DecimalNumber.limit else { return nil }
                    }
                    pendingZeros = 0
                }
                significand = significand * 10 + Int128(byte - UInt8(ascii: "0"))
                guard significand <= DecimalNumber.limit else { return nil }
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        self.init(normalised: negative ? -significand : significand, scale: Int8(scale))
    }

    /// Whether the value has no fraction.
    public var isInteger: Bool { scale == 0 }
    /// Whether the value is below zero.
    public var isNegative: Bool { high < 0 }
    /// Whether the value is zero.
    public var isZero: Bool { low == 0 && high == 0 }

    /// The value as an `Int`, if it is an integer that fits.
    public var intValue: Int? {
        guard scale == 0, let value = Int(exactly: significand) else { return nil }
        return value
    }

    /// Numeric order, whatever the scales.
    public static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        if a.scale == b.scale { return a.significand < b.significand }
        // Aligning on the larger scale may overflow Int128: compare integer parts first, then fractions (< 10^18).
        let (aInt, aFrac) = a.significand.quotientAndRemainder(dividingBy: pow10(Int(a.scale)))
        let (bInt, bFrac) = b.significand.quotientAndRemainder(dividingBy: pow10(Int(b.scale)))
        if aInt != bInt { return aInt < bInt }
        let s = max(a.scale, b.scale)
        return aFrac * pow10(Int(s - a.scale)) < bFrac * pow10(Int(s - b.scale))
    }

    // MARK: Arithmetic

    /// The exact sum (rounded only beyond 35 significant digits).
    public func adding(_ other: DecimalNumber) throws(ArithmeticError) -> DecimalNumber {
        // Counts: two integers that fit one word add in one word; the sum is normalised (scale 0) and far below
        // 10^35. On overflow of the word, the general path below takes it.
        if scale == 0, other.scale == 0, let a = smallInteger, let b = other.smallInteger {
            let (sum, overflow) = a.addingReportingOverflow(b)
            if !overflow { return DecimalNumber(word: sum) }
        }
        if scale == other.scale {
            return try DecimalNumber.make(significand + other.significand, scale: Int(scale))  // both < 10^35
        }
        let s = max(scale, other.scale)
        let (a, o1) = significand.multipliedReportingOverflow(by: DecimalNumber.pow10(Int(s - scale)))
        let (b, o2) = other.significand.multipliedReportingOverflow(by: DecimalNumber.pow10(Int(s - other.scale)))
        if !o1, !o2, case (let sum, false) = a.addingReportingOverflow(b) {
            return try DecimalNumber.make(sum, scale: Int(s))
        }
        // Aligned operands beyond Int128: add magnitudes in 256 bits and round to 35 significant digits.
        let x = Wide(significand.magnitude, times: DecimalNumber.pow10(Int(s - scale)).magnitude)
        let y = Wide(other.significand.magnitude, times: DecimalNumber.pow10(Int(s - other.scale)).magnitude)
        if isNegative == other.isNegative {
            return try DecimalNumber.normalise(x.adding(y), negative: isNegative, scale: Int(s))
        }
        return x < y
            ? try DecimalNumber.normalise(y.subtracting(x), negative: other.isNegative, scale: Int(s))
            : try DecimalNumber.normalise(x.subtracting(y), negative: isNegative, scale: Int(s))
    }

    /// The exact difference (rounded only beyond 35 significant digits).
    public func subtracting(_ other: DecimalNumber) throws(ArithmeticError) -> DecimalNumber {
        if scale == 0, other.scale == 0, let a = smallInteger, let b = other.smallInteger {
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            if !overflow { return DecimalNumber(word: difference) }
        }
        return try adding(other.negated())
    }

    /// The significand as one word when it fits one (the high word only extends the sign).
    @inline(__always)
    var smallInteger: Int64? {
        let word = Int64(bitPattern: low)
        return high == word >> 63 ? word : nil
    }

    /// An integer from one word.
    @inline(__always)
    init(word: Int64) {
        low = UInt64(bitPattern: word)
        high = word >> 63
        scale = 0
    }

    /// `word × 10^-scale` from the parts of a number already normalised (``smallInteger`` and ``scale`` of one):
    /// nothing is checked or rounded.
    @inline(__always)
    init(word: Int64, normalisedScale scale: Int8) {
        low = UInt64(bitPattern: word)
        high = word >> 63
        self.scale = scale
    }

    /// The product, rounded half to even beyond 18 fraction digits or 35 significant digits.
    public func multiplying(_ other: DecimalNumber) throws(ArithmeticError) -> DecimalNumber {
        if scale == 0, other.scale == 0, let a = smallInteger, let b = other.smallInteger {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            if !overflow { return DecimalNumber(word: product) }
        }
        let total = Int(scale) + Int(other.scale)
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        if !overflow { return try DecimalNumber.make(product, scale: total) }
        // Two 35-digit significands make up to 70 digits: keep the product in 256 bits, then round.
        let wide = Wide(significand.magnitude, times: other.significand.magnitude)
        return try DecimalNumber.normalise(wide, negative: isNegative != other.isNegative, scale: total)
    }

    /// The quotient, rounded half to even at 18 fraction digits (or 35 significant digits if the value is large).
    public func dividing(by other: DecimalNumber) throws(ArithmeticError) -> DecimalNumber {
        guard !other.isZero else { throw .divisionByZero }
        if isZero { return .zero }
        // value = (a / b) × 10^shift. Scaling a by 10^k first (k ≤ 37, so a × 10^k < 10^72 fits 256 bits) gives the
        // quotient to 19 fraction digits in one 256-by-128-bit division; the remainder says which way to round.
        let a = significand.magnitude
        let b = other.significand.magnitude
        let shift = Int(other.scale) - Int(scale)
        let k = max(0, DecimalNumber.maxScale + 1 + shift)
        let dividend = Wide(a, times: DecimalNumber.pow10(k).magnitude)
        let (high, carried) = dividend.high.quotientAndRemainder(dividingBy: b)
        let (low, remainder) = b.dividingFullWidth((carried, dividend.low))  // carried < b: the quotient fits
        return try DecimalNumber.normalise(
            Wide(high: high, low: low), negative: isNegative != other.isNegative, scale: k - shift,
            sticky: remainder != 0)
    }

    /// The exact floor quotient and remainder: `quotient = ⌊self / divisor⌋` (an integer) and
    /// `remainder = self − quotient × divisor`, which has the divisor's sign (spreadsheets' `MOD`).
    public func floorDivided(by divisor: DecimalNumber) throws(ArithmeticError) -> (
        quotient: DecimalNumber, remainder: DecimalNumber
    ) {
        guard !divisor.isZero else { throw .divisionByZero }
        let s = Int(max(scale, divisor.scale))
        let (a, o1) = significand.multipliedReportingOverflow(by: DecimalNumber.pow10(s - Int(scale)))
        let (b, o2) = divisor.significand.multipliedReportingOverflow(by: DecimalNumber.pow10(s - Int(divisor.scale)))
        guard !o1, !o2 else { throw .overflow }
        var (q, r) = a.quotientAndRemainder(dividingBy: b)
        if r != 0, (r < 0) != (b < 0) {
            q -= 1
            r += b
        }
        return (try DecimalNumber.make(q, scale: 0), try DecimalNumber.make(r, scale: s))
    }

    /// The value with the opposite sign.
    public func negated() -> DecimalNumber { DecimalNumber(normalised: -significand, scale: scale) }
    /// The absolute value.
    public var magnitude: DecimalNumber { isNegative ? negated() : self }

    /// Rounded to `places` fraction digits; negative `places` round to tens, hundreds, ….
    ///
    /// The default rule is half away from zero, as spreadsheets' `ROUND`; `.towardZero` is `TRUNC`/`ROUNDDOWN`,
    /// `.awayFromZero` is `ROUNDUP`, `.down` and `.up` go toward −∞ and +∞.
    public func rounded(
        places: Int, rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero
    ) throws(ArithmeticError) -> DecimalNumber {
        guard places < Int(scale), !isZero else { return self }
        // Below -100 places every value rounds to 0 or overflows alike; the clamp keeps the subtraction safe.
        let drop = Int(scale) - Swift.max(places, -100)
        // Beyond 38 digits the divisor does not fit: the whole value is the remainder, and less than half of it.
        let (q, r, divisor): (Int128, Int128, Int128?) =
            drop > 38
            ? (0, significand, nil)
            : { () -> (Int128, Int128, Int128?) in
                let d = DecimalNumber.pow10(drop)
                let (q, r) = significand.quotientAndRemainder(dividingBy: d)
                return (q, r, d)
            }()
        guard r != 0 else { return try DecimalNumber.make(q, scale: places) }
        let twice = r.magnitude * 2
        let half = divisor?.magnitude ?? UInt128.max
        let awayFromZero: Bool
        switch rule {
        case .toNearestOrAwayFromZero: awayFromZero = twice >= half
        case .toNearestOrEven: awayFromZero = twice > half || (twice == half && q % 2 != 0)
        case .towardZero: awayFromZero = false
        case .awayFromZero: awayFromZero = true
        case .down: awayFromZero = isNegative
        case .up: awayFromZero = !isNegative
        @unknown default: awayFromZero = twice >= half
        }
        return try DecimalNumber.make(awayFromZero ? q + (isNegative ? -1 : 1) : q, scale: places)
    }

    /// Rounded down to an integer (toward −∞).
    public func floor() -> DecimalNumber {
        guard scale > 0 else { return self }
        var (q, r) = significand.quotientAndRemainder(dividingBy: DecimalNumber.pow10(Int(scale)))
        if r < 0 { q -= 1 }
        return DecimalNumber(normalised: q, scale: 0)
    }

    // MARK: Construction helpers

    /// 10^0 … 10^38, all of which fit Int128.
    private static let powers: [Int128] = {
        var table: [Int128] = [1]
        for _ in 1...38 { table.append(table[table.count - 1] * 10) }
        return table
    }()

    /// 10^n for 0 ≤ n ≤ 38.
    static func pow10(_ n: Int) -> Int128 { powers[n] }

    /// Normalises `significand × 10^-scale`: strips fraction zeros, rounds half to even beyond 18 fraction digits or
    /// 35 significant digits (`sticky` says the true value is a little beyond `significand` in magnitude), and
    /// checks the magnitude.
    static func make(_ significand: Int128, scale: Int, sticky: Bool = false) throws(ArithmeticError) -> DecimalNumber {
        // |significand| < 2^127 < 10^39: from 57 fraction digits on, the value is below half of 10^-18.
        if scale > maxScale + 38 { return .zero }
        guard (0...maxScale).contains(scale), significand.magnitude <= limit.magnitude, !sticky else {
            return try normalise(
                Wide(high: 0, low: significand.magnitude), negative: significand < 0, scale: scale,
                sticky: sticky)
        }
        var significand = significand
        var scale = scale
        while scale > 0, significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        return DecimalNumber(normalised: significand, scale: Int8(scale))
    }

    /// The slow path of ``make(_:scale:sticky:)`` for magnitudes of up to 256 bits and any scale.
    private static func normalise(
        _ magnitude: Wide, negative: Bool, scale: Int, sticky: Bool = false
    ) throws(ArithmeticError) -> DecimalNumber {
        var value = magnitude
        var scale = scale
        if value.isZero { return .zero }
        if scale < 0 {
            guard value.high == 0, scale >= -38 else { throw .overflow }
            value = Wide(value.low, times: pow10(-scale).magnitude)
            scale = 0
        }
        // Drop as few digits as leave at most 18 fraction digits and at most 35 digits in all.
        var drop = max(0, scale - maxScale)
        while drop <= 38, !(value < Wide(UInt128(limit) + 1, times: pow10(drop).magnitude)) {
            drop += 1
        }
        guard drop <= scale else { throw .overflow }
        var quotient = value.low
        if drop > 0 {
            // value < 10^35 × 10^drop < 2^128 × 10^drop, so the quotient fits 128 bits.
            let divisor = pow10(drop).magnitude
            let (q, r) = divisor.dividingFullWidth((value.high, value.low))
            quotient = q
            let twice = r * 2  // r < 10^38, so twice < 2^128
            if twice > divisor || (twice == divisor && (sticky || q % 2 != 0)) { quotient += 1 }
            scale -= drop
        }
        // Fraction zeros, eight at a time first: an exact quotient comes with up to 19 of them.
        while scale >= 8, quotient % 100_000_000 == 0 {
            quotient /= 100_000_000
            scale -= 8
        }
        while scale > 0, quotient % 10 == 0 {
            quotient /= 10
            scale -= 1
        }
        guard quotient <= UInt128(limit) else { throw .overflow }
        let signed = Int128(quotient)
        return DecimalNumber(normalised: negative ? -signed : signed, scale: Int8(scale))
    }
}

/// An unsigned 256-bit magnitude, just enough for exact products and aligned sums before rounding.
private struct Wide: Comparable {
    var high: UInt128
    var low: UInt128

    init(high: UInt128, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// The full product `a × b`.
    init(_ a: UInt128, times b: UInt128) {
        (high, low) = a.multipliedFullWidth(by: b)
    }

    var isZero: Bool { high == 0 && low == 0 }

    /// The sum; operands here are below 10^54, far from 2^256.
    func adding(_ other: Wide) -> Wide {
        let (low, carry) = low.addingReportingOverflow(other.low)
        return Wide(high: high &+ other.high &+ (carry ? 1 : 0), low: low)
    }

    /// The difference; `other` must not be larger.
    func subtracting(_ other: Wide) -> Wide {
        let (low, borrow) = low.subtractingReportingOverflow(other.low)
        return Wide(high: high &- other.high &- (borrow ? 1 : 0), low: low)
    }

    static func < (a: Wide, b: Wide) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}

/// Why an exact decimal operation has no result.
public enum ArithmeticError: Error, Sendable, Hashable {
    /// The integer part needs more than 35 digits.
    case overflow
    case divisionByZero
}
