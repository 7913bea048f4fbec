/// The candidate closest to a mistyped name, or `nil` when none is close enough to be worth suggesting.
///
/// Distance is the optimal-string-alignment edit distance (insertions, deletions, substitutions and swaps of two
/// neighbours each cost 1), ignoring case. A candidate with as many dotted segments as `name` wins over one
/// with a different count; among equals the earlier candidate wins, so the template's official order decides.
/// "Close" means at most a third of the name's length (at least 1, at most 4) and less than the whole name.
///
/// ```
/// nearestName(to: "t3.totl.natural", in: template.cells.map(\.name))  // "t3.total.natural"
/// ```
public func nearestName(to name: String, in candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased())
    let segments = target.count(where: { $0 == "." }) + 1
    let threshold = min(4, max(1, target.count / 3))
    guard threshold < target.count else { return nil }
    var best: (name: String, sameShape: Bool, distance: Int)?
    for candidate in candidates {
        // Lengths further apart than the threshold cannot be close: skip them before any allocation.
        guard abs(candidate.count - target.count) <= threshold else { continue }
        let other = Array(candidate.lowercased())
        let sameShape = other.count(where: { $0 == "." }) + 1 == segments
        // Only a strictly better candidate replaces the current one: shape first, then distance.
        let bound: Int
        if let best {
            if best.sameShape && !sameShape { continue }
            bound = sameShape == best.sameShape ? best.distance - 1 : threshold
        } else {
            bound = threshold
        }
        guard bound >= 0, let distance = editDistance(target, other, atMost: bound) else { continue }
        best = (candidate, sameShape, distance)
    }
    return best?.name
}

/// The optimal-string-alignment distance between `a` and `b`, or `nil` when it exceeds `limit`.
func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
    guard abs(a.count - b.count) <= limit else { return nil }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    // Three rolling rows: the one before last is needed for transpositions.
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    var previousMinimum = 0
    for i in 1...a.count {
        current[0] = i
        var rowMinimum = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, previous2[j - 2] + 1)
            }
            current[j] = value
            rowMinimum = min(rowMinimum, value)
        }
        // A later row is at least this row's minimum, or the one before plus a swap: stop when both are out of reach.
        if rowMinimum > limit, previousMinimum + 1 > limit { return nil }
        previousMinimum = rowMinimum
        (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count] <= limit ? previous[b.count] : nil
}
