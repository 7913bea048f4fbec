import Testing

@testable import GongkaiCore

@Suite struct DecimalNumberTests {
    static func d(_ text: String) throws -> DecimalNumber {
        try #require(DecimalNumber(text), "not a decimal: \(text)")
    }

    // MARK: Parsing and description

    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("+5", "5"), ("12", "12"), ("-12", "-12"), ("24252.311082", "24252.311082"),
        ("1.50", "1.5"), ("1.500000000000000000000", "1.5"), ("0.000", "0"), (".5", "0.5"), ("5.", "5"), ("007", "7"),
        ("-0.005", "-0.005"), ("0.000000000000000001", "0.000000000000000001"),
        ("99999999999999999999999999999999999", "99999999999999999999999999999999999"),
        ("000000000000000000000000000000000000001", "1"),
        ("12345678901234567.123456789012345678", "12345678901234567.123456789012345678"),
    ])
    func parsesAndPrintsCanonically(text: String, expected: String) throws {
        #expect(try Self.d(text).description == expected)
    }

    @Test(arguments: [
        "", "-", "+", ".", "-.", "1.2.3", "1e5", "1,000", " 1", "1 ", "--1", "+-1", "１", "0x10", "1_000",
        "0.0000000000000000001", "100000000000000000000000000000000000", "12345678901234567.1234567890123456789",
    ])
    func rejects(text: String) {
        #expect(DecimalNumber(text) == nil)
    }

    @Test(arguments: [
        (Int128(-5), 3, "-0.005"), (12345, 2, "123.45"), (100, 2, "1"), (1, -3, "1000"),
        (123, 20, "0.000000000000000001"),
        (5, 19, "0"), (15, 19, "0.000000000000000002"), (25, 19, "0.000000000000000002"),
        (-15, 19, "-0.000000000000000002"),
    ])
    func normalisesSignificandAndScale(significand: Int128, scale: Int, expected: String) throws {
        let value = try #require(DecimalNumber(significand: significand, scale: scale))
        #expect(value.description == expected)
    }

    @Test func extremeScalesNeitherTrapNorLie() throws {
        #expect(DecimalNumber(significand: 5, scale: 100) == .zero)
        #expect(DecimalNumber(significand: .max, scale: 57) == .zero)
        #expect(DecimalNumber(significand: .max, scale: 56)?.description == "0.000000000000000002")
        #expect(DecimalNumber(significand: 1, scale: .min) == nil)
        #expect(DecimalNumber(significand: 0, scale: .min) == .zero)
        #expect(DecimalNumber(significand: 1, scale: .max) == .zero)
        #expect(try Self.d("2.5").rounded(places: .min) == .zero)
        #expect(try Self.d("2.5").rounded(places: .max) == Self.d("2.5"))
        #expect(throws: ArithmeticError.overflow) { try Self.d("2.5").rounded(places: .min, rule: .awayFromZero) }
    }

    @Test func normalisedValuesAreEqualAndHashAlike() throws {
        let a = try Self.d("1.50")
        let b = try Self.d("1.5")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.scale == 1 && a.significand == 15)
        #expect(Set([a, b, try Self.d("1.500")]).count == 1)
        #expect(DecimalNumber(significand: .max, scale: 0) == nil)
        #expect(DecimalNumber(significand: .max, scale: 18)?.description == "170141183460469231731.68730371588411")
    }

    @Test func integerViews() throws {
        #expect(try Self.d("12").intValue == 12)
        #expect(try Self.d("1.5").intValue == nil)
        #expect(try Self.d("99999999999999999999999999999999999").intValue == nil)
        #expect(try Self.d("-3").isNegative)
        #expect(try Self.d("0").isZero)
        #expect(try Self.d("-2.5").magnitude == Self.d("2.5"))
    }

    // MARK: Order

    @Test(arguments: [
        ("0.5", "0.25"), ("-1.25", "-1.5"), ("1.000001", "1"), ("0", "-0.1"), ("10", "9.999999999999999999"),
        ("99999999999999999999999999999999999", "0.000000000000000001"),
        ("12345678901234567.123456789012345678", "12345678901234567.12345678901234567"),
        ("-0.000000000000000001", "-99999999999999999999999999999999999"),
    ])
    func comparesAcrossScales(larger: String, smaller: String) throws {
        let a = try Self.d(larger)
        let b = try Self.d(smaller)
        #expect(b < a)
        #expect(!(a < b))
        #expect(a > b)
        #expect(a != b)
    }

    // MARK: Arithmetic

    @Test(arguments: [
        ("0.1", "0.2", "0.3"), ("1", "0.000000000000000001", "1.000000000000000001"), ("-5", "5", "0"),
        ("24252.311082", "-0.311082", "24252"),
        ("12345678901234567", "0.123456789012345678", "12345678901234567.123456789012345678"),
        // Beyond 35 significant digits the fraction is rounded (half to even), where it used to overflow.
        ("100000000000000000", "0.000000000000000001", "100000000000000000"),
        ("10000000000000000000", "0.000000000000000001", "10000000000000000000"),
        ("-10000000000000000000", "0.000000000000000001", "-10000000000000000000"),
        ("99999999999999999999999999999999998", "0.5", "99999999999999999999999999999999998"),
    ])
    func adds(a: String, b: String, sum: String) throws {
        #expect(try Self.d(a).adding(Self.d(b)).description == sum)
        #expect(try Self.d(b).adding(Self.d(a)).description == sum)
    }

    @Test func subtracts() throws {
        #expect(try Self.d("0.3").subtracting(Self.d("0.1")) == Self.d("0.2"))
        #expect(try Self.d("1").subtracting(Self.d("1.000000000000000001")).description == "-0.000000000000000001")
    }

    @Test(arguments: [
        ("24252.311082", "1", "24252.311082"), ("0.1", "0.1", "0.01"), ("-1.5", "2", "-3"),
        ("100000000000000000", "100000000000000000", "10000000000000000000000000000000000"),
        ("0.000000001", "0.000000001", "0.000000000000000001"), ("0.000000001", "0.0000000001", "0"),
        ("0.000000001", "0.0000000005", "0"), ("0.000000001", "0.0000000015", "0.000000000000000002"),
        // Two 18-digit fractions whose product needs more than 128 bits: exact in 256, then rounded.
        ("333.333333333333333333", "333.333333333333333333", "111111.111111111111110889"),
        ("-333.333333333333333333", "333.333333333333333333", "-111111.111111111111110889"),
    ])
    func multiplies(a: String, b: String, product: String) throws {
        #expect(try Self.d(a).multiplying(Self.d(b)).description == product)
    }

    @Test(arguments: [
        ("1", "3", "0.333333333333333333"), ("2", "3", "0.666666666666666667"), ("-2", "3", "-0.666666666666666667"),
        ("1", "8", "0.125"), ("24252.311082", "3", "8084.103694"), ("0", "5", "0"), ("10", "4", "2.5"),
        // Half to even at the 19th digit, unless digits beyond say the true value is above the half.
        ("0.000000000000000001", "2", "0"), ("0.000000000000000003", "2", "0.000000000000000002"),
        ("0.000000000000000005", "2", "0.000000000000000002"),
        ("0.000000000000000001", "1.999999999999999999", "0.000000000000000001"),
        // Quotients with many integer digits keep 35 significant digits instead of overflowing.
        ("100", "0.000000000000000001", "100000000000000000000"),
        ("100000000000000000", "3", "33333333333333333.333333333333333333"),
        ("1000000000000000000", "3", "333333333333333333.33333333333333333"),
        ("1", "0.000000000000000003", "333333333333333333.33333333333333333"),
    ])
    func dividesRoundingHalfToEven(a: String, b: String, quotient: String) throws {
        #expect(try Self.d(a).dividing(by: Self.d(b)).description == quotient)
    }

    @Test(arguments: [
        ("99999999999999999999999999999999999", "+", "1"), ("-99999999999999999999999999999999999", "-", "1"),
        ("10000000000000000000000000000000000", "*", "10"), ("10000000000000000000000000000000000", "/", "0.1"),
        ("100000000000000000000", "*", "100000000000000000000"), ("1", "/", "0.000000000000000000"),
        ("99999999999999999999999999999999999", "+", "0.5"),
    ])
    func overflowIsAnErrorNotATrap(a: String, op: String, b: String) throws {
        let x = try Self.d(a)
        let y = try Self.d(b)
        let expected: ArithmeticError = y.isZero ? .divisionByZero : .overflow
        #expect(throws: expected) {
            switch op {
            case "+": _ = try x.adding(y)
            case "-": _ = try x.subtracting(y)
            case "*": _ = try x.multiplying(y)
            default: _ = try x.dividing(by: y)
            }
        }
    }

    // MARK: Rounding

    @Test(arguments: [
        ("2.5", 0, "3"), ("-2.5", 0, "-3"), ("2.4", 0, "2"), ("2.45", 1, "2.5"), ("-2.45", 1, "-2.5"),
        ("1234.5678", -2, "1200"), ("1250", -2, "1300"), ("0.5", -40, "0"), ("1", 18, "1"), ("1.23", 5, "1.23"),
        ("0.000000000000000005", 17, "0.00000000000000001"),
    ])
    func roundsHalfAwayFromZero(value: String, places: Int, expected: String) throws {
        #expect(try Self.d(value).rounded(places: places).description == expected)
    }

    @Test(arguments: [
        ("-1.9", 0, FloatingPointRoundingRule.towardZero, "-1"), ("1.21", 1, .awayFromZero, "1.3"),
        ("-1.21", 1, .awayFromZero, "-1.3"), ("-1.21", 1, .down, "-1.3"), ("-1.29", 1, .up, "-1.2"),
        ("1.21", 1, .up, "1.3"), ("2.5", 0, .toNearestOrEven, "2"), ("3.5", 0, .toNearestOrEven, "4"),
        ("2.51", 0, .toNearestOrEven, "3"), ("0.5", -40, .awayFromZero, "overflow"),
        (
            "0.5", -30, .awayFromZero,
            "1000000000000000000000000000000"
        ),
        ("99999999999999999999999999999999999", -1, .toNearestOrAwayFromZero, "overflow"),
    ])
    func roundsByRule(value: String, places: Int, rule: FloatingPointRoundingRule, expected: String) throws {
        let x = try Self.d(value)
        do {
            #expect(try x.rounded(places: places, rule: rule).description == expected)
        } catch {
            #expect(expected == "overflow" && error == .overflow)
        }
    }

    @Test func floorAndFloorDivision() throws {
        #expect(try Self.d("-1.5").floor() == Self.d("-2"))
        #expect(try Self.d("1.5").floor() == Self.d("1"))
        #expect(try Self.d("3").floor() == Self.d("3"))
        let (q, r) = try Self.d("-7").floorDivided(by: Self.d("3"))
        #expect(q == -3 && r == 2)
        let (q2, r2) = try Self.d("7.5").floorDivided(by: Self.d("0.2"))
        #expect(try q2 == 37 && r2 == Self.d("0.1"))
        #expect(throws: ArithmeticError.divisionByZero) { try Self.d("1").floorDivided(by: .zero) }
    }

    /// The one-word fast paths of +, − and × agree with 128-bit arithmetic around the word's limits.
    @Test func wordBoundaryArithmetic() throws {
        let edges: [Int128] = [
            0, 1, -1, 7, Int128(Int64.max), Int128(Int64.max) - 1, Int128(Int64.min), Int128(Int64.min) + 1,
            Int128(Int64.max) + 1, Int128(Int64.min) - 1, 3_037_000_499, 3_037_000_500, -3_037_000_500,
            Int128(UInt64.max), 10_000_000_000_000_000_000,
        ]
        for a in edges {
            for b in edges {
                let x = try #require(DecimalNumber(significand: a, scale: 0))
                let y = try #require(DecimalNumber(significand: b, scale: 0))
                #expect(try x.adding(y).significand == a + b, "\(a) + \(b)")
                #expect(try x.subtracting(y).significand == a - b, "\(a) - \(b)")
                let (product, overflow) = a.multipliedReportingOverflow(by: b)
                if !overflow, product.magnitude <= DecimalNumber.limit.magnitude {
                    #expect(try x.multiplying(y).significand == product, "\(a) × \(b)")
                }
            }
        }
        // A sum of counts beyond one word stays exact.
        let big = try #require(DecimalNumber(significand: Int128(Int64.max), scale: 0))
        #expect(
            Workbook.sum([0, 1, 2], in: CellValues([.number(big), .number(big), .number(2)])).value.significand
                == 2 * Int128(Int64.max) + 2)
    }
}
