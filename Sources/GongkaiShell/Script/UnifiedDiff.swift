/// A unified diff of two lists of lines (`diff -u` style hunks, 3 lines of context), for `gongkai test`.
enum UnifiedDiff {
    /// The hunks turning `expected` into `actual`, with `---`/`+++` headers; empty when they are equal.
    static func render(expected: [String], actual: [String], from: String, to: String) -> [String] {
        guard expected != actual else { return [] }
        let edits = script(expected, actual)
        // Group edits into hunks with up to 3 unchanged lines around each change.
        let context = 3
        var lines = ["--- \(from)", "+++ \(to)"]
        var index = 0
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { $0.kind != .same }) else { break }
            let start = max(firstChange - context, index)
            var end = firstChange
            // Extend while the next change is within 2 × context unchanged lines.
            var cursor = firstChange
            while cursor < edits.count {
                if edits[cursor].kind != .same {
                    end = cursor
                    cursor += 1
                    continue
                }
                let nextChange = edits[cursor...].firstIndex(where: { $0.kind != .same })
                if let nextChange, nextChange - end <= 2 * context { cursor = nextChange } else { break }
            }
            let stop = min(end + context + 1, edits.count)
            let hunk = edits[start..<stop]
            let oldStart = hunk.first.map { $0.old } ?? 0
            let newStart = hunk.first.map { $0.new } ?? 0
            let oldCount = hunk.filter { $0.kind != .inserted }.count
            let newCount = hunk.filter { $0.kind != .deleted }.count
            lines.append(
                "@@ -\(oldCount == 0 ? oldStart : oldStart + 1),\(oldCount) "
                    + "+\(newCount == 0 ? newStart : newStart + 1),\(newCount) @@")
            for edit in hunk {
                switch edit.kind {
                case .same: lines.append(" " + expected[edit.old])
                case .deleted: lines.append("-" + expected[edit.old])
                case .inserted: lines.append("+" + actual[edit.new])
                }
            }
            index = stop
        }
        return lines
    }

    private enum Kind { case same, deleted, inserted }

    /// One step of the edit script, with the positions in both lists where it stands.
    private struct Edit {
        let kind: Kind
        let old: Int
        let new: Int
    }

    /// A shortest edit script by longest common subsequence (outputs of one statement are short; past 4 million
    /// cells of the table, everything is one replacement).
    private static func script(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count
        let m = b.count
        guard n * m <= 4_000_000 else {
            return (0..<n).map { Edit(kind: .deleted, old: $0, new: 0) }
                + (0..<m).map { Edit(kind: .inserted, old: n, new: $0) }
        }
        // lcs[i][j]: the common subsequence length of a[i...] and b[j...].
        var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(Edit(kind: .same, old: i, new: j))
                i += 1
                j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                edits.append(Edit(kind: .deleted, old: i, new: j))  // deletions first, as diff prints them
                i += 1
            } else {
                edits.append(Edit(kind: .inserted, old: i, new: j))
                j += 1
            }
        }
        return edits
    }
}
