import GongkaiCore

/// Reads runs of digits that a flattened page glued together (`640020470`) as the cells of a row.
///
/// Every way of cutting the runs into the row's number of values is a *reading*; a value never has a leading zero
/// (`0` is a value, `02` is not) and a decimal (`24252.311082`) is never cut. The row's own rules (总计 = the sum of
/// the other columns) then keep the readings that can be true.
enum DigitRunSplitter {
    /// A reading: one value per cell, with the index of the run and the offset in it each value starts at.
    struct Reading {
        var values: [DecimalNumber]
        var origins: [(run: Int, offset: Int)]
    }

    /// More readings than this and the row is left empty rather than guessed.
    static let limit = 100_000

    /// All readings of `runs` as `width` values, or nil when there are more than ``limit``.
    static func readings(_ runs: [[Unicode.Scalar]], width: Int) -> [Reading]? {
        var result: [Reading] = []
        var values: [DecimalNumber] = []
        var origins: [(run: Int, offset: Int)] = []
        var overflow = false
        // Digits left in the runs after `run`, to prune cuts that cannot fill the row.
        var capacityAfter = [Int](repeating: 0, count: runs.count + 1)
        for k in stride(from: runs.count - 1, through: 0, by: -1) {
            capacityAfter[k] = capacityAfter[k + 1] + (runs[k].contains(".") ? 1 : runs[k].count)
        }
        func visit(run: Int, offset: Int) {
            if overflow { return }
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
            // Each run gives at least one value; leave room for the runs after this one.
            let remainingRuns = runs.count - run - 1
            if values.count + 1 + remainingRuns > width { return }
            if values.count + (digits.contains(".") ? 1 : digits.count - offset) + capacityAfter[run + 1] < width { return }
            let ends: ClosedRange<Int>
            if digits.contains(".") {
                ends = digits.count...digits.count
            } else if digits[offset] == "0" {
                ends = (offset + 1)...(offset + 1)
            } else {
                ends = (offset + 1)...digits.count
            }
            for end in ends {
                guard let value = ReportReader.number(Array(digits[offset..<end])) else { continue }
                values.append(value)
                origins.append((run, offset))
                visit(run: run, offset: end)
                values.removeLast()
                origins.removeLast()
            }
        }
        visit(run: 0, offset: 0)
        return overflow ? nil : result
    }

    /// Whether a reading satisfies every equality, given the cell index each value goes to.
    static func satisfies(_ values: [Int: DecimalNumber], _ rules: [TemplateEquality]) -> Bool {
        rules.allSatisfy { rule in
            guard let lhs = sum(rule.lhs, values), let rhs = sum(rule.rhs, values) else { return true }
            return lhs == rhs
        }
    }

    /// The sum of cells, nil when one is unknown or the sum overflows.
    static func sum(_ cells: [Int], _ values: [Int: DecimalNumber]) -> DecimalNumber? {
        var total = DecimalNumber.zero
        for cell in cells {
            guard let value = values[cell], let next = try? total.adding(value) else { return nil }
            total = next
        }
        return total
    }
}
