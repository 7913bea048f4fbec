import Foundation
import GongkaiCore
import GongkaiIO

extension BenchGroup {
    /// Error localisation on a seeded error corpus: how often `.suggest` ranks the erroneous cell first, and how fast.
    static let suggest = BenchGroup(
        name: "suggest",
        summary:
            "suggest_top1/top3 shares per error pattern on seeded single-cell errors of every fixture report (targets ≥ 90% / ≥ 98%), suggest_median_us per report (target ≤ 10 ms)"
    ) { options, checks in
        SuggestBench(options: options).run(&checks)
    }
}

/// For every fixture report with a golden file: load it, heal it if the published table fails (洪泽区 2023), then
/// plant ≥ 1,000 single-cell errors (100 with `--quick`) drawn from the patterns of real reports with SplitMix64
/// (`--seed`), ask `Workbook.repairSuggestions` for each, and count where the planted cell with its true value ranks.
/// Only cells whose error a rule can see are planted (a cell of a complete equality, or any cell for a lost sign).
struct SuggestBench {
    let options: BenchOptions

    /// The fixture reports that have a golden file.
    static let files = [
        "上犹县政府办-2023.txt", "淮安市-2024.txt", "平潭综合实验区-2021.txt", "平潭综合实验区-2021.html", "上海市科委-2024.md",
        "洪泽区-2023.txt", "洪泽区-2024.txt",
    ]

    /// Patterns planted (a blank total is not planted: the engine computes its sum again, so nothing fails).
    static let patterns: [RepairPattern] = [
        .zeroTotal, .signLost, .transposed, .digitDropped, .digitDoubled, .glued, .split, .neighbour, .copiedTotal,
    ]

    struct Tally {
        var planted = 0
        var first = 0
        var top3 = 0
    }

    func run(_ checks: inout Checks) {
        let importer = ReportImporter()
        let perReport = options.quick ? 100 : 1_000
        var rng = SplitMix64(seed: options.seed)
        var byPattern: [RepairPattern: Tally] = [:]
        var overall = Tally()
        var medians: [Double] = []
        // GONGKAI_BENCH_SUGGEST_MISSES=1 prints every error not ranked first.
        let showMisses = ProcessInfo.processInfo.environment["GONGKAI_BENCH_SUGGEST_MISSES"] == "1"
        print("# suggest: \(perReport) seeded single-cell errors per fixture report; seed \(options.seed)")
        for file in Self.files {
            let url = ImportBench.fixtures.appendingPathComponent(file)
            guard let data = try? Data(contentsOf: url),
                let report = try? importer.importReport(bytes: [UInt8](data), fileName: file)
            else {
                checks.check("suggest: fixture \(file) readable", false, true)
                continue
            }
            let book = Workbook()
            guard
                (try? book.loadReport(name: "r", template: report.template, values: report.values, texts: report.texts))
                    != nil
            else {
                checks.check("suggest: fixture \(file) loads", false, true)
                continue
            }
            // A published table that fails is healed by its own top suggestion first.
            if let failing = try? book.failingCount(report: "r"), failing > 0 {
                guard let search = try? book.repairSuggestions(report: "r"), let top = search.candidates.first else {
                    checks.check("suggest: \(file) has a repair", false, true)
                    continue
                }
                if file == "洪泽区-2023.txt" {
                    let got = top.changes.map { "\($0.cell)=\($0.repaired)" }
                    checks.check("suggest: 洪泽区 2023 top repair", got, ["t4.review.total=11", "t4.suit.after.total=5"])
                }
                _ = try? book.applyRepair(top)
            }
            let template = report.template
            let cells = Self.visibleCells(book, template)
            var times: [Double] = []
            var planted = 0
            var attempts = 0
            while planted < perReport && attempts < perReport * 50 {
                attempts += 1
                let pattern = Self.patterns[rng.below(Self.patterns.count)]
                let cell = cells.all[rng.below(cells.all.count)]
                guard pattern == .signLost || cells.checked.contains(cell),
                    let truth = (try? book.value(of: template.cells[cell].name))?.number?.intValue,
                    let wrong = Self.plant(pattern, truth: truth, cell: template.cells[cell], book, template, &rng),
                    wrong != truth
                else { continue }
                let name = template.cells[cell].name
                guard (try? book.set(name, .value(.number(DecimalNumber(wrong))))) != nil else { continue }
                var search: RepairSearch?
                times.append(time { search = try? book.repairSuggestions(report: "r") })
                _ = book.undo()
                planted += 1
                let rank = search?.candidates.firstIndex { candidate in
                    candidate.changes.count == 1 && candidate.changes[0].cell == name
                        && candidate.changes[0].repaired == DecimalNumber(truth)
                }
                if (rank ?? 3) > 0, showMisses {
                    let top =
                        search?.candidates.first.map { c in
                            c.changes.map { "\($0.cell) \($0.printed) → \($0.repaired) (\($0.pattern.rawValue))" }
                                .joined(separator: ", ")
                        } ?? "none"
                    print(
                        "# miss \(file) \(pattern): \(name) \(truth) → \(wrong); rank \(rank.map { "\($0 + 1)" } ?? "-"); top: \(top)"
                    )
                }
                var tally = byPattern[pattern, default: Tally()]
                tally.planted += 1
                overall.planted += 1
                if let rank {
                    if rank == 0 {
                        tally.first += 1
                        overall.first += 1
                    }
                    if rank < 3 {
                        tally.top3 += 1
                        overall.top3 += 1
                    }
                }
                byPattern[pattern] = tally
            }
            checks.check("suggest: \(file) errors planted", planted, perReport)
            let m = median(times) / 1000
            medians.append(m)
            emit(
                "suggest_median_us_" + Self.figureName(file), m, "us",
                "\(summary(times.map { $0 / 1000 })) us per search")
        }
        for pattern in Self.patterns {
            let tally = byPattern[pattern, default: Tally()]
            guard tally.planted > 0 else { continue }
            let key = String(describing: pattern)
            emit(
                "suggest_top1_\(key)", 100 * Double(tally.first) / Double(tally.planted), "%",
                "\(tally.first) of \(tally.planted): \(pattern.rawValue)")
            emit(
                "suggest_top3_\(key)", 100 * Double(tally.top3) / Double(tally.planted), "%",
                "\(tally.top3) of \(tally.planted)")
        }
        let planted = Double(max(overall.planted, 1))
        emit(
            "suggest_top1", 100 * Double(overall.first) / planted, "%",
            "\(overall.first) of \(overall.planted); target ≥ 90%")
        emit(
            "suggest_top3", 100 * Double(overall.top3) / planted, "%",
            "\(overall.top3) of \(overall.planted); target ≥ 98%")
        emit("suggest_median_us", median(medians), "us", "median over reports of the median search; target ≤ 10,000 us")
    }

    /// `洪泽区-2023.txt` → `hongze_2023`-like ASCII: the year and the extension, as the figure suffix.
    static func figureName(_ file: String) -> String {
        let ascii = file.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
        let known = ["上犹县政府办": "shangyou", "淮安市": "huaian", "平潭综合实验区": "pingtan", "上海市科委": "shanghai", "洪泽区": "hongze"]
        let stem = known.first { file.hasPrefix($0.key) }?.value ?? "report"
        return stem + "_" + String(String.UnicodeScalarView(ascii))
    }

    /// Cells with an integral value, and those of them in a complete equality (where an error is seen).
    static func visibleCells(_ book: Workbook, _ template: ReportTemplate) -> (all: [Int], checked: Set<Int>) {
        let results = (try? book.ruleResults(report: "r")) ?? []
        let complete = Set(results.filter { $0.kind == .template && $0.status == .holds }.map(\.name))
        var checked = Set<Int>()
        for equality in template.equalities where complete.contains(equality.name) {
            checked.formUnion(equality.lhs)
            checked.formUnion(equality.rhs)
        }
        let all = template.cells.indices.filter {
            (try? book.value(of: template.cells[$0].name))?.number?.intValue != nil
        }
        return (all, checked.filter { all.contains($0) })
    }

    /// The printed value of a cell whose true value is `truth`, by `pattern`; nil when the pattern cannot apply.
    static func plant(
        _ pattern: RepairPattern, truth: Int, cell: TemplateCell, _ book: Workbook, _ template: ReportTemplate,
        _ rng: inout SplitMix64
    ) -> Int? {
        let digits = Array(String(truth))
        let value = { (index: Int) -> Int? in (try? book.value(of: template.cells[index].name))?.number?.intValue }
        func number(_ characters: [Character]) -> Int? {
            guard !characters.isEmpty, characters.count < 12, characters.first != "0" || characters.count == 1 else {
                return nil
            }
            return Int(String(characters))
        }
        switch pattern {
        case .zeroTotal: return cell.isTotal && truth > 0 ? 0 : nil
        case .signLost: return truth > 0 ? -truth : nil
        case .transposed:
            let pairs = digits.indices.dropLast().filter { digits[$0] != digits[$0 + 1] }
            guard !pairs.isEmpty else { return nil }
            var swapped = digits
            swapped.swapAt(pairs[rng.below(pairs.count)], pairs[rng.below(pairs.count)] + 1)
            return number(swapped)
        case .digitDropped:
            guard digits.count >= 2 else { return nil }
            var dropped = digits
            dropped.remove(at: rng.below(digits.count))
            return number(dropped)
        case .digitDoubled:
            guard truth > 0 else { return nil }
            var doubled = digits
            let i = rng.below(digits.count)
            doubled.insert(digits[i], at: i)
            return number(doubled)
        case .glued:
            let neighbours = Workbook.neighbours(of: cell, in: template).compactMap(value)
            guard !neighbours.isEmpty else { return nil }
            let n = Array(String(neighbours[rng.below(neighbours.count)]))
            return number(rng.below(2) == 0 ? digits + n : n + digits)
        case .split:
            guard digits.count >= 2 else { return nil }
            let keep = 1 + rng.below(digits.count - 1)
            return number(rng.below(2) == 0 ? Array(digits.prefix(keep)) : Array(digits.suffix(keep)))
        case .neighbour:
            let neighbours = Workbook.neighbours(of: cell, in: template).compactMap(value).filter { $0 != truth }
            return neighbours.isEmpty ? nil : neighbours[rng.below(neighbours.count)]
        case .copiedTotal:
            guard cell.isTotal else { return nil }
            let others = template.cells.filter {
                $0.isTotal && $0.index != cell.index && $0.table == cell.table && $0.columnKey == cell.columnKey
            }.compactMap { value($0.index) }.filter { $0 != truth }
            return others.isEmpty ? nil : others[rng.below(others.count)]
        case .other: return nil
        }
    }
}
