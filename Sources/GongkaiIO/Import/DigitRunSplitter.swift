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

    /// All readings of `runs` as `width` values, or nil when there are more than ``limit`` or the search needed more
    /// than ``ImportLimits/splitSteps`` steps or the steps left in `budget` (what the import may still spend; the
    /// steps taken are deducted).
    static func readings(_ runs: [[Unicode.Scalar]], width: Int, budget: inout Int) -> [Reading]? {
        readingSet(runs, width: width, budget: &budget).map { set in set.indices.map(set.reading) }
    }

    /// The readings of ``readings(_:width:budget:)`` kept flat, one allocation for all of them: a row's search may
    /// find thousands, and most are dropped by the row's rules before any is used. `signed`, by column: whether the
    /// column may hold a negative value; a reading with a negative value in another column is left out (it still
    /// counts towards ``limit``).
    static func readingSet(
        _ runs: [[Unicode.Scalar]], width: Int, signed: [Bool]? = nil, budget: inout Int
    ) -> ReadingSet? {
        var search = Search(
            runs: runs, width: width, signed: signed, allowed: Swift.min(ImportLimits.splitSteps, budget))
        defer {
            budget -= search.steps
            search.work.deallocate()
        }
        guard search.fewestAfter0 <= width, search.mostAfter0 >= width else {
            return ReadingSet(width: width, count: 0, paths: [], wholeValues: [])
        }
        search.visit(run: 0, at: 0, depth: 0)
        return search.overflow
            ? nil
            : ReadingSet(width: width, count: search.kept, paths: search.found, wholeValues: search.wholeValues)
    }

    /// Readings stored one after another as integers: per reading, its `width` values' integers (a whole run's
    /// value is in `wholeValues`), then their runs, then their offsets. A value becomes a DecimalNumber only in a
    /// reading taken out (``reading(_:)``).
    struct ReadingSet {
        let width: Int
        /// How many readings there are.
        let count: Int
        let paths: [Int]
        /// By run: the value of a whole run (``isWhole(_:)``); empty when no run is whole.
        let wholeValues: [DecimalNumber?]

        var indices: Range<Int> { 0..<count }

        func value(_ k: Int, of reading: Int) -> DecimalNumber {
            let base = reading * 3 * width
            let run = paths[base + width + k]
            return (wholeValues.isEmpty ? nil : wholeValues[run]) ?? DecimalNumber(paths[base + k])
        }

        func reading(_ r: Int) -> Reading {
            let base = r * 3 * width
            return Reading(
                values: (0..<width).map { value($0, of: r) },
                origins: (0..<width).map { (paths[base + width + $0], paths[base + 2 * width + $0]) })
        }

        /// The readings that satisfy every equality, each given as the columns of its two sides (cells of the row).
        func satisfying(_ rules: [(lhs: [Int], rhs: [Int])]) -> [Reading] {
            indices.filter { r in
                let base = r * 3 * width
                return rules.allSatisfy { rule in
                    if wholeValues.isEmpty {
                        // Integers of at most ``ImportLimits/maxValueDigits`` digits: their sums are exact Ints.
                        var lhs = 0
                        var rhs = 0
                        for k in rule.lhs { lhs += paths[base + k] }
                        for k in rule.rhs { rhs += paths[base + k] }
                        return lhs == rhs
                    }
                    guard let lhs = DigitRunSplitter.sum(rule.lhs, { value($0, of: r) }),
                        let rhs = DigitRunSplitter.sum(rule.rhs, { value($0, of: r) })
                    else { return true }
                    return lhs == rhs
                }
            }.map(reading)
        }
    }

    /// The depth-first search of ``readingSet(_:width:signed:budget:)``: the values so far and where each starts, by
    /// depth. A cut's value is built digit by digit as its end moves right, never parsed from a copy of its digits; it
    /// becomes a DecimalNumber only in a reading found.
    private struct Search {
        let runs: [[Unicode.Scalar]]
        let width: Int
        let allowed: Int
        let signed: [Bool]?
        /// The value of each run that is one value whatever its length (``isWhole(_:)``), nil for the others or one
        /// that is not a number; empty when no run is whole.
        let wholeValues: [DecimalNumber?]
        /// The search's tables in one array (one allocation per search, not one per table), each from its base:
        /// where each run starts in the runs laid end to end (and their end), at 0; how many values the runs from
        /// each run on give at least and at most (to prune cuts that cannot fill the row); whether each run is whole
        /// (1) or not (0); each place's digit (``sign`` for a `-`); for each place, where the next sign after it in its
        /// run is, or its run's end; then the path, by depth: each value's integer (a whole run's is in
        /// ``wholeValues``), its run and its offset in the run.
        ///
        /// Allocated by the search and freed by ``DigitRunSplitter/readingSet(_:width:signed:budget:)`` when it
        /// ends; read and written without a uniqueness check or a copy, about 150 instructions a step less. Every
        /// place is in bounds: a run below `runs.count` (the search stops at it), a place below the runs' end (a value
        /// is cut only where the run has scalars left), a depth below `width` (a cut is made only when the values so
        /// far plus the fewest the rest can give stay within `width`, and every cut gives at least one).
        let work: UnsafeMutableBufferPointer<Int>
        let fewestBase: Int
        let mostBase: Int
        let wholeBase: Int
        let digitBase: Int
        let nextSignBase: Int
        let pathBase: Int
        let runBase: Int
        let offsetBase: Int
        /// The readings found, flat (``ReadingSet``), and how many the search found in all.
        var found: [Int] = []
        var readings = 0
        var kept = 0
        var overflow = false
        var steps = 0

        /// A sign's place in the digits' table.
        static let sign = -1

        init(runs: [[Unicode.Scalar]], width: Int, signed: [Bool]?, allowed: Int) {
            self.runs = runs
            self.width = width
            self.allowed = allowed
            self.signed = signed
            let maxDigits = ImportLimits.maxValueDigits
            let r = runs.count
            var total = 0
            for run in runs { total += run.count }
            fewestBase = r + 1
            mostBase = fewestBase + r + 1
            wholeBase = mostBase + r + 1
            digitBase = wholeBase + r
            nextSignBase = digitBase + total
            pathBase = nextSignBase + total
            runBase = pathBase + width
            offsetBase = runBase + width
            let work = UnsafeMutableBufferPointer<Int>.allocate(capacity: offsetBase + width)
            work.initialize(repeating: 0)
            var anyWhole = false
            for k in stride(from: r - 1, through: 0, by: -1) {
                let whole = isWhole(runs[k])
                anyWhole = anyWhole || whole
                work[wholeBase + k] = whole ? 1 : 0
                work[fewestBase + k] =
                    work[fewestBase + k + 1] + (whole ? 1 : (runs[k].count + maxDigits - 1) / maxDigits)
                work[mostBase + k] = work[mostBase + k + 1] + (whole ? 1 : runs[k].count)
            }
            for k in 0..<r { work[k + 1] = work[k] + runs[k].count }
            for k in 0..<r {
                let run = runs[k]
                let start = work[k]
                var sign = work[k + 1]
                for i in stride(from: run.count - 1, through: 0, by: -1) {
                    let value = run[i].value
                    work[digitBase + start + i] = value == 0x2D ? Self.sign : Int(value) - 0x30
                    work[nextSignBase + start + i] = sign
                    if value == 0x2D { sign = start + i }
                }
            }
            self.work = work
            wholeValues = anyWhole ? runs.map { isWhole($0) ? ReportReader.number($0) : nil } : []
        }

        var fewestAfter0: Int { work[fewestBase] }
        var mostAfter0: Int { work[mostBase] }

        /// Records the path as a reading, when every negative value lies in a signed column.
        mutating func record() {
            readings += 1
            if readings > limit {
                overflow = true
                return
            }
            if let signed {
                for k in 0..<Swift.min(width, signed.count) where !signed[k] {
                    let run = work[runBase + k]
                    if work[wholeBase + run] == 1 ? wholeValues[run]!.isNegative : work[pathBase + k] < 0 { return }
                }
            }
            if found.isEmpty { found.reserveCapacity(3 * width * 16) }
            found.append(contentsOf: UnsafeBufferPointer(rebasing: work[pathBase..<(offsetBase + width)]))
            kept += 1
        }

        /// Visits the cuts from place `at` of `run` on (places of the runs laid end to end), `depth` values cut so far.
        mutating func visit(run: Int, at: Int, depth: Int) {
            if overflow { return }
            steps += 1
            if steps > allowed {
                overflow = true
                return
            }
            if run == runs.count {
                if depth == width { record() }
                return
            }
            let end = work[run + 1]
            if at == end {
                visit(run: run + 1, at: end, depth: depth)
                return
            }
            let maxDigits = ImportLimits.maxValueDigits
            let whole = work[wholeBase + run] == 1
            let left = end - at
            let fewest = whole ? 1 : (left + maxDigits - 1) / maxDigits
            let most = whole ? 1 : left
            if depth + fewest + work[fewestBase + run + 1] > width { return }
            if depth + most + work[mostBase + run + 1] < width { return }
            let offset = at - work[run]
            if whole {
                guard wholeValues[run] != nil else { return }
                work[runBase + depth] = run
                work[offsetBase + depth] = offset
                visit(run: run, at: end, depth: depth + 1)
                return
            }
            // A value ends at the latest before the next sign; a signed one has its sign and at least a digit. Its
            // digits are plain (the run is not whole), at most `maxDigits` of them: an exact Int.
            let signed = work[digitBase + at] == Self.sign
            let first = at + (signed ? 1 : 0)
            let limit = Swift.min(work[nextSignBase + at], first + maxDigits)
            if first >= limit { return }
            let last = work[digitBase + first] == 0 ? first + 1 : limit
            var magnitude = 0
            work[runBase + depth] = run
            work[offsetBase + depth] = offset
            for stop in (first + 1)...last {
                magnitude = magnitude * 10 + work[digitBase + stop - 1]
                work[pathBase + depth] = signed ? -magnitude : magnitude
                visit(run: run, at: stop, depth: depth + 1)
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
