import Foundation
import GongkaiTestSupport
import Testing

@testable import GongkaiCore

/// The official equalities written as formulas and evaluated on the published reports' golden values.
@Suite struct FixtureFormulaTests {
    static let template = ReportTemplate.official2021
    static let reports = ["上犹县政府办-2023", "淮安市-2024", "平潭综合实验区-2021", "上海市科委-2024"]

    /// The `cells` of a golden file, numbers read as exact decimals from the JSON text (no Double on the way).
    static func goldenValues(_ report: String) throws -> [Value] {
        let text = try String(contentsOf: Fixtures.url("reports/golden/\(report).json"), encoding: .utf8)
        var values = [Value](repeating: .empty, count: template.cells.count)
        for line in text.split(separator: "\n") {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].hasPrefix("\""), parts[0].hasSuffix("\"") else { continue }
            let name = String(parts[0].dropFirst().dropLast())
            guard let index = template.index(of: name) else { continue }
            let literal = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
            if literal == "null" { continue }
            values[index] = .number(try #require(DecimalNumber(literal), "\(name): \(literal)"))
        }
        return values
    }

    static func formula(_ equality: TemplateEquality) -> String {
        let side = { (ids: [Int]) in ids.map { template.cells[$0].name }.joined(separator: " + ") }
        return "\(side(equality.lhs)) = \(side(equality.rhs))"
    }

    @Test(arguments: reports)
    func officialEqualitiesAsFormulas(report: String) throws {
        let values = try Self.goldenValues(report)
        let sheet = Sheet(names: Self.template.cells.map(\.name), values: values)
        var holding = 0
        for equality in Self.template.equalities {
            let source = Self.formula(equality)
            let bound = try sheet.bind(source)
            #expect(bound.dependencies == Set(equality.lhs + equality.rhs).sorted())
            // Independent check: the two sums, added up here without the formula layer.
            func total(_ ids: [Int]) throws -> DecimalNumber {
                try ids.reduce(DecimalNumber.zero) { try $0.adding(values[$1].number ?? .zero) }
            }
            let expected: Value = try total(equality.lhs) == total(equality.rhs) ? 1 : 0
            let result = bound.evaluate { values[$0] }
            #expect(result == expected, "\(equality.name): \(source)")
            if result == 1 { holding += 1 }
        }
        // The clean 上犹县 report satisfies every official rule.
        if report == "上犹县政府办-2023" { #expect(holding == Self.template.equalities.count) }
    }

    @Test func feeStaysExact() throws {
        let values = try Self.goldenValues("平潭综合实验区-2021")
        let sheet = Sheet(names: Self.template.cells.map(\.name), values: values)
        #expect(try sheet.evaluate("t2.fee.amount") == number("24252.311082"))
        #expect(try sheet.evaluate("t2.fee.amount * 1") == number("24252.311082"))
        #expect(try sheet.evaluate("round(t2.fee.amount, 2)") == number("24252.31"))
        #expect(try sheet.evaluate("t2.fee.amount / 3 * 3") == number("24252.311082"))
    }

    @Test func wildcardSumsMatchTheTotalsOf上犹县() throws {
        let values = try Self.goldenValues("上犹县政府办-2023")
        let sheet = Sheet(names: Self.template.cells.map(\.name), values: values)
        // 7 new applications (narrative: 收到申请7件); the wildcard includes the total column itself.
        #expect(try sheet.evaluate("t3.new.total") == 7)
        #expect(try sheet.evaluate("sum(t3.new.*) - t3.new.total") == 7)
        #expect(try sheet.evaluate("t3.new.total + t3.carried.total = t3.total.total + t3.forward.total") == 1)
        #expect(try sheet.evaluate("count(t3.new.*)") == 7)
    }
}
