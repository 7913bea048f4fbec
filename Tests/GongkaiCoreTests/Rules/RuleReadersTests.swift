import Testing

@testable import GongkaiCore

@Suite("RuleReaders")
struct RuleReadersTests {
    /// The k-th cell of the test: report k % 4, local k / 4 (k / 4 = 29: a user name at local 4,000).
    static func cell(_ k: Int) -> Int {
        CellID(report: k % 4, local: k / 4 == 29 ? 4_000 : k / 4).raw
    }

    /// Random adds and removals over cells of four reports (a user name's id far beyond the template's among them):
    /// the readers of every cell stay those of a plain dictionary of arrays, in order.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func sameAsDictionary(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var readers = RuleReaders()
        var reference: [Int: [Int]] = [:]
        var rules: [Int: [Int]] = [:]  // rule → its cells
        for step in 0..<3_000 {
            if rules.isEmpty || rng.below(3) > 0 {
                let cells = Array(Set((0..<(1 + rng.below(5))).map { _ in Self.cell(rng.below(120)) })).sorted()
                rules[step] = cells
                readers.add(step, reading: cells)
                for raw in cells { reference[raw, default: []].append(step) }
            } else {
                let id = rules.keys.sorted()[rng.below(rules.count)]
                let cells = rules.removeValue(forKey: id) ?? []
                readers.remove(id, reading: cells)
                for raw in cells {
                    reference[raw]?.removeAll { $0 == id }
                    if reference[raw]?.isEmpty == true { reference[raw] = nil }
                }
            }
            #expect(readers.isEmpty == reference.isEmpty)
        }
        for raw in (0..<120).map(Self.cell) {
            #expect(readers.rules(reading: raw) == (reference[raw] ?? []))
            var seen: [Int] = []
            readers.forEachRule(reading: raw) { seen.append($0) }
            #expect(seen == (reference[raw] ?? []))
        }
        // Every rule removed: nothing read, nothing left.
        for (id, cells) in rules { readers.remove(id, reading: cells) }
        #expect(readers.isEmpty)
        #expect((0..<120).allSatisfy { readers.rules(reading: Self.cell($0)).isEmpty })
    }
}
