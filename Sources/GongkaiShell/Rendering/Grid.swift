import GongkaiCore

/// A table prepared for the terminal: a multi-level column header over value columns, and body lines of labels and
/// values. Rendering (`GridRenderer`) decides widths, wrapping and splitting to fit the terminal width.
struct Grid {
    /// A body line: a label-only group heading (`（三）不予公开`) or a data row.
    struct Row {
        var label: String
        /// Nesting depth of the label (indented two columns per level).
        var depth: Int
        /// One text per value column; `nil` for a group heading.
        var values: [String]?
        /// Per value column: whether the value is marked as part of a failing rule.
        var marks: [Bool]
    }

    /// The header tree; its leaves, in order, are the value columns.
    var header: [HeaderNode]
    /// The text above the label column (`信息内容`, or table 三's 勾稽 note), if any.
    var corner: String?
    var rows: [Row]
    /// Whether the grid has a label column at all (table 四 has none).
    var hasLabels: Bool

    /// The leaf nodes of the header, in column order.
    var leaves: [HeaderNode] { Grid.leaves(of: header) }

    static func leaves(of nodes: [HeaderNode]) -> [HeaderNode] {
        nodes.flatMap { node -> [HeaderNode] in
            switch node {
            case .column: [node]
            case .group(_, let children): leaves(of: children)
            }
        }
    }

    /// The header tree restricted to the leaf columns `range` (for a grid split over several blocks).
    static func prune(_ nodes: [HeaderNode], keeping keys: Set<String>) -> [HeaderNode] {
        nodes.compactMap { node in
            switch node {
            case .column(let key, _): return keys.contains(key) ? node : nil
            case .group(let label, let children):
                let kept = prune(children, keeping: keys)
                return kept.isEmpty ? nil : .group(label, kept)
            }
        }
    }
}
