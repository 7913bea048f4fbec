/// Writes RFC 4180 records: fields with `,` `"` CR or LF are quoted, inner quotes doubled.
///
/// Text fields are guarded against formula injection: a field a spreadsheet would execute (starting with `=`, `+`,
/// `-`, `@`, tab or CR) gets a leading `'`. Numbers are written as they are, so `-3` stays the number -3.
public struct CSVWriter {
    /// A field of a record.
    public enum Field: Hashable {
        /// Free text: guarded, then quoted as needed.
        case text(String)
        /// A number in plain decimal notation, written unguarded.
        case number(String)
    }

    /// The characters that make a spreadsheet read a cell as a formula or a command, as Unicode scalars: by
    /// Characters, `=` followed by a combining mark or a zero-width joiner would be one Character that is not `=`.
    static let formulaLeaders: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    let lineEnd: String
    /// The records written so far.
    public private(set) var output = ""

    /// `excel`: start with a UTF-8 byte-order mark and end lines with CRLF; otherwise LF.
    public init(excel: Bool) {
        lineEnd = excel ? "\r\n" : "\n"
        if excel { output = "\u{FEFF}" }
    }

    /// A text field made safe to open in a spreadsheet.
    static func guarded(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaLeaders.contains(first) else { return text }
        return "'" + text
    }

    /// A field quoted when RFC 4180 requires it.
    static func quoted(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text {
            quoted.append(character == "\"" ? "\"\"" : String(character))
        }
        return quoted + "\""
    }

    static func encode(_ field: Field) -> String {
        switch field {
        case .text(let text): quoted(guarded(text))
        case .number(let text): quoted(text)
        }
    }

    /// Appends one record.
    public mutating func append(_ fields: [Field]) {
        output += fields.map(CSVWriter.encode).joined(separator: ",") + lineEnd
    }

    /// Appends an empty line (a separator between blocks).
    mutating func appendBlankLine() {
        output += lineEnd
    }
}
