import GongkaiCore
import GongkaiTestSupport
import Testing

/// One owner of "the same body": ``BodyKey`` normalises `meta.org`, and the cross-year link, the soft rules and
/// `yoy` follow it, on the real 洪泽区 pair (洪泽区人民政府 2023, 淮安市洪泽区人民政府 2024).
@Suite("Body matching across years")
struct BodyMatchingTests {
    static func key(_ text: String) throws -> BodyKey { try #require(BodyKey(text)) }

    @Test(arguments: [
        ("淮安市洪泽区人民政府", "淮安市洪泽区"), ("洪泽区人民政府", "洪泽区"), ("平潭综合实验区管委会", "平潭综合实验区"),
        ("平潭综合实验区管理委员会", "平潭综合实验区"), (" 平潭综合实验区　", "平潭综合实验区"), ("上犹县人民政府办公室", "上犹县"),
        ("江西省人民政府办公厅", "江西省"), ("上犹县政府办", "上犹县政府办"), ("ＡＢＣ区１号", "abc区1号"), ("人民政府", "人民政府"),
    ])
    func normalisesTheName(_ org: String, _ expected: String) throws {
        #expect(try Self.key(org).text == expected)
    }

    @Test func nothingLeftIsNoKey() {
        #expect(BodyKey("  ") == nil)
        #expect(BodyKey("（）") == nil)
    }

    @Test(arguments: [
        ("洪泽区人民政府", "淮安市洪泽区人民政府", true), ("淮安市洪泽区", "江苏省淮安市洪泽区", true), ("洪泽区", "江苏省淮安市洪泽区", true),
        ("平潭综合实验区管委会", "福建省平潭综合实验区", true), ("平潭综合实验区", "平潭综合实验区管理委员会", true),
        ("沛县", "徐州市沛县", true),
        // A prefix is no trailing unit; a suffix that does not start after a whole unit is none either.
        ("淮安市人民政府", "淮安市洪泽区人民政府", false), ("海新区", "天津市滨海新区", false), ("泽区", "淮安市洪泽区", false),
        ("科委", "上海市科委", false), ("上海市科委", "北京市科委", false), ("南京市鼓楼区", "福州市鼓楼区", false),
        ("市洪泽区", "淮安市洪泽区", false),
    ])
    func matchesTrailingUnitsOnly(_ a: String, _ b: String, _ expected: Bool) throws {
        #expect(try Self.key(a).matches(Self.key(b)) == expected)
        #expect(try Self.key(b).matches(Self.key(a)) == expected)
    }

    @Test func trailingUnitsAreWholeUnitsAfterWholeUnits() throws {
        #expect(try Self.key("江苏省淮安市洪泽区").trailingUnits.map(\.text) == ["淮安市洪泽区", "洪泽区"])
        #expect(try Self.key("天津市滨海新区").trailingUnits.map(\.text) == ["滨海新区"])
        #expect(try Self.key("淮安市").trailingUnits.isEmpty)
        #expect(try Self.key("上海市科委").trailingUnits.isEmpty)
    }

    /// A compatibility ideograph (U+F96D, canonically 省) takes the Character path and means what 省 means; full-width
    /// letters and digits fold, ASCII letters lower-case, whatever else is dropped, as the scalar path does.
    @Test func compatibilityIdeographsCompareCanonically() throws {
        let compat = try Self.key("江苏\u{F96D}淮安市洪泽区人民政府")
        let plain = try Self.key("江苏省淮安市洪泽区人民政府")
        #expect(compat == plain)
        #expect(compat.trailingUnits == plain.trailingUnits)
        #expect(plain.trailingUnits.map(\.text) == ["淮安市洪泽区", "洪泽区"])
        #expect(try Self.key("洪泽区").matches(compat))
        #expect(try Self.key("江苏\u{F96D}人民政府").text == "江苏省")
        #expect(try Self.key("Ｘ市（Ａ-1）区　人民政府").text == "x市a1区")
    }

    /// The real pair, as the goldens give it.
    static func hongze() throws -> (Workbook, ChangeSet) {
        let book = Workbook()
        let first = try Golden("洪泽区-2023.json")
        let second = try Golden("洪泽区-2024.json")
        _ = try book.loadReport(name: "hz23", template: first.template, values: first.entries, texts: first.texts)
        let changes = try book.loadReport(
            name: "hz24", template: second.template, values: second.entries, texts: second.texts)
        return (book, changes)
    }

    static let columns = ["natural", "commercial", "research", "nonprofit", "legal", "otherorg", "total"]

    @Test func theHongzePairIsLinked() throws {
        let (book, changes) = try Self.hongze()
        #expect(try book.previousYear(of: "hz24") == "hz23")
        #expect(try book.previousYear(of: "hz23") == nil)
        #expect(try book.body(of: "hz23")?.text == "洪泽区")
        #expect(try book.body(of: "hz24")?.text == "淮安市洪泽区")
        // The 2024 load brings the seven cross-year rules: 上年结转 2024 = 结转下年度 2023, 0 = 0 in every column.
        let names = Self.columns.map { "xyear.carried.\($0)" }
        #expect(changes.rules.filter { $0.name.hasPrefix("xyear.") }.map(\.name) == names)
        for column in Self.columns {
            let rule = try book.rule(named: "hz24.xyear.carried.\(column)")
            #expect(rule.status == .holds)
            #expect(rule.left == 0 && rule.right == 0)
            #expect(rule.cells == ["t3.carried.\(column)", "hz23.t3.forward.\(column)"])
        }
        #expect(try book.ruleNames(report: "hz23").filter { $0.hasPrefix("xyear.") }.isEmpty)
        // The soft rules follow the same link: 现行有效 8 = 5 + 3 − 0 (行政规范性文件), 0 = 0 + 0 − 0 (规章).
        let soft = try book.softRuleResults(report: "hz24")
        #expect(soft.first { $0.name == "xyear.valid.norm" }?.status == .holds)
        #expect(soft.first { $0.name == "xyear.valid.reg" }?.status == .holds)
        #expect(try book.softRuleResults(report: "hz23").allSatisfy { !$0.name.hasPrefix("xyear.") })
    }

    @Test func yoyOfTheHongzePairIsANumber() throws {
        let (book, _) = try Self.hongze()
        // 申请总量 = t3.new.total: 21 (2023) → 95 (2024); (95 − 21) × 100 / 21 = 352.380… → 352.38.
        let growth = try book.metricValues("yoy(applications)")
        let expected = try #require(DecimalNumber("352.38"))
        #expect(growth.first { $0.report == "hz24" }?.value == .number(expected))
        #expect(growth.first { $0.report == "hz23" }?.reason == "no previous year of this body loaded")
    }

    @Test func aRenamedOrgRelinks() throws {
        let (book, _) = try Self.hongze()
        // 淮安市人民政府 is not 淮安市洪泽区: the link and its rules go, and come back with undo.
        let away = try book.set("meta.org", in: "hz23", .value(.text("淮安市人民政府")))
        #expect(try book.previousYear(of: "hz24") == nil)
        #expect(away.rules.filter { $0.name.hasPrefix("xyear.") && $0.new == nil }.count == 7)
        _ = book.undo()
        #expect(try book.previousYear(of: "hz24") == "hz23")
    }

    @Test func aThirdBodyEndingWithTheUnitMakesItAmbiguous() throws {
        let (book, _) = try Self.hongze()
        let other = try Golden("洪泽区-2024.json")
        var texts = other.texts
        texts["meta.org"] = "某市洪泽区人民政府"
        _ = try book.loadReport(name: "elsewhere", template: other.template, values: other.entries, texts: texts)
        // Two bodies of 2024 end with 洪泽区: 洪泽区 2023 is the previous year of neither.
        #expect(try book.previousYear(of: "hz24") == nil)
        #expect(try book.previousYear(of: "elsewhere") == nil)
        _ = book.undo()
        #expect(try book.previousYear(of: "hz24") == "hz23")
    }

    @Test func anAliasLinksTwoNamesAndIsUndoneAndSaved() throws {
        let book = Workbook()
        let first = try Golden("洪泽区-2023.json")
        let second = try Golden("洪泽区-2024.json")
        var texts = first.texts
        texts["meta.org"] = "洪泽县人民政府"  // the county's name before 2016
        _ = try book.loadReport(name: "hz23", template: first.template, values: first.entries, texts: texts)
        _ = try book.loadReport(name: "hz24", template: second.template, values: second.entries, texts: second.texts)
        #expect(try book.previousYear(of: "hz24") == nil)

        let added = try book.addAlias(Self.key("洪泽县"), Self.key("淮安市洪泽区人民政府"))
        #expect(try book.previousYear(of: "hz24") == "hz23")
        #expect(added.rules.filter { $0.name.hasPrefix("xyear.carried.") && $0.old == nil }.count == 7)
        #expect(book.bodyAliases.map { "\($0.body) = \($0.other)" } == ["洪泽县 = 淮安市洪泽区"])
        #expect(throws: EngineError.self) { try book.addAlias(Self.key("淮安市洪泽区"), Self.key("洪泽县")) }
        // The refused alias changed nothing: one alias, one undo step.
        #expect(book.bodyAliases.count == 1)

        // Saved in the document: a rebuilt workbook has the alias and the link.
        let document = book.document()
        #expect(document.aliases == [WorkbookDocument.Alias(body: "洪泽县", other: "淮安市洪泽区")])
        let restored = try Workbook(document: document)
        #expect(try restored.previousYear(of: "hz24") == "hz23")
        #expect(restored.bodyAliases == book.bodyAliases)
        // A key with two endings keeps its second one through a save and a restore.
        let twice = try Self.key("某办公室办公室")
        #expect(twice.text == "某办公室")
        _ = try restored.addAlias(twice, Self.key("洪泽县"))
        #expect(try Workbook(document: restored.document()).bodyAliases.last?.body == twice)

        let undone = try #require(book.undo())
        #expect(try book.previousYear(of: "hz24") == nil)
        #expect(undone.rules.filter { $0.name.hasPrefix("xyear.carried.") && $0.new == nil }.count == 7)
        #expect(book.bodyAliases.isEmpty)
        _ = book.redo()
        let dropped = try book.dropAlias(Self.key("洪泽县"))
        #expect(try book.previousYear(of: "hz24") == nil)
        #expect(dropped.rules.count == 7)
        #expect(throws: EngineError.self) { try book.dropAlias(Self.key("洪泽县")) }
    }

    /// The links kept incrementally through renames, year changes, loads, removals, aliases, undo and redo are those
    /// a workbook rebuilt from scratch computes.
    @Test(arguments: [UInt64(1), 2, 3, 4])
    func incrementalLinksEqualRebuiltOnes(seed: UInt64) throws {
        let orgs = [
            "洪泽区人民政府", "淮安市洪泽区人民政府", "江苏省淮安市洪泽区", "某市洪泽区人民政府", "淮安市人民政府", "洪泽县", "",
        ]
        let golden = try Golden("洪泽区-2024.json")
        let book = Workbook()
        var random = SplitMix64(seed: seed)
        var loaded = 0
        func links(_ book: Workbook) throws -> [String: String] {
            var links: [String: String] = [:]
            for name in book.reportNames { links[name] = try book.previousYear(of: name) ?? "-" }
            return links
        }
        for _ in 0..<120 {
            let names = book.reportNames
            switch random.below(8) {
            case 0 where names.count < 8, 1 where names.isEmpty:
                loaded += 1
                let texts = ["meta.org": orgs[random.below(orgs.count - 1)], "meta.year": "\(2022 + random.below(3))"]
                _ = try book.loadReport(
                    name: "r\(loaded)", template: golden.template, values: golden.entries, texts: texts)
            case 2 where !names.isEmpty:
                _ = try book.removeReport(names[random.below(names.count)])
            case 3:
                let alias = (try Self.key("洪泽县"), try Self.key(["淮安市洪泽区", "洪泽区"][random.below(2)]))
                _ = (try? book.addAlias(alias.0, alias.1)) ?? (try? book.dropAlias(alias.0))
            case 4: _ = book.undo()
            case 5: _ = book.redo()
            default:
                guard !names.isEmpty else { continue }
                let name = names[random.below(names.count)]
                if random.below(2) == 0 {
                    let org = orgs[random.below(orgs.count)]
                    _ = try book.set("meta.org", in: name, org.isEmpty ? .clear : .value(.text(org)))
                } else {
                    _ = try book.set("meta.year", in: name, .value(.text("\(2022 + random.below(3))")))
                }
            }
            let rebuilt = try Workbook(document: book.document())
            #expect(try links(book) == links(rebuilt))
            for name in book.reportNames {
                let rules = try book.ruleNames(report: name).filter { $0.hasPrefix("xyear.") }
                #expect(rules.count == (try book.previousYear(of: name) == nil ? 0 : 7))
            }
        }
    }
}
