extension Diagnostic {
    /// The diagnostic with the offending source line and a caret under its span, then its help.
    ///
    /// `source` is the line the span refers to (or the whole text when ``line`` is set; the line is then picked out).
    /// The caret is placed by ``displayWidth(_:)``, so Chinese text before it counts two columns; a tab stays a tab.
    ///
    /// ```
    /// error[F020]: unknown name 't3.totl.natural' at column 9
    ///   | "自然人" & t3.totl.natural
    ///   |            ^^^^^^^^^^^^^^^
    ///   = help: did you mean 't3.total.natural'?
    /// ```
    public func rendered(source: String) -> String {
        var lines = [headline]
        if let span {
            let text = sourceLine(in: source)
            lines.append("  | " + text)
            lines.append("  | " + span.caret(in: Array(text)))
        }
        if let help { lines.append("  = help: " + help) }
        return lines.joined(separator: "\n")
    }

    /// The line the span refers to: `source` itself, or its ``line``-th line when one is set.
    private func sourceLine(in source: String) -> Substring {
        // `\r\n` is one Character, so splitting on Characters that are newlines handles every convention.
        let all = source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let index = (line ?? 1) - 1
        return all.indices.contains(index) ? all[index] : ""
    }
}

extension SourceSpan {
    /// The caret line under this span of `characters`: blanks as wide as the text before the span (a tab stays a
    /// tab), then one `^` per display column of the span, at least one. The one caret renderer: formula diagnostics
    /// and the shell's statement errors both draw with it.
    public func caret(in characters: [Character]) -> String {
        let start = min(self.start, characters.count)
        let end = min(max(self.end, start), characters.count)
        var text = ""
        for character in characters[..<start] {
            text += character == "\t" ? "\t" : String(repeating: " ", count: displayWidth(of: character))
        }
        let width = characters[start..<end].reduce(0) { $0 + displayWidth(of: $1) }
        return text + String(repeating: "^", count: max(1, width))
    }
}
