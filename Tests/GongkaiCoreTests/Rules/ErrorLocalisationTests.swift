import GongkaiTestSupport
import Testing

@testable import GongkaiCore

/// Error localisation: the exact search on small problems, and repair suggestions on the golden reports.
@Suite("Error localisation")
struct ErrorLocalisationTests {
    /// x0 + x1 + x2 = x3 (a row and its total), values as given.
    static func rowProblem(_ values: [Int]) -> ErrorLocalisation.Problem {
        var problem = ErrorLocalisation.Problem(count: values.count)
        problem.values = values.map { $0 }
        problem.free = Array(repeating: true, count: values.count)
        problem.equations = [[(0, 1), (1, 1), (2, 1), (3, -1)]]
        problem.constants = [0]
        return problem
    }

    @Test func aHoldingProblemNeedsNoChange() {
        let outcome = ErrorLocalisation.search(Self.rowProblem([1, 2, 3, 6]))
        #expect(outcome.solutions.isEmpty)
        #expect(outcome.cardinality == 0)
    }

    @Test func oneFailingSumHasOneRepairPerCellThatStaysInDomain() {
        // 10 + 1 + 0 = 0: the total → 11; a part would have to go negative except none can (10 − 11 < 0).
        let outcome = ErrorLocalisation.search(Self.rowProblem([10, 1, 0, 0]))
        #expect(outcome.cardinality == 1)
        let repairs = outcome.solutions.map { $0.changes.map { [$0.variable, $0.value] } }
        #expect(repairs == [[[3, 11]]])
    }

    @Test func everyCellOfASingleSumIsACandidateWhenItCanAbsorbTheImbalance() {
        let outcome = ErrorLocalisation.search(Self.rowProblem([5, 4, 3, 10]))
        // 5 + 4 + 3 = 12 ≠ 10: lower a part by 2, or raise the total to 12.
        let repairs = Set(outcome.solutions.map { $0.changes.map { [$0.variable, $0.value] } })
        #expect(repairs == [[[0, 3]], [[1, 2]], [[2, 1]], [[3, 12]]])
    }

    @Test func twoIndependentFailuresNeedTwoChanges() {
        // Two rows a + b = t, both totals printed 0.
        var problem = ErrorLocalisation.Problem(count: 6)
        problem.values = [3, 4, 0, 5, 0, 0]
        problem.free = Array(repeating: true, count: 6)
        problem.equations = [[(0, 1), (1, 1), (2, -1)], [(3, 1), (4, 1), (5, -1)]]
        problem.constants = [0, 0]
        let outcome = ErrorLocalisation.search(problem)
        #expect(outcome.cardinality == 2)
        #expect(outcome.solutions.contains { $0.changes.map { [$0.variable, $0.value] } == [[2, 7], [5, 5]] })
        for solution in outcome.solutions { #expect(solution.changes.count == 2) }
    }

    @Test func aCellOutOfDomainMustChange() {
        // −3 + 2 = −1 holds, but −3 is out of domain: the part goes to 3 and the total to 5 (two changes).
        var problem = Self.rowProblem([-3, 2, 0, -1])
        problem.forced = [0]
        let outcome = ErrorLocalisation.search(problem)
        #expect(outcome.cardinality == 2)
        #expect(outcome.solutions.allSatisfy { $0.changes.contains { $0.variable == 0 } })
        #expect(outcome.solutions.contains { $0.changes.map { [$0.variable, $0.value] } == [[0, 3], [3, 5]] })
    }

    @Test func aNonIntegralRepairIsNoRepair() {
        // 2·x = 5 has no integer solution; nothing up to the bound repairs it.
        var problem = ErrorLocalisation.Problem(count: 2)
        problem.values = [1, 5]
        problem.free = [true, false]
        problem.equations = [[(0, 2), (1, -1)]]
        problem.constants = [0]
        let outcome = ErrorLocalisation.search(problem)
        #expect(outcome.solutions.isEmpty)
        #expect(outcome.cardinality == nil)
    }

    @Test func inequalitiesDropRepairsThatLeaveThemFalse() {
        // 3 + 40 + 0 = 7 fails: b → 4 or t → 43 (a and c would go negative). An incomplete column says b ≤ 10
        // (−b ≥ −10), which t → 43 leaves false.
        var problem = Self.rowProblem([3, 40, 0, 7])
        problem.inequalities = [[(1, -1)]]
        problem.inequalityConstants = [-10]
        let outcome = ErrorLocalisation.search(problem)
        let repairs = Set(outcome.solutions.map { $0.changes.map { [$0.variable, $0.value] } })
        #expect(repairs == [[[1, 4]]])
    }

    // MARK: Reports

    @Test func hongze2023RanksBothPrintedZeroTotalsFirst() throws {
        let book = try Golden("洪泽区-2023.json").workbook()
        let search = try book.repairSuggestions(report: "r")
        #expect(search.failing == ["t4.rowsum.review", "t4.rowsum.suit.after"])
        #expect(search.cardinality == 2)
        let top = try #require(search.candidates.first)
        #expect(top.changes.map(\.cell) == ["t4.review.total", "t4.suit.after.total"])
        #expect(top.changes.map(\.repaired) == [11, 5])
        #expect(top.changes.allSatisfy { $0.pattern == .zeroTotal && $0.printed == 0 })
        let changes = try book.applyRepair(top)
        #expect(Set(changes.healed.map(\.name)) == ["t4.rowsum.review", "t4.rowsum.suit.after"])
        #expect(try book.failingCount(report: "r") == 0)
        _ = book.undo()
        #expect(try book.value(of: "t4.review.total") == 0)
        #expect(try book.value(of: "t4.suit.after.total") == 0)
        #expect(try book.provenance(of: "t4.review.total")?.origin == .read)
        #expect(try book.failingCount(report: "r") == 2)
    }

    static let goldens = ["上犹县政府办-2023.json", "淮安市-2024.json", "平潭综合实验区-2021.json", "上海市科委-2024.json", "洪泽区-2024.json"]

    /// On every report whose published tables hold, a total printed 0 is found, ranked first, and repaired exactly.
    @Test(arguments: goldens)
    func aTotalPrintedZeroIsRankedFirst(file: String) throws {
        let golden = try Golden(file)
        let book = try golden.workbook()
        #expect(try book.failingCount(report: "r") == 0)
        let name = "t3.new.total"
        let truth = try book.value(of: name)
        try #require(truth != 0 && !truth.isEmpty)
        _ = try book.set(name, .value(0))
        let search = try book.repairSuggestions(report: "r")
        let top = try #require(search.candidates.first)
        #expect(top.changes.map(\.cell) == [name])
        #expect(top.changes.first.map { Value.number($0.repaired) } == truth)
        #expect(top.changes.first?.pattern == .zeroTotal)
    }

    /// A linear user rule takes part: with it, the only one-cell repair is the one that satisfies it too.
    @Test func aLinearUserRuleTakesPart() throws {
        let book = try Golden("上犹县政府办-2023.json").workbook()
        let open = try #require(try book.value(of: "t3.result.open.natural").number?.intValue)
        _ = try book.addRule(name: "open", expression: "t3.result.open.natural = \(open)")
        _ = try book.set("t3.result.open.natural", .value(.number(DecimalNumber(open + 3))))
        let search = try book.repairSuggestions(report: "r")
        #expect(search.failing.contains("open"))
        let top = try #require(search.candidates.first)
        #expect(top.changes.map(\.cell) == ["t3.result.open.natural"])
        #expect(top.changes.first?.repaired == DecimalNumber(open))
        // A rule that is no equality cannot take part, and says so.
        _ = try book.addRule(name: "half", expression: "t3.result.open.total >= t3.new.total * 100")
        #expect(try book.repairSuggestions(report: "r").ignored.contains("half"))
    }

    @Test func patternsExplainHowAFigureWentWrong() {
        func best(_ printed: Int, _ repaired: Int, total: Bool = false, neighbours: [Int] = []) -> RepairPattern {
            RepairPattern.likelihood(
                printed: printed, repaired: repaired, isTotal: total, neighbours: neighbours, otherTotals: []
            ).pattern
        }
        #expect(best(0, 11, total: true) == .zeroTotal)
        #expect(best(21, 12) == .transposed)
        #expect(best(15, 105) == .digitDropped)
        #expect(best(155, 15) == .digitDoubled)
        #expect(best(64, 6, neighbours: [4]) == .glued)
        #expect(best(-5, 5) == .signLost)
        #expect(best(7, 3, neighbours: [7]) == .neighbour)
        #expect(best(3, 4) == .other)
    }
}
