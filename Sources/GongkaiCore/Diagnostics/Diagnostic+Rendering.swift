extension Diagnostic {
    /// The diagnostic with the offending source line and a caret under its span.
    ///
    /// `source` is the line the span refers to (or the whole text when ``line`` is set; the line is then picked out).
    /// The caret is placed by ``displayWidth(_:)``, so Chinese text before it counts two columns; a tab stays a tab.
    ///
    /// ```
    /// error[F001]: unexpected '@' at column 8
    ///   | "自然人" + @
    ///   |           ^
    /// ```
    public func rendered(source: String) -> String {
        var lines = [description]
        guard let span else { return lines.joined(separator: "\n") }
        let text = sourceLine(in: source)
        let characters = Array(text)
        let start = min(span.start, characters.count)
        let end = min(max(span.end, start), characters.count)
        var padding = ""
        for character in characters[..<start] {
            padding += character == "\t" ? "\t" : String(repeating: " ", count: displayWidth(of: character))
        }
        let width = characters[start..<end].reduce(0) { $0 + displayWidth(of: $1) }
        lines.append("  | " + text)
        lines.append("  | " + padding + String(repeating: "^", count: max(1, width)))
        return lines.joined(separator: "\n")
    }

    /// The line the span refers to: `source` itself, or its ``line``-th line when one is set.
    private func sourceLine(in source: String) -> Substring {
        let all = source.split(separator: "\n", omittingEmptySubsequences: false)
        let index = (line ?? 1) - 1
        guard all.indices.contains(index) else { return line == nil ? Substring(source) : "" }
        let text = all[index]
        return text.last == "\r" ? text.dropLast() : text
    }
}
