// Name resolution: `sy2023.t3.total.total` is qualified when its first segment names a loaded report; an
// unqualified name means the current report. Wildcards (`*` one segment, `**` one or more) expand against the
// template's names and the user names of that report.

extension Workbook {
    /// The cell a reference names, in the current report unless qualified.
    func resolve(_ reference: String, context: Int? = nil) throws(EngineError) -> CellID {
        if let id = cell(named: reference, dotted: true, context: context ?? current) { return id }
        let (slot, rest) = try split(reference, context: context ?? current)
        guard let report = reports[slot] else { throw .unknownReport(reference) }
        throw .unknownName(reference, suggestion: suggestion(for: rest, in: report))
    }

    /// The cell a reference without wildcards names in report `context` unless qualified; nil when none
    /// (``resolve(_:context:)`` says why). `dotted`: whether it may have a `.` (false: it has none, so it is not
    /// qualified and names no template cell of the usual kind — a chain's `a41`, looked up in one hash).
    func cell(named reference: String, dotted: Bool, context: Int?) -> CellID? {
        let slot: Int
        let rest: String
        if dotted {
            guard case (let s, let r)? = try? split(reference, context: context) else { return nil }
            (slot, rest) = (s, r)
        } else {
            guard let context else { return nil }
            (slot, rest) = (context, reference)
        }
        guard let report = reports[slot], let local = report.local(of: rest, dotted: dotted),
            isLive(report, slot: slot, local: local)
        else { return nil }
        return CellID(report: slot, local: local)
    }

    /// ``cell(named:dotted:context:)`` for a name given as its UTF-8 bytes (a simple formula's, ``SimpleFormula``):
    /// a plain name is looked up among the report's user names without making a string, unless the report's template
    /// has plain cell names too.
    func cell(named bytes: Span<UInt8>, dotted: Bool, context: Int?) -> CellID? {
        guard !dotted, let context, context < reports.count, let report = reports[context],
            !report.shape.nameIndex.hasPlainNames
        else {
            return cell(named: SimpleFormula.string(bytes), dotted: dotted, context: context)
        }
        guard let local = report.userLocal(of: bytes), isLive(report, slot: context, local: local) else { return nil }
        return CellID(report: context, local: local)
    }

    /// A formula compiled against the names of report `context` (unqualified names mean it; nil: none is current).
    func compileFormula(_ source: String, context: Int?) throws(EngineError) -> CompiledFormula {
        try FormulaBridge.compile(
            source, candidates: { self.candidateNames(context: context) },
            cell: { self.cell(named: $0, dotted: $1, context: context ?? self.current)?.raw }
        ) { (reference) throws(EngineError) in
            try self.resolveAll(reference, context: context)
        }
    }

    /// The cells a reference names, wildcards expanded; throws when it names nothing.
    func resolveAll(_ reference: String, context: Int?) throws(EngineError) -> [Int] {
        guard reference.utf8.contains(UInt8(ascii: "*")) else { return [try resolve(reference, context: context).raw] }
        let (slot, rest) = try split(reference, context: context)
        guard let report = reports[slot] else { throw .unknownReport(reference) }
        let pattern = Reference(pattern: rest)
        var found: [Int] = []
        for local in liveLocals(of: report, slot: slot) where pattern.matches(report.name(local: local)) {
            found.append(CellID(report: slot, local: local).raw)
        }
        if found.isEmpty, rest == reference {
            let across = Reference(pattern: reference)
            found = acrossReports(across)
            if let reportPattern = across.reportPattern {
                spanning.collecting?.append(reportPattern)
                if found.isEmpty, spanning.allowsEmpty { return [] }
            }
        }
        guard !found.isEmpty else { throw .unknownName(reference, suggestion: nil) }
        return found
    }

    /// A cross-report reference's cells (`*.t3.new.total`, `hz*.t4.review.total`): in every live report, in load
    /// order, whose name matches ``Reference/reportPattern``, the cells matching ``Reference/cellPattern``. Costs
    /// one name match per report plus the cell pattern in each matching report.
    func acrossReports(_ reference: Reference) -> [Int] {
        guard let reportPattern = reference.reportPattern else { return [] }
        let cells = reference.cellPattern
        let exact: String? = cells.isPattern ? nil : cells.name
        var found: [Int] = []
        for (slot, report) in reports.enumerated() {
            guard let report, slot != spanning.excluded, Reference.segment(reportPattern, matches: report.name)
            else { continue }
            if let exact {
                if let local = report.local(of: exact), isLive(report, slot: slot, local: local) {
                    found.append(CellID(report: slot, local: local).raw)
                }
                continue
            }
            for local in liveLocals(of: report, slot: slot) where cells.matches(report.name(local: local)) {
                found.append(CellID(report: slot, local: local).raw)
            }
        }
        return found
    }

    /// Splits off a report qualifier.
    func split(_ reference: String, context: Int?) throws(EngineError) -> (Int, String) {
        if !reports.isEmpty, let dot = reference.firstDot,
            let slot = slot(named: reference[..<dot]), slot != spanning.excluded
        {
            return (slot, String(reference[reference.utf8.index(after: dot)...]))
        }
        guard let context else { throw .noReport }
        return (context, reference)
    }

    /// Whether a local id names an existing cell (user names exist while they have a formula).
    func isLive(_ report: ReportState, slot: Int, local: Int) -> Bool {
        let u = local - report.shape.userBase
        if u < 0 || (u < report.userFormulas.count && report.userFormulas[u] != nil) { return true }
        return !pendingNames.isEmpty && pendingNames.contains(CellID(report: slot, local: local).raw)
    }

    /// Every existing local id of a report: template cells, text cells, then user names in definition order.
    func liveLocals(of report: ReportState, slot: Int) -> [Int] {
        var locals = Array(0..<report.shape.userBase)
        for u in report.userNames.indices where isLive(report, slot: slot, local: report.shape.userBase + u) {
            locals.append(report.shape.userBase + u)
        }
        return locals
    }

    func suggestion(for name: String, in report: ReportState) -> String? {
        FormulaBridge.nearestName(to: name, in: candidateNames(of: report))
    }

    /// The names a reference could mean in a report: its cells, its user names, the report names.
    func candidateNames(of report: ReportState) -> [String] {
        report.shape.names + Set(report.userNames).sorted()
            + reportNames
    }

    func candidateNames(context: Int?) -> [String] {
        guard let context, let report = reports[context] else { return reportNames }
        return candidateNames(of: report)
    }

    func state(named name: String) throws(EngineError) -> ReportState {
        guard let slot = slot(named: name), let report = reports[slot] else { throw .unknownReport(name) }
        return report
    }

    /// The slot of a loaded report: a few reports are compared by name (cheaper than hashing), many looked up.
    @inline(__always)
    func slot<S: StringProtocol>(named name: S) -> Int? {
        if reports.count <= 4 {
            // Byte counts first: names of other lengths differ without the strings' comparison.
            let count = name.utf8.count
            for (slot, report) in reports.enumerated() {
                if let report, report.name.utf8.count == count, report.name == name { return slot }
            }
            return nil
        }
        return slot(lookingUp: String(name))
    }

    /// ``slot(named:)`` among many reports: one hash, in one place (not inlined into every caller, each with the
    /// dictionary's checked access).
    @inline(never)
    func slot(lookingUp name: String) -> Int? {
        slotByName[name]
    }

    /// The shared dependency structure of a template.
    func shape(for template: ReportTemplate) -> TemplateShape {
        if let shape = shapes[template.id] { return shape }
        let shape = TemplateShape.shared(for: template)
        shapes[template.id] = shape
        return shape
    }

    /// The value of a raw cell id; `#REF!` for a removed report.
    func valueOf(_ raw: Int) -> Value {
        let id = CellID(raw: raw)
        guard id.report < reports.count, let report = reports[id.report] else { return .error(.reference) }
        return report.value(local: id.local)
    }

    /// The name of a raw cell id, qualified unless it lies in report `context`.
    func name(of raw: Int, context: Int?) -> String {
        let id = CellID(raw: raw)
        guard id.report < reports.count, let report = reports[id.report] else { return "#REF!" }
        let local = report.name(local: id.local)
        return id.report == context ? local : report.name + "." + local
    }

    func validateReportName(_ name: String) throws(EngineError) {
        guard Workbook.isIdentifier(name) else { throw .invalidReportName(name) }
        guard slotByName[name] == nil else { throw .duplicate(name) }
        // A report name must not read as the first segment of a cell name or of a user name.
        guard !["meta", "text"].contains(name), ReportTemplate.official2021.table(name) == nil,
            !shapes.values.contains(where: { $0.template.table(name) != nil }), !userNameHeads.contains(name)
        else { throw .invalidReportName(name) }
    }

    /// A user name: dotted identifiers, not a template or text cell, not starting with a report name.
    func validateUserName(_ name: String, in report: ReportState) throws(EngineError) {
        if NameSyntax.isIdentifier(name) {
            // The usual name, one segment (its own head): checked as a string, no head remembered.
            if report.shape.nameIndex.index(of: name, dotted: false) != nil {
                throw .invalidName(name, reason: "it is a cell of the template")
            }
            if slot(named: name) != nil { throw .invalidName(name, reason: "it starts with the report name ‘\(name)’") }
            return
        }
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count > 1, segments.allSatisfy({ Workbook.isIdentifier($0) }) else {
            throw .invalidName(name, reason: "use lower-case letters, digits and _ in dot-separated parts")
        }
        let head = segments[0]
        if report.shape.nameIndex.index(of: name, dotted: true) != nil {
            throw .invalidName(name, reason: "it is a cell of the template")
        }
        if slot(named: head) != nil {
            throw .invalidName(name, reason: "it starts with the report name ‘\(head)’")
        }
        // `head.rest` would read as a qualified name if a report were named `head`.
        userNameHeads.insert(String(head))
    }

    /// `[a-z_][a-z0-9_]*`, Han ideographs counting as letters (``NameSyntax``).
    static func isIdentifier(_ text: some StringProtocol) -> Bool {
        NameSyntax.isIdentifier(text)
    }

    /// Refuses values a numeric cell cannot hold. Out-of-domain numbers are allowed: the `domain` rule reports them.
    func validate(_ value: Value, forCell index: Int, shape: TemplateShape) throws(EngineError) {
        switch value {
        case .empty, .number: return
        case .text: throw .invalidValue(shape.template.cells[index].name, reason: "a number is needed, not text")
        case .error: throw .invalidValue(shape.template.cells[index].name, reason: "an error value cannot be entered")
        }
    }
}

extension String {
    /// The index of the first `.`: the bytes read by the view's iterator, cheaper than `utf8.firstIndex(of:)`.
    fileprivate var firstDot: String.Index? {
        var offset = 0
        for byte in utf8 {
            if byte == UInt8(ascii: ".") { return utf8.index(utf8.startIndex, offsetBy: offset) }
            offset += 1
        }
        return nil
    }
}
