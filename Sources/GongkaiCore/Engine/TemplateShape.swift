import Synchronization

/// The dependency structure of a template, derived once and shared by every report built on it:
/// which totals and rules read each cell, and how cross-year rules pair cells.
final class TemplateShape: Sendable {
    let template: ReportTemplate
    /// Number of numeric cells; local ids below this are template cells.
    let cellCount: Int
    /// Local ids `cellCount ..< userBase` are the text cells, in `template.textCells` order.
    let userBase: Int
    /// For each cell, the totals whose sum includes it.
    let usedByTotals: [[Int32]]
    /// For each cell, the parts it sums while nothing is entered (empty for inputs).
    let totalParts: [[Int32]]
    /// The totals in an order where every total comes after the totals it sums.
    let totalOrder: [Int32]
    /// Each cell's position in `totalOrder` (−1 for inputs).
    let totalRank: [Int32]
    /// Sides of each equality, in `template.equalities` order.
    let equalityLeft: [[Int32]]
    let equalityRight: [[Int32]]
    /// For each cell, the equalities (indices into `template.equalities`) that read it.
    let equalitiesOf: [[Int32]]
    /// Text cell name → local id.
    let textIndex: [String: Int]
    /// Names of the template and text cells, by local id.
    let names: [String]
    /// Template and text cell name → local id.
    let nameIndex: NameTable
    /// The template's equalities (a copy, so hot paths do not copy the whole template).
    let equalities: [TemplateEquality]
    /// Each equality's name, severity, cells read (lhs then rhs) and text, shared by all its results.
    let equalityIdentities: [RuleResult.Identity]
    /// Cross-year rules expanded per column: the later year's cell and the earlier year's cell.
    let crossPairs: [CrossPair]
    /// For each cell, the cross-pair indices where it is the later year's cell.
    let crossAsThisYear: [[Int32]]
    /// For each cell, the cross-pair indices where it is the earlier year's cell.
    let crossAsLastYear: [[Int32]]
    /// Local ids of `meta.org` and `meta.year`, when the template has them.
    let orgCell: Int?
    /// Per cell: may be negative; must be a whole number.
    let isSigned: [Bool]
    let isIntegral: [Bool]
    let yearCell: Int?

    /// One cross-year rule for one column.
    struct CrossPair: Sendable {
        let name: String
        let description: String
        let thisYear: Int
        let lastYear: Int
    }

    init(_ template: ReportTemplate) {
        self.template = template
        cellCount = template.cells.count
        userBase = cellCount + template.textCells.count
        var used = [[Int32]](repeating: [], count: cellCount)
        for cell in template.cells {
            for part in cell.totalOf { used[part].append(Int32(cell.index)) }
        }
        usedByTotals = used
        totalParts = template.cells.map { $0.totalOf.map(Int32.init) }
        // Depth-first post-order over "total sums part": parts first. Template totals nest at most a few levels.
        var order: [Int32] = []
        var placed = [Bool](repeating: false, count: cellCount)
        func place(_ index: Int) {
            guard !placed[index] else { return }
            placed[index] = true
            for part in template.cells[index].totalOf { place(part) }
            if template.cells[index].isTotal { order.append(Int32(index)) }
        }
        for cell in template.cells { place(cell.index) }
        totalOrder = order
        var rank = [Int32](repeating: -1, count: cellCount)
        for (position, total) in order.enumerated() { rank[Int(total)] = Int32(position) }
        totalRank = rank
        equalityLeft = template.equalities.map { $0.lhs.map(Int32.init) }
        equalityRight = template.equalities.map { $0.rhs.map(Int32.init) }
        var rules = [[Int32]](repeating: [], count: cellCount)
        for (e, equality) in template.equalities.enumerated() {
            for cell in Set(equality.lhs + equality.rhs).sorted() { rules[cell].append(Int32(e)) }
        }
        equalitiesOf = rules
        var texts: [String: Int] = [:]
        for (t, text) in template.textCells.enumerated() { texts[text.name] = cellCount + t }
        textIndex = texts
        names = template.cells.map(\.name) + template.textCells.map(\.name)
        nameIndex = NameTable(names)
        equalities = template.equalities
        equalityIdentities = template.equalities.map { equality in
            RuleResult.Identity(
                name: equality.name, kind: .template, severity: equality.severity,
                cells: (equality.lhs + equality.rhs).map { template.cells[$0].name }, description: equality.description)
        }
        var pairs: [CrossPair] = []
        for rule in template.crossYear {
            guard let table = template.table(rule.table) else { continue }
            for section in table.sections {
                for column in section.columns {
                    guard let this = template.cell(table: rule.table, row: rule.thisYearRow, column: column.key),
                        let last = template.cell(table: rule.table, row: rule.lastYearRow, column: column.key)
                    else { continue }
                    pairs.append(
                        CrossPair(
                            name: "\(rule.name).\(column.key)",
                            description: "\(column.labels.joined(separator: "/")): \(rule.description)",
                            thisYear: this.index, lastYear: last.index))
                }
            }
        }
        crossPairs = pairs
        var asThis = [[Int32]](repeating: [], count: cellCount)
        var asLast = [[Int32]](repeating: [], count: cellCount)
        for (p, pair) in pairs.enumerated() {
            asThis[pair.thisYear].append(Int32(p))
            asLast[pair.lastYear].append(Int32(p))
        }
        crossAsThisYear = asThis
        crossAsLastYear = asLast
        isSigned = template.cells.map(\.isSigned)
        isIntegral = template.cells.map(\.unit.isIntegral)
        orgCell = texts["meta.org"]
        yearCell = texts["meta.year"]
    }

    private static let cache = Mutex<[String: TemplateShape]>([:])

    /// The shape of a template, derived once per process and template id.
    static func shared(for template: ReportTemplate) -> TemplateShape {
        cache.withLock { shapes in
            if let shape = shapes[template.id] { return shape }
            let shape = TemplateShape(template)
            shapes[template.id] = shape
            return shape
        }
    }

    /// How many rules a report on this template lists before user rules: equalities, domain, cross-year pairs.
    var ruleCount: Int { equalities.count + 1 + crossPairs.count }

    /// The dense index of a report's rule among its ``ruleCount`` rules (nil for user rules).
    @inline(__always)
    func ruleSlot(_ key: RuleKey) -> Int? {
        switch key {
        case .equality(_, let index): index
        case .domain: equalities.count
        case .crossYear(_, let pair): equalities.count + 1 + pair
        case .user: nil
        }
    }

    /// Whether the domain rule allows this value in cell `index`.
    func inDomain(_ value: Value, at index: Int) -> Bool {
        switch value {
        case .empty, .error: return true
        case .text: return false
        case .number(let n):
            if n.isNegative && !isSigned[index] { return false }
            return n.isInteger || !isIntegral[index]
        }
    }
}
