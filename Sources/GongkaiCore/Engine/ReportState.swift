/// One report's storage: arrays indexed by `TemplateCell.index`, text cells, user names, rule statuses.
final class ReportState {
    var name: String
    let shape: TemplateShape
    var template: ReportTemplate { shape.template }
    /// Current value of each template cell (entered, computed by its total, or by a user formula).
    var values: CellValues
    /// Bit 0: a value is entered. Bit 1: a user formula is set on the cell.
    var flags: [UInt8]
    /// Provenance of entered values, kept only where it is not the plain session default.
    var provenance: ProvenanceTable
    /// Text cells in template order.
    var texts: [Value]
    /// User names, by local id − `shape.userBase`. A name keeps its id when undefined (it exists while it has a
    /// formula), so undo and redo find it again.
    var userNames: [String] { userTable.names }
    var userValues: [Value] = []
    /// The number of the last dependency walk that visited each template/text cell, and each user name. Empty (all
    /// 0) until a walk visits the report: a report loaded and only read costs nothing here.
    var marks: [UInt32] = []
    var userMarks: [UInt32] = []
    /// Formulas of user names (nil once undefined) and the formula cells reading each user name, by user index.
    var userFormulas: [FormulaCell?] = []
    var userReaders: [UserReaders] = []
    /// The user names and their positions. Read through a copy (a lookup in place would be a call inside the
    /// access, which keeps every access checked at run time), changed by moving it out and back.
    private var userTable = UserNameTable()
    /// Statuses of the template equalities, in `template.equalities` order.
    var equalityStatus: [RuleStatus]
    /// How many cells are out of the domain rule (flag bit 2 marks them).
    var domainViolationCount = 0
    /// Per rule of the report (equalities, domain, cross-year pairs: ``ruleSlot``), the recorder epoch that noted its
    /// old status and the recheck that last touched it: dense marks instead of hashed sets on the edit path. Empty
    /// (all 0) until the first edit of the report (``ReportState/sized(_:_:)``).
    var ruleNoted: [UInt32] = []
    var ruleTouched: [UInt32] = []
    var domainStatus: RuleStatus = .holds
    /// Statuses of the cross-year rules when this report is the later year of a linked pair (else empty).
    var crossStatus: [RuleStatus] = []
    /// The earlier year's report slot, when linked.
    var lastYear: Int?
    /// Per cross-year pair, the cell it reads in the earlier year's report, by that report's own template (a 2019-format
    /// year numbers its cells otherwise); -1 where that template has no such cell. Empty when not linked.
    var crossLastYear: [Int] = []
    /// The body (after aliases) and `meta.year`, when both are set: the key pairing reports of one body.
    var bodyYear: BodyYear?
    /// Number of rules of this report (template, domain, cross-year, user) that fail or are in error.
    var failingCount = 0

    /// The cross-year pairs of this (later) report that read cell `local` of `earlier`, its linked year before: the
    /// shape's index when both share a template, else a scan of the few pairs.
    /// (The shape's own array is returned as it is: no allocation on the edit path.)
    func crossPairs(readingLastYear local: Int, of earlier: ReportState) -> [Int32] {
        if earlier.shape === shape { return shape.crossAsLastYear[local] }
        return crossLastYear.indices.filter { crossLastYear[$0] == local }.map { Int32($0) }
    }

    static let entered: UInt8 = 1
    static let hasFormula: UInt8 = 2
    /// Bit 2: the cell's value is out of the domain rule (not content: kept across `flags` rewrites by the setters).
    static let outOfDomain: UInt8 = 4

    init(name: String, shape: TemplateShape) {
        self.name = name
        self.shape = shape
        values = CellValues(count: shape.cellCount)
        flags = Array(repeating: 0, count: shape.cellCount)
        provenance = ProvenanceTable(cellCount: shape.cellCount)
        texts = Array(repeating: .empty, count: shape.userBase - shape.cellCount)
        equalityStatus = Array(repeating: .incomplete, count: shape.equalities.count)
    }

    /// `marks` itself, or `count` zeros when it is still empty: marks allocated on first use.
    @inline(__always)
    static func sized(_ marks: [UInt32], _ count: Int) -> [UInt32] {
        marks.isEmpty ? Array(repeating: 0, count: count) : marks
    }

    /// The cells out of the domain rule, ascending.
    var domainViolations: [Int] {
        guard domainViolationCount > 0 else { return [] }
        return flags.indices.filter { flags[$0] & ReportState.outOfDomain != 0 }
    }

    /// Records whether cell `index` is in the domain; true when that changed.
    @inline(__always)
    func setInDomain(_ inDomain: Bool, at index: Int) -> Bool {
        let was = flags[index] & ReportState.outOfDomain == 0
        guard was != inDomain else { return false }
        var flags = take(&self.flags)  // moved out and back: see Support/Exclusivity.swift
        if inDomain {
            flags[index] &= ~ReportState.outOfDomain
            domainViolationCount -= 1
        } else {
            flags[index] |= ReportState.outOfDomain
            domainViolationCount += 1
        }
        self.flags = flags
        return true
    }

    /// Marks a local id visited in walk `epoch`; false if it already was.
    @inline(__always)
    func mark(_ local: Int, _ epoch: UInt32) -> Bool {
        if local < shape.userBase {
            if local < marks.count, marks[local] == epoch { return false }
            var marks = ReportState.sized(take(&self.marks), shape.userBase)
            marks[local] = epoch
            self.marks = marks
            return true
        }
        let u = local - shape.userBase
        if u < userMarks.count, userMarks[u] == epoch { return false }
        var userMarks = take(&self.userMarks)
        while userMarks.count <= u { userMarks.append(0) }
        userMarks[u] = epoch
        self.userMarks = userMarks
        return true
    }

    func clearMarks() {
        marks = []
        userMarks = Array(repeating: 0, count: userMarks.count)
    }

    /// Sets the content bits of a cell's flags (entered, formula), keeping the domain bit.
    @inline(__always)
    func setContentFlags(_ bits: UInt8, at index: Int) {
        var flags = take(&self.flags)
        flags[index] = flags[index] & ReportState.outOfDomain | bits
        self.flags = flags
    }

    func isEntered(_ index: Int) -> Bool { flags[index] & ReportState.entered != 0 }
    func hasFormula(_ index: Int) -> Bool { flags[index] & ReportState.hasFormula != 0 }

    /// The value at a local id.
    func value(local: Int) -> Value {
        if local < shape.cellCount { return values[local] }
        if local < shape.userBase { return texts[local - shape.cellCount] }
        let u = local - shape.userBase
        return u < userValues.count ? userValues[u] : .error(.reference)
    }

    func setValue(_ value: Value, local: Int) {
        if local < shape.cellCount {
            var values = take(&self.values)
            values[local] = value
            self.values = values
        } else if local < shape.userBase {
            var texts = take(&self.texts)
            texts[local - shape.cellCount] = value
            self.texts = texts
        } else {
            var userValues = take(&self.userValues)
            userValues[local - shape.userBase] = value
            self.userValues = userValues
        }
    }

    /// The provenance of template cell `index` (nil: the session default or none). The table is read through a
    /// copy, so that no call runs inside the access to the property (see Support/Exclusivity.swift).
    func provenance(at index: Int) -> Provenance? {
        let table = provenance
        return table.isEmpty ? nil : table[index]
    }

    /// Sets (nil: clears) the provenance of template cell `index`; nothing to do while the table is empty and
    /// stays so. The table is moved out and back (see Support/Exclusivity.swift).
    func setProvenance(_ provenance: Provenance?, at index: Int) {
        guard provenance != nil || !self.provenance.isEmpty else { return }
        var table = self.provenance
        self.provenance = ProvenanceTable(cellCount: 0)
        table[index] = provenance
        self.provenance = table
    }

    /// Adds a user name without a formula (yet); its local id is `shape.userBase + userNames.count` before the call.
    func appendUserName(_ name: String) {
        var table = takeUserTable()
        table.append(name)
        userTable = table
        appendUserSlot()
    }

    /// The local id of user name `name`, if it is one.
    func userLocal(of name: String) -> Int? {
        let table = userTable  // read through a copy: see Support/Exclusivity.swift
        return table.index(of: name).map { shape.userBase + $0 }
    }

    /// ``userLocal(of:)`` for a name given as its UTF-8 bytes.
    func userLocal(of bytes: Span<UInt8>) -> Int? {
        let table = userTable
        return table.index(of: bytes).map { shape.userBase + $0 }
    }

    /// The user names table, moved out (see Support/Exclusivity.swift).
    @inline(__always)
    private func takeUserTable() -> UserNameTable {
        var table = UserNameTable()
        swap(&table, &userTable)
        return table
    }

    /// The local id of user name `name`, added as by ``appendUserName(_:)`` when it is new, in one hash of the name
    /// either way; `added`: whether it was new (``removeLastUserName()`` takes that back).
    func userLocal(addingIfNew name: String) -> (local: Int, added: Bool) {
        var table = takeUserTable()
        let (index, added) = table.index(addingIfNew: name)  // finds or inserts: one lookup
        userTable = table
        if added { appendUserSlot() }
        return (shape.userBase + index, added)
    }

    /// The arrays' part of ``appendUserName(_:)`` past the name: an empty value, no formula, no readers.
    private func appendUserSlot() {
        changeUserArrays { values, formulas, readers in
            values.append(.empty)
            formulas.append(nil)
            readers.append(.none)
        }
    }

    /// Room for `count` more user names, so that a batch of definitions grows the user arrays once; the room at
    /// least doubles, so that many small batches still grow them geometrically.
    func reserveUserNames(_ count: Int) {
        let room = Swift.max(userNames.count + count, 2 * userNames.count)
        guard count > 16, userNames.capacity < room else { return }
        changeUserArrays { values, formulas, readers in
            values.reserveCapacity(room)
            formulas.reserveCapacity(room)
            readers.reserveCapacity(room)
        }
        var table = takeUserTable()
        table.reserveCapacity(room)
        userTable = table
    }

    /// Takes back the last ``appendUserName(_:)``.
    func removeLastUserName() {
        var table = takeUserTable()
        table.removeLast()
        userTable = table
        changeUserArrays { values, formulas, readers in
            values.removeLast()
            formulas.removeLast()
            readers.removeLast()
        }
    }

    /// Runs `body` on the arrays parallel to the user names (values, formulas, readers), moved out of the report
    /// and stored back (see Support/Exclusivity.swift): one owner of that dance for every change of their length.
    @inline(__always)
    private func changeUserArrays(_ body: (inout [Value], inout [FormulaCell?], inout [UserReaders]) -> Void) {
        var (values, formulas, readers) = (take(&userValues), take(&userFormulas), take(&userReaders))
        body(&values, &formulas, &readers)
        (userValues, userFormulas, userReaders) = (values, formulas, readers)
    }

    /// The name of a local id within the report.
    func name(local: Int) -> String {
        if local < shape.userBase { return shape.names[local] }
        let u = local - shape.userBase
        return u < userNames.count ? userNames[u] : "#REF!"
    }

    /// The local id of a name within the report.
    func local(of name: String) -> Int? {
        local(of: name, dotted: true)
    }

    /// ``local(of:)`` for a name known to have a `.` or not (`dotted`): a plain name skips the template's table
    /// when no cell name is plain.
    func local(of name: String, dotted: Bool) -> Int? {
        shape.nameIndex.index(of: name, dotted: dotted) ?? userLocal(of: name)
    }

    /// The text of `meta.org` / `meta.year`, for cross-year pairing.
    func text(_ local: Int?) -> String? {
        guard let local else { return nil }
        switch value(local: local) {
        case .text(let t): return t.isEmpty ? nil : t
        case .number(let n): return n.description
        default: return nil
        }
    }
}
