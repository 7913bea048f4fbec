import Testing

@testable import GongkaiCore

@Suite struct BindingTests {
    static let template = ReportTemplate.official2021
    static let sheet = Sheet(
        names: template.cells.map(\.name), values: Array(repeating: .empty, count: template.cells.count))

    @Test func dependenciesAreSortedAndUnique() throws {
        let sheet = Sheet(["a": 1, "b": 2, "c": 3])
        #expect(try sheet.bind("c + a * c - if(a, b, a)").dependencies == [0, 1, 2])
        #expect(try sheet.bind("1 + 2").dependencies == [])
    }

    @Test func wildcardsExpandToTheMatchingTemplateCells() throws {
        let bound = try Self.sheet.bind("sum(t3.*.natural)")
        let expected = Self.template.cells.filter {
            $0.name.hasPrefix("t3.") && $0.name.hasSuffix(".natural") && $0.name.split(separator: ".").count == 3
        }.map(\.index)
        #expect(bound.dependencies == expected)
        #expect(expected.count == 4)  // new, carried, total, forward
        let deep = try Self.sheet.bind("count(t3.**.natural)").dependencies
        #expect(deep.count == Self.template.cells.count { $0.name.hasPrefix("t3.") && $0.name.hasSuffix(".natural") })
        #expect(try Self.sheet.bind("counta(**)").dependencies.count == Self.template.cells.count)
    }

    @Test func emptyTemplateCellsSumToZeroAndAverageToDivisionByZero() throws {
        let values = Self.sheet.values
        #expect(try Self.sheet.bind("sum(t3.**)").evaluate { values[$0] } == 0)
        #expect(try Self.sheet.bind("t3.new.natural + t3.carried.natural").evaluate { values[$0] } == 0)
        #expect(try Self.sheet.bind("t3.new.natural").evaluate { values[$0] } == .empty)
        #expect(try Self.sheet.bind("average(t4.**)").evaluate { values[$0] } == .error(.divisionByZero))
        #expect(try Self.sheet.bind("count(**)").evaluate { values[$0] } == 0)
    }

    @Test func unknownNameSuggestsTheNearestCell() {
        do {
            _ = try Self.sheet.bind("sum(t3.totl.natural, 1)")
            Issue.record("bound an unknown name")
        } catch {
            #expect(error.code == "F020")
            #expect(error.message == "unknown name 't3.totl.natural' at column 5")
            #expect(error.diagnostic.help == "did you mean 't3.total.natural'?")
        }
    }

    @Test func wildcardMatchingNothingIsTheResolversError() {
        do {
            _ = try Self.sheet.bind("sum(t9.*)")
            Issue.record("bound a wildcard matching nothing")
        } catch {
            #expect(error.message == "no cell matches 't9.*' at column 5")
        }
    }

    @Test func aNameResolvingToManyCellsNeedsAnAggregate() throws {
        let expression = try Formula.parse("group + 1")
        do {
            _ = try expression.bind { _ throws(FormulaError) in .cells([1, 2]) }
            Issue.record("bound many cells in a scalar position")
        } catch {
            #expect(error.code == "F012")
            #expect(error.message == "'group' stands for many cells where one value is needed at column 1")
        }
        // One cell is one value, and inside an aggregate any number is fine.
        let single = try expression.bind { _ throws(FormulaError) in .cells([7]) }
        #expect(single.dependencies == [7])
        #expect(single.evaluate { _ in 4 } == 5)
        let many = try Formula.parse("sum(group) + 1").bind { _ throws(FormulaError) in .cells([1, 2, 3]) }
        #expect(many.evaluate { .number(DecimalNumber($0)) } == 7)
    }

    @Test func compileParsesAndBinds() throws {
        let bound = try Formula.compile("a * 2") { _ throws(FormulaError) in .cell(0) }
        #expect(bound.evaluate { _ in number("1.25") } == number("2.5"))
    }

    @Test func aChainOfEvaluationsFeedsEachResultForward() throws {
        // The engine evaluates one small formula per cell of a long chain, reassigning values as it goes. (This also
        // guards the DecimalNumber layout: a 16-byte-aligned payload crashed `var Value` reassignment at -Onone.)
        let bound = try Formula.compile("previous + 0.5") { _ throws(FormulaError) in .cell(0) }
        var value: Value = 0
        for _ in 0..<10_000 {
            let previous = value
            value = bound.evaluate { _ in previous }
        }
        #expect(value == 5_000)
    }
}
