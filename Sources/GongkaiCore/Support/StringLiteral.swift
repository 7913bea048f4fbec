extension String {
    /// The text as a double-quoted string literal in JSON's syntax: `"`, `\` and control characters escaped
    /// (`\n`, `\r`, `\t`, else `\u001B`), everything else as is. The one escaper of quoted text for JSON output
    /// and the workbook file's strings (whose reader takes the same escapes).
    ///
    /// ```swift
    /// "a\"b\n".quotedLiteral  // "\"a\\\"b\\n\""
    /// ```
    public var quotedLiteral: String {
        var out = "\""
        out.reserveCapacity(utf8.count + 2)
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
