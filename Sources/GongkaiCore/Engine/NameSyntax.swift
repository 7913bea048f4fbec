/// The characters of names: the one owner of what a name segment may hold, for the lexer, the engine's name checks
/// and the shell's statement splitting.
///
/// A segment starts with a letter or `_` and goes on with letters, digits and `_`. Letters are ASCII letters and Han
/// ideographs, so a report can be named after its body (`洪泽区_2023.t3.total.total`); template cells stay ASCII.
public enum NameSyntax {
    /// A Han ideograph (CJK Unified Ideographs and their extensions, compatibility ideographs).
    public static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x2E80 && scalar.properties.isIdeographic
    }

    /// A Character that is one Han ideograph.
    public static func isHan(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        return scalars.count == 1 && scalars.first.map(isHan) == true
    }

    /// Whether `character` may start a segment: an ASCII letter, `_` or a Han ideograph.
    public static func startsSegment(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return (ascii | 0x20) >= UInt8(ascii: "a") && (ascii | 0x20) <= UInt8(ascii: "z")
                || ascii == UInt8(ascii: "_")
        }
        return isHan(character)
    }

    /// Whether `character` may continue a segment: a start character or an ASCII digit.
    public static func continuesSegment(_ character: Character) -> Bool {
        startsSegment(character) || (character.asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false)
    }

    /// Whether `text` is one segment of an engine name: lower-case ASCII letters, Han ideographs, digits and `_`,
    /// not starting with a digit.
    public static func isIdentifier(_ text: some StringProtocol) -> Bool {
        isIdentifier(scalarsOf: text)
    }

    /// ``isIdentifier(_:)`` for a string: its ASCII bytes checked as bytes, through a span of its storage (the
    /// usual name, as `a41` of a chain of definitions); the first other byte hands it to the scalars' check.
    public static func isIdentifier(_ text: String) -> Bool {
        let bytes = text.utf8.span
        for i in bytes.indices {
            let byte = bytes[i]
            guard byte < 0x80 else { return isIdentifier(scalarsOf: text) }
            let letter = (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            guard letter || (i > 0 && byte >= 0x30 && byte <= 0x39) else { return false }
        }
        return !bytes.isEmpty
    }

    /// ``isIdentifier(_:)`` scalar by scalar.
    private static func isIdentifier(scalarsOf text: some StringProtocol) -> Bool {
        var first = true
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let letter = (0x61...0x7A).contains(v) || v == 0x5F || isHan(scalar)
            guard letter || (!first && (0x30...0x39).contains(v)) else { return false }
            first = false
        }
        return !first
    }
}
