import GongkaiCore

// Printed numbers and how values are quoted in messages.
extension ReportReader {
    /// A printed number: plain digits directly, anything with a point through the decimal parser.
    static func number(_ digits: [Unicode.Scalar]) -> DecimalNumber? {
        if digits.count <= 18 {
            var value = 0
            for d in digits {
                guard Tokenizer.isDigit(d) else { return DecimalNumber(String(scalars: digits)) }
                value = value * 10 + Int(d.value - 0x30)
            }
            return digits.isEmpty ? nil : DecimalNumber(value)
        }
        return DecimalNumber(String(scalars: digits))
    }

    /// Source text quoted in a message, cut to 60 characters.
    static func shortened(_ text: String) -> String { text.count > 60 ? String(text.prefix(60)) + "…" : text }

    static func list(_ values: [DecimalNumber]) -> String { values.map(\.description).joined(separator: ",") }
}
