import Testing

@testable import GongkaiCore

/// ``NameIndex`` means what `[String: Int]` means — names equal when canonically equal — while hashing plain names
/// by their scalars.
@Suite("NameIndex")
struct NameIndexTests {
    /// Report and rule names as Gongkai makes them, and names that are canonically equal to them but not byte-equal:
    /// U+F96D is the compatibility ideograph of 省, `e` + U+0301 is `é`.
    static let names = [
        "r1", "hz23", "洪泽区2023", "洪泽区2024", "淮安市洪泽区2024", "江苏省2024", "江苏\u{F96D}2024", "café", "cafe\u{301}",
        "sy2023.sub.t3.new.natural", "𠀀区", "r1_2", "", "省", "\u{F96D}",
    ]

    /// Random sets, removals and lookups against a dictionary of the same names.
    @Test(arguments: [1, 2, 3, 4, 5])
    func sameAsDictionary(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var index = NameIndex()
        var reference: [String: Int] = [:]
        for step in 0..<2_000 {
            let name = Self.names[Int(rng.next() % UInt64(Self.names.count))]
            switch rng.next() % 3 {
            case 0:
                index[name] = step
                reference[name] = step
            case 1:
                index[name] = nil
                reference[name] = nil
            default:
                break
            }
            for probe in Self.names { #expect(index[probe] == reference[probe], "step \(step): \(probe)") }
            #expect(index.count == reference.count)
        }
    }

    @Test func canonicallyEqualNamesAreOneName() {
        var index = NameIndex()
        index["江苏省2024"] = 1
        #expect(index["江苏\u{F96D}2024"] == 1)
        index["江苏\u{F96D}2024"] = 2
        #expect(index["江苏省2024"] == 2)
        #expect(index.count == 1)
        index["cafe\u{301}"] = 3
        #expect(index["café"] == 3)
        index["café"] = nil
        #expect(index["cafe\u{301}"] == nil)
        #expect(index.count == 1)
    }

    @Test func plainNamesAreASCIIAndUnifiedIdeographs() {
        #expect(NameIndex.plainHash("洪泽区2024") != nil)
        #expect(NameIndex.plainHash("𠀀") != nil)
        #expect(NameIndex.plainHash("江苏\u{F96D}") == nil)
        #expect(NameIndex.plainHash("cafe\u{301}") == nil)
        #expect(NameIndex.plainHash("（一）") == nil)
    }
}
