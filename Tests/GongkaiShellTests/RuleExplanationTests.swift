import Foundation
import GongkaiCore
import GongkaiShell
import Testing

/// `.explain RULE` for every rule family, `.check` descriptions, `!` marks, `.suggest` / `.apply`, and the soft rules,
/// on the real reports of `Tests/Fixtures/reports`.
@Suite("Rule explanation, suggestions and soft rules")
struct RuleExplanationTests {
    static let hongze2023 = "Tests/Fixtures/reports/洪泽区-2023.txt"
    static let hongze2024 = "Tests/Fixtures/reports/洪泽区-2024.txt"

    /// A shell with both 洪泽区 reports loaded (hz23, hz24; hz24 current), plus the given statements run.
    static func hongze(_ statements: [String] = [], width: Int = 80) -> (Shell, StringOutput) {
        let (shell, out) = Harness.shell(width: width)
        shell.execute(statement: ".load \(hongze2023) as hz23")
        shell.execute(statement: ".load \(hongze2024) as hz24")
        for statement in statements { shell.execute(statement: statement) }
        return (shell, out)
    }

    /// After running `statements` on the 洪泽区 pair, the output of the last one.
    static func output(of statements: [String], setup: [String] = []) -> String {
        let (shell, out) = hongze(setup)
        let before = out.text.count
        for statement in statements { shell.execute(statement: statement) }
        return String(out.text.dropFirst(before))
    }

    /// Rule, statements that set it up, and lines the explanation must contain.
    static let families: [(rule: String, setup: [String], expected: [String])] = [
        (
            "hz23.t3.balance.natural", [],
            [
                "hz23.t3.balance.natural  holds  (error)", "equation    一 21 + 二 0 = （七）总计 21 + 四 0",
                "sides       left 21, right 21, imbalance 0", "family      t3.balance.*",
                "hz23.t3.new.natural      21  read  洪泽区-2023.txt:79:18",
            ]
        ),
        (
            "t3.colsum.natural", [],
            [
                "t3.colsum.natural  incomplete  (error)", "equation    （七）总计 95 = （一） 50 + （二） 9",
                "sides       incomplete: a cell it reads is empty", "t3.result.other.nofix.natural       -  empty",
            ]
        ),
        (
            "t3.rowsum.new", ["t3.new.natural = 94"],
            [
                "t3.rowsum.new  fails +1  (error)", "equation    总计 95 = 自然人 94 + 商业企业 0 + 科研机构 0",
                "sides       left 95, right 94, imbalance +1", "t3.new.natural     94  entered\n",
                "t3.new.total       95  read     洪泽区-2024.txt:95:82",
            ]
        ),
        (
            "hz23.t4.rowsum.review", [],
            [
                "hz23.t4.rowsum.review  fails -11  (error)",
                "equation    总计 0 = 结果维持 10 + 结果纠正 1 + 其他结果 0 + 尚未审结 0",
                "sides       left 0, right 11, imbalance -11",
                "hz23.t4.review.total       0  read  洪泽区-2023.txt:149:10",
            ]
        ),
        (
            "domain", ["t2.fee.amount = -3"],
            [
                "domain  fails 1 cell  (error)", "family      domain — Every numeric cell is non-negative",
                "t2.fee.amount  -3  entered",
            ]
        ),
        (
            "xyear.carried.natural", ["meta.org = \"洪泽区人民政府\""],
            [
                "xyear.carried.natural  holds  (warning)", "equation    本年 hz24.t3.carried.natural 0 = 上年",
                "hz23.t3.forward.natural 0", "family      xyear.carried.*",
            ]
        ),
        (
            "open_half", [".rule open_half t3.result.open.total = t3.new.total - 45"],
            [
                "open_half  holds  (error)", "rule        t3.result.open.total = t3.new.total - 45",
                "sides       left 50, right 50, imbalance 0", "t3.result.open.total  50  read  洪泽区-2024.txt:97:82",
            ]
        ),
        (
            "text.received", [],
            [
                "text.received  fails -78  (warning)", "“受理政府信息公开申请 17 件”", "equation    quoted 17 = t3.new.total 95",
                "family      text.* — A figure quoted in the prose",
            ]
        ),
        (
            "xyear.valid.norm", [],
            [
                "xyear.valid.norm  holds  (warning)",
                "equation    t2.norm.valid 8 = hz23.t2.norm.valid 5 + t2.norm.made 3 −",
                "hz23.t2.norm.valid  5  read  洪泽区-2023.txt:49:13",
            ]
        ),
    ]

    @Test(arguments: families.indices)
    func explainEveryRuleFamily(index: Int) {
        let family = Self.families[index]
        let text = Self.output(of: [".explain " + family.rule], setup: family.setup)
        for line in family.expected { #expect(text.contains(line), "\(family.rule): missing ‘\(line)’ in\n\(text)") }
        #expect(text.contains("see         docs/rules.md"))
        for line in text.split(separator: "\n") { #expect(displayWidth(line) <= 80, "\(line)") }
    }

    @Test func explainOfACellStillWorksAndUnknownNamesStillFail() {
        let text = Self.output(of: [".explain t3.new.natural"])
        #expect(text.hasPrefix("t3.new.natural  一、本年新收政府信息公开申请数量 · 申请人情况/自然人  (件)\n"))
        #expect(text.contains("rules       t3.balance.natural (holds) t3.rowsum.new (holds) domain (holds)"))
        let (shell, out) = Self.hongze()
        #expect(shell.execute(statement: ".explain t3.balance.naturel") == .failed)
        #expect(out.text.contains("Error: unknown name"))
    }

    @Test func checkNeverCutsADescriptionOffATerminal() {
        let text = Self.output(of: [".check all"])
        #expect(text.contains("holds      hz23.t3.balance.natural"))
        #expect(text.contains("error   申请人情况/自然人: 本年新收 + 上年结转 = （七）总计 + 结转下年度继续办理\n"))
        #expect(!text.contains("…"))
    }

    @Test func failingRulesMarkEveryCellOfTheirEquation() {
        let text = Self.output(of: [".show hz23.t4"])
        #expect(text.contains(" 10!   1!   0!   0!   0!    0    0    0    0    0   5!   0!   0!   0!   0!"))
    }

    @Test func aFailingUserRuleMarksItsCellsToo() {
        let text = Self.output(of: [".show t3.new.natural", ".rule seven t3.new.natural = 7", ".show t3.new.natural"])
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("t3.new.natural") }
        #expect(lines.count == 2)
        #expect(lines.first?.contains("95!") == false)
        #expect(lines.last?.contains("95!") == true)
    }

    // MARK: Suggest and apply

    @Test func suggestRanksTheTwoPrintedZeroTotalsFirstAndApplyIsOneUndoableChange() {
        let (shell, out) = Self.hongze([".reports hz23"])
        var before = out.text.count
        #expect(shell.execute(statement: ".suggest") == .ok)
        let listing = String(out.text.dropFirst(before))
        #expect(listing.hasPrefix("hz23: 2 failing rules: t4.rowsum.review, t4.rowsum.suit.after\n"))
        #expect(
            listing.contains(
                """
                1.  t4.review.total = 11      (printed 0: a total printed 0)
                    t4.suit.after.total = 5   (printed 0: a total printed 0)
                2.
                """))
        before = out.text.count
        #expect(shell.execute(statement: ".apply 1") == .ok)
        #expect(
            String(out.text.dropFirst(before)) == """
                t4.review.total      0 → 11
                t4.suit.after.total  0 → 5
                t4.rowsum.review      healed
                t4.rowsum.suit.after  healed

                """)
        #expect(shell.execute(statement: ".check") == .ok)
        #expect(shell.execute(statement: ".explain t4.review.total") == .ok)
        #expect(out.text.contains("source      洪泽区-2023.txt:149:10 (entered)"))
        before = out.text.count
        #expect(shell.execute(statement: ".undo") == .ok)
        #expect(
            String(out.text.dropFirst(before)).hasPrefix("t4.review.total      11 → 0\nt4.suit.after.total  5 → 0\n"))
        #expect((try? shell.workbook.failingRules(report: "hz23"))?.count == 2)
        #expect((try? shell.workbook.provenance(of: "hz23.t4.review.total"))??.origin == .read)
        // The CLI's entry point prints the same listing.
        let lines = (try? shell.suggestionLines(report: "hz23")) ?? []
        #expect(lines.count > 3 && lines[2] == "1.  t4.review.total = 11      (printed 0: a total printed 0)")
    }

    @Test func applyRefusesWithoutOrAfterAStaleSuggestion() {
        let (shell, out) = Self.hongze([".reports hz23"])
        #expect(shell.execute(statement: ".apply 1") == .failed)
        #expect(out.text.contains("Error: no suggestions yet; .suggest first"))
        shell.execute(statement: ".suggest")
        shell.execute(statement: "t4.review.total = 3")
        #expect(shell.execute(statement: ".apply 1") == .failed)
        #expect(out.text.contains("it changed since the suggestion"))
        #expect(shell.execute(statement: ".apply 99") == .failed)
    }

    @Test func suggestSaysWhenNothingFails() {
        let text = Self.output(of: [".suggest hz24"])
        #expect(text == "hz24: no error rule fails; nothing to repair\n")
    }

    // MARK: Soft rules on the real reports

    static func soft(_ report: String, _ name: String, setup: [String] = []) -> String? {
        let (shell, _) = hongze(setup)
        return (try? shell.workbook.softRuleResults(report: report))?.first { $0.name == name }?.status.rawValue
    }

    @Test func proseFiguresAgainstTheTable() {
        // 2024 says 受理 17 件 against 95 new applications; 2023 says 21 and table 三 says 21.
        #expect(Self.soft("hz24", "text.received") == "fails")
        #expect(Self.soft("hz23", "text.received") == "holds")
        let (shell, out) = Harness.shell()
        shell.execute(statement: ".load Tests/Fixtures/reports/上犹县政府办-2023.txt as sy")
        #expect(out.text.contains("loaded Tests/Fixtures/reports/上犹县政府办-2023.txt as sy"))
        #expect(
            (try? shell.workbook.softRuleResults(report: "sy"))?.first { $0.name == "text.received" }?.status == .holds)
        // The load summary lists a failing soft rule with its prose location.
        let loaded = Self.hongze().1.text
        #expect(loaded.contains("  fails      text.received    -78  warning 一、总体情况 ¶3 “受理政府信息公开申请 17 件”"))
    }

    /// The prose soft rules on every fixture report: the quotes found, and each holding except 洪泽区 2024's 受理 17 件.
    static let proseExpectations: [(file: String, rules: [String])] = [
        ("上犹县政府办-2023.txt", ["text.carried", "text.closed", "text.received", "text.fee"]),
        ("淮安市-2024.txt", ["text.carried", "text.received", "text.review", "text.suit", "text.fee"]),
        ("平潭综合实验区-2021.txt", ["text.received", "text.closed", "text.fee"]),
        ("平潭综合实验区-2021.html", ["text.received", "text.closed", "text.fee"]),
        ("上海市科委-2024.md", ["text.carried", "text.received", "text.fee"]),
        ("洪泽区-2023.txt", ["text.received", "text.fee"]),
        ("洪泽区-2024.txt", ["text.received", "text.fee"]),
    ]

    @Test(arguments: proseExpectations.indices)
    func proseRulesOnEveryRealReport(index: Int) throws {
        let (file, rules) = Self.proseExpectations[index]
        let (shell, _) = Harness.shell()
        #expect(shell.execute(statement: ".load Tests/Fixtures/reports/\(file) as r") == .ok)
        let results = try shell.workbook.softRuleResults(report: "r").filter { $0.name.hasPrefix("text.") }
        #expect(results.map(\.name) == rules)
        for result in results {
            let expected: RuleStatus = file == "洪泽区-2024.txt" && result.name == "text.received" ? .fails : .holds
            #expect(result.status == expected, "\(file) \(result.name): \(result.description)")
            #expect(result.cells.first?.hasPrefix("text.s") == true)
            #expect(result.description.contains("¶"))
        }
    }

    @Test func validDocumentsContinueFromLastYear() {
        #expect(Self.soft("hz24", "xyear.valid.norm") == "holds")
        #expect(Self.soft("hz24", "xyear.valid.reg") == "holds")
        #expect(Self.soft("hz24", "xyear.valid.norm", setup: ["t2.norm.valid = 9"]) == "fails")
        // The earlier year has no year before it loaded.
        #expect(Self.soft("hz23", "xyear.valid.norm") == nil)
    }

    @Test func processingFeeInSectionSix() {
        #expect(Self.soft("hz24", "text.fee") == "holds")
        #expect(Self.soft("hz24", "text.fee", setup: ["text.s6 = \"本年度无其他需要报告的事项。\""]) == "fails")
        let contradiction = ["t3.result.other.nofee.natural = 2", "t3.result.other.nofee.total = 2"]
        #expect(Self.soft("hz24", "text.fee", setup: contradiction) == "fails")
    }

    @Test func plausibilityOfCountsAndJumps() {
        #expect(Self.soft("hz24", "plausible.count.t3.new.natural") == nil)
        #expect(Self.soft("hz24", "plausible.count.t3.new.natural", setup: ["t3.new.natural = 950000"]) == "fails")
        // 行政许可 550 → 9,487 (17.2×) is a genuine change and stays below the factor; 95,000 does not.
        #expect(Self.soft("hz24", "plausible.jump.t2.permit.decided") == nil)
        #expect(Self.soft("hz24", "plausible.jump.t2.permit.decided", setup: ["t2.permit.decided = 95000"]) == "fails")
        let text = Self.output(of: [".check"], setup: ["t2.permit.decided = 95000"])
        #expect(text.contains("hz24.plausible.jump.t2.permit.decided"))
        // 57 rules and the 7 cross-year rules of the pair (洪泽区人民政府 2023 is 淮安市洪泽区人民政府's year before).
        #expect(
            text.contains(
                "hz24: 64 rules: 47 hold, 0 fail, 17 incomplete (21 cells missing); input damaged (5); 2 soft warnings")
        )
    }
}
