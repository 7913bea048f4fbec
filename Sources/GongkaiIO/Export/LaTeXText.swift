/// Turns arbitrary text into LaTeX that typesets exactly that text and can do nothing else.
///
/// Every character with a special category code (`\ { } $ & # ^ _ % ~`) becomes a command or an escaped character,
/// so no control sequence can be formed from input: `\input{/etc/passwd}` or `\write18{…}` print as text, `^^5c`
/// cannot build a backslash, `%` cannot comment out the rest of a line. Line breaks and other control characters
/// become spaces or disappear (a line break must not end a `%` comment or a paragraph early). Pairs that TeX
/// fonts turn into ligatures (`--`, `''`, `!``, `,,`, `<<`) are split with `{}` so the text prints literally.
enum LaTeXText {
    /// Characters that start or end a TeX-ligature pair.
    private static let ligatureCharacters: Set<Unicode.Scalar> = ["-", ",", "<", ">", "'", "`", "!", "?"]

    static func escape(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "_", "%": out += "\\" + String(scalar)
            case "^": out += "\\textasciicircum{}"
            case "~": out += "\\textasciitilde{}"
            case "'": out += "\\textquotesingle{}"
            case "`": out += "\\textasciigrave{}"
            case "\n", "\r", "\t", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": out += " "
            default:
                // C0/C1 controls and DEL have no glyph and odd category codes: drop them.
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
                if ligatureCharacters.contains(scalar), i + 1 < scalars.count,
                    ligatureCharacters.contains(scalars[i + 1])
                {
                    out += "{}"
                }
            }
        }
        return out
    }

    /// Prose: paragraphs (separated by line breaks) escaped and separated by blank lines.
    static func paragraphs(_ text: String) -> String {
        text.paragraphs.map(escape).joined(separator: "\n\n")
    }
}
