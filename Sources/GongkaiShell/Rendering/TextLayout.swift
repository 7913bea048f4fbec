import GongkaiCore

/// Terminal text layout by display width (CJK characters occupy two columns).
enum TextLayout {
    /// `text` padded with spaces on the right to `width` columns.
    static func padRight(_ text: String, _ width: Int) -> String {
        let w = displayWidth(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }

    /// `text` padded with spaces on the left to `width` columns.
    static func padLeft(_ text: String, _ width: Int) -> String {
        let w = displayWidth(text)
        return w >= width ? text : String(repeating: " ", count: width - w) + text
    }

    /// Rows as aligned columns by display width, `gap` apart, trailing blanks trimmed: the columns in
    /// `rightAligned` (numbers) padded on the left, the others on the right.
    ///
    /// `fitting` (a width, a column and its least width) narrows that column — its cells cut with `…` — so that the
    /// lines fit the width, as far as the least width allows.
    static func columns(
        _ rows: [[String]], rightAligned: Set<Int> = [], gap: String = " ",
        fitting: (width: Int, column: Int, least: Int)? = nil
    ) -> [String] {
        // Each cell's width once (padding measured it again, and joining built every cell's padded copy).
        var cellWidths = rows.map { $0.map(displayWidth) }
        var widths: [Int] = []
        for row in cellWidths {
            for (i, width) in row.enumerated() {
                if i == widths.count { widths.append(0) }
                widths[i] = max(widths[i], width)
            }
        }
        var rows = rows
        if let fitting, widths.indices.contains(fitting.column) {
            let total = widths.reduce(0, +) + displayWidth(gap) * (widths.count - 1)
            let narrowed = max(fitting.least, widths[fitting.column] - max(0, total - fitting.width))
            if narrowed < widths[fitting.column] {
                widths[fitting.column] = narrowed
                for r in rows.indices where rows[r].indices.contains(fitting.column) {
                    rows[r][fitting.column] = truncate(rows[r][fitting.column], narrowed)
                    cellWidths[r][fitting.column] = displayWidth(rows[r][fitting.column])
                }
            }
        }
        // Each line assembled as bytes: the cells padded as ``padLeft(_:_:)`` and ``padRight(_:_:)`` pad them.
        return rows.indices.map { r in
            var line = TextBuilder(capacity: 128)
            for (i, cell) in rows[r].enumerated() {
                if i > 0 { line.append(gap) }
                let pad = widths[i] - cellWidths[r][i]
                if rightAligned.contains(i) {
                    line.append(spaces: pad)
                    line.append(cell)
                } else {
                    line.append(cell)
                    line.append(spaces: pad)
                }
            }
            return line.text.trimmingTrailingBlanks().replacingNewlines()
        }
    }

    /// `text` centred in `width` columns (extra space goes to the right).
    static func center(_ text: String, _ width: Int) -> String {
        let w = displayWidth(text)
        guard w < width else { return text }
        let left = (width - w) / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: width - w - left)
    }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    static func truncate(_ text: String, _ width: Int) -> String {
        guard displayWidth(text) > width else { return text }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var result = ""
        var used = 0
        for character in text {
            let w = displayWidth(of: character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// `text` broken into a first line of at most `first` columns and further lines of at most `rest` columns.
    static func wrap(_ text: String, first: Int, rest: Int) -> [String] {
        let lines = wrap(text, first)
        guard lines.count > 1, rest < first else { return lines }
        let head = lines[0]
        let remainder = String(text.dropFirst(head.count)).trimmingBlanks()
        return [head] + wrap(remainder, rest)
    }

    /// `text` broken into lines of at most `width` columns. Breaks at spaces where it can, anywhere in CJK text; a
    /// single character wider than `width` still gets its own line.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        let width = max(width, 1)
        guard displayWidth(text) > width else { return [text] }
        var lines: [String] = []
        var line = ""
        var used = 0
        var lastSpace: String.Index? = nil
        for character in text {
            let w = displayWidth(of: character)
            if used + w > width, !line.isEmpty {
                if character != " ", let space = lastSpace {
                    // Move the word after the last space to the next line.
                    let head = String(line[..<space])
                    let tail = String(line[line.index(after: space)...])
                    lines.append(head)
                    line = tail
                    used = displayWidth(tail)
                } else {
                    lines.append(line)
                    line = ""
                    used = 0
                }
                lastSpace = nil
                if character == " " { continue }
            }
            if character == " " { lastSpace = line.endIndex }
            line.append(character)
            used += w
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
