/// The provenance of one report's entered cells, stored compactly: a dense array of 8-byte places by cell index,
/// with the file names and notes kept once each in side tables.
///
/// A report read from one file has one file name and a handful of distinct notes, while a ``Provenance`` per cell
/// would hold both again (as `String?`s) and a dictionary entry around them. Reading a cell rebuilds exactly the
/// ``Provenance`` that was stored. A place that does not fit the compact form (a line beyond 16,777,215, a column
/// beyond 65,535, a page beyond 4,095, a field below 1, more than 3 files or 255 notes in the report) is kept as it
/// is in a small dictionary instead: nothing is ever rounded or lost.
struct ProvenanceTable: Sendable {
    /// One cell's place in eight bytes: the line (24 bits) and note (8 bits) in one word, the column, and the page
    /// (12 bits), file (2 bits) and origin (2 bits) in another. Each field 0 means none; `origin` 0 means no
    /// provenance is stored for the cell.
    struct Place: Sendable, Equatable {
        private var lineAndNote: UInt32 = 0
        /// 0: no column.
        var column: UInt16 = 0
        private var pageFileOrigin: UInt16 = 0

        static let none = Place()
        static let origins: [Provenance.Origin] = [.read, .inferred, .entered]

        /// 1 + `origin`'s index in ``origins`` (a switch: the array's search was a call per cell).
        static func code(of origin: Provenance.Origin) -> Int {
            switch origin {
            case .read: 1
            case .inferred: 2
            case .entered: 3
            }
        }
        /// The largest line, page, file and note index (1 + the index in its table) a place holds.
        static let maxLine = 0xFF_FFFF
        static let maxPage = 0xFFF
        static let maxFile = 3
        static let maxNote = 0xFF

        /// 0: no line.
        var line: Int {
            get { Int(lineAndNote & 0xFF_FFFF) }
            set { lineAndNote = lineAndNote & 0xFF00_0000 | UInt32(newValue) }
        }
        /// 0: no note, else 1 + its index in `notes`.
        var note: Int {
            get { Int(lineAndNote >> 24) }
            set { lineAndNote = lineAndNote & 0xFF_FFFF | UInt32(newValue) << 24 }
        }
        /// 0: no page.
        var page: Int {
            get { Int(pageFileOrigin & 0xFFF) }
            set { pageFileOrigin = pageFileOrigin & 0xF000 | UInt16(newValue) }
        }
        /// 0: no file, else 1 + its index in `files`.
        var file: Int {
            get { Int(pageFileOrigin >> 12 & 3) }
            set { pageFileOrigin = pageFileOrigin & 0xCFFF | UInt16(newValue) << 12 }
        }
        /// 0: nothing stored; else 1 + the origin's index in `Place.origins`.
        var origin: Int {
            get { Int(pageFileOrigin >> 14) }
            set { pageFileOrigin = pageFileOrigin & 0x3FFF | UInt16(newValue) << 14 }
        }

        /// The place in four bytes — line (16 bits), column (10), note (3), file (1), origin (2) — when its fields
        /// fit them and it has no page (a text report read from one file); nil otherwise.
        var narrow: UInt32? {
            guard line <= 0xFFFF, column <= 0x3FF, note <= 7, file <= 1, page == 0 else { return nil }
            return UInt32(line) | UInt32(column) << 16 | UInt32(note) << 26 | UInt32(file) << 29
                | UInt32(origin) << 30
        }

        /// The place of a ``narrow`` word.
        init(narrow word: UInt32) {
            line = Int(word & 0xFFFF)
            column = UInt16(word >> 16 & 0x3FF)
            note = Int(word >> 26 & 7)
            file = Int(word >> 29 & 1)
            origin = Int(word >> 30)
        }

        init() {}
    }

    /// Places by cell index: four bytes each while every place stored has a ``Place/narrow`` form, else eight.
    private struct Places: Sendable {
        private var narrow: [UInt32] = []
        private var full: [Place] = []

        var isEmpty: Bool { narrow.isEmpty && full.isEmpty }
        var count: Int { full.isEmpty ? narrow.count : full.count }

        subscript(index: Int) -> Place {
            full.isEmpty ? Place(narrow: narrow[index]) : full[index]
        }

        /// Stores `place` at `index` of `count` cells (allocated on first use), widening all when it does not fit
        /// four bytes.
        mutating func set(_ place: Place, at index: Int, count: Int) {
            if isEmpty {
                if place.narrow != nil {
                    narrow = Array(repeating: 0, count: count)
                } else {
                    full = Array(repeating: .none, count: count)
                }
            }
            if !full.isEmpty {
                full[index] = place
            } else if let word = place.narrow {
                narrow[index] = word
            } else {
                full = narrow.map(Place.init(narrow:))
                narrow = []
                full[index] = place
            }
        }
    }

    /// Places by cell index; empty until a provenance is stored.
    private var places = Places()
    /// The distinct file names of the places, in the order first stored.
    private var files: [String] = []
    /// The distinct notes of the places, in the order first stored.
    private var notes: [String] = []
    /// Provenances that do not fit a ``Place``, by cell index.
    private var wide: [Int: Provenance] = [:]
    /// How many cells have a provenance.
    private(set) var count = 0
    /// The number of cells of the report: the dense array's length once allocated.
    let cellCount: Int

    /// An empty table for a report of `cellCount` template cells.
    init(cellCount: Int) {
        self.cellCount = cellCount
    }

    /// A table holding `provenance` (by cell index below `cellCount`), session defaults left out (``Provenance``'s
    /// `isSessionDefault`: not worth storing per cell).
    init(cellCount: Int, _ provenance: [Int: Provenance]) {
        self.init(cellCount: cellCount)
        for (index, entry) in provenance where !entry.isSessionDefault { set(entry, at: index) }
    }

    /// No cell has a provenance.
    var isEmpty: Bool { count == 0 }

    /// The provenance of cell `index`, as it was stored; nil when none is.
    subscript(index: Int) -> Provenance? {
        get {
            guard index >= 0, index < places.count else { return nil }
            let place = places[index]
            guard place.origin != 0 else { return wide.isEmpty ? nil : wide[index] }
            return Provenance(
                file: place.file == 0 ? nil : files[place.file - 1],
                page: place.page == 0 ? nil : place.page,
                line: place.line == 0 ? nil : place.line,
                column: place.column == 0 ? nil : Int(place.column),
                origin: Place.origins[place.origin - 1],
                note: place.note == 0 ? nil : notes[place.note - 1])
        }
        set {
            if let newValue { set(newValue, at: index) } else { removeProvenance(at: index) }
        }
    }

    /// Stores `provenance` for cell `index` (below `cellCount`): the subscript's setter without an optional to copy
    /// and destroy, for a load that stores a place per cell.
    mutating func set(_ provenance: borrowing Provenance, at index: Int) {
        guard index >= 0, index < cellCount else { return }
        let had = origin(at: index) != nil
        if !wide.isEmpty { wide[index] = nil }
        if let place = compact(provenance) {
            places.set(place, at: index, count: cellCount)
        } else {
            places.set(.none, at: index, count: cellCount)
            wide[index] = copy provenance
        }
        if !had { count += 1 }
    }

    /// Removes cell `index`'s provenance, if any.
    mutating func removeProvenance(at index: Int) {
        guard index >= 0, index < cellCount, origin(at: index) != nil else { return }
        if !wide.isEmpty { wide[index] = nil }
        places.set(.none, at: index, count: cellCount)
        count -= 1
    }

    /// Replaces each distinct note by `share(note)`, an equal string (one copy kept for many reports): a hash per
    /// distinct note of the table, not per cell.
    mutating func shareNotes(_ share: (String) -> String) {
        guard !notes.isEmpty else { return }
        notes = notes.map(share)
    }

    /// The origin of cell `index`'s provenance, without building it.
    func origin(at index: Int) -> Provenance.Origin? {
        guard index >= 0, index < places.count else { return nil }
        let origin = places[index].origin
        guard origin != 0 else { return wide.isEmpty ? nil : wide[index]?.origin }
        return Place.origins[origin - 1]
    }

    /// The compact place of `provenance`, interning its file and note; nil when a field does not fit.
    private mutating func compact(_ provenance: borrowing Provenance) -> Place? {
        var place = Place.none
        if let line = provenance.line {
            guard (1...Place.maxLine).contains(line) else { return nil }
            place.line = line
        }
        if let column = provenance.column {
            guard column >= 1, let column = UInt16(exactly: column) else { return nil }
            place.column = column
        }
        if let page = provenance.page {
            guard (1...Place.maxPage).contains(page) else { return nil }
            place.page = page
        }
        if let file = provenance.file {
            guard let k = Self.intern(file, in: &files, limit: Place.maxFile) else { return nil }
            place.file = k + 1
        }
        if let note = provenance.note {
            guard let k = Self.intern(note, in: &notes, limit: Place.maxNote) else { return nil }
            place.note = k + 1
        }
        place.origin = Place.code(of: provenance.origin)
        return place
    }

    /// The index of `text` in `table`, appended when new; nil when the table already holds `limit` texts.
    private static func intern(_ text: String, in table: inout [String], limit: Int) -> Int? {
        // The latest text first: a report's cells mostly share the file and repeat the note just stored. The byte
        // counts first (O(1)): comparing two different Chinese notes whole is a normalising pass.
        let count = text.utf8.count
        if let k = table.lastIndex(where: { $0.utf8.count == count && $0 == text }) { return k }
        guard table.count < limit else { return nil }
        table.append(text)
        return table.count - 1
    }
}
