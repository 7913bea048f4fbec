/// A workbook as plain data, for the workbook file (GongkaiIO/Workbook writes and reads it as text).
public struct WorkbookDocument: Sendable, Hashable {
    /// One report of the workbook.
    public struct Report: Sendable, Hashable {
        /// The name (report, cell, user name or rule).
        public var name: String
        /// `ReportTemplate.id` (`2021`).
        public var templateID: String
        /// Entered values of template cells, by cell name, in official order.
        public var values: [Entry]
        /// Text cells (`meta.org`, `text.s1`), in template order.
        public var texts: [Text]
        /// User formulas on template cells, by cell name: `(name, source)`.
        public var formulas: [Formula]
        /// User-defined names in definition order: `(name, source)`.
        public var definitions: [Formula]

        /// A report from its parts.
        public init(
            name: String, templateID: String, values: [Entry] = [], texts: [Text] = [],
            formulas: [Formula] = [], definitions: [Formula] = []
        ) {
            self.name = name
            self.templateID = templateID
            self.values = values
            self.texts = texts
            self.formulas = formulas
            self.definitions = definitions
        }
    }

    /// An entered value and where it came from.
    public struct Entry: Sendable, Hashable {
        /// The name (report, cell, user name or rule).
        public var name: String
        /// The entered value.
        public var value: Value
        /// Where it came from; nil for a plain session entry.
        public var provenance: Provenance?

        /// An entry from its parts.
        public init(name: String, value: Value, provenance: Provenance? = nil) {
            self.name = name
            self.value = value
            self.provenance = provenance
        }
    }

    /// A text cell's content.
    public struct Text: Sendable, Hashable {
        /// The name (report, cell, user name or rule).
        public var name: String
        /// The text.
        public var text: String

        /// A text cell from its parts.
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// A formula by name: a user formula on a template cell, or a user definition.
    public struct Formula: Sendable, Hashable {
        /// The name (report, cell, user name or rule).
        public var name: String
        /// The formula source, without a leading `=`.
        public var source: String

        /// A formula from its parts.
        public init(name: String, source: String) {
            self.name = name
            self.source = source
        }
    }

    /// A user rule.
    public struct Rule: Sendable, Hashable {
        /// The name (report, cell, user name or rule).
        public var name: String
        /// The report whose names the expression's unqualified references mean.
        public var report: String
        /// The expression that must hold.
        public var expression: String
        /// Error or warning.
        public var severity: Severity

        /// A rule from its parts.
        public init(name: String, report: String, expression: String, severity: Severity) {
            self.name = name
            self.report = report
            self.expression = expression
            self.severity = severity
        }
    }

    /// A metric of the workbook: a built-in by its key (`formula` nil — the dictionary is data, not saved), or a
    /// user metric with its formula.
    public struct Metric: Sendable, Hashable {
        /// The metric's name.
        public var name: String
        /// The user metric's formula; nil for a built-in.
        public var formula: String?

        /// A metric from its parts.
        public init(name: String, formula: String? = nil) {
            self.name = name
            self.formula = formula
        }
    }

    /// Two body names declared one body (`.alias`), as normalised (``BodyKey/text``).
    public struct Alias: Sendable, Hashable {
        /// The first name.
        public var body: String
        /// The name it is one body with.
        public var other: String

        /// An alias from its parts.
        public init(body: String, other: String) {
            self.body = body
            self.other = other
        }
    }

    /// Reports in load order.
    public var reports: [Report]
    /// Metrics in the order they came into the workbook.
    public var metrics: [Metric] = []
    /// Body aliases in the order they were declared.
    public var aliases: [Alias] = []
    /// User rules in the order they were added.
    public var rules: [Rule]
    /// The report unqualified names refer to.
    public var currentReport: String?

    /// A document from its parts.
    public init(reports: [Report] = [], rules: [Rule] = [], currentReport: String? = nil) {
        self.reports = reports
        self.rules = rules
        self.currentReport = currentReport
    }
}

extension WorkbookDocument {
    /// What the document holds for one template or text cell: an entered value with its provenance, a text, a user
    /// formula, or nothing (empty, or a total computing its sum). An edit journal records one of these per edit.
    public struct Cell: Sendable, Hashable {
        /// The report the cell belongs to.
        public var report: String
        /// The cell's name within its report (`t3.new.natural`, `meta.org`).
        public var name: String
        /// The cell's entry: `nil` when the document holds nothing for it.
        public var fact: Fact?

        /// A cell's state.
        public init(report: String, name: String, fact: Fact?) {
            self.report = report
            self.name = name
            self.fact = fact
        }
    }

    /// One fact of a report about a cell (the cell's name is ``Cell/name``).
    public enum Fact: Sendable, Hashable {
        /// An entered value of a template cell.
        case value(Entry)
        /// The text of a text cell.
        case text(Text)
        /// A user formula on a template cell.
        case formula(Formula)

        /// The cell the fact is about.
        public var name: String {
            switch self {
            case .value(let entry): entry.name
            case .text(let text): text.name
            case .formula(let formula): formula.name
            }
        }
    }

    /// The document with one cell's entries replaced by `cell`'s: what replaying an edit journal does.
    ///
    /// Entries are appended at the end of their list; ``Workbook/init(document:templates:)`` puts them in place, so
    /// `Workbook(document:).document()` is the document in order.
    public mutating func replace(_ cell: Cell) throws(EngineError) {
        guard let r = reports.firstIndex(where: { $0.name == cell.report }) else {
            throw .unknownReport(cell.report)
        }
        reports[r].values.removeAll { $0.name == cell.name }
        reports[r].texts.removeAll { $0.name == cell.name }
        reports[r].formulas.removeAll { $0.name == cell.name }
        switch cell.fact {
        case nil: break
        case .value(let entry): reports[r].values.append(entry)
        case .text(let text): reports[r].texts.append(text)
        case .formula(let formula): reports[r].formulas.append(formula)
        }
    }
}
