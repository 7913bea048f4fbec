/// Splits a dot-command's arguments into words: blanks separate, `"…"` or `'…'` quote a word with blanks in it.
enum ArgumentWords {
    /// The words of `text`; an unterminated quote runs to the end of the text.
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character? = nil
        for character in text {
            if let q = quote {
                if character == q { quote = nil } else { word.append(character) }
                continue
            }
            if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character.isWhitespace {
                if inWord { words.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// Splits a `-c` command string into statements at `;` and newlines outside quotes and parentheses.
    static func splitCommands(_ text: String) -> [String] {
        var parts: [String] = []
        var part = ""
        var depth = 0
        var quote: Character? = nil
        for character in text {
            if let q = quote {
                if character == q { quote = nil }
                part.append(character)
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                part.append(character)
            case "(":
                depth += 1
                part.append(character)
            case ")":
                depth -= 1
                part.append(character)
            case ";" where depth <= 0, "\n" where depth <= 0:
                parts.append(part)
                part = ""
            default: part.append(character)
            }
        }
        parts.append(part)
        return parts.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
    }
}
