/// How a printed figure most plausibly went wrong: the patterns of real reports, with their prior weights.
public enum RepairPattern: String, Sendable, Hashable, CaseIterable {
    /// A total printed 0 (洪泽区 2023: 行政复议 10/1/0/0, 总计 0).
    case zeroTotal = "a total printed 0"
    /// A minus sign where none belongs (a dash read as one), or one lost in a signed column.
    case signLost = "a sign lost"
    /// Two adjacent digits swapped (12 → 21).
    case transposed = "two digits transposed"
    /// One digit missing (105 → 15).
    case digitDropped = "a digit dropped"
    /// One digit written twice (15 → 155).
    case digitDoubled = "a digit doubled"
    /// The digits of a neighbouring cell glued on (6 and 4 → 64).
    case glued = "a neighbour's digits glued on"
    /// Part of the digits gone to a neighbouring cell (64 → 6).
    case split = "digits split off to a neighbour"
    /// The value of the neighbouring cell in its row or column.
    case neighbour = "the neighbouring cell's value"
    /// A total copied from another row's total.
    case copiedTotal = "a total copied from another row"
    /// Nothing recognisable: a plain typo.
    case other = "a typo"

    /// The prior weight of the pattern (relative; `other` is the floor for a change no pattern explains).
    public var weight: Double {
        switch self {
        case .zeroTotal: 0.15
        case .other: 0.001
        default: 0.10
        }
    }

    /// How likely a cell printed `printed` is when its value is `repaired`: Σ over patterns of the prior weight times
    /// the probability that the pattern turns `repaired` into exactly `printed` (e.g. a dropped digit of 105 gives 15
    /// in 1 of its 3 positions), and the pattern contributing most.
    ///
    /// `neighbours` are the values of the cells printed next to it; `otherTotals` the values of the totals of other
    /// rows in its column (for a total).
    public static func likelihood(
        printed: Int, repaired: Int, isTotal: Bool, neighbours: [Int], otherTotals: [Int]
    ) -> (score: Double, pattern: RepairPattern) {
        var best: (Double, RepairPattern) = (0, .other)
        var score = 0.0
        func add(_ pattern: RepairPattern, _ probability: Double) {
            guard probability > 0 else { return }
            let s = pattern.weight * probability
            score += s
            if s > best.0 { best = (s, pattern) }
        }
        if isTotal && printed == 0 && repaired > 0 { add(.zeroTotal, 1) }
        if printed == -repaired && printed != 0 { add(.signLost, 1) }
        if printed >= 0 && repaired >= 0 && printed != repaired {
            let p = Array(String(printed))
            let r = Array(String(repaired))
            let pairs = r.indices.dropLast().filter { r[$0] != r[$0 + 1] }
            if p.count == r.count, !pairs.isEmpty, isTransposition(p, r) { add(.transposed, 1 / Double(pairs.count)) }
            if p.count + 1 == r.count {
                let ways = r.indices.filter { i in
                    var copy = r
                    copy.remove(at: i)
                    return copy == p
                }.count
                add(.digitDropped, Double(ways) / Double(r.count))
            }
            if r.count + 1 == p.count && repaired > 0 {
                let ways = r.indices.filter { i in
                    var copy = r
                    copy.insert(r[i], at: i)
                    return copy == p
                }.count
                add(.digitDoubled, Double(ways) / Double(r.count))
            }
            if !neighbours.isEmpty {
                let text = String(printed)
                let ways = neighbours.reduce(0) { n, x in
                    n + (text == String(repaired) + String(x) ? 1 : 0) + (text == String(x) + String(repaired) ? 1 : 0)
                }
                add(.glued, Double(ways) / Double(2 * neighbours.count))
            }
            if r.count > p.count && r.count >= 2 {
                let ways = (r.starts(with: p) ? 1 : 0) + (r.reversed().starts(with: p.reversed()) ? 1 : 0)
                add(.split, Double(ways) / Double(2 * (r.count - 1)))
            }
            let others = neighbours.filter { $0 != repaired }
            if !others.isEmpty {
                add(.neighbour, Double(others.filter { $0 == printed }.count) / Double(others.count))
            }
            let totals = otherTotals.filter { $0 != repaired }
            if isTotal, !totals.isEmpty {
                add(.copiedTotal, Double(totals.filter { $0 == printed }.count) / Double(totals.count))
            }
        }
        if score == 0 {
            // A plain typo: fewer changed digits are likelier.
            let digits = String(abs(printed - repaired)).count
            add(.other, 1 / Double(1 << min(digits, 20)))
        }
        return (score, best.1)
    }

    static func isTransposition(_ a: [Character], _ b: [Character]) -> Bool {
        let differing = a.indices.filter { a[$0] != b[$0] }
        guard differing.count == 2, differing[1] == differing[0] + 1 else { return false }
        return a[differing[0]] == b[differing[1]] && a[differing[1]] == b[differing[0]]
    }

    /// Whether removing one character of `long` gives `short`.
    static func isDeletion(of long: [Character], giving short: [Character]) -> Bool {
        guard long.count == short.count + 1 else { return false }
        for i in long.indices {
            var copy = long
            copy.remove(at: i)
            if copy == short { return true }
        }
        return false
    }

    /// Whether repeating one character of `short` in place gives `long`.
    static func isDoubling(of short: [Character], giving long: [Character]) -> Bool {
        for i in short.indices {
            var copy = short
            copy.insert(short[i], at: i)
            if copy == long { return true }
        }
        return false
    }
}

/// One cell of a suggested repair: its printed value, the value that heals the rules, and why it is plausible.
public struct RepairChange: Sendable, Hashable {
    /// The cell's name in its report (`t4.review.total`).
    public let cell: String
    /// The value it holds now.
    public let printed: Value
    /// The value that makes the rules hold.
    public let repaired: DecimalNumber
    /// The most plausible way the printed value went wrong.
    public let pattern: RepairPattern
}

/// A suggested repair of a report: a minimal set of cells, their repaired values, how plausible it is, and the rules
/// it heals. Suggestions are ranked by `plausibility` (highest first).
public struct RepairCandidate: Sendable, Hashable {
    /// The report repaired.
    public let report: String
    /// The cells to change, in official order.
    public let changes: [RepairChange]
    /// The product over its changes of the pattern likelihood and the column prior: comparable between the
    /// suggestions of one search.
    public let plausibility: Double
    /// The failing rules it heals.
    public let heals: [String]
}

/// What `Workbook.repairSuggestions(report:)` found.
public struct RepairSearch: Sendable {
    /// The report searched.
    public let report: String
    /// The failing rules taken into account: template equalities, `domain`, linear user rules.
    public let failing: [String]
    /// Failing rules that cannot take part (a user rule that is not a linear equality, a rule in error).
    public let ignored: [String]
    /// The suggestions, most plausible first.
    public let candidates: [RepairCandidate]
    /// The number of cells every suggestion changes; nil when none up to the bound exists.
    public let cardinality: Int?
    /// The largest number of cells searched.
    public let bound: Int
    /// The search stopped at its node limit.
    public let truncated: Bool
}
