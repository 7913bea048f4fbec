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

    /// The prior weight of the pattern (relative; `other` is the floor).
    public var weight: Double {
        switch self {
        case .zeroTotal: 0.30
        case .signLost: 0.30
        case .transposed: 0.15
        case .digitDropped: 0.12
        case .digitDoubled: 0.12
        case .glued: 0.10
        case .split: 0.10
        case .neighbour: 0.06
        case .copiedTotal: 0.06
        case .other: 0.002
        }
    }

    /// The patterns that explain a cell printed `printed` whose value should be `repaired`, strongest first.
    ///
    /// `neighbours` are the values of the cells printed next to it; `otherTotals` the values of the totals of other rows
    /// in its column (for a total).
    public static func explaining(
        printed: Int, repaired: Int, isTotal: Bool, neighbours: [Int], otherTotals: [Int]
    ) -> [RepairPattern] {
        var found: [RepairPattern] = []
        if isTotal && printed == 0 && repaired > 0 { found.append(.zeroTotal) }
        if printed == -repaired && printed != 0 { found.append(.signLost) }
        if printed >= 0 && repaired >= 0 {
            let p = Array(String(printed))
            let r = Array(String(repaired))
            if p.count == r.count && p != r && isTransposition(p, r) { found.append(.transposed) }
            if p.count + 1 == r.count && isDeletion(of: r, giving: p) { found.append(.digitDropped) }
            if r.count + 1 == p.count && isDoubling(of: r, giving: p) { found.append(.digitDoubled) }
            if neighbours.contains(where: { n in
                n >= 0 && (String(printed) == String(repaired) + String(n) || String(printed) == String(n) + String(repaired))
            }) {
                found.append(.glued)
            }
            if r.count > p.count && (r.starts(with: p) || r.reversed().starts(with: p.reversed())) {
                found.append(.split)
            }
            if neighbours.contains(printed) && printed != repaired { found.append(.neighbour) }
            if isTotal && otherTotals.contains(printed) && printed != repaired { found.append(.copiedTotal) }
        }
        if found.isEmpty { found.append(.other) }
        return found.sorted { $0.weight > $1.weight }
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
    /// The product of the changes' pattern weights: comparable between suggestions of one search.
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
