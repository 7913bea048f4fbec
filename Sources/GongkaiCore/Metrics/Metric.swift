/// An indicator defined once for every report: a formula over the report's cells, with its Chinese name, its
/// definition (口径), its unit and what an empty or zero denominator gives.
///
/// Each report holds a metric's value in the named cell `m.KEY` once the metric is in the workbook
/// (``Workbook/useMetric(_:)``, ``Workbook/defineMetric(name:formula:)``); the engine recomputes it like any formula.
///
/// ```swift
/// let rate = Metric.named("disclosure_rate")!
/// rate.formula  // "if(t3.total.total <> 0, round(t3.result.open.total * 100 / t3.total.total, 2))"
/// ```
public struct Metric: Sendable, Hashable {
    /// What a metric's value counts.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Applications or cases (件).
        case count
        /// Per cent of the denominator (%), an exact decimal with 2 fraction digits.
        case percent
        /// Per 100 of the denominator (件/百件), an exact decimal with 2 fraction digits.
        case perHundred

        /// The unit as printed beside a value: `件`, `%`, `件/百件`.
        public var symbol: String {
            switch self {
            case .count: "件"
            case .percent: "%"
            case .perHundred: "件/百件"
            }
        }
    }

    /// The ASCII key, also the cell name's last part (`disclosure_rate` → `m.disclosure_rate`).
    public let key: String
    /// The name analysts use (`予以公开率`).
    public let chineseName: String
    /// The definition in words (口径).
    public let definition: String
    /// What the value counts.
    public let unit: Unit
    /// The formula in the product's formula language, over the report's own cells.
    public let formula: String
    /// A rate's denominator as a formula, and its Chinese name; nil for a count.
    public let denominator: (formula: String, name: String)?
    /// What an empty or zero denominator gives, in words (for docs/metrics.md and `.metric KEY`).
    public var emptyRule: String {
        guard let denominator else { return "empty when every cell it adds is empty; never 0 for a missing figure" }
        return "empty when \(denominator.name) is 0 or empty (never 0, never a float)"
    }

    /// A metric from its parts; `denominator` nil for a count.
    public init(
        key: String, chineseName: String, definition: String, unit: Unit, formula: String,
        denominator: (formula: String, name: String)? = nil
    ) {
        self.key = key
        self.chineseName = chineseName
        self.definition = definition
        self.unit = unit
        self.formula = formula
        self.denominator = denominator
    }

    /// The named cell holding the metric in each report: `m.KEY`.
    public var cellName: String { Metric.cellName(key) }

    /// `m.NAME`, the cell of metric `name` in each report.
    public static func cellName(_ name: String) -> String { cellPrefix + name }

    /// The first part of every metric cell's name.
    public static let cellPrefix = "m."

    /// The built-in metric with this key.
    public static func named(_ key: String) -> Metric? { builtIn.first { $0.key == key } }

    public static func == (a: Metric, b: Metric) -> Bool { a.key == b.key && a.formula == b.formula }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}

extension Metric {
    /// A rate: `round(NUMERATOR * 100 / DENOMINATOR, 2)` (exact decimals, half away from zero), empty when the
    /// denominator is 0 or empty.
    static func rate(
        _ key: String, _ chineseName: String, _ definition: String, unit: Unit = .percent, numerator: String,
        denominator: String, denominatorName: String
    ) -> Metric {
        let product = numerator.contains(" ") ? "(\(numerator)) * 100" : "\(numerator) * 100"
        let divisor = denominator.contains(" ") ? "(\(denominator))" : denominator
        return Metric(
            key: key, chineseName: chineseName, definition: definition, unit: unit,
            formula: "if(\(divisor) <> 0, round(\(product) / \(divisor), 2))",
            denominator: (denominator, denominatorName))
    }
}
