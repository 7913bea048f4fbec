import GongkaiCore

/// How a cell's value came about, as the long CSV's `status` column names it.
public enum CellStatus: String, Sendable, Hashable, CaseIterable {
    /// Read as printed in the source.
    case read
    /// Recovered by inference during import.
    case inferred
    /// Typed or assigned in a session, or loaded without a finer origin.
    case entered
    /// Computed by a formula (a template total with no entered value).
    case computed
    /// No value: blank, `—`, `/`, `无` in the source. Never written as 0.
    case empty
    /// An error value (`#DIV/0!`).
    case error

    /// The status for a value obtained in the given way.
    public init(_ origin: Provenance.Origin) {
        switch origin {
        case .read: self = .read
        case .inferred: self = .inferred
        case .entered: self = .entered
        }
    }
}

/// One report as the exporters see it: a template, a value per numeric cell and the metadata texts.
///
/// Exporters depend on nothing but this plain value, so any source (the engine, an importer, a test fixture) can
/// export. Values are held by cell index in the template's official order.
///
/// ```swift
/// let report = ExportReport(name: "sy2023", template: .official2021, texts: ["meta.org": "上犹县政府办"]) { cell in
///     values[cell.name] ?? .empty
/// }
/// ```
public struct ExportReport: Sendable {
    /// The report's short name (the long CSV's `report` column).
    public var name: String
    /// The format the values follow; its tables, rows and labels drive every export.
    public var template: ReportTemplate
    /// One value per template cell, by `TemplateCell.index`.
    public var values: [Value]
    /// One status per template cell, by index; `nil` derives them from the values (see ``status(at:)``).
    public var statuses: [CellStatus]?
    /// Metadata and prose by text-cell name: `meta.org`, `meta.year`, `meta.title`, `text.s1` … `text.s6`.
    public var texts: [String: String]

    /// A report from values listed by cell index.
    public init(
        name: String, template: ReportTemplate, values: [Value], statuses: [CellStatus]? = nil,
        texts: [String: String] = [:]
    ) {
        self.name = name
        self.template = template
        self.values = values
        self.statuses = statuses
        self.texts = texts
    }

    /// A report whose values (and optionally statuses) are looked up per template cell.
    public init(
        name: String, template: ReportTemplate, texts: [String: String] = [:],
        status: ((TemplateCell) -> CellStatus)? = nil, value: (TemplateCell) -> Value
    ) {
        self.init(
            name: name, template: template, values: template.cells.map(value),
            statuses: status.map { template.cells.map($0) }, texts: texts)
    }

    /// The value of the cell at this index; `.empty` when out of range.
    public func value(at index: Int) -> Value {
        values.indices.contains(index) ? values[index] : .empty
    }

    /// The status of the cell at this index. An empty value is always `empty` and an error always `error`; otherwise
    /// the given status, or `entered` when none was given (values loaded into a session are entered values).
    public func status(at index: Int) -> CellStatus {
        switch value(at: index) {
        case .empty: return .empty
        case .error: return .error
        case .number, .text:
            guard let statuses, statuses.indices.contains(index) else { return .entered }
            let given = statuses[index]
            return given == .empty || given == .error ? .entered : given
        }
    }

    /// A non-empty metadata or prose text, trimmed of surrounding whitespace.
    public func text(_ name: String) -> String? {
        guard let raw = texts[name] else { return nil }
        let trimmed = raw.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The report's heading: `meta.title`, else `<meta.org><meta.year>年政府信息公开工作年度报告`, else its name.
    public var heading: String {
        if let title = text("meta.title") { return title }
        if let org = text("meta.org") {
            return org + (text("meta.year").map { "\($0)年" } ?? "") + "政府信息公开工作年度报告"
        }
        return name
    }
}

extension ExportReport {
    /// `发布机关：… 报告年度：…`, printed under a `meta.title` heading (which may name neither); `nil` without a
    /// title or without metadata.
    var byline: String? {
        guard text("meta.title") != nil else { return nil }
        let parts = [text("meta.org").map { "发布机关：\($0)" }, text("meta.year").map { "报告年度：\($0)" }]
            .compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "　")
    }

    /// The text a value cell shows: plain decimal, empty for `.empty`, the code for an error.
    func display(_ index: Int) -> String { value(at: index).description }
}

extension String {
    /// Prose split into paragraphs: one per line, trimmed, blank lines dropped.
    var paragraphs: [String] {
        split(whereSeparator: \.isNewline).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// The string without leading and trailing spaces, tabs and line breaks (Foundation-free, Character-based).
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
