import GongkaiCore

/// A horizontal bar chart for the terminal: a row per label with its exact value, fitted to a width.
///
/// Every line is at most `width` columns (measured by display width, CJK characters two). Labels form one column
/// padded by display width, so every bar starts at the same column; a label wider than a third of the width is cut
/// with `…`. A bar is `█` per whole column and one of `▏▎▍▌▋▊▉` for the remaining eighths (``BarScale`` in eighths
/// of a column), then the value exactly as the ranking holds it. A value other than 0 is at least `▏`.
///
/// Negative values (a `yoy` growth) are drawn from a zero axis `│`: positive bars to the right of it, negative bars to
/// the left, ending in `▐` for a remaining half column (the terminal has no finer block growing leftwards), with the
/// value after the axis. Values without a number are listed after the bars with their reason, never as a bar of 0.
///
/// ```
/// 淮安市_2024       ████████████████████████████████████████████████████ 3153
/// 淮安市洪泽区_2024 █▋ 95
/// 上犹县政府办_2023 ▏ 7
/// 洪泽区_2023       -  no previous year of this body loaded
/// ```
public struct BarChart: Sendable {
    /// A labelled value; nil `value` is an empty one, shown with its `reason`.
    public struct Row: Sendable, Hashable {
        /// What the bar stands for (a report's name).
        public var label: String
        /// The exact value; nil when the metric is empty for this label.
        public var value: DecimalNumber?
        /// Why the value is empty.
        public var reason: String?

        /// A bar.
        public init(label: String, value: DecimalNumber) {
            self.label = label
            self.value = value
            reason = nil
        }

        /// An empty value with its reason.
        public init(label: String, reason: String) {
            self.label = label
            value = nil
            self.reason = reason
        }
    }

    /// The rows in the order drawn; empty ones are listed after the bars whatever their place.
    public var rows: [Row]
    /// The columns the chart may occupy.
    public var width: Int

    /// A chart of `rows` fitted to `width` columns.
    public init(rows: [Row], width: Int) {
        self.rows = rows
        self.width = width
    }

    /// The partial blocks for 1…7 eighths of a column.
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The chart's lines, none wider than `width`.
    public func lines() -> [String] {
        let bars = rows.compactMap { row in row.value.map { (row.label, $0) } }
        let empty = rows.filter { $0.value == nil }
        let values = bars.map(\.1)
        let texts = values.map(\.description)
        let valueWidth = texts.map(displayWidth).max() ?? 1
        let widest = rows.map { displayWidth($0.label) }.max() ?? 0
        let labelWidth = min(widest, max(width / 3, 4))
        let negative = values.contains { $0.isNegative }
        // Label, a space, the bar area (with the axis column when it has one), a space, the value.
        let area = max(width - labelWidth - 2 - valueWidth - (negative ? 1 : 0), 1)
        let scale = BarScale(values, units: area * 8)
        let axisColumn = negative ? (scale.axis + 7) / 8 : 0
        let head = { (label: String) in TextLayout.padRight(TextLayout.truncate(label, labelWidth), labelWidth) + " " }
        var lines: [String] = []
        for ((label, value), text) in zip(bars, texts) {
            let start = head(label)
            let length = scale.span(of: value).length
            if !negative {
                lines.append(start + BarChart.bar(eighths: length) + " " + text)
            } else if value.isNegative {
                // Halves, right-aligned against the axis.
                let halves = max((length + 2) / 4, 1)
                let drawn = (halves % 2 == 1 ? "▐" : "") + String(repeating: "█", count: halves / 2)
                let lead = String(repeating: " ", count: max(axisColumn - displayWidth(drawn), 0))
                lines.append(start + lead + drawn + "│ " + text)
            } else {
                let room = (area - axisColumn) * 8
                let lead = String(repeating: " ", count: axisColumn)
                lines.append(start + lead + "│" + BarChart.bar(eighths: min(length, room)) + " " + text)
            }
        }
        for row in empty {
            lines.append(TextLayout.truncate(head(row.label) + "-  " + (row.reason ?? "empty"), width))
        }
        return lines.map { $0.trimmingTrailingBlanks() }
    }

    /// `length` eighths of a column: whole blocks and the partial block for the rest.
    static func bar(eighths length: Int) -> String {
        var bar = String(repeating: "█", count: length / 8)
        if length % 8 > 0 { bar.append(eighths[length % 8 - 1]) }
        return bar
    }
}
