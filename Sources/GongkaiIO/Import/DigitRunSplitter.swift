import GongkaiCore

/// Reads runs of digits that a flattened page glued together (`640020470`) as the cells of a row.
///
/// Every way of cutting the runs into the row's number of values is a *reading*; a value never has a leading zero
/// (`0` is a value, `02` is not), has at most ``ImportLimits/maxValueDigits`` digits, and a decimal (`24252.311082`)
/// or a signed number (`-3`) is never cut. A sign inside a run (`2648-18538`, a signed value glued to the one before)
/// always starts a value: the cut falls before it and no value crosses it. The row's own rules (总计 = the sum of the other columns) then keep the
/// readings that can be true.
///
/// The search prunes every cut that cannot fill the row and stops after ``ImportLimits/splitSteps`` steps or
/// ``limit`` readings: a row's search costs a bounded amount, so a file's import stays linear in its size.
enum DigitRunSplitter {
    /// A reading: one value per cell, with the index of the run and the offset in it each value starts at.
    struct Reading {
        var values: [DecimalNumber]
        var origins: [(run: Int, offset: Int)]
    }

    /// More readings than this and the row is left empty rather than guessed.
    static let limit = 20_000

    /// A run that is one value whatever its length: a decimal, or a number with a sign.
    static func isWhole(_ run: [Unicode.Scalar]) -> Bool { run.contains(".") || run.first == "-" }

    /// The offset of the next sign after `offset` in a run, or its end.
    static func nextSign(_ run: [Unicode.Scalar], after offset: Int) -> Int {
        var k = offset + 1
        while k < run.count && run[k] != "-" { k += 1 }
        return k
    }

    /// All readings of `runs` as `width` values, or nil when there are more than ``limit`` or the search needed more
    /// than ``ImportLimits/splitSteps`` steps or the steps left in `budget` (what the import may still spend; the
    /// steps taken are deducted).
    static func readings(_ runs: [[Unicode.Scalar]], width: Int, budget: inout Int) -> [Reading]? {
        var search = Search(runs: runs, width: width, allowed: Swift.min(ImportLimits.splitSteps, budget))
        defer { budget -= search.steps }
        guard search.fewestAfter[0] <= width, search.mostAfter[0] >= width else { return [] }
        search.visit(run: 0, offset: 0)
        return search.overflow ? nil : search.result
    }

    /// The depth-first search of ``readings(_:width:budget:)``: the values so far and where each starts. A cut's
    /// value is built digit by digit as its end moves right, never parsed from a copy of its digits.
    private struct Search {
        let runs: [[Unicode.Scalar]]
        let width: Int
        let allowed: Int
        /// Values the runs from `run` on give at least and at most, to prune cuts that cannot fill the row.
        var fewestAfter: [Int]
        var mostAfter: [Int]
        /// The value of each run that is one value whatever its length (``isWhole(_:)``), nil for the others or one
        /// that is not a number.
        let wholeValues: [DecimalNumber?]
        /// Whether each run is whole, and for each offset of a run, where its next sign after that offset is.
        let wholes: [Bool]
        let nextSigns: [[Int]]
        var result: [Reading] = []
        var values: [DecimalNumber] = []
        var origins: [(run: Int, offset: Int)] = []
        var overflow = false
        var steps = 0

        init(runs: [[Unicode.Scalar]], width: Int, allowed: Int) {
            self.runs = runs
            self.width = width
            self.allowed = allowed
            let maxDigits = ImportLimits.maxValueDigits
            let wholes = runs.map(isWhole)
            fewestAfter = [Int](repeating: 0, count: runs.count + 1)
            mostAfter = [Int](repeating: 0, count: runs.count + 1)
            for k in stride(from: runs.count - 1, through: 0, by: -1) {
                let whole = wholes[k]
                fewestAfter[k] = fewestAfter[k + 1] + (whole ? 1 : (runs[k].count + maxDigits - 1) / maxDigits)
                mostAfter[k] = mostAfter[k + 1] + (whole ? 1 : runs[k].count)
            }
            self.wholes = wholes
            wholeValues = runs.indices.map { wholes[$0] ? ReportReader.number(runs[$0]) : nil }
            nextSigns = runs.map { run in run.indices.map { nextSign(run, after: $0) } }
            values.reserveCapacity(width)
            origins.reserveCapacity(width)
        }

        mutating func visit(run: Int, offset: Int) {
            if overflow { return }
            steps += 1
            if steps > allowed {
                overflow = true
                return
            }
            if run == runs.count {
                if values.count == width { result.append(Reading(values: values, origins: origins)) }
                if result.count > limit { overflow = true }
                return
            }
            let digits = runs[run]
            if offset == digits.count {
                visit(run: run + 1, offset: 0)
                return
            }
            let maxDigits = ImportLimits.maxValueDigits
            let whole = wholes[run]
            let left = digits.count - offset
            let fewest = whole ? 1 : (left + maxDigits - 1) / maxDigits
            let most = whole ? 1 : left
            if values.count + fewest + fewestAfter[run + 1] > width { return }
            if values.count + most + mostAfter[run + 1] < width { return }
            if whole {
                guard let value = wholeValues[run] else { return }
                values.append(value)
                origins.append((run, offset))
                visit(run: run, offset: digits.count)
                values.removeLast()
                origins.removeLast()
                return
            }
            // A value ends at the latest before the next sign; a signed one has its sign and at least a digit. Its
            // digits are plain (the run is not whole), at most `maxDigits` of them: an exact Int.
            let signed = digits[offset] == "-"
            let first = offset + (signed ? 1 : 0)
            let limit = Swift.min(nextSigns[run][offset], first + maxDigits)
            if first >= limit { return }
            let last = digits[first] == "0" ? first + 1 : limit
            var magnitude = 0
            for end in (first + 1)...last {
                magnitude = magnitude * 10 + Int(digits[end - 1].value - 0x30)
                values.append(DecimalNumber(signed ? -magnitude : magnitude))
                origins.append((run, offset))
                visit(run: run, offset: end)
                values.removeLast()
                origins.removeLast()
                if overflow { return }
            }
        }
    }

    /// Whether a reading satisfies every equality, `value` giving each cell's value (nil: unknown, and a rule with an
    /// unknown cell holds).
    static func satisfies(_ rules: [TemplateEquality], _ value: (Int) -> DecimalNumber?) -> Bool {
        rules.allSatisfy { rule in
            guard let lhs = sum(rule.lhs, value), let rhs = sum(rule.rhs, value) else { return true }
            return lhs == rhs
        }
    }

    /// The sum of cells, nil when one is unknown or the sum overflows.
    static func sum(_ cells: [Int], _ value: (Int) -> DecimalNumber?) -> DecimalNumber? {
        var total = DecimalNumber.zero
        for cell in cells {
            guard let value = value(cell), let next = try? total.adding(value) else { return nil }
            total = next
        }
        return total
    }
}
