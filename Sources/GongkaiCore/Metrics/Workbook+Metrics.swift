// Metrics defined once for every report: the workbook keeps each metric's definition, and every report — loaded
// before or after — holds its value in the named cell `m.NAME`, recomputed incrementally like any formula. A built-in
// metric not brought into the workbook is still computed on demand (``metricValues(_:)``), from its formula.

/// A metric in the workbook: a built-in brought in, or a user's own definition.
public struct MetricDefinition: Sendable, Hashable {
    /// The metric's name, the last part of its cell `m.NAME`.
    public let name: String
    /// The formula every report computes.
    public let formula: String
    /// The dictionary entry, for a built-in.
    public let builtIn: Metric?

    /// A user metric.
    public init(name: String, formula: String) {
        self.name = name
        self.formula = formula
        builtIn = nil
    }

    /// A built-in metric.
    public init(_ metric: Metric) {
        name = metric.key
        formula = metric.formula
        builtIn = metric
    }
}

/// One report's value of a metric.
public struct MetricValue: Sendable, Hashable {
    /// The report's name.
    public let report: String
    /// The value: a number, or empty (with a reason), never 0 for a missing figure.
    public let value: Value
    /// Why the value is empty or an error (`办结量为 0`); nil for a number.
    public let reason: String?

    /// A report's value and, when it is not a number, why.
    public init(report: String, value: Value, reason: String?) {
        self.report = report
        self.value = value
        self.reason = reason
    }
}

extension Workbook {
    /// The metrics in the workbook, in the order they came in.
    public var metrics: [MetricDefinition] { metricDefinitions }

    /// Brings a built-in metric into the workbook: the cell `m.KEY` in every report, present and future, as one undo
    /// step. Nothing changes when it is in already.
    public func useMetric(_ key: String) throws(EngineError) -> ChangeSet {
        guard let metric = Metric.named(key) else {
            throw .unknownName(key, suggestion: FormulaBridge.nearestName(to: key, in: Metric.builtIn.map(\.key)))
        }
        if metricDefinitions.contains(where: { $0.name == key }) { return ChangeSet() }
        return try perform(.metric(name: key, definition: MetricDefinition(metric)))
    }

    /// Defines (or redefines) a user metric: `m.NAME = FORMULA` in every report, present and future, as one undo step.
    ///
    /// The name must not be a built-in's key; the formula's names resolve in each report (an unqualified cell means
    /// that report's own cell).
    public func defineMetric(name: String, formula: String) throws(EngineError) -> ChangeSet {
        guard Workbook.isIdentifier(name), !name.contains(".") else {
            throw .invalidName(name, reason: "a metric's name is one identifier (letters, digits and _)")
        }
        if Metric.named(name) != nil {
            throw .invalidName(name, reason: "it is a built-in metric (`.metric \(name)` brings it in)")
        }
        return try perform(.metric(name: name, definition: MetricDefinition(name: name, formula: formula)))
    }

    /// Drops a metric from every report, as one undo step. Refused while formulas or rules read its cells.
    public func dropMetric(_ name: String) throws(EngineError) -> ChangeSet {
        guard metricDefinitions.contains(where: { $0.name == name }) else {
            throw .unknownName(name, suggestion: FormulaBridge.nearestName(to: name, in: metricDefinitions.map(\.name)))
        }
        return try perform(.metric(name: name, definition: nil))
    }

    /// Whether a user name is the cell of a metric in the workbook (`m.disclosure_rate`).
    func isMetricCell(_ name: String) -> Bool {
        guard !metricDefinitions.isEmpty, name.hasPrefix(Metric.cellPrefix) else { return false }
        let key = name.dropFirst(Metric.cellPrefix.count)
        return metricDefinitions.contains { $0.name == key }
    }

    /// Installs, replaces or removes a metric's cell in every report; the inverse restores the old definition.
    func applyMetric(_ name: String, _ definition: MetricDefinition?) throws(EngineError) -> Operation {
        let index = metricDefinitions.firstIndex { $0.name == name }
        let old = index.map { metricDefinitions[$0] }
        let cell = Metric.cellName(name)
        if old == nil, definition != nil {
            // A user's own `let m.NAME` would be overwritten: refuse.
            for case let report? in reports {
                if let local = report.userLocal(of: cell), report.userFormulas[local - report.shape.userBase] != nil {
                    throw .duplicate(report.name + "." + cell)
                }
            }
        }
        if let definition, let slot = reports.firstIndex(where: { $0 != nil }) {
            try refuseSpanning(definition.formula, metric: cell, context: slot)
        }
        var done: [Operation] = []
        do {
            for (slot, report) in reports.enumerated() {
                guard let report else { continue }
                if let definition {
                    done.append(try applyDefinition(slot, cell, definition.formula))
                } else if let local = report.userLocal(of: cell),
                    report.userFormulas[local - report.shape.userBase] != nil
                {
                    done.append(try applyDefinition(slot, cell, nil))
                }
            }
        } catch {
            for step in done.reversed() { _ = try? applyStep(step) }
            throw error
        }
        switch (index, definition) {
        case (let i?, let d?): metricDefinitions[i] = d
        case (let i?, nil): metricDefinitions.remove(at: i)
        case (nil, let d?): metricDefinitions.append(d)
        case (nil, nil): break
        }
        return .metric(name: name, definition: old)
    }

    /// A metric reads its own report's cells: a reference over all reports (`sum(*.t3.new.total)`) in it would make
    /// every report's cell read every report — N² for N reports — so it is refused with the linear way to say it.
    func refuseSpanning(_ formula: String, metric cell: String, context slot: Int) throws(EngineError) {
        let (_, patterns) = try collectingPatterns { () throws(EngineError) in
            try compileFormula(formula, context: slot)
        }
        guard !patterns.isEmpty else { return }
        throw .notAllowed(
            cell,
            reason:
                "a metric reads its own report's cells; for a figure over all reports define it once (`let all = "
                + "sum(*.t3.new.total)` in one report) and read that cell in the metric (`REPORT.all`)")
    }

    // MARK: Values

    /// Every live report's value of a metric, in load order, with the reason for each empty value.
    ///
    /// `name` is a metric's name (in the workbook, or a built-in computed on demand from its formula), `yoy(NAME)` —
    /// the growth over the same body's previous year in per cent, `round((this − last) × 100 / last, 2)`, empty
    /// without a previous year's report or when last year's value is empty or 0 — or any expression over a report's
    /// cells (`t3.new.total`), evaluated in each report.
    public func metricValues(_ name: String) throws(EngineError) -> [MetricValue] {
        try column(name).map { MetricValue(report: reports[$0.slot]?.name ?? "", value: $0.value, reason: $0.reason) }
    }

    /// What a metric name shows as: its Chinese name and unit for a metric, the expression itself otherwise.
    public func metricTitle(_ name: String) -> (title: String, unit: Metric.Unit?) {
        if let inner = Workbook.yoyArgument(name) {
            return ("\(metricTitle(inner).title)同比增长", .percent)
        }
        if let metric = metricDefinitions.first(where: { $0.name == name })?.builtIn ?? Metric.named(name) {
            return (metric.chineseName, metric.unit)
        }
        return (name, nil)
    }

    /// A metric's title with its unit, as headings show it: `申请总量 (件)`, `予以公开率 (%)`; an expression as written.
    public func metricHeading(_ name: String) -> String {
        let (title, unit) = metricTitle(name)
        return title + (unit.map { " (\($0.symbol))" } ?? "")
    }

    /// The argument of `yoy(NAME)`, or nil.
    static func yoyArgument(_ name: String) -> String? {
        let trimmed = name.trimmingSpaces
        guard trimmed.lowercased().hasPrefix("yoy("), trimmed.hasSuffix(")") else { return nil }
        return String(trimmed.dropFirst(4).dropLast()).trimmingSpaces
    }

    typealias MetricCell = (slot: Int, value: Value, reason: String?)

    /// A metric's value in each live report, or in `slots` only (`.diff`, `.trend`: a few reports, whatever the
    /// workbook holds).
    func column(_ name: String, only slots: [Int]? = nil) throws(EngineError) -> [MetricCell] {
        if let inner = Workbook.yoyArgument(name) {
            // Growth needs each report's previous year too.
            let wanted = slots.map { Array(Set($0 + $0.compactMap { previousYearSlot(of: $0) })).sorted() }
            let values = try growth(of: column(inner, only: wanted))
            guard let slots else { return values }
            let kept = Set(slots)
            return values.filter { kept.contains($0.slot) }
        }
        if metricDefinitions.contains(where: { $0.name == name }) {
            let cell = Metric.cellName(name)
            return (slots ?? liveSlots).map { slot in
                guard let report = reports[slot], let local = report.userLocal(of: cell),
                    isLive(report, slot: slot, local: local)
                else { return (slot, .empty, "\(cell) cannot be computed in this report") }
                let value = report.value(local: local)
                return (slot, value, value.number == nil ? reason(forEmpty: value, metric: name, slot: slot) : nil)
            }
        }
        if let metric = Metric.named(name) {
            let values = try evaluations(of: metric.formula, only: slots)
            return values.map {
                (
                    $0.slot, $0.value,
                    $0.value.number == nil ? reason(forEmpty: $0.value, metric: name, slot: $0.slot) : nil
                )
            }
        }
        return try evaluations(of: name, only: slots).map {
            ($0.slot, $0.value, $0.value.number == nil ? Workbook.describe($0.value) : nil)
        }
    }

    /// Why a metric's value of one report is not a number: its denominator's state for a rate.
    func reason(forEmpty value: Value, metric name: String, slot: Int) -> String {
        if case .error = value { return Workbook.describe(value) }
        let metric = metricDefinitions.first(where: { $0.name == name })?.builtIn ?? Metric.named(name)
        guard let denominator = metric?.denominator else { return "cells missing" }
        let den = (try? evaluations(of: denominator.formula, only: [slot]).first?.value) ?? .empty
        switch den {
        case .number(let n) where n.isZero: return "\(denominator.name)为 0"
        case .number: return "cells missing"
        default: return "\(denominator.name)为空"
        }
    }

    static func describe(_ value: Value) -> String {
        switch value {
        case .empty: "empty"
        case .error(let e): "error \(e.code)"
        case .text: "text, not a number"
        case .number: ""
        }
    }

    /// Year-over-year growth of a column in per cent, against each report's previous year (``previousYearSlot(of:)``).
    func growth(of column: [MetricCell]) -> [MetricCell] {
        var bySlot: [Int: Value] = [:]
        for cell in column { bySlot[cell.slot] = cell.value }
        return column.map { cell in
            guard let this = cell.value.number else { return (cell.slot, .empty, cell.reason ?? "empty") }
            guard let last = previousYearSlot(of: cell.slot), let lastValue = bySlot[last] else {
                return (cell.slot, .empty, "no previous year of this body loaded")
            }
            guard let base = lastValue.number else { return (cell.slot, .empty, "previous year's value is empty") }
            guard !base.isZero else { return (cell.slot, .empty, "previous year's value is 0") }
            let change = Workbook.percentChange(from: base, to: this)
            return (cell.slot, change, change.isError ? Workbook.describe(change) : nil)
        }
    }

    /// The change from `base` to `this` in per cent, `round((this − base) × 100 / base, 2)`: the one formula of
    /// `yoy`, `.trend` and `.diff`. Empty when `base` is 0; an overflow is an error value.
    static func percentChange(from base: DecimalNumber, to this: DecimalNumber) -> Value {
        guard !base.isZero else { return .empty }
        do throws(ArithmeticError) {
            let change = try this.subtracting(base).multiplying(DecimalNumber(100)).dividing(by: base)
            return .number(try change.rounded(places: 2))
        } catch {
            return .error(CellError(error))
        }
    }

    /// The live reports' slots, in load order.
    var liveSlots: [Int] { reports.indices.filter { reports[$0] != nil } }

    /// An expression evaluated in each live report (unqualified names meaning that report's cells), in load order.
    ///
    /// Compiled once per template when it reads only the report's own template and text cells (the same local ids in
    /// every report of the template) and evaluated against each report; otherwise compiled in each report, where a
    /// name it lacks gives `#REF!`. A formula that does not compile in the first report throws.
    public func valuesInEachReport(_ source: String) throws(EngineError) -> [(report: String, value: Value)] {
        try evaluations(of: source, only: nil).map { (reports[$0.slot]?.name ?? "", $0.value) }
    }

    func evaluations(of source: String, only: [Int]? = nil) throws(EngineError) -> [(slot: Int, value: Value)] {
        var shared: [ObjectIdentifier: CompiledFormula?] = [:]
        var result: [(slot: Int, value: Value)] = []
        for slot in only ?? liveSlots {
            guard let report = reports[slot] else { continue }
            let key = ObjectIdentifier(report.shape)
            if shared[key] == nil {
                let compiled = try compileFormula(source, context: slot)
                let local = compiled.dependencies.allSatisfy {
                    CellID(raw: $0).report == slot && CellID(raw: $0).local < report.shape.userBase
                }
                shared[key] = .some(local ? compiled : nil)
            }
            if case let compiled?? = shared[key] {
                result.append((slot, compiled.evaluate { report.value(local: CellID(raw: $0).local) }))
            } else if let compiled = try? compileFormula(source, context: slot) {
                result.append((slot, compiled.evaluate { self.valueOf($0) }))
            } else {
                result.append((slot, .error(.reference)))
            }
        }
        return result
    }
}
