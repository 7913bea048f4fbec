/// Exact error localisation (Fellegi–Holt): the smallest sets of variables whose change makes every linear integer
/// equality hold and every value lie in its domain, each with its repaired values.
///
/// Pure and independent of the engine: a report's rules come in as equalities over integer variables (``Problem``).
/// The search goes by increasing cardinality k = 1, 2, … up to ``Problem/maxCardinality``, and stops at the first k
/// that has a solution, so every set returned is of minimum cardinality. A set is built by branching only where a
/// solution must branch: a failing equality not yet touched, an equality touched by exactly one chosen variable (its
/// change would need another to cancel it), a value out of domain; when none is left and the set still has no
/// solution, on the variables of the equalities it touches. That branching is complete (a minimal set always contains
/// a variable of the branch; docs/rules.md § Error localisation gives the argument), and each set is tested by exact
/// Gaussian elimination over the rationals: a set counts when its repair is unique, integral and in domain.
public enum ErrorLocalisation {
    /// The rules as equalities over integer variables.
    public struct Problem: Sendable {
        /// Current values; nil where the value is not a usable integer (such a variable must be changed or is fixed
        /// at 0 when not free).
        public var values: [Int?]
        /// Each equality: Σ coefficient · value = constant.
        public var equations: [[(variable: Int, coefficient: Int)]]
        public var constants: [Int]
        /// Whether a variable may change.
        public var free: [Bool]
        /// Variables that must change (out of domain).
        public var forced: [Int]
        /// The smallest value allowed per variable (nil: unbounded, a signed column).
        public var lowerBounds: [Int?]
        /// Conditions a repair must leave true, each Σ coefficient · value ≥ constant: what an incomplete equality
        /// says about its filled cells when its empty cells can only be non-negative. They filter the repairs found
        /// (a repair that leaves one false is dropped, unless every repair does).
        public var inequalities: [[(variable: Int, coefficient: Int)]] = []
        public var inequalityConstants: [Int] = []
        /// The largest set searched.
        public var maxCardinality = 4
        /// The most sets examined before the search gives up (it then says so).
        public var nodeLimit = 200_000
        /// The most solutions kept.
        public var solutionLimit = 64

        /// A problem over `count` variables, all fixed and without equalities.
        public init(count: Int) {
            values = Array(repeating: 0, count: count)
            equations = []
            constants = []
            free = Array(repeating: false, count: count)
            forced = []
            lowerBounds = Array(repeating: 0, count: count)
        }
    }

    /// One minimal repair: the variables to change and their new values, in variable order.
    public struct Solution: Sendable, Hashable {
        public let changes: [Change]
        /// A variable and its repaired value.
        public struct Change: Sendable, Hashable {
            public let variable: Int
            public let value: Int
        }
    }

    /// What the search found.
    public struct Outcome: Sendable {
        /// Every repair of minimum cardinality (up to the problem's solution limit).
        public let solutions: [Solution]
        /// That cardinality; nil when no set up to the bound repairs the rules.
        public let cardinality: Int?
        /// The search hit the node limit before it finished (solutions, if any, may be incomplete).
        public let truncated: Bool
        /// Sets examined.
        public let nodes: Int
    }

    /// Searches the minimal repairs of `problem`.
    public static func search(_ problem: Problem) -> Outcome {
        var search = Search(problem)
        return search.run()
    }

    struct Search {
        let problem: Problem
        /// Per variable: the equalities it appears in, with its coefficient.
        var incidence: [[(equation: Int, coefficient: Int)]]
        /// Per equation: Σ coefficient · current value − constant (non-usable values count 0).
        var residual: [Int]
        var failing: [Int]
        var visited: Set<[Int]> = []
        var nodes = 0
        var truncated = false
        var solutions: [Solution] = []

        init(_ problem: Problem) {
            self.problem = problem
            incidence = Array(repeating: [], count: problem.values.count)
            residual = Array(repeating: 0, count: problem.equations.count)
            var overflow = false
            for (e, terms) in problem.equations.enumerated() {
                var r = -problem.constants[e]
                for term in terms {
                    incidence[term.variable].append((e, term.coefficient))
                    let (product, o1) = term.coefficient.multipliedReportingOverflow(
                        by: problem.values[term.variable] ?? 0)
                    let (sum, o2) = r.addingReportingOverflow(product)
                    overflow = overflow || o1 || o2
                    r = sum
                }
                residual[e] = r
            }
            let computed = residual
            failing = overflow ? [] : computed.indices.filter { computed[$0] != 0 }
        }

        mutating func run() -> Outcome {
            let forced = Set(problem.forced)
            if failing.isEmpty && forced.isEmpty {
                return Outcome(solutions: [], cardinality: 0, truncated: false, nodes: 0)
            }
            for k in 1...max(1, problem.maxCardinality) {
                visited.removeAll(keepingCapacity: true)
                explore([], k: k)
                let admissible = solutions.filter(satisfiesInequalities)
                if !admissible.isEmpty { solutions = admissible }
                if !solutions.isEmpty || truncated {
                    return Outcome(
                        solutions: solutions, cardinality: solutions.isEmpty ? nil : k, truncated: truncated,
                        nodes: nodes)
                }
            }
            return Outcome(solutions: [], cardinality: nil, truncated: false, nodes: nodes)
        }

        /// Whether the values after a repair satisfy every inequality.
        func satisfiesInequalities(_ solution: Solution) -> Bool {
            var changed: [Int: Int] = [:]
            for change in solution.changes { changed[change.variable] = change.value }
            for (i, terms) in problem.inequalities.enumerated() {
                var total = 0
                for term in terms {
                    let (product, o1) = term.coefficient.multipliedReportingOverflow(
                        by: changed[term.variable] ?? problem.values[term.variable] ?? 0)
                    let (sum, o2) = total.addingReportingOverflow(product)
                    if o1 || o2 { return true }
                    total = sum
                }
                if total < problem.inequalityConstants[i] { return false }
            }
            return true
        }

        /// The variables a set of size < k must add one of, or nil when the set meets every necessary condition.
        func branch(_ chosen: [Int]) -> [Int]? {
            for v in problem.forced where !chosen.contains(v) { return problem.free[v] ? [v] : [] }
            var hits: [Int: Int] = [:]
            for v in chosen {
                for (e, _) in incidence[v] { hits[e, default: 0] += 1 }
            }
            for e in failing where hits[e] == nil { return candidates(of: e, excluding: chosen) }
            for e in hits.keys.sorted() where hits[e] == 1 && residual[e] == 0 {
                return candidates(of: e, excluding: chosen)
            }
            return nil
        }

        func candidates(of equation: Int, excluding chosen: [Int]) -> [Int] {
            problem.equations[equation].map(\.variable).filter { problem.free[$0] && !chosen.contains($0) }
        }

        mutating func explore(_ chosen: [Int], k: Int) {
            guard !truncated else { return }
            nodes += 1
            if nodes > problem.nodeLimit {
                truncated = true
                return
            }
            let next = branch(chosen)
            if chosen.count == k {
                if next == nil, let solution = solve(chosen) {
                    if solutions.count < problem.solutionLimit { solutions.append(solution) }
                }
                return
            }
            var options = next ?? neighbourhood(chosen)
            options = Array(Set(options)).sorted()
            for v in options {
                var extended = chosen
                extended.append(v)
                extended.sort()
                guard visited.insert(extended).inserted else { continue }
                explore(extended, k: k)
            }
        }

        /// The free variables of the equalities a set touches, and of the failing ones.
        func neighbourhood(_ chosen: [Int]) -> [Int] {
            var equations = Set(failing)
            for v in chosen { for (e, _) in incidence[v] { equations.insert(e) } }
            var result = Set<Int>()
            for e in equations { result.formUnion(candidates(of: e, excluding: chosen)) }
            return Array(result)
        }

        /// The unique repair of the chosen variables, if it exists, is integral, in domain, and changes each.
        func solve(_ chosen: [Int]) -> Solution? {
            var rows: [Int] = []
            var seen = Set<Int>()
            for v in chosen { for (e, _) in incidence[v] where seen.insert(e).inserted { rows.append(e) } }
            let k = chosen.count
            // Matrix [A | b] over the rationals: A's columns are the chosen variables, b = constant − the others.
            var matrix: [[Fraction]] = []
            for e in rows {
                var row = Array(repeating: Fraction.zero, count: k + 1)
                var b = -residual[e]
                for (j, v) in chosen.enumerated() {
                    guard let coefficient = incidence[v].first(where: { $0.equation == e })?.coefficient else {
                        continue
                    }
                    row[j] = Fraction(coefficient)
                    let (product, o1) = coefficient.multipliedReportingOverflow(by: problem.values[v] ?? 0)
                    let (sum, o2) = b.addingReportingOverflow(product)
                    if o1 || o2 { return nil }
                    b = sum
                }
                row[k] = Fraction(b)
                matrix.append(row)
            }
            let original = matrix
            var solved = Fraction.solve(&matrix, unknowns: k)
            if solved == nil {
                // Not unique: a forced variable with a lost sign takes its absolute value, and the rest is solved again.
                let flips = chosen.enumerated().filter { _, v in
                    problem.forced.contains(v) && (problem.values[v] ?? 0) < 0
                }
                guard !flips.isEmpty else { return nil }
                var pinned = original
                for (j, v) in flips {
                    var row = Array(repeating: Fraction.zero, count: k + 1)
                    row[j] = Fraction(1)
                    row[k] = Fraction(-(problem.values[v] ?? 0))
                    pinned.append(row)
                }
                solved = Fraction.solve(&pinned, unknowns: k)
            }
            guard let values = solved else { return nil }
            var changes: [Solution.Change] = []
            for (j, v) in chosen.enumerated() {
                guard let value = values[j].integer else { return nil }
                if let bound = problem.lowerBounds[v], value < bound { return nil }
                if let current = problem.values[v], current == value { return nil }
                changes.append(Solution.Change(variable: v, value: value))
            }
            return Solution(changes: changes)
        }
    }
}

/// An exact rational with `Int` parts; arithmetic that overflows yields nil.
struct Fraction: Hashable {
    var numerator: Int
    var denominator: Int

    static let zero = Fraction(0)

    init(_ value: Int) {
        numerator = value
        denominator = 1
    }

    init?(_ numerator: Int, _ denominator: Int) {
        guard denominator != 0 else { return nil }
        let g = Fraction.gcd(numerator.magnitude, denominator.magnitude)
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / Int(g)
        self.denominator = sign * denominator / Int(g)
    }

    var isZero: Bool { numerator == 0 }
    var integer: Int? { denominator == 1 ? numerator : nil }

    static func gcd(_ a: UInt, _ b: UInt) -> UInt {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return max(a, 1)
    }

    func times(_ other: Fraction) -> Fraction? {
        let (n, o1) = numerator.multipliedReportingOverflow(by: other.numerator)
        let (d, o2) = denominator.multipliedReportingOverflow(by: other.denominator)
        return o1 || o2 ? nil : Fraction(n, d)
    }

    func minus(_ other: Fraction) -> Fraction? {
        let (a, o1) = numerator.multipliedReportingOverflow(by: other.denominator)
        let (b, o2) = other.numerator.multipliedReportingOverflow(by: denominator)
        let (n, o3) = a.subtractingReportingOverflow(b)
        let (d, o4) = denominator.multipliedReportingOverflow(by: other.denominator)
        return o1 || o2 || o3 || o4 ? nil : Fraction(n, d)
    }

    func dividedBy(_ other: Fraction) -> Fraction? {
        guard let inverse = Fraction(other.denominator, other.numerator) else { return nil }
        return times(inverse)
    }

    /// Gauss–Jordan elimination of an augmented matrix; the unique solution, or nil when there is none, it is not
    /// unique, or arithmetic overflows.
    static func solve(_ m: inout [[Fraction]], unknowns k: Int) -> [Fraction]? {
        var pivotRow = 0
        for column in 0..<k {
            guard let p = (pivotRow..<m.count).first(where: { !m[$0][column].isZero }) else { return nil }
            m.swapAt(pivotRow, p)
            let pivot = m[pivotRow][column]
            for c in column...k {
                guard let q = m[pivotRow][c].dividedBy(pivot) else { return nil }
                m[pivotRow][c] = q
            }
            for r in m.indices where r != pivotRow && !m[r][column].isZero {
                let factor = m[r][column]
                for c in column...k {
                    guard let t = factor.times(m[pivotRow][c]), let d = m[r][c].minus(t) else { return nil }
                    m[r][c] = d
                }
            }
            pivotRow += 1
        }
        // Consistency: the rows beyond the pivots must read 0 = 0.
        for r in pivotRow..<m.count where !m[r][k].isZero { return nil }
        return (0..<k).map { m[$0][k] }
    }
}
