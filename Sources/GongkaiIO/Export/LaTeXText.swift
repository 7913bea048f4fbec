/// Turns arbitrary text into LaTeX that typesets exactly that text and can do nothing else.
///
/// Every character with a special category code (`\ { } $ & # ^ _ % ~`) becomes a command or an escaped character,
/// so no control sequence can be formed from input: `\input{/etc/passwd}` or `\write18{…}` print as text, `^^5c`
/// cannot build a backslash, `%` cannot comment out the rest of a line. Line breaks and other control characters
/// become spaces or disappear (a line break must not end a `%` comment or a paragraph early). Pairs that TeX
/// fonts turn into ligatures (`--`, `''`, `!``, `,,`, `<<`) are split with `{}` so the text prints literally.
/// A run of more than ``longestUnbrokenRun`` characters with no place to break a line (letters, digits, a URL; CJK
/// characters break anywhere already) gets a stretchable break, ``runBreak``, after every ``runBreakInterval``
/// further characters: without it 1,000 letters in a row make xelatex stop with "This can't happen (vlistout)", and
/// breaks without stretch would leave lines running off the page.
enum LaTeXText {
    /// The most characters typeset without a line-break opportunity.
    static let longestUnbrokenRun = 20
    /// Characters between two breaks inside a longer run.
    static let runBreakInterval = 4
    /// A place to break a line, with a little stretch so that the line can be filled.
    static let runBreak = "\\hspace{0pt plus 0.25em}"

    /// Characters that start or end a TeX-ligature pair.
    private static let ligatureCharacters: Set<Unicode.Scalar> = ["-", ",", "<", ">", "'", "`", "!", "?"]

    static func escape(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        var run = 0
        for (i, scalar) in scalars.enumerated() {
            if breaksLine(scalar) {
                run = 0
            } else if !isMark(scalar) {
                // Never between a character and its combining marks.
                if run >= longestUnbrokenRun, (run - longestUnbrokenRun) % runBreakInterval == 0 { out += runBreak }
                run += 1
            }
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

    /// Whitespace and CJK characters, where TeX (with xeCJK) may break a line anyway.
    private static func breaksLine(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x20, 0x85, 0xA0, 0x2000...0x200B, 0x2028, 0x2029, 0x3000: true
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF: true
        default: false
        }
    }

    /// A combining mark (or a joiner), which belongs to the character before it.
    private static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: true
        default: false
        }
    }

    /// Prose: paragraphs (separated by line breaks) escaped and separated by blank lines.
    static func paragraphs(_ text: String) -> String {
        text.paragraphs.map(escape).joined(separator: "\n\n")
    }
}
