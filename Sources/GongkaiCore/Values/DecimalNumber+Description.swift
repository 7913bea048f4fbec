extension DecimalNumber: CustomStringConvertible {
    /// Plain decimal notation, no exponent, no trailing fraction zeros: `24252.311082`, `-3`, `0.5`.
    public var description: String {
        if scale == 0, let word = smallInteger { return String(word) }  // counts: one-word formatting
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
    /// An integer literal.
    public init(integerLiteral value: Int) { self.init(value) }
}
