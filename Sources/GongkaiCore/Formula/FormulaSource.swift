/// Formula text as the lexer reads it: one byte code per Character, and the Characters themselves when needed.
///
/// Each Character is coded once: its ASCII value, a space for any Unicode whitespace, ``other`` for the rest.
/// Comparing Characters and asking their Unicode properties dominated parse time; so did splitting into Characters,
/// which pure ASCII text (the usual formula) skips: there a byte is a Character.
struct FormulaSource {
    /// The code of a non-ASCII Character that is not whitespace.
    static let other: UInt8 = 0xFF
    /// The code of a Han ideograph, which names may hold (`洪泽区_2023.t3.total.total`).
    static let han: UInt8 = 0xFE

    let codes: [UInt8]
    /// `nil` when every Character is a single ASCII byte.
    private let characters: [Character]?

    init(_ source: String) {
        // `\r\n` is one Character in two bytes: such text takes the general path.
        var ascii = true
        var previous: UInt8 = 0
        for byte in source.utf8 {
            if byte >= 0x80 || (previous == UInt8(ascii: "\r") && byte == UInt8(ascii: "\n")) {
                ascii = false
                break
            }
            previous = byte
        }
        if ascii {
            codes = Array(source.utf8)
            characters = nil
        } else {
            let characters = Array(source)
            codes = characters.map {
                $0.asciiValue
                    ?? ($0.isWhitespace
                        ? UInt8(ascii: " ") : NameSyntax.isHan($0) ? FormulaSource.han : FormulaSource.other)
            }
            self.characters = characters
        }
    }

    /// The number of Characters.
    var count: Int { codes.count }

    /// The Character at `offset`.
    func character(at offset: Int) -> Character {
        characters?[offset] ?? Character(Unicode.Scalar(codes[offset]))
    }

    /// The text of the Characters in `range`.
    func text(_ range: Range<Int>) -> String {
        guard let characters else { return String(decoding: codes[range], as: UTF8.self) }
        return String(characters[range])
    }
}
