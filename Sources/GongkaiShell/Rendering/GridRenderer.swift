import GongkaiCore

/// Lays a `Grid` out in a given number of terminal columns: value columns as narrow as their values allow (at least
/// 4, two CJK characters), header labels wrapped to their span, long row labels wrapped, and — when the columns still
/// do not fit — the value columns split into several blocks, each repeating the row labels.
struct GridRenderer {
    var width: Int = 80
    /// The narrowest a value column gets (two CJK characters).
    static let minimumColumnWidth = 4
    /// The narrowest the label column gets before columns are split into blocks.
    static let minimumLabelWidth = 20

    /// The rendered lines (no trailing blanks).
    func render(_ grid: Grid) -> [String] {
        let leaves = grid.leaves
        guard !leaves.isEmpty else { return [] }
        let valueWidths = leaves.indices.map { column in
            grid.rows.reduce(GridRenderer.minimumColumnWidth) { widest, row in
                guard let values = row.values, column < values.count else { return widest }
                return max(widest, displayWidth(values[column]) + (row.marks[column] ? 1 : 0))
            }
        }
        let labelNeeded =
            grid.hasLabels
            ? max(
                grid.rows.map { 2 * $0.depth + displayWidth($0.label) }.max() ?? 0,
                min(displayWidth(grid.corner ?? ""), 24)) : 0
        // Pick the widest gap that fits, then split into blocks if even gap 1 does not fit.
        for gap in [2, 1] {
            let labelWidth =
                grid.hasLabels
                ? min(
                    labelNeeded,
                    max(
                        GridRenderer.minimumLabelWidth,
                        width - gap
                            - total(valueWidths, gap: gap))) : 0
            if (grid.hasLabels ? labelWidth + gap : 0) + total(valueWidths, gap: gap) <= width {
                return block(
                    grid, columns: Array(leaves.indices), valueWidths: valueWidths, labelWidth: labelWidth,
                    gap: gap)
            }
        }
        // Split: fill blocks greedily with gap 2, each block repeating the labels.
        let labelWidth = grid.hasLabels ? min(labelNeeded, max(GridRenderer.minimumLabelWidth, width / 3)) : 0
        var blocks: [[Int]] = [[]]
        var used = grid.hasLabels ? labelWidth : -2
        for column in leaves.indices {
            if used + 2 + valueWidths[column] > width, !(blocks.last ?? []).isEmpty {
                blocks.append([])
                used = grid.hasLabels ? labelWidth : -2
            }
            blocks[blocks.count - 1].append(column)
            used += 2 + valueWidths[column]
        }
        var lines: [String] = []
        for (n, columns) in blocks.enumerated() {
            if n > 0 { lines.append("") }
            lines += block(grid, columns: columns, valueWidths: valueWidths, labelWidth: labelWidth, gap: 2)
        }
        return lines
    }

    private func total(_ widths: [Int], gap: Int) -> Int {
        widths.reduce(0, +) + gap * max(0, widths.count - 1)
    }

    /// One block of value columns with the label column on the left.
    private func block(_ grid: Grid, columns: [Int], valueWidths allWidths: [Int], labelWidth: Int, gap: Int)
        -> [String]
    {
        let leaves = grid.leaves
        let keys = Set(columns.map { leaves[$0].key })
        let header = Grid.prune(grid.header, keeping: keys)
        var widths = columns.map { allWidths[$0] }
        // Spare room widens the columns so that no header label wraps — all of them or none, to keep the header even.
        let spare = width - (grid.hasLabels ? labelWidth + gap : 0) - total(widths, gap: gap)
        let wanted = columns.enumerated().map { i, column in max(0, displayWidth(leaves[column].label) - widths[i]) }
        if wanted.reduce(0, +) <= spare {
            for i in widths.indices { widths[i] += wanted[i] }
        }
        let separator = String(repeating: " ", count: gap)
        var lines = headerLines(header, widths: widths, gap: gap)
        // The corner text sits in the label column of the header lines, top-aligned.
        if grid.hasLabels {
            let corner = grid.corner.map { TextLayout.wrap($0, labelWidth) } ?? []
            while lines.count < corner.count { lines.append(String(repeating: " ", count: total(widths, gap: gap))) }
            lines = lines.enumerated().map { i, text in
                TextLayout.padRight(i < corner.count ? corner[i] : "", labelWidth) + separator + text
            }
        }
        let ruleWidth = (grid.hasLabels ? labelWidth + gap : 0) + total(widths, gap: gap)
        lines.append(String(repeating: "-", count: ruleWidth))
        for row in grid.rows {
            let indent = String(repeating: " ", count: 2 * row.depth)
            // Continuation lines of a wrapped label are indented two more columns.
            let labelLines =
                grid.hasLabels
                ? TextLayout.wrap(
                    row.label, first: max(labelWidth - 2 * row.depth, 4), rest: max(labelWidth - 2 * row.depth - 2, 4)
                ).enumerated().map {
                    (n, text) in indent + (n == 0 ? "" : "  ") + text
                } : [""]
            for (n, labelLine) in labelLines.enumerated() {
                var line = grid.hasLabels ? TextLayout.padRight(labelLine, labelWidth) : ""
                if n == 0, let values = row.values {
                    let cells = columns.enumerated().map { i, column -> String in
                        let mark = row.marks[column] ? "!" : ""
                        return TextLayout.padLeft(values[column] + mark, widths[i])
                    }
                    line += (grid.hasLabels ? separator : "") + cells.joined(separator: separator)
                }
                lines.append(line.trimmingTrailingBlanks())
            }
        }
        return lines.map { $0.trimmingTrailingBlanks() }
    }

    /// The header tree drawn over columns of `widths`: group labels centred over their span, leaf labels wrapped to
    /// their column and aligned to the bottom, so each stands just above its numbers.
    private func headerLines(_ header: [HeaderNode], widths: [Int], gap: Int) -> [String] {
        struct Placed {
            var node: HeaderNode
            var level: Int
            var first: Int
            var span: Int
        }
        var placed: [Placed] = []
        var depth = 0
        func place(_ nodes: [HeaderNode], level: Int, first: Int) {
            var column = first
            for node in nodes {
                placed.append(Placed(node: node, level: level, first: column, span: node.span))
                depth = max(depth, level + 1)
                if case .group(_, let children) = node { place(children, level: level + 1, first: column) }
                column += node.span
            }
        }
        place(header, level: 0, first: 0)
        func spanWidth(_ p: Placed) -> Int { total(Array(widths[p.first..<(p.first + p.span)]), gap: gap) }
        // Heights per level: group labels at their level; leaves may use every level from theirs to the bottom.
        var heights = Array(repeating: 0, count: depth)
        var wrapped: [[String]] = placed.map { TextLayout.wrap($0.node.label, spanWidth($0)) }
        for (i, p) in placed.enumerated() {
            if case .group = p.node { heights[p.level] = max(heights[p.level], wrapped[i].count) }
        }
        for (i, p) in placed.enumerated() where isLeaf(p.node) {
            let available = heights[p.level...].reduce(0, +)
            if wrapped[i].count > available { heights[depth - 1] += wrapped[i].count - available }
        }
        let lineCount = heights.reduce(0, +)
        let top = heights.indices.map { heights[..<$0].reduce(0, +) }
        // grid[line][column] holds the text of the node starting at that column on that line, with its span.
        var cells = Array(repeating: [Int: (String, Int, Bool)](), count: lineCount)
        for (i, p) in placed.enumerated() {
            let leaf = isLeaf(p.node)
            let first = leaf ? lineCount - wrapped[i].count : top[p.level]
            if leaf, first < top[p.level] { wrapped[i] = Array(wrapped[i].suffix(lineCount - top[p.level])) }
            for (k, text) in wrapped[i].enumerated() {
                let line = max(first, top[p.level]) + k
                guard line < lineCount else { break }
                cells[line][p.first] = (text, p.span, leaf)
            }
        }
        return cells.map { line in
            var parts: [String] = []
            var column = 0
            while column < widths.count {
                if let (text, span, leaf) = line[column] {
                    let w = total(Array(widths[column..<(column + span)]), gap: gap)
                    parts.append(leaf ? TextLayout.padLeft(text, w) : TextLayout.center(text, w))
                    column += span
                } else {
                    parts.append(String(repeating: " ", count: widths[column]))
                    column += 1
                }
            }
            return parts.joined(separator: String(repeating: " ", count: gap))
        }
    }

    private func isLeaf(_ node: HeaderNode) -> Bool {
        if case .column = node { return true }
        return false
    }
}

extension HeaderNode {
    /// The column key of a leaf, or the label of a group.
    var key: String {
        switch self {
        case .column(let key, _): key
        case .group(let label, _): label
        }
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingTrailingBlanks() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
