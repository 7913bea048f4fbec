// Reading a report's cells by index: the application layer never builds `report + "." + name` strings to read.

/// How many of a report's template cells were read, inferred, entered, computed or are missing.
public struct CellCounts: Sendable, Hashable {
    /// Entered values read as printed.
    public var read = 0
    /// Entered values recovered by inference (marked inferred).
    public var inferred = 0
    /// Values typed or assigned in a session.
    public var entered = 0
    /// Totals computed from their parts (nothing entered).
    public var computed = 0
    /// Template cells that are empty: nothing printed, nothing entered, nothing to compute from.
    public var missing = 0

    /// No counts.
    public init() {}

    /// Every template cell: read + inferred + entered + computed + missing.
    public var total: Int { read + inferred + entered + computed + missing }
}

extension Workbook {
    /// The value of template cell `index` (`TemplateCell.index`) of `report`.
    public func value(report: String, cell index: Int) throws(EngineError) -> Value {
        let state = try state(named: report)
        guard state.values.indices.contains(index), index < state.shape.cellCount else {
            throw .invalidValue("#\(index)", reason: "no such cell in template \(state.template.id)")
        }
        return state.values[index]
    }

    /// Where the entered value of template cell `index` came from; nil for computed or empty cells.
    public func provenance(report: String, cell index: Int) throws(EngineError) -> Provenance? {
        let state = try state(named: report)
        guard index >= 0, index < state.shape.cellCount, state.isEntered(index) else { return nil }
        return state.provenance(at: index) ?? Provenance(origin: .entered)
    }

    /// The text of text cell `index` (`ReportTemplate.textCells` order) of `report`; nil when it is empty.
    public func text(report: String, textCell index: Int) throws(EngineError) -> String? {
        let state = try state(named: report)
        guard state.texts.indices.contains(index) else { return nil }
        switch state.texts[index] {
        case .text(let text): return text.isEmpty ? nil : text
        case .number(let number): return number.description
        case .empty, .error: return nil
        }
    }

    /// How a report's template cells were filled.
    public func cellCounts(report: String) throws(EngineError) -> CellCounts {
        let state = try state(named: report)
        var counts = CellCounts()
        for index in 0..<state.shape.cellCount {
            if state.isEntered(index) {
                switch state.provenance.origin(at: index) ?? .entered {
                case .read: counts.read += 1
                case .inferred: counts.inferred += 1
                case .entered: counts.entered += 1
                }
            } else if state.values[index].isEmpty {
                counts.missing += 1
            } else {
                counts.computed += 1
            }
        }
        return counts
    }
}

extension Workbook {
    /// How many reports are loaded (constant time, unlike `reportNames.count`).
    public var reportCount: Int { slotByName.count }

    /// Whether a report of that name is loaded (constant time).
    public func hasReport(_ name: String) -> Bool { slotByName[name] != nil }

    /// Changes whenever the set of loaded reports changes (a load takes a new slot; an unload frees a name), so that
    /// a list derived from ``reportNames`` can be cached.
    public var reportListVersion: [Int] { [reports.count, slotByName.count] }
}

extension Workbook {
    /// The value of a cell, text cell or user name of `report` by its unqualified name (`t3.new.total`, `rate`).
    public func value(of name: String, in report: String) throws(EngineError) -> Value {
        guard let slot = slotByName[report] else { throw .unknownReport(report) }
        return valueOf(try resolve(name, context: slot).raw)
    }

    /// How a cell of `report` is written at the prompt: unqualified in the current report, else `report.name`.
    public func displayName(_ name: String, in report: String) -> String {
        Workbook.displayName(name, in: report, current: currentReport)
    }

    /// ``displayName(_:in:)`` with the current report's name looked up once by the caller (a change report names
    /// every changed cell).
    public static func displayName(_ name: String, in report: String, current: String?) -> String {
        report == current ? name : qualifiedName(name, in: report)
    }

    /// `report.name`: a cell named with its report, for display (lookups go by index or by name within a report).
    public static func qualifiedName(_ name: String, in report: String) -> String { "\(report).\(name)" }
}
