extension String {
    /// Newlines and tabs shown as spaces, for one-line previews of prose; other control characters escaped (see
    /// ``escapingControls(keepingLineBreaks:)``).
    func replacingNewlines() -> String {
        escapingControls(keepingLineBreaks: false)
    }

    /// The text made safe to print on a terminal: the one place the shell renders user text (values, file names,
    /// statements in error messages). A text value read from a workbook file or a report can hold control codes
    /// (ESC sequences that move the cursor, retitle the window or clear the screen); each is shown escaped as
    /// `\x1B`, and the bidirectional overrides that reorder what is seen as `\u{202E}`. Line breaks and tabs stay
    /// when `keepingLineBreaks` (a multi-line text printed whole), else they become spaces (one-line previews).
    func escapingControls(keepingLineBreaks: Bool = true) -> String {
        guard unicodeScalars.contains(where: { Self.needsEscape($0) }) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar {
            case "\n", "\t": out.append(keepingLineBreaks ? scalar : " ")
            case "\r": if !keepingLineBreaks { out.append(" ") }  // CRLF stays one line break
            default:
                if Self.needsEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    let shown =
                        scalar.value < 0x100
                        ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
                    out.append(contentsOf: shown.unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// C0 and C1 controls, DEL, and the bidirectional embedding, override and isolate controls.
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
