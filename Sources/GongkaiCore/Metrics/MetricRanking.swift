/// Reports ordered by a metric's value: positions with ties, the empty values apart, quartiles and a report's rank
/// and percentile — all in exact decimals.
///
/// ```swift
/// let ranking = MetricRanking(try book.metricValues("disclosure_rate"))
/// ranking.ranked.first?.report      // the highest rate
/// ranking.percentile(0.5)           // the median (PERCENTILE.INC)
/// ```
public struct MetricRanking: Sendable {
    /// Which way the list runs.
    public enum Order: String, Sendable, CaseIterable {
        /// Largest first (the default; rank 1 is the largest, as `rank()`).
        case desc
        /// Smallest first.
        case asc
    }

    /// A report with a number, at its place in the list.
    public struct Entry: Sendable, Hashable {
        /// 1-based place in the list; reports with equal values share the place (1, 2, 2, 4).
        public let position: Int
        /// The report's name.
        public let report: String
        /// Its value.
        public let value: DecimalNumber
    }

    /// The reports with a number, in order.
    public let ranked: [Entry]
    /// The reports whose value is empty or an error, in load order, with the reason; never ranked as 0.
    public let unranked: [MetricValue]
    /// The ranked values ascending, for the order statistics.
    let ascending: [DecimalNumber]

    /// Ranks `values` (ties keep their load order).
    public init(_ values: [MetricValue], order: Order = .desc) {
        var numbered: [(offset: Int, report: String, value: DecimalNumber)] = []
        var unranked: [MetricValue] = []
        for (offset, item) in values.enumerated() {
            if let n = item.value.number { numbered.append((offset, item.report, n)) } else { unranked.append(item) }
        }
        numbered.sort { a, b in
            a.value == b.value ? a.offset < b.offset : (order == .desc ? a.value > b.value : a.value < b.value)
        }
        var entries: [Entry] = []
        entries.reserveCapacity(numbered.count)
        for (index, item) in numbered.enumerated() {
            let position =
                index > 0 && numbered[index - 1].value == item.value ? entries[index - 1].position : index + 1
            entries.append(Entry(position: position, report: item.report, value: item.value))
        }
        ranked = entries
        self.unranked = unranked
        ascending = numbered.map(\.value).sorted()
    }

    /// `PERCENTILE.INC` of the ranked values at `p` in [0, 1] (P25 = 0.25); nil when no report has a number.
    public func percentile(_ p: DecimalNumber) -> DecimalNumber? {
        guard !ascending.isEmpty, p >= .zero, p <= .one else { return nil }
        return Function.percentile(sorted: ascending, p).number
    }

    /// A report's rank among the ranked ones, 1 for the largest value (ties share a rank); nil when it has no number.
    public func rank(of report: String) -> Int? {
        guard let value = value(of: report) else { return nil }
        return ascending.count - upperBound(value) + 1
    }

    /// The share of the other ranked reports with a smaller value, in per cent rounded to 2 places (Excel
    /// `PERCENTRANK.INC` × 100, exact): 100 for the largest, 0 for the smallest, 100 when it is the only one.
    public func percentRank(of report: String) -> DecimalNumber? {
        guard let value = value(of: report) else { return nil }
        guard ascending.count > 1 else { return DecimalNumber(100) }
        let below = lowerBound(value)
        return try? DecimalNumber(below * 100).dividing(by: DecimalNumber(ascending.count - 1)).rounded(places: 2)
    }

    func value(of report: String) -> DecimalNumber? {
        ranked.first { $0.report == report }?.value
    }

    /// How many ranked values are below `value`.
    func lowerBound(_ value: DecimalNumber) -> Int {
        var low = 0
        var high = ascending.count
        while low < high {
            let mid = (low + high) / 2
            if ascending[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// How many ranked values are at or below `value`.
    func upperBound(_ value: DecimalNumber) -> Int {
        var low = 0
        var high = ascending.count
        while low < high {
            let mid = (low + high) / 2
            if ascending[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
