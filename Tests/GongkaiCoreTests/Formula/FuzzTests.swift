import Testing

@testable import GongkaiCore

/// Random inputs from the formula alphabet: parsing never traps, canonical text is a fixed point, evaluation never
/// traps. Deterministic (a fixed linear congruential generator), so a failure reproduces.
@Suite struct FuzzTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    static let pieces = [
        "a", "b", "e", "t", "x.one", "x.*", "**", "1", "0", "2.5", "0.1", "99999999999999999999999999999999999",
        "0.000000000000000001", "\"自然人\"", "\"\"", "+", "-", "*", "/", "&", "=", "<>", "<", ">=", "(", ")", ",", " ",
        "sum(", "if(", "round(", "mod(", "average(", "iferror(", "and(", "concat(", "floor(", "min(", "abs(", ".", "@",
        "自",
    ]

    static let sheet = Sheet([
        "a": 1, "b": number("-2.5"), "e": .empty, "t": .text("自然人"), "x.one": number("0.1"), "x.two": .empty,
    ])

    @Test(arguments: 0..<4)
    func randomFormulas(seed: UInt64) {
        var generator = Generator(state: seed &+ 0x9E37_79B9)
        var parsed = 0
        for _ in 0..<5_000 {
            let length = Int.random(in: 1...14, using: &generator)
            let source = (0..<length).map { _ in Self.pieces.randomElement(using: &generator) ?? "" }.joined()
            let expression: Expression
            do {
                expression = try Formula.parse(source)
            } catch {
                #expect(error.code.hasPrefix("F"))
                #expect((error.span?.start ?? 0) <= source.count)
                continue
            }
            parsed += 1
            let canonical = expression.description
            #expect((try? Formula.parse(canonical).description) == canonical, "\(source) → \(canonical)")
            do {
                _ = try Self.sheet.bind(source).evaluate { Self.sheet.values[$0] }
            } catch {
                #expect(error.code == "F012" || error.code == "F020" || error.code == "F021", "\(source): \(error)")
            }
        }
        #expect(parsed > 100)
    }
}
