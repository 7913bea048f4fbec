import GongkaiTestSupport
import Testing

@testable import GongkaiCore

/// The incremental state (values, rule statuses, failing counts) must always equal a recomputation from scratch,
/// whatever sequence of edits, formulas, definitions, rules, undos and redos led to it.
@Suite struct IncrementalConsistencyTests {
    @Test(arguments: [1, 2, 3])
    func randomSessionsStayConsistent(seed: UInt64) throws {
        let template = ReportTemplate.official2021
        let golden = try Golden("上犹县政府办-2023.json")
        let book = Workbook()
        _ = try book.loadReport(
            name: "a2022", template: template, values: golden.entries,
            texts: ["meta.org": golden.org, "meta.year": "2022"])
        _ = try book.loadReport(
            name: "a2023", template: template, values: golden.entries,
            texts: ["meta.org": golden.org, "meta.year": "2023"])
        var rng = SplitMix64(seed: seed)
        let cells = template.cells.map(\.name)
        var defined: [String] = []
        for step in 0..<250 {
            let report = ["a2022", "a2023"][Int(rng.next() % 2)]
            try book.selectReport(report)
            let cell = cells[Int(rng.next() % UInt64(cells.count))]
            switch rng.next() % 10 {
            case 0, 1, 2: _ = try? book.set(cell, .value(.number(DecimalNumber(Int(rng.next() % 5)))))
            case 3: _ = try? book.set(cell, .clear)
            case 4:
                let other = cells[Int(rng.next() % UInt64(cells.count))]
                _ = try? book.set(cell, .formula("\(other) + 1"))  // may be refused as a cycle
            case 5:
                let name = "n\(rng.next() % 6)"
                let source =
                    defined.isEmpty || rng.next() % 2 == 0
                    ? "sum(\(cell), 1)" : "\(defined.randomElement(using: &rng)!) * 2"
                if (try? book.define(name: name, formula: source)) != nil, !defined.contains(name) {
                    defined.append(name)
                }
            case 6: _ = try? book.addRule(name: "u\(rng.next() % 4)", expression: "\(cell) >= 1", severity: .warning)
            case 7: _ = try? book.dropRule(name: "u\(rng.next() % 4)")
            case 8: _ = book.undo()
            default: _ = book.redo()
            }
            // Ask for the full recomputation: nothing may differ from the incremental state.
            let drift = book.recalculateAll()
            #expect(
                drift.isEmpty, "step \(step): \(drift.cells.map(\.qualifiedName)) \(drift.rules.map(\.qualifiedName))")
            for name in book.reportNames {
                let failing = try book.ruleResults(report: name).filter { $0.status.isFailing }.count
                #expect(try book.failingCount(report: name) == failing, "step \(step) \(name)")
            }
        }
        // A workbook rebuilt from the document agrees on every value and rule.
        let copy = try Workbook(document: book.document())
        #expect(try copy.ruleResults() == book.ruleResults())
        for name in book.reportNames {
            for cell in try book.cellNames(report: name) {
                #expect(try copy.value(of: "\(name).\(cell)") == book.value(of: "\(name).\(cell)"), "\(name).\(cell)")
            }
        }
    }

    /// Large sums over reports (`sum(*.t3.**)`, updated by their changed cells rather than added up again) equal a
    /// full recomputation after random edits — several in one step, text and clears among them —, loads, unloads,
    /// undos and redos.
    @Test(arguments: [7, 8, 9])
    func largeSumsStayConsistent(seed: UInt64) throws {
        let template = ReportTemplate.official2021
        let golden = try Golden("淮安市-2024.json")
        let book = Workbook()
        var rng = SplitMix64(seed: seed)
        let cells = template.cells.map(\.name)
        var loaded = 0
        func load() throws {
            loaded += 1
            _ = try book.loadReport(
                name: "r\(loaded)", template: template, values: golden.entries,
                texts: ["meta.org": "机关\(loaded)", "meta.year": "2024"])
        }
        for _ in 0..<3 { try load() }
        _ = try book.define(name: "all", formula: "sum(*.t3.**)")
        _ = try book.define(name: "fees", formula: "sum(*.t2.fee.amount, *.t3.new.total)")
        _ = try book.addRule(name: "cap", expression: "sum(*.t3.total.total) < 12000", severity: .warning)
        var sums = 0
        for step in 0..<200 {
            let report = book.reportNames[Int(rng.next() % UInt64(book.reportNames.count))]
            let cell = cells[Int(rng.next() % UInt64(cells.count))]
            let value: CellInput =
                switch rng.next() % 9 {
                case 0: .clear
                case 1: .value(.text("无"))
                case 2: .value(.number(DecimalNumber("0.25")!))
                // Beyond a cell's eight-byte word (CellValues): kept whole, summed exactly.
                case 3: .value(.number(DecimalNumber("123456789012345678901.5")!))
                default: .value(.number(DecimalNumber(Int(rng.next() % 9000))))
                }
            switch rng.next() % 10 {
            case 0...3: _ = try? book.set(cell, in: report, value)
            case 4:
                let other = cells[Int(rng.next() % UInt64(cells.count))]
                _ = try? book.set([("\(report).\(cell)", value), ("\(report).\(other)", .value(.number(.one)))])
            case 5: if book.reportNames.count < 6 { try load() }
            case 6:
                if book.reportNames.count > 2, let last = book.reportNames.last, last != "r1" {
                    _ = try? book.removeReport(last)
                }
            case 7, 8: _ = book.undo()
            default: _ = book.redo()
            }
            if case .number = try book.value(of: "r1.all") { sums += 1 }
            let drift = book.recalculateAll()
            #expect(
                drift.isEmpty, "step \(step): \(drift.cells.map(\.qualifiedName)) \(drift.rules.map(\.qualifiedName))")
        }
        // The sums were numbers most of the time (a text value makes them #VALUE! until it goes).
        #expect(sums > 20)
    }

    /// The batch path (`withoutChangeSets`): loads and random edits inside build no change set, yet leave the same
    /// state as a full recomputation; undo and redo of a batch load restore the workbook exactly.
    @Test(arguments: [4, 5, 6])
    func batchPathsStayConsistent(seed: UInt64) throws {
        let template = ReportTemplate.official2021
        let golden = try Golden("上犹县政府办-2023.json")
        let book = Workbook()
        var rng = SplitMix64(seed: seed)
        let cells = template.cells.map(\.name)
        _ = try book.loadReport(
            name: "base", template: template, values: golden.entries,
            texts: ["meta.org": golden.org, "meta.year": "2022"])
        _ = try book.define(name: "share", formula: "t3.result.open.total + 1")
        _ = try book.addRule(name: "u0", expression: "t3.new.natural >= 1", severity: .warning)
        for round in 0..<12 {
            let before = try snapshot(of: book)
            let name = "b\(round)"
            // A batch: one load (the next year of the same body, so cross-year rules link) and a few edits.
            let changes = try book.withoutChangeSets { () throws(EngineError) -> [ChangeSet] in
                var all = [
                    try book.loadReport(
                        name: name, template: template, values: golden.entries,
                        texts: ["meta.org": golden.org, "meta.year": "\(2023 + round)"])
                ]
                try book.selectReport(name)
                for _ in 0..<Int(rng.next() % 6) {
                    let cell = cells[Int(rng.next() % UInt64(cells.count))]
                    if let change = try? book.set(cell, .value(.number(DecimalNumber(Int(rng.next() % 7))))) {
                        all.append(change)
                    }
                }
                return all
            }
            let built = changes.filter { !$0.isEmpty }.count
            #expect(built == 0, "round \(round): a batch mutation built a change set")
            #expect(book.buildsChangeSets)
            let drift = book.recalculateAll()
            #expect(
                drift.isEmpty,
                "round \(round): \(drift.cells.map(\.qualifiedName)) \(drift.rules.map(\.qualifiedName))")
            for report in book.reportNames {
                let failing = try book.ruleResults(report: report).filter { $0.status.isFailing }.count
                #expect(try book.failingCount(report: report) == failing, "round \(round) \(report)")
            }
            // Undo every step of the batch: the workbook is exactly as before it; redo brings the batch back.
            let after = try snapshot(of: book)
            for _ in changes.indices { _ = book.undo() }
            #expect(try snapshot(of: book) == before, "round \(round): undo after a batch load")
            for _ in changes.indices { _ = book.redo() }
            #expect(try snapshot(of: book) == after, "round \(round): redo of a batch load")
            #expect(book.recalculateAll().isEmpty)
        }
        // Restoring a workbook file's document (a batch path) agrees on every value and rule.
        let copy = try Workbook(document: book.document())
        #expect(try snapshot(of: copy) == (try snapshot(of: book)))
    }

    /// Every value and every rule result of a workbook, by qualified name.
    private func snapshot(of book: Workbook) throws -> [String] {
        var lines: [String] = []
        for name in book.reportNames {
            for cell in try book.cellNames(report: name) {
                lines.append("\(name).\(cell) = \(try book.value(of: "\(name).\(cell)"))")
            }
            lines.append("\(name) failing \(try book.failingCount(report: name))")
        }
        lines += try book.ruleResults().map { "\($0.qualifiedName) \($0.status) \($0.imbalance)" }
        return lines
    }
}
