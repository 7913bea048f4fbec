#if canImport(Glibc)
    import Glibc
#endif

/// Goals of the figures (issue 14) and the anchor engine's figures, read from the reference material's BENCH.md when
/// it is present (never needed): `emit` prints both next to a figure.
enum Anchor {
    /// A figure's goal: at most (`≤`) or at least (`≥`) a value, in the figure's unit.
    struct Goal {
        let atMost: Bool
        let value: Double
        let unit: String
    }

    /// The goals, by figure name (`import_*` figures share one).
    static func goal(of name: String) -> Goal? {
        switch name {
        case "edit_1": Goal(atMost: true, value: 1, unit: "us")
        case "build_10000": Goal(atMost: true, value: 300, unit: "ms")
        case "chain_1000000": Goal(atMost: true, value: 200, unit: "ms")
        case "chain_1000000_build": Goal(atMost: true, value: 1000, unit: "ms")
        case "startup_tty": Goal(atMost: true, value: 50, unit: "ms")
        case "diff_10000": Goal(atMost: true, value: 5, unit: "ms")
        case _ where name.hasPrefix("import_html") && name.hasSuffix("reports_per_s"):
            Goal(atMost: false, value: 1000, unit: "reports/s")
        case _ where name.hasPrefix("import_") && name.hasSuffix("reports_per_s"):
            Goal(atMost: false, value: 5000, unit: "reports/s")
        default: nil
        }
    }

    /// BENCH.md of the reference material, searched next to the source tree (`../shared/docs/BENCH.md` from the
    /// repository, or from its parent for a worktree), or at `$GONGKAI_BENCH_ANCHOR`.
    static let path: String? = {
        var root = #filePath
        for _ in 0..<3 {
            if let slash = root.lastIndex(of: "/") { root = String(root[..<slash]) }
        }
        var candidates = [root + "/../shared/docs/BENCH.md", root + "/../../shared/docs/BENCH.md"]
        if let variable = getenv("GONGKAI_BENCH_ANCHOR") { candidates.insert(String(cString: variable), at: 0) }
        return candidates.first { access($0, R_OK) == 0 }
    }()

    /// The anchor's figures in seconds, bytes or bytes per value, by figure name; empty without BENCH.md.
    static let figures: [String: (value: Double, unit: String)] = {
        guard let path, let file = fopen(path, "r") else { return [:] }
        defer { fclose(file) }
        var text = ""
        var buffer = [CChar](repeating: 0, count: 4096)
        while fgets(&buffer, 4096, file) != nil { text += cString(buffer) }
        return parse(text)
    }()

    /// The figure table of BENCH.md: `| \`name\` | what | value unit … |`; the first number of the last column.
    static func parse(_ text: String) -> [String: (value: Double, unit: String)] {
        var figures: [String: (value: Double, unit: String)] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let columns = line.split(separator: "|").map { $0.trimmingCharacters() }
            guard columns.count >= 3, let name = columns.first?.filter({ $0 != "`" }) else { continue }
            let numbers = quantities(in: columns[columns.count - 1])
            guard let first = numbers.first else { continue }
            figures[name] = first
            // `447 ms (build 2,475 ms)`: the chain's build time.
            if name.hasPrefix("chain_"), numbers.count > 1 { figures[name + "_build"] = numbers[1] }
        }
        return figures
    }

    /// `24.6 µs`, `1,907 ms`, `396 MiB` in a cell, in order, as (value, unit).
    static func quantities(in text: String) -> [(value: Double, unit: String)] {
        var found: [(value: Double, unit: String)] = []
        let words = text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == ";" })
        for (i, word) in words.enumerated() {
            guard let value = Double(word.filter { $0 != "," }), i + 1 < words.count else { continue }
            let unit = String(words[i + 1])
            if ["µs", "us", "ms", "s", "MiB", "B/value"].contains(unit) {
                found.append((value, unit == "µs" ? "us" : unit))
            }
        }
        return found
    }

    /// A value in seconds (or left as is for other units).
    static func base(_ value: Double, _ unit: String) -> Double {
        switch unit {
        case "us": value / 1e6
        case "ms": value / 1e3
        default: value
        }
    }

    /// `goal ≤ 1 us (met); IronCalc 24.6 us: 7.2× faster` for a figure, or "".
    static func note(_ name: String, _ value: Double, _ unit: String) -> String {
        var parts: [String] = []
        if let goal = goal(of: name) {
            let met = goal.atMost ? value <= goal.value : value >= goal.value
            parts.append("goal \(goal.atMost ? "≤" : "≥") \(fmt(goal.value)) \(goal.unit) (\(met ? "met" : "NOT met"))")
        }
        if let anchor = figures[name], anchor.unit == unit || base(1, anchor.unit) != 1 && base(1, unit) != 1 {
            let ours = base(value, unit)
            let theirs = base(anchor.value, anchor.unit)
            if ours > 0 {
                let ratio = theirs / ours
                let (better, worse) = unit == "MiB" || unit == "B" ? ("smaller", "larger") : ("faster", "slower")
                parts.append(
                    "IronCalc \(fmt(anchor.value)) \(anchor.unit): "
                        + (ratio >= 1 ? "\(fmt(ratio))× \(better)" : "\(fmt(1 / ratio))× \(worse)"))
            }
        }
        return parts.joined(separator: "; ")
    }
}

extension Substring {
    /// Without leading and trailing spaces and line ends.
    func trimmingCharacters() -> String {
        let space: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\r" }
        return String(drop(while: space).reversed().drop(while: space).reversed())
    }
}
