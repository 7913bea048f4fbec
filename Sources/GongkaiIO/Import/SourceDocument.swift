/// A place in the source: 1-based line and 0-based offset in Unicode scalars within that line.
struct SourcePlace: Hashable, Comparable {
    var line: Int32
    var offset: Int32

    static func < (a: SourcePlace, b: SourcePlace) -> Bool {
        (a.line, a.offset) < (b.line, b.offset)
    }
}

/// A line of text as a zero-based view into the whole decoded text, so splitting a file into lines allocates nothing.
struct ScalarLine: RandomAccessCollection {
    let storage: [Unicode.Scalar]
    let base: Int
    let count: Int

    init(_ array: [Unicode.Scalar]) {
        storage = array
        base = 0
        count = array.count
    }

    init(_ storage: [Unicode.Scalar], _ range: Range<Int>) {
        self.storage = storage
        base = range.lowerBound
        count = range.count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(position: Int) -> Unicode.Scalar { storage[base + position] }

    /// A part of this line, itself a line view.
    func line(_ range: Range<Int>) -> ScalarLine {
        ScalarLine(storage, (base + range.lowerBound)..<(base + range.upperBound))
    }
}

/// A run of source text with the place of each of its scalars.
struct SourceText {
    /// The text, with full-width digits and points already mapped to ASCII (one scalar for one, so places hold).
    var scalars: ScalarLine
    /// Where `scalars[0]` is when `places` is nil; scalars then follow on the same line.
    var start: SourcePlace
    /// Per-scalar places, for text assembled from markup (HTML), where scalars are not contiguous in the source.
    var places: [SourcePlace]?

    func place(at index: Int) -> SourcePlace {
        if let places, !places.isEmpty { return places[Swift.min(index, places.count - 1)] }
        return SourcePlace(line: start.line, offset: start.offset + Int32(index))
    }
}

/// A unit of the source the importer reads in order: a line of text, or a table row with its cells.
struct SourceBlock {
    var text: SourceText
    /// The cells of a table row (markdown pipe row, HTML `<tr>`); nil for a line of text.
    var cells: [SourceText]?
    /// An HTML row's cells placed in its table's grid (rowspan continuations included), and which table it is in.
    var grid: [HTMLGridCell]? = nil
    var gridTable = 0
}

/// The decoded source split into blocks, with the lines kept for Character columns.
struct SourceDocument {
    var blocks: [SourceBlock]
    /// The source lines (normalised as in ``SourceText``), for turning scalar offsets into Character columns.
    var lines: [ScalarLine]
    var isHTML: Bool
    var hasPipeRows: Bool
    /// Whether a scalar is always a Character of its own (no combining mark, joiner, variation selector, emoji part).
    static func standsAlone(_ c: Unicode.Scalar) -> Bool {
        // Printable Latin text and CJK first: nearly every scalar of a report.
        if c.value &- 0x20 < 0x2E0 || (c.value >= 0x309B && c.value < 0xFE00) { return true }
        return switch c.value {
        case 0x20..<0x300, 0x370..<0x483, 0x2010..<0x2028, 0x2030..<0x205F, 0x2070..<0x20D0, 0x2100..<0x2C00,
            0x2E80..<0x3099, 0x309B..<0xFE00, 0xFE10..<0xFE20, 0xFE30..<0xFFF0, 0x09:
            true
        default: false
        }
    }

    /// Per-line maps from scalar offset to Character column, filled lazily; an empty map means one scalar per Character.
    final class ColumnMaps {
        /// Allocated on first use: most places are resolved without a map.
        var maps: [[Int32]?] = []
        /// How many scalars at the start of each line are known to be a Character each (allocated with ``maps``).
        var alone: [Int32] = []
        let count: Int
        init(_ count: Int) { self.count = count }
    }
    let columns: ColumnMaps
    /// The text stops without a final line break: a cut download ends inside its last line.
    var endsMidLine = false
    /// A title given by the markup (`<meta name="ArticleTitle">`, `<title>`), if any.
    var markupTitle: String?

    /// Splits plain text or markdown, already folded by ``fold(_:)``, into lines; pipe rows become table rows.
    init(plainText all: [Unicode.Scalar]) {
        var lines: [ScalarLine] = []
        lines.reserveCapacity(all.count / 16 + 1)
        var start = 0
        let count = all.count
        all.withUnsafeBufferPointer { text in
            var index = 0
            while index < count {
                let c = text[index]
                if c.value <= 0x0D && (c == "\n" || c == "\r") {
                    lines.append(ScalarLine(all, start..<index))
                    if c == "\r" && index + 1 < count && text[index + 1] == "\n" { index += 1 }
                    start = index + 1
                }
                index += 1
            }
        }
        if start < count { lines.append(ScalarLine(all, start..<count)) }
        endsMidLine = start < count
        var blocks: [SourceBlock] = []
        blocks.reserveCapacity(lines.count)
        var pipes = false
        for (index, line) in lines.enumerated() {
            let start = SourcePlace(line: Int32(index + 1), offset: 0)
            let text = SourceText(scalars: line, start: start, places: nil)
            if SourceDocument.opensWithPipe(line), let cells = SourceDocument.pipeCells(line, line: Int32(index + 1)) {
                pipes = true
                if cells.isEmpty { continue }  // a |---|---| separator
                blocks.append(SourceBlock(text: text, cells: cells))
            } else {
                blocks.append(SourceBlock(text: text, cells: nil))
            }
        }
        self.blocks = blocks
        self.lines = lines
        self.columns = ColumnMaps(lines.count)
        self.isHTML = false
        self.hasPipeRows = pipes
        self.markupTitle = nil
    }

    init(blocks: [SourceBlock], lines: [ScalarLine], markupTitle: String?) {
        self.blocks = blocks
        self.lines = lines
        self.columns = ColumnMaps(lines.count)
        self.isHTML = true
        self.hasPipeRows = false
        self.markupTitle = markupTitle
    }

    /// Maps full-width digits and point, and the odd spaces, to ASCII, one scalar for one.
    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        // CJK ideographs and most of the text between U+3400 and U+FE00 fold to themselves: one comparison for them.
        if s.value >= 0x3400 && s.value < 0xFE00 { return s }
        switch s.value {
        case 0xFF10...0xFF19: return Unicode.Scalar(s.value - 0xFF10 + 0x30)!
        case 0xFF0E: return "."
        case 0x3000, 0x00A0, 0x2002...0x200B, 0xFEFF: return " "
        default: return s
        }
    }

    /// Whether the first visible character of a line is `|` (checked before the cells are gathered).
    static func opensWithPipe(_ line: ScalarLine) -> Bool {
        line.storage.withUnsafeBufferPointer { storage in
            for k in line.base..<(line.base + line.count) where storage[k] != " " && storage[k] != "\t" {
                return storage[k] == "|"
            }
            return false
        }
    }

    /// The cells of a markdown pipe row, `[]` for a separator row, nil for a line that is not a pipe row.
    static func pipeCells(_ line: ScalarLine, line number: Int32) -> [SourceText]? {
        guard let first = line.firstIndex(where: { $0 != " " && $0 != "\t" }), line[first] == "|" else { return nil }
        var cells: [SourceText] = []
        func add(_ range: Range<Int>) {
            cells.append(
                SourceText(
                    scalars: line.line(range), start: SourcePlace(line: number, offset: Int32(range.lowerBound)),
                    places: nil))
        }
        var start = first + 1
        for index in (first + 1)..<line.count where line[index] == "|" {
            add(start..<index)
            start = index + 1
        }
        // A row without its closing pipe still has a last cell.
        if line[start...].contains(where: { $0 != " " && $0 != "\t" }) { add(start..<line.count) }
        let isSeparator = cells.allSatisfy { cell in
            cell.scalars.contains("-") && cell.scalars.allSatisfy { $0 == "-" || $0 == ":" || $0 == " " || $0 == "\t" }
        }
        return isSeparator ? [] : cells
    }

    /// The 1-based Character column of a scalar offset in a line (CJK text is one Character per scalar, but
    /// combining marks, emoji sequences and the like are not). The column depends only on the scalars up to the
    /// offset: how far each line is known to hold single-scalar Characters is kept, so that places far into a long
    /// line (a flattened page, a Word page's markup) scan it once; a line that holds others gets a map, computed once.
    func characterColumn(_ place: SourcePlace) -> Int {
        let index = Int(place.line) - 1
        let offset = Int(place.offset)
        guard index >= 0, index < lines.count else { return offset + 1 }
        let line = lines[index]
        let upTo = Swift.min(offset, line.count - 1)
        if upTo < 0 { return offset + 1 }
        if columns.maps.isEmpty {
            columns.maps = [[Int32]?](repeating: nil, count: columns.count)
            columns.alone = [Int32](repeating: 0, count: columns.count)
        }
        let known = Int(columns.alone[index])
        if upTo < known { return offset + 1 }
        // The maps' arrays are changed as whole values (moved out, changed, stored back), never in place through the
        // class: each access is then a plain load or store, not an exclusivity check at run time (see GongkaiCore's
        // Support/Exclusivity.swift).
        if columns.maps[index] == nil {
            if line.standsAlone(known..<(upTo + 1)) {
                var alone = columns.alone
                columns.alone = []
                alone[index] = Int32(upTo + 1)
                columns.alone = alone
                return offset + 1
            }
            var map: [Int32] = []
            map.reserveCapacity(line.count + 1)
            var column: Int32 = 1
            for character in String(scalars: line) {
                for _ in character.unicodeScalars { map.append(column) }
                column += 1
            }
            map.append(column)
            var maps = columns.maps
            columns.maps = []
            maps[index] = map.count == line.count + 1 && map.last == Int32(line.count + 1) ? [] : map
            columns.maps = maps
        }
        guard let map = columns.maps[index], !map.isEmpty else { return offset + 1 }
        return Int(map[Swift.min(offset, map.count - 1)])
    }

}

extension ScalarLine {
    /// Whether every scalar in `range` is a Character of its own (``SourceDocument/standsAlone(_:)``).
    func standsAlone(_ range: Range<Int>) -> Bool {
        storage.withUnsafeBufferPointer { storage in
            var k = base + range.lowerBound
            let end = base + range.upperBound
            precondition(k >= 0 && end <= storage.count)
            // Four scalars at a time while each is printable Latin (U+0020…U+02FF) or CJK text (U+309B…U+FDFF), the
            // first test of standsAlone(_:): differences compared unsigned, so a scalar below a range wraps past it.
            let latin = SIMD4<UInt32>(repeating: 0x20)
            let latinCount = SIMD4<UInt32>(repeating: 0x2E0)
            let cjk = SIMD4<UInt32>(repeating: 0x309B)
            let cjkCount = SIMD4<UInt32>(repeating: 0xFE00 - 0x309B)
            while k < end {
                if k &+ 4 <= end, let start = storage.baseAddress {
                    let four = UnsafeRawPointer(start + k).loadUnaligned(as: SIMD4<UInt32>.self)
                    if all(((four &- latin) .< latinCount) .| ((four &- cjk) .< cjkCount)) {
                        k &+= 4
                        continue
                    }
                }
                if !SourceDocument.standsAlone(storage[k]) { return false }
                k &+= 1
            }
            return true
        }
    }
}
