import Testing

@testable import GongkaiCore

@Suite struct EvaluationTests {
    static let sheet = Sheet([
        "a": 1, "b": 2, "z": 0, "e": .empty, "e2": .empty, "t": .text("自然人"), "err": .error(.divisionByZero),
        "fee": number("24252.311082"), "x.one": number("0.1"), "x.two": number("0.2"), "x.three": .empty,
    ])

    /// Exact decimal arithmetic; errors are values.
    @Test(
        arguments: [
            ("0.1 + 0.2", number("0.3")),
            ("0.1 + 0.2 = 0.3", 1),
            ("x.one + x.two", number("0.3")),
            ("1/3", number("0.333333333333333333")),
            ("2/3", number("0.666666666666666667")),
            ("1/3*3", number("0.999999999999999999")),
            ("24252.311082*1", number("24252.311082")),
            ("fee * 1", number("24252.311082")),
            ("fee / 10000 * 10000", number("24252.311082")),
            ("10 / 4", number("2.5")),
            ("1 - 2 - 3", -4),
            ("2 * 3 + 4", 10),
            ("2 * (3 + 4)", 14),
            ("-2 * 3", -6),
            ("--2", 2),
            ("1.50 * 2", 3),
            ("10000000000000000000000000000000000 * 10", .error(.overflow)),
            ("99999999999999999999999999999999999 + 1", .error(.overflow)),
            ("-99999999999999999999999999999999999 - 1", .error(.overflow)),
            ("99999999999999999999999999999999999 + 0", number("99999999999999999999999999999999999")),
            ("1/0", .error(.divisionByZero)),
            ("a/e", .error(.divisionByZero)),
            ("t + 1", .error(.type)),
            ("1 + t", .error(.type)),
            ("-t", .error(.type)),
            ("err + t", .error(.divisionByZero)),
            ("t + err", .error(.type)),
            ("(1/0) * 0", .error(.divisionByZero)),
            ("e + e", 0),
            ("e", .empty),
            ("t", .text("自然人")),
            ("-e", 0),
            ("+e", 0),
            ("e * 5", 0),
            ("a + e", 1),
        ] as [(String, Value)])
    func arithmetic(source: String, expected: Value) throws {
        #expect(try Self.sheet.evaluate(source) == expected)
    }

    /// Comparisons yield 1 or 0; empty is 0 beside numbers and "" beside text; numbers and text do not order.
    @Test(
        arguments: [
            ("a < b", 1), ("a >= b", 0), ("a <= 1", 1), ("a > 1", 0), ("a = 1", 1), ("a == 1", 1), ("a <> 1", 0),
            ("a != 2", 1), ("e = 0", 1), ("e = e2", 1), ("e = \"\"", 1), ("e < 1", 1), ("t = \"自然人\"", 1),
            ("t <> \"法人\"", 1), ("a = t", 0), ("a <> t", 1), ("1.0 = 1", 1), ("0.5 < 0.25", 0), ("-1.5 < -1.25", 1),
            ("123456789.000001 > 123456789", 1), ("0.1 + 0.2 = 0.3", 1), ("1 < 2 = 1", 1),
        ] as [(String, Value)])
    func comparison(source: String, expected: Value) throws {
        #expect(try Self.sheet.evaluate(source) == expected)
    }

    @Test(arguments: [
        ("a < t", Value.error(.type)), ("err = 1", .error(.divisionByZero)), ("1 = err", .error(.divisionByZero)),
    ])
    func comparisonErrors(source: String, expected: Value) throws {
        #expect(try Self.sheet.evaluate(source) == expected)
    }

    /// Built-in functions, empties included.
    static let functionCases: [(String, Value)] = [
        ("sum(e, e2)", 0), ("sum(a, e, b)", 3), ("sum(x.*)", number("0.3")), ("sum(x.three)", 0),
        ("sum(a, t)", .error(.type)), ("sum(a, err)", .error(.divisionByZero)),
        ("sum(err, t)", .error(.divisionByZero)),
        ("average(a, e, b)", number("1.5")), ("average(a, b, b)", number("1.666666666666666667")),
        ("average(e)", .error(.divisionByZero)), ("average(x.*)", number("0.15")),
        ("median(a, e, b)", number("1.5")), ("median(x.*)", number("0.15")), ("median(e)", .error(.notAvailable)),
        ("median(a, t)", .error(.type)), ("percentile(x.*, 1)", number("0.2")),
        ("percentile(x.*, 0.5)", number("0.15")),
        ("percentile(x.*, -1)", .error(.overflow)), ("rank(0.2, x.*)", 1), ("rank(0.1, x.*)", 2),
        ("rank(2, x.*)", .error(.notAvailable)),
        ("countblank(a, e, t, e2, err)", 2), ("countblank(x.*)", 1),
        ("power(2, 10)", 1024), ("power(-2, 3)", -8), ("power(2, -2)", number("0.25")),
        ("power(1.5, 2)", number("2.25")),
        ("power(10, 34)", number("10000000000000000000000000000000000")), ("power(10, 35)", .error(.overflow)),
        ("power(0.1, -100)", .error(.overflow)), ("power(0, -1)", .error(.divisionByZero)),
        ("power(0, 0)", .error(.overflow)),
        ("power(4, 0.5)", .error(.overflow)), ("power(1, 4294967296)", 1), ("power(e, 2)", 0), ("power(7, 0)", 1),
        ("count(a, e, t, b, err)", 2), ("count(x.*)", 2), ("counta(a, e, t, err)", 3), ("counta(e)", 0),
        ("min(e, b, a)", 1), ("max(a, b, e)", 2), ("min(e)", 0), ("max(-1, -2)", -1),
        ("min(0.5, 0.25)", number("0.25")),
        ("product(a, b, e, 3)", 6), ("product(e)", 0), ("product(0.1, 0.1)", number("0.01")),
        ("isblank(e)", 1), ("isblank(z)", 0), ("isblank(t)", 0), ("isblank(err)", 0),
        ("iserror(1/0)", 1), ("iserror(a)", 0), ("isnumber(a)", 1), ("isnumber(t)", 0), ("isnumber(e)", 0),
        ("istext(t)", 1), ("istext(a)", 0),
        ("if(a > 0, \"yes\", \"no\")", .text("yes")), ("if(e, 1, 2)", 2), ("if(z, 1)", .empty), ("if(b, 1)", 1),
        ("if(t, 1, 2)", .error(.type)), ("if(err, 1, 2)", .error(.divisionByZero)), ("if(1, 2, 1/0)", 2),
        ("if(0, 1/0, 3)", 3),
        ("iferror(1/0, -1)", -1), ("iferror(a, -1)", 1), ("iferror(t + 1, \"bad\")", .text("bad")),
        ("and(a, b)", 1), ("and(a, z)", 0), ("and(a, e)", 0), ("or(z, e)", 0), ("or(z, a)", 1),
        ("and(a, t)", .error(.type)),
        ("or(a, err)", .error(.divisionByZero)), ("and(x.*)", 0), ("or(x.*)", 1), ("not(e)", 1), ("not(a)", 0),
        ("not(t)", .error(.type)),
        ("abs(-2.5)", number("2.5")), ("abs(e)", 0), ("abs(t)", .error(.type)), ("sign(-3)", -1), ("sign(e)", 0),
        ("sign(0.001)", 1),
        ("round(2.5)", 3), ("round(-2.5)", -3), ("round(2.4)", 2), ("round(1.2345, 2)", number("1.23")),
        ("round(1.235, 2)", number("1.24")), ("round(-1.235, 2)", number("-1.24")), ("round(1234, -2)", 1200),
        ("round(1250, -2)", 1300), ("round(1.5, e)", 2), ("round(1.25, 1.9)", number("1.3")),
        ("round(2/3, 4)", number("0.6667")), ("round(0.5, -40)", 0), ("round(12, 100)", 12),
        ("round(1, t)", .error(.type)),
        ("roundup(1.21, 1)", number("1.3")), ("roundup(-1.21, 1)", number("-1.3")),
        ("rounddown(-1.29, 1)", number("-1.2")),
        ("trunc(-1.9)", -1), ("trunc(1.99, 1)", number("1.9")), ("int(-1.5)", -2), ("int(1.5)", 1), ("int(e)", 0),
        ("floor(7, 2)", 6), ("floor(-7, 2)", -8), ("floor(2.5)", 2), ("floor(-2.5)", -3),
        ("floor(7.5, 0.2)", number("7.4")),
        ("ceiling(7, 2)", 8), ("ceiling(-7, 2)", -6), ("ceiling(2.1)", 3), ("ceil(2.1)", 3), ("ceiling(4)", 4),
        ("floor(1, 0)", .error(.divisionByZero)),
        ("mod(7, 3)", 1), ("mod(-7, 3)", 2), ("mod(7, -3)", -2), ("mod(-7, -3)", -1), ("mod(5.5, 2)", number("1.5")),
        ("mod(0.3, 0.1)", 0), ("mod(1, 0)", .error(.divisionByZero)), ("mod(e, 2)", 0),
        ("len(\"自然人\")", 3), ("len(t)", 3), ("len(e)", 0), ("len(12.5)", 4), ("len(err)", .error(.divisionByZero)),
        ("concat(\"a\", 1, e, \"b\")", .text("a1b")), ("concat(x.*)", .text("0.10.2")),
        ("concat(\"a\", err)", .error(.divisionByZero)),
        ("\"共\" & a & \"件\"", .text("共1件")), ("e & e", .text("")), ("a & err", .error(.divisionByZero)),
        ("fee & \"万元\"", .text("24252.311082万元")),
    ]

    @Test(arguments: functionCases)
    func function(source: String, expected: Value) throws {
        #expect(try Self.sheet.evaluate(source) == expected)
    }

    /// Keeps the table above honest when a function is added.
    @Test(arguments: Function.allCases)
    func everyFunctionHasCases(function: Function) {
        #expect(Self.functionCases.contains { $0.0.hasPrefix(function.name + "(") }, "\(function.name) has no case")
    }

    /// A chain of `+` over cells is bound flat (``BoundNode/plus``) and evaluates exactly as the nested chain does:
    /// `0 + x + y + z` starts with a number, so it stays nested node by node.
    @Test(arguments: ["a", "e", "t", "err", "fee", "z"])
    func flatSumsAsNested(first: String) throws {
        let names = ["a", "e", "t", "err", "fee", "z", "x.one"]
        for second in names {
            for third in names {
                let chain = "\(first) + \(second) + \(third)"
                let flat = try Self.sheet.bind(chain)
                guard case .plus(let ids) = flat.root else {
                    Issue.record("\(chain) is not bound flat")
                    return
                }
                #expect(ids.count == 3)
                let nested = try Self.sheet.evaluate("0 + " + chain)
                #expect(flat.evaluate { Self.sheet.values[$0] } == nested, "\(chain)")
            }
        }
    }
}
