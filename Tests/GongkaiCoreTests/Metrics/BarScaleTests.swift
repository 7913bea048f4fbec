import GongkaiCore
import Testing

@Suite struct BarScaleTests {
    static func d(_ text: String) -> DecimalNumber { DecimalNumber(text)! }

    @Test("lengths are |value| × units / span, rounded; the largest fills the area; non-zero is at least one unit")
    func positive() {
        // 淮安市 2024 and 上犹县 2023 applications: 7 × 440 / 3153 = 0.98 → 1; 95 × 440 / 3153 = 13.26 → 13.
        let scale = BarScale([3153, 95, 7, 0].map { DecimalNumber($0) }, units: 440)
        #expect(scale.axis == 0)
        #expect(scale.span(of: DecimalNumber(3153)) == (0, 440))
        #expect(scale.span(of: DecimalNumber(95)) == (0, 13))
        #expect(scale.span(of: DecimalNumber(7)) == (0, 1))
        #expect(scale.span(of: DecimalNumber.zero) == (0, 0))
        let tiny = BarScale([Self.d("1000000"), Self.d("0.001")], units: 80)
        #expect(tiny.span(of: Self.d("0.001")).length == 1)
    }

    @Test("negative values: the axis where 0 falls, negative bars left of it")
    func negative() {
        let scale = BarScale([Self.d("352.38"), Self.d("-47.62")], units: 400)
        // 47.62 × 400 / 400 = 47.62 → 48.
        #expect(scale.axis == 48)
        #expect(scale.span(of: Self.d("-47.62")) == (0, 48))
        #expect(scale.span(of: Self.d("352.38")) == (48, 352))
    }

    @Test("all zero or nothing: no bar, no division by zero")
    func degenerate() {
        #expect(BarScale([DecimalNumber.zero, .zero], units: 10).span(of: DecimalNumber.zero) == (0, 0))
        #expect(BarScale([], units: 10).axis == 0)
    }
}
