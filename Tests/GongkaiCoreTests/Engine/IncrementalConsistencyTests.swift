import Testing

@testable import GongkaiCore

/// The incremental state (values, rule statuses, failing counts) must always equal a recomputation from scratch,
/// whatever sequence of edits, formulas, definitions, rules, undos and redos led to it.
@Suite struct IncrementalConsistencyTests {
    @Test(arguments: [1, 2, 3])
    func randomSessionsStayConsistent(seed: UInt64) throws {
        let template = ReportTemplate.official2021
        let golden = try GoldenReport("上犹县政府办-2023.json")
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
}
