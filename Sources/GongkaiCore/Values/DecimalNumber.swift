/// An exact decimal number: `significand × 10^-scale`, with at most 18 fraction digits.
///
/// Counts are decimals with scale 0; the fee in 万元 carries up to 6 fraction digits (24252.311082). Arithmetic is
/// exact (`0.1 + 0.2 == 0.3`); a result that does not fit is an ``ArithmeticError``, never a trap or a rounded binary
/// float. Values are kept normalised (no trailing fraction zeros), so equal numbers are equal and hash alike.
public struct DecimalNumber: Sendable, Hashable, Comparable {
    /// The most fraction digits a value keeps; division rounds to this many (half to even).
    public static let maxScale = 18
    /// The largest magnitude of a significand; one more digit would not multiply safely.
    static let limit: Int128 = 99_999_999_999_999_999_999_999_999_999_999_999  // 10^35 - 1

    public private(set) var significand: Int128
    public private(set) var scale: Int8

    public static let zero = DecimalNumber(0)
    public static let one = DecimalNumber(1)

    /// An integer.
    public init(_ value: Int) {
        significand = Int128(value)
        scale = 0
    }

    /// `significand × 10^-scale`, normalised; `nil` when it does not fit.
    public init?(significand: Int128, scale: Int) {
        guard let value = try? DecimalNumber.make(significand, scale: scale) else { return nil }
        self = value
    }

    private init(normalised significand: Int128, scale: Int8) {
        self.significand = significand
        self.scale = scale
    }

    /// Parses plain decimal notation: optional sign, digits, optional `.` and fraction digits (`-12`, `24252.311082`).
    /// Thousands separators, full-width digits and the like are the importer's business, not this parser's.
    public init?(_ text: some StringProtocol) {
        var significand: Int128 = 0
        var scale = 0
        var negative = false
        var sawDigit = false
        var sawPoint = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0: negative = true
            case UInt8(ascii: "+") where offset == 0: break
            case UInt8(ascii: ".") where !sawPoint: sawPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                significand = significand * 10 + Int128(byte - UInt8(ascii: "0"))
                if sawPoint { scale += 1 }
                guard significand <= DecimalNumber.limit, scale <= DecimalNumber.maxScale else { return nil }
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        self.init(significand: negative ? -significand : significand, scale: scale)
    }

    /// Whether the value has no fraction.
    public var isInteger: Bool { scale == 0 }
    public var isNegative: Bool { significand < 0 }
    public var isZero: Bool { significand == 0 }

    /// The value as an `Int`, if it is an integer that fits.
    public var intValue: Int? {
        guard scale == 0, let value = Int(exactly: significand) else { return nil }
        return value
    }

    public static func < (a: DecimalNumber, b: DecimalNumber) -> Bool {
        if a.scale == b.scale { return a.significand < b.significand }
        // Align on the larger scale; both are below 10^35 and the shift is at most 18 digits, so Int128 may overflow:
        // compare integer parts first, then fractions.
        let (aInt, aFrac) = a.significand.quotientAndRemainder(dividingBy: pow10(Int(a.scale)))
        let (bInt, bFrac) = b.significand.quotientAndRemainder(dividingBy: pow10(Int(b.scale)))
        if aInt != bInt { return aInt < bInt }
        let s = max(a.scale, b.scale)
        return aFrac * pow10(Int(s - a.scale)) < bFrac * pow10(Int(s - b.scale))
    }

    // MARK: Arithmetic

    public func adding(_ other: DecimalNumber) throws(ArithmeticError) -> DecimalNumber {
        if scale == other.scale {
            return try DecimalNumber.make(significand + other.significand, scale: Int(scale))  // both < 10^35: no overflow
        }
        let s = max(scale, other.scale)
        let a = try DecimalNumber.scaled(significand, by: Int(s - scale))
        let b = try DecimalNumber.scaled(other.significand, by: Int(s - other.scale))
        return try DecimalNumber.make(a + b, scale: Int(s))
    }

    public func subtracting(_ other: DecimalNumber) throws(ArithmeticError) -> DecimalNumber {
        try adding(other.negated())
    }

    public func multiplying(_ other: DecimalNumber) throws(ArithmeticError) -> DecimalNumber {
        let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
        guard !overflow else { throw .overflow }
        return try DecimalNumber.make(product, scale: Int(scale) + Int(other.scale))
    }

    /// The quotient, rounded half to even at 18 fraction digits.
    public func dividing(by other: DecimalNumber) throws(ArithmeticError) -> DecimalNumber {
        guard !other.isZero else { throw .divisionByZero }
        if isZero { return .zero }
        // value = (a / b) × 10^(other.scale - scale); long division gives a / b to enough digits.
        let negative = (significand < 0) != (other.significand < 0)
        let a = significand.magnitude
        let b = other.significand.magnitude
        let shift = Int(other.scale) - Int(scale)
        let digits = max(0, DecimalNumber.maxScale + 1 + shift)
        var (quotient, remainder) = a.quotientAndRemainder(dividingBy: b)
        for _ in 0..<digits {
            let (q10, o1) = quotient.multipliedReportingOverflow(by: 10)
            let (r10, o2) = remainder.multipliedReportingOverflow(by: 10)
            guard !o1, !o2 else { throw .overflow }
            let (digit, rest) = r10.quotientAndRemainder(dividingBy: b)
            quotient = q10 + digit
            remainder = rest
        }
        guard quotient <= UInt128(Int128.max) else { throw .overflow }
        let signed = negative ? -Int128(quotient) : Int128(quotient)
        // A non-zero remainder means the true value lies just above `quotient`: round with that knowledge.
        return try DecimalNumber.make(signed, scale: digits - shift, sticky: remainder != 0)
    }

    public func negated() -> DecimalNumber { DecimalNumber(normalised: -significand, scale: scale) }
    public var magnitude: DecimalNumber { isNegative ? negated() : self }

    /// Rounded to `places` fraction digits, half away from zero (as spreadsheets' ROUND); negative `places` round to
    /// tens, hundreds, ….
    public func rounded(places: Int) throws(ArithmeticError) -> DecimalNumber {
        let places = min(max(places, -35), DecimalNumber.maxScale)
        guard places < Int(scale) else { return self }
        let divisor = DecimalNumber.pow10(Int(scale) - places)
        var (q, r) = significand.quotientAndRemainder(dividingBy: divisor)
        if r.magnitude * 2 >= divisor.magnitude { q += significand < 0 ? -1 : 1 }
        return try DecimalNumber.make(q, scale: places)
    }

    /// Rounded down to an integer (toward −∞).
    public func floor() -> DecimalNumber {
        guard scale > 0 else { return self }
        var (q, r) = significand.quotientAndRemainder(dividingBy: DecimalNumber.pow10(Int(scale)))
        if r < 0 { q -= 1 }
        return DecimalNumber(normalised: q, scale: 0)
    }

    // MARK: Construction helpers

    static func pow10(_ n: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<n { result *= 10 }
        return result
    }

    private static func scaled(_ value: Int128, by digits: Int) throws(ArithmeticError) -> Int128 {
        let (result, overflow) = value.multipliedReportingOverflow(by: pow10(digits))
        guard !overflow else { throw .overflow }
        return result
    }

    /// Normalises `significand × 10^-scale`: strips fraction zeros, rounds half to even beyond 18 digits (`sticky` says
    /// the true value is a little beyond `significand`), and checks the magnitude.
    static func make(_ significand: Int128, scale: Int, sticky: Bool = false) throws(ArithmeticError) -> DecimalNumber {
        var significand = significand
        var scale = scale
        if scale < 0 {
            significand = try scaled(significand, by: -scale)
            scale = 0
        }
        if scale > maxScale {
            let divisor = pow10(scale - maxScale)
            var (q, r) = significand.quotientAndRemainder(dividingBy: divisor)
            let twice = r.magnitude * 2
            let half = divisor.magnitude
            if twice > half || (twice == half && (sticky || q % 2 != 0)) { q += significand < 0 ? -1 : 1 }
            significand = q
            scale = maxScale
        }
        while scale > 0, significand % 10 == 0 {
            significand /= 10
            scale -= 1
        }
        guard significand.magnitude <= limit.magnitude else { throw .overflow }
        return DecimalNumber(normalised: significand, scale: Int8(scale))
    }
}

extension DecimalNumber: CustomStringConvertible {
    /// Plain decimal notation, no exponent, no trailing fraction zeros: `24252.311082`, `-3`, `0.5`.
    public var description: String {
        let digits = String(significand.magnitude)
        let sign = significand < 0 ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let s = Int(scale)
        let padded = digits.count <= s ? String(repeating: "0", count: s - digits.count + 1) + digits : digits
        let point = padded.index(padded.endIndex, offsetBy: -s)
        return sign + padded[..<point] + "." + padded[point...]
    }
}

extension DecimalNumber: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

/// Why an exact decimal operation has no result.
public enum ArithmeticError: Error, Sendable, Hashable {
    case overflow
    case divisionByZero
}
