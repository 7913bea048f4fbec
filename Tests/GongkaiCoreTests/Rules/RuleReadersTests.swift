import Testing

@testable import GongkaiCore

@Suite("RuleReaders")
struct RuleReadersTests {
    /// Random adds and removals: the readers of every cell stay those of a plain dictionary of arrays, in order.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func sameAsDictionary(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var readers = RuleReaders()
        var reference: [Int: [Int]] = [:]
        var rules: [Int: [Int]] = [:]  // rule → its cells
        for step in 0..<3_000 {
            if rules.isEmpty || rng.below(3) > 0 {
                let cells = Array(Set((0..<(1 + rng.below(5))).map { _ in rng.below(30) })).sorted()
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
        for raw in 0..<30 {
            #expect(readers.rules(reading: raw) == (reference[raw] ?? []))
            var seen: [Int] = []
            readers.forEachRule(reading: raw) { seen.append($0) }
            #expect(seen == (reference[raw] ?? []))
        }
    }
}
