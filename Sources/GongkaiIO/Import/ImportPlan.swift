import GongkaiCore

/// What the importer looks for in a report, derived once from a template: the headings that open each table and prose
/// section, and the printed rows of each table.
struct ImportPlan: Sendable {
    /// A heading to find: the text cell or table it opens, its normalised title, and a fallback text.
    struct Heading: Sendable {
        let name: String
        let title: [Unicode.Scalar]
        /// Printed in the table even when a report retitles it (`第二十条第（一）项`, the corner note of table 三).
        let fallback: [Unicode.Scalar]?
    }

    let rows: [String: [TemplateRowKey]]
    /// Per table id, the template's equalities over cells of its rows only, and their families (`t3.balance`,
    /// `t3.colsum`, sorted): what chooses between the readings of a table's glued rows.
    let equalities: [String: (rules: [TemplateEquality], families: [String])]
    /// Per table id, the words its figures are stated with in prose (``ProseEvidence/words(ofTable:in:)``).
    let proseWords: [String: (rows: [[Unicode.Scalar]], columns: [[Unicode.Scalar]])]
    /// 一、总体情况, found from the start of the report.
    let overview: Heading?
    /// The tables, in order.
    let tables: [Heading]
    /// The prose sections after the tables (五、六).
    let closing: [Heading]
    /// The other formats Gongkai knows, each with the labels that recognise it (``ReportTemplate/markers``).
    let otherFormats: [(template: ReportTemplate, markers: [[Unicode.Scalar]])]
    /// Per table id, its groups of item rows (（六）其他处理 → 1., 2., 3.), for a group printed as one row
    /// (`ReportReader.keepPrintedGroups`).
    let groups: [String: [PrintedGroup]]

    /// A group of item rows of a one-section table: its key, its printed label (split and normalised) and its cells.
    struct PrintedGroup: Sendable {
        let key: String
        let label: String
        let printed: (ordinal: [Unicode.Scalar], text: [Unicode.Scalar])
        let cells: [Int]
    }

    /// Whether label text names a row of any table (``TemplateRowKey/matches(_:)``).
    func namesRow(_ label: [Unicode.Scalar]) -> Bool {
        // The label's mask made once, not once a row.
        let mask = LabelText.mask(label[...])
        return rows.values.contains { $0.contains { $0.matches(label, mask: mask) } }
    }

    init(_ template: ReportTemplate) {
        rows = TemplateRowKey.rows(of: template)
        equalities = rows.mapValues { rows in
            let cells = Set(rows.flatMap(\.cells))
            let rules = template.equalities.filter { Set($0.lhs + $0.rhs).isSubset(of: cells) }
            let families = Set(rules.map { $0.name.split(separator: ".").prefix(2).joined(separator: ".") }).sorted()
            return (rules, families)
        }
        proseWords = Dictionary(
            uniqueKeysWithValues: template.tables.map { ($0.id, ProseEvidence.words(ofTable: $0.id, in: template)) })
        func title(_ label: String) -> [Unicode.Scalar] { LabelText.splitOrdinal(LabelText.normalized(label)).text }
        let sections = template.textCells.filter { $0.name.hasPrefix("text.") }
        overview = sections.first.map { Heading(name: $0.name, title: title($0.label), fallback: nil) }
        tables = template.tables.map { table in
            var fallback: String?
            if let heading = table.sections.first?.heading {
                fallback = heading
            } else if case .grid(_, let corner) = table.layout {
                fallback = String(corner.drop { $0 == "（" || $0 == "(" }.prefix(9))
            }
            return Heading(
                name: table.id, title: LabelText.normalized(table.title), fallback: fallback.map(LabelText.normalized))
        }
        // The sections that are not a table's (二、三、四 are headed by their tables).
        closing = sections.dropFirst().filter { cell in !template.tables.contains { cell.label.hasSuffix($0.title) } }
            .map {
                Heading(name: $0.name, title: title($0.label), fallback: nil)
            }
        var groups: [String: [PrintedGroup]] = [:]
        for table in template.tables where table.sections.count == 1 {
            guard let section = table.sections.first else { continue }
            var found: [(key: String, label: String, items: Set<String>)] = []
            for row in section.rows where row.labels.count >= 3 {
                let key = row.key.split(separator: ".").dropLast().joined(separator: ".")
                if let last = found.last, last.key == key {
                    found[found.count - 1].items.insert(row.key)
                } else {
                    found.append((key, row.labels[row.labels.count - 2], [row.key]))
                }
            }
            groups[table.id] = found.filter { $0.items.count > 1 }.map { group in
                let split = LabelText.splitOrdinal(LabelText.normalized(group.label))
                return PrintedGroup(
                    key: group.key, label: group.label, printed: (split.ordinal, split.text),
                    cells: template.cells(ofTable: table.id).filter { group.items.contains($0.rowKey) }.map(\.index))
            }
        }
        self.groups = groups
        otherFormats = ReportTemplate.all.filter { $0.id != template.id && !$0.markers.isEmpty }.map { other in
            (other, other.markers.map { LabelText.normalized($0) })
        }
    }
}
