import GongkaiCore
import Testing

/// ``TextBuilder`` writes what string interpolation writes: integers at the edges and at random, text of any script.
@Suite("TextBuilder")
struct TextBuilderTests {
    @Test func integersAreWrittenAsInterpolated() {
        var numbers = [0, 1, 9, 10, 11, 99, 100, 101, 999_999, 1_000_000, -1, -9, -10, Int.max, Int.min, Int.max - 1]
        var rng = SplitMix64(seed: 14)
        for _ in 0..<2_000 { numbers.append(Int(truncatingIfNeeded: rng.next()) >> Int(rng.next() % 63)) }
        for n in numbers {
            var text = TextBuilder()
            text.append("x=")
            text.append(n)
            text.append(ascii: ";")
            #expect(text.text == "x=\(n);")
        }
    }

    @Test func piecesAreJoinedInOrder() {
        var text = TextBuilder(capacity: 4)
        text.append("t3.new.natural")
        text.append(spaces: 3)
        text.append("8 → 9 洪泽区")
        text.append(12)
        var other = TextBuilder()
        other.append(ascii: "\n")
        text.append(other)
        #expect(text.text == "t3.new.natural   8 → 9 洪泽区12\n")
        #expect(text.count == text.text.utf8.count)
    }
}
