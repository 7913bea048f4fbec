import GongkaiCore

/// Label text reduced to what survives PDF extraction and retyping: no spaces or line breaks, no quotes, one form of
/// each bracket and punctuation mark (`(`→`（`, `:`→`：`, `,`→`，`), full-width digits as ASCII.
enum LabelText {
    static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar? {
        // CJK ideographs and ASCII letters and digits stay as they are: most of the text.
        let v = c.value
        if (v >= 0x3400 && v < 0xFE00) || (v >= 0x30 && v <= 0x39)
            || (v >= 0x41 && v <= 0x7A && (v <= 0x5A || v >= 0x61))
        {
            return c
        }
        return switch c {
        case " ", "\t", "\n", "\r", "\u{3000}", "\u{A0}": nil
        case "“", "”", "\"", "'", "‘", "’", "「", "」", "『", "』", "＂": nil
        case "(": "（"
        case ")": "）"
        case ":": "："
        case ",": "，"
        case ";": "；"
        case "．": "."
        default: SourceDocument.fold(c)
        }
    }

    static func normalized(_ s: some Sequence<Unicode.Scalar>) -> [Unicode.Scalar] { s.compactMap(fold) }

    static func normalized(_ s: String) -> [Unicode.Scalar] { normalized(s.unicodeScalars) }

    /// Splits a printed ordinal off a label: `一、…`, `（三）…`, `1.…`, `1、…`, `1…`.
    static func splitOrdinal(_ label: [Unicode.Scalar]) -> (ordinal: [Unicode.Scalar], text: [Unicode.Scalar]) {
        var i = 0
        if label.first == "（" {
            i = 1
            while i < label.count && Tokenizer.chineseNumerals.contains(label[i]) { i += 1 }
            if i > 1 && i < label.count && label[i] == "）" { return (Array(label[1..<i]), Array(label[(i + 1)...])) }
            return ([], label)
        }
        while i < label.count && Tokenizer.chineseNumerals.contains(label[i]) { i += 1 }
        if i > 0 && i < label.count && label[i] == "、" { return (Array(label[..<i]), Array(label[(i + 1)...])) }
        i = 0
        while i < label.count && Tokenizer.isDigit(label[i]) { i += 1 }
        if i > 0 {
            let ordinal = Array(label[..<i])
            if i < label.count && (label[i] == "." || label[i] == "、") { i += 1 }
            return (ordinal, Array(label[i...]))
        }
        return ([], label)
    }

    /// A 64-bit summary of the scalars in a text (bit `value % 64` set for each): a text holds every scalar of a
    /// needle only if its mask covers the needle's.
    static func mask(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var mask: UInt64 = 0
        for scalar in scalars { mask |= 1 << (UInt64(scalar.value) & 63) }
        return mask
    }

    /// Where `needle` first occurs in `haystack` at or after `start`, nil when it does not.
    static func firstIndex(of needle: ArraySlice<Unicode.Scalar>, in haystack: [Unicode.Scalar], from start: Int = 0)
        -> Int?
    {
        let n = needle.count
        guard let first = needle.first, n <= haystack.count, start <= haystack.count - n else { return nil }
        return needle.withContiguousStorageIfAvailable { pattern -> Int? in
            haystack.withUnsafeBufferPointer { text -> Int? in
                var i = Swift.max(start, 0)
                let last = text.count - n
                let firsts = SIMD4<UInt32>(repeating: first.value)
                while i <= last {
                    // Four places at a time while none holds the needle's first scalar.
                    if i &+ 3 <= last, let base = text.baseAddress,
                        !any(UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<UInt32>.self) .== firsts)
                    {
                        i &+= 4
                        continue
                    }
                    if text[i] == first {
                        var k = 1
                        while k < n && text[i + k] == pattern[k] { k += 1 }
                        if k == n { return i }
                    }
                    i += 1
                }
                return nil
            }
        } ?? nil
    }

    /// Whether any of `needles` occurs in `haystack`: `needles.contains { firstIndex(of: $0[...], in: haystack) != nil }`
    /// in one pass over the text (four places at a time while none holds a needle's first scalar).
    static func containsAny(of needles: [[Unicode.Scalar]], in haystack: [Unicode.Scalar]) -> Bool {
        let needles = needles.filter { !$0.isEmpty && $0.count <= haystack.count }
        guard var shortest = needles.first?.count else { return false }
        // Up to four distinct first scalars, the list padded by repeating one; more than four: no skipping.
        var firsts: [UInt32] = []
        for needle in needles {
            shortest = Swift.min(shortest, needle.count)
            if !firsts.contains(needle[0].value) { firsts.append(needle[0].value) }
        }
        let skipping = firsts.count <= 4
        while firsts.count < 4 { firsts.append(firsts[0]) }
        let (f0, f1) = (SIMD4<UInt32>(repeating: firsts[0]), SIMD4<UInt32>(repeating: firsts[1]))
        let (f2, f3) = (SIMD4<UInt32>(repeating: firsts[2]), SIMD4<UInt32>(repeating: firsts[3]))
        return haystack.withUnsafeBufferPointer { text -> Bool in
            guard let base = text.baseAddress else { return false }
            // A load of four at `i` reads below `last + 4 <= text.count`; a needle is compared only where it fits.
            let last = text.count - shortest
            var i = 0
            while i <= last {
                if skipping && i &+ 3 <= last {
                    let four = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD4<UInt32>.self)
                    if !any((four .== f0) .| (four .== f1) .| (four .== f2) .| (four .== f3)) {
                        i &+= 4
                        continue
                    }
                }
                for needle in needles where needle[0] == text[i] && i + needle.count <= text.count {
                    var k = 1
                    while k < needle.count && text[i + k] == needle[k] { k += 1 }
                    if k == needle.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}

/// A row of a table as it is printed and read: one template row, or all rows of a table printed as one line of values
/// (table 四), with the cells it holds and the label text that identifies it.
/// A class: rows are shared by every import and passed around a lot, and a reference is cheaper to copy than its fields.
final class TemplateRowKey: Sendable {
    let table: TemplateTable
    /// The template row key (`result.denied.secret`), or nil for a table printed as one row.
    let row: String?
    /// The template cells of the row, in printed order.
    let cells: [Int]
    /// The row's label as printed in the template, for messages (`（三）不予公开/1.属于国家秘密`).
    let label: String
    /// Label texts without ordinal, normalised; the first is the template's, then aliases real reports print.
    let keys: [[Unicode.Scalar]]
    /// The ordinal printed before the label (`3` of `3.其他`, `七` of `（七）总计`), needed to tell short labels apart.
    let ordinal: [Unicode.Scalar]
    let ordinalInParentheses: Bool
    /// The official equalities whose cells all lie in this row (the 总计 column), used to split glued digits.
    let rules: [TemplateEquality]
    /// Per key, the ``LabelText/mask(_:)`` of the scalars `matches` searches for: a label lacking one of them cannot
    /// name the row, which is told without a search.
    let keyMasks: [UInt64]
    /// ``rules`` with each cell given as its column in the row (a rule over a cell outside the row always holds, and
    /// is left out), and whether each column may hold a negative value: what the splitter's readings are held to.
    let ruleColumns: [(lhs: [Int], rhs: [Int])]
    let signedColumns: [Bool]

    init(
        table: TemplateTable, row: String?, cells: [Int], label: String, keys: [[Unicode.Scalar]],
        ordinal: [Unicode.Scalar],
        ordinalInParentheses: Bool, rules: [TemplateEquality], signed: [Bool]
    ) {
        self.table = table
        self.row = row
        self.cells = cells
        self.label = label
        self.keys = keys
        self.ordinal = ordinal
        self.ordinalInParentheses = ordinalInParentheses
        self.rules = rules
        keyMasks = keys.map { LabelText.mask($0.count >= 3 ? $0.prefix(Self.probeLength) : $0[...]) }
        ruleColumns = rules.compactMap { rule in
            let lhs = rule.lhs.compactMap { cells.firstIndex(of: $0) }
            let rhs = rule.rhs.compactMap { cells.firstIndex(of: $0) }
            return lhs.count == rule.lhs.count && rhs.count == rule.rhs.count ? (lhs, rhs) : nil
        }
        signedColumns = signed
    }

    /// How many scalars of a long label must be found; PDF extraction breaks labels, but the first words survive.
    static let probeLength = 6

    var width: Int { cells.count }

    /// The printed rows of every table of a template, in official order.
    static func rows(of template: ReportTemplate) -> [String: [TemplateRowKey]] {
        var result: [String: [TemplateRowKey]] = [:]
        for table in template.tables {
            let cells = template.cells(ofTable: table.id)
            var keys: [TemplateRowKey] = []
            func rulesWithin(_ indices: [Int]) -> [TemplateEquality] {
                let set = Set(indices)
                return template.equalities.filter { Set($0.lhs + $0.rhs).isSubset(of: set) }
            }
            if case .singleRow = table.layout {
                let indices = cells.map(\.index)
                keys.append(
                    TemplateRowKey(
                        table: table, row: nil, cells: indices, label: table.title, keys: [], ordinal: [],
                        ordinalInParentheses: false, rules: rulesWithin(indices),
                        signed: indices.map { template.cells[$0].isSigned }))
            } else {
                for (s, section) in table.sections.enumerated() {
                    for (r, row) in section.rows.enumerated() {
                        let indices = cells.filter { $0.sectionIndex == s && $0.rowIndex == r }.map(\.index)
                        let printed = LabelText.normalized(row.labels.last ?? row.key)
                        let (ordinal, text) = LabelText.splitOrdinal(printed)
                        let aliases = (template.rowAliases["\(table.id).\(row.key)"] ?? []).map {
                            LabelText.normalized($0)
                        }
                        keys.append(
                            TemplateRowKey(
                                table: table, row: row.key, cells: indices,
                                label: row.labels.dropFirst(row.labels.count > 2 ? 1 : 0).joined(separator: "/"),
                                keys: [text] + aliases, ordinal: ordinal, ordinalInParentheses: printed.first == "（",
                                rules: rulesWithin(indices), signed: indices.map { template.cells[$0].isSigned }))
                    }
                }
            }
            result[table.id] = keys
        }
        return result
    }

    /// Whether label text read from a report names this row.
    func matches(_ label: [Unicode.Scalar]) -> Bool {
        matches(label, mask: LabelText.mask(label[...]))
    }

    /// ``matches(_:)`` with the label's ``LabelText/mask(_:)`` already known.
    func matches(_ label: [Unicode.Scalar], mask: UInt64) -> Bool {
        for (key, keyMask) in zip(keys, keyMasks) where !key.isEmpty && keyMask & ~mask == 0 {
            if key.count >= 3 {
                if LabelText.firstIndex(of: key.prefix(Self.probeLength), in: label) != nil { return true }
                continue
            }
            // Short labels (`总计`, `其他`) occur in headers and other labels: they count only with their ordinal.
            var from = 0
            while let p = LabelText.firstIndex(of: key[...], in: label, from: from) {
                if ordinal.isEmpty || hasOrdinal(label, before: p) { return true }
                from = p + 1
            }
        }
        return false
    }

    /// Where the last occurrence of this row's label lies in label text (its start), nil when the text does not
    /// name the row; of two rows a text names, the one named last is nearest the number after it.
    func lastMatch(in label: [Unicode.Scalar]) -> Int? {
        var last: Int?
        for key in keys where !key.isEmpty {
            let probe = key.count >= 3 ? key.prefix(Self.probeLength) : key[...]
            var from = 0
            while let p = LabelText.firstIndex(of: probe, in: label, from: from) {
                if key.count >= 3 || ordinal.isEmpty || hasOrdinal(label, before: p) { last = Swift.max(last ?? p, p) }
                from = p + 1
            }
        }
        return last
    }

    private func hasOrdinal(_ label: [Unicode.Scalar], before p: Int) -> Bool {
        if ordinalInParentheses {
            return p >= ordinal.count + 1 && label[p - 1] == "）"
                && label[(p - 1 - ordinal.count)..<(p - 1)].elementsEqual(ordinal)
        }
        var end = p
        if end >= 1 && (label[end - 1] == "." || label[end - 1] == "、") { end -= 1 }
        return end >= ordinal.count && label[(end - ordinal.count)..<end].elementsEqual(ordinal)
    }
}
