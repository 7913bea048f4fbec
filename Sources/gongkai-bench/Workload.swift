import GongkaiCore

#if canImport(Glibc)
    import Glibc
#endif

/// The anchor's workload, generated the same way (shared/bench/ironcalc_anchor.py `report_inputs`): per report a
/// size class, exponentially distributed leaf counts weighted by column and row (≈70% zeros), carried/forward drawn
/// and 新收 solved so that every rule holds; table 四 and 二 uniform. Our own deterministic generator (SplitMix64),
/// so the values differ from the anchor's but follow the same distribution.
struct Workload {
    let template = ReportTemplate.official2021
    let reports: Int
    /// `reports × 200` values in official cell order; −1 marks a total (left to its formula).
    let cells: [Int32]

    init(reports: Int, seed: UInt64) {
        self.reports = reports
        var cells = [Int32](repeating: -1, count: reports * template.cells.count)
        for k in 0..<reports {
            let values = Workload.reportInputs(template, seed: seed, report: k)
            for (index, value) in values { cells[k * template.cells.count + index] = Int32(value) }
        }
        self.cells = cells
    }

    /// Report `k`'s cells as the engine takes them: totals empty (computed), inputs entered.
    func values(of k: Int) -> [Value] {
        let n = template.cells.count
        var values = [Value](repeating: .empty, count: n)
        for i in 0..<n {
            let v = cells[k * n + i]
            if v >= 0 { values[i] = .number(DecimalNumber(Int(v))) }
        }
        return values
    }

    /// The input value of a named cell of report `k`.
    func input(_ name: String, of k: Int) -> Int {
        Int(cells[k * template.cells.count + (template.index(of: name) ?? 0)])
    }

    static let columnWeight: [String: Double] = [
        "natural": 1.0, "commercial": 0.35, "research": 0.04, "nonprofit": 0.03, "legal": 0.12, "otherorg": 0.08,
    ]
    static let rowWeight: [String: Double] = [
        "result.open": 20.0, "result.partial": 3.0, "result.unable.notheld": 4.0, "result.skip.repeat": 1.5,
        "result.other.misc": 1.0,
    ]
    static let t2High: [String: Int] = ["made": 5, "repealed": 3, "valid": 60, "decided": 2000, "amount": 1]

    static func reportInputs(_ template: ReportTemplate, seed: UInt64, report k: Int) -> [Int: Int] {
        var rng = SplitMix64(seed: seed &* 1_000_003 &+ UInt64(k))
        let size = [1, 1, 1, 2, 3, 5, 10][rng.below(7)]
        var v: [Int: Int] = [:]
        func index(_ name: String) -> Int { template.index(of: name) ?? 0 }
        guard let t3 = template.table("t3")?.sections.first, let t4 = template.table("t4")?.sections.first else {
            return v
        }
        let leaves = t3.rows.filter { $0.role == .leaf }.map(\.key)
        for column in t3.columns where !column.isTotal {
            var sum = 0
            for leaf in leaves {
                let mean = Double(size) * (columnWeight[column.key] ?? 0) * (rowWeight[leaf] ?? 0.25)
                let x = mean > 0 ? Int(-log(1 - rng.unit()) * mean) : 0
                v[index("t3.\(leaf).\(column.key)")] = x
                sum += x
            }
            let forward = rng.inclusive(0, max(1, sum / 10))
            var carried = rng.inclusive(0, max(1, sum / 8))
            var new = sum + forward - carried
            if new < 0 { (carried, new) = (sum + forward, 0) }
            v[index("t3.new.\(column.key)")] = new
            v[index("t3.carried.\(column.key)")] = carried
            v[index("t3.forward.\(column.key)")] = forward
        }
        for row in t4.rows {
            for column in t4.columns where !column.isTotal {
                v[index("t4.\(row.key).\(column.key)")] = rng.inclusive(0, 3 * size)
            }
        }
        for cell in template.cells(ofTable: "t2") {
            v[cell.index] = rng.inclusive(0, (t2High[cell.columnKey] ?? 1) * size)
        }
        return v
    }
}

extension SplitMix64 {
    /// Uniform in [0, 1): only for shaping the synthetic workload's distribution, never for a figure.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
