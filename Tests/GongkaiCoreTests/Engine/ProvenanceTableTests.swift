import Testing

@testable import GongkaiCore

@Suite("ProvenanceTable")
struct ProvenanceTableTests {
    /// Places that fit the compact form and places that do not: every one reads back exactly as stored.
    static let cases: [Provenance] = [
        Provenance(file: "淮安市-2024.txt", line: 182, column: 3),
        Provenance(file: "洪泽区-2023.pdf", page: 3, line: 12, column: 5),
        Provenance(file: "a.txt", line: 7, column: 1, origin: .inferred, note: "row has no label of its own"),
        Provenance(origin: .entered, note: "repaired by .suggest"),
        Provenance(file: "b.csv", origin: .entered),
        Provenance(file: nil, line: nil, column: nil, origin: .read),
        Provenance(file: "c.txt", line: 0, column: 0),
        Provenance(file: "c.txt", line: -4, column: 70_000),
        Provenance(file: "c.txt", page: 0, line: 1),
        Provenance(file: "c.txt", page: 65_536, line: Int(Int32.max), column: 65_535),
        Provenance(file: "c.txt", line: Int(Int32.min), column: 2),
        Provenance(file: "c.txt", line: Int.max, column: Int.min, origin: .inferred, note: ""),
        Provenance(file: "d.pdf", page: 4_095, line: 16_777_215, column: 65_535, origin: .inferred, note: "n"),
        Provenance(file: "d.pdf", page: 4_096, line: 1),
        Provenance(file: "d.pdf", page: 1, line: 16_777_216),
    ]

    @Test("every provenance reads back exactly", arguments: cases.indices)
    func roundTrip(_ k: Int) {
        var table = ProvenanceTable(cellCount: 20)
        table[k] = Self.cases[k]
        #expect(table[k] == Self.cases[k])
        #expect(table.origin(at: k) == Self.cases[k].origin)
        #expect(table.count == 1)
        #expect(table[k + 1] == nil)
    }

    @Test("a table of many, overwritten and cleared, stays a dictionary's equal")
    func sameAsDictionary() {
        var rng = SplitMix64(seed: 7)
        var table = ProvenanceTable(cellCount: 40)
        var reference: [Int: Provenance] = [:]
        for _ in 0..<2_000 {
            let index = Int(rng.next() % 40)
            let entry: Provenance? =
                rng.next() % 4 == 0 ? nil : Self.cases[Int(rng.next() % UInt64(Self.cases.count))]
            table[index] = entry
            reference[index] = entry
            #expect(table.count == reference.count)
            #expect(table.isEmpty == reference.isEmpty)
        }
        for index in 0..<40 { #expect(table[index] == reference[index]) }
        #expect(table[-1] == nil && table[40] == nil)
    }

    @Test("more than 3 files or 255 notes: the rest are kept whole")
    func manyFilesAndNotes() {
        var table = ProvenanceTable(cellCount: 300)
        for k in 0..<300 { table[k] = Provenance(file: "f\(k % 5).txt", line: k + 1, note: "note \(k)") }
        for k in 0..<300 { #expect(table[k] == Provenance(file: "f\(k % 5).txt", line: k + 1, note: "note \(k)")) }
        #expect(table.count == 300)
    }

    @Test("places of a text report, then one with a page and one past the narrow line: all read back")
    func narrowThenWide() {
        var table = ProvenanceTable(cellCount: 50)
        let text = (0..<40).map {
            Provenance(
                file: "上犹县政府办-2023.txt", line: 65_535 - $0, column: 1_023 - $0, origin: $0 % 3 == 0 ? .inferred : .read,
                note: $0 % 3 == 0 ? "note \($0 % 7)" : nil)
        }
        for (k, entry) in text.enumerated() { table[k] = entry }
        for (k, entry) in text.enumerated() { #expect(table[k] == entry) }
        let paged = Provenance(file: "上犹县政府办-2023.txt", page: 2, line: 3, column: 4)
        let far = Provenance(file: "上犹县政府办-2023.txt", line: 65_536, column: 1_024)
        table[40] = paged
        table[41] = far
        for (k, entry) in text.enumerated() { #expect(table[k] == entry) }
        #expect(table[40] == paged && table[41] == far && table.count == 42)
        table[40] = nil
        #expect(table[40] == nil && table.count == 41)
    }

    @Test("a place is eight bytes")
    func placeSize() {
        #expect(MemoryLayout<ProvenanceTable.Place>.stride == 8)
    }
}
