/// The provenance of one report's entered cells, stored compactly: a dense array of 12-byte places by cell index,
/// with the file names and notes kept once each in side tables.
///
/// A report read from one file has one file name and a handful of distinct notes, while a ``Provenance`` per cell
/// would hold both again (as `String?`s) and a dictionary entry around them. Reading a cell rebuilds exactly the
/// ``Provenance`` that was stored. A place that does not fit the compact form (a line beyond `Int32`, a column or
/// page beyond 65,535 or below 1, more than 255 files) is kept as it is in a small dictionary instead: nothing is
/// ever rounded or lost.
struct ProvenanceTable: Sendable {
    /// One cell's place. `origin` 0 means no provenance is stored for the cell.
    struct Place: Sendable, Equatable {
        /// `Int32.min`: no line.
        var line: Int32
        /// 0: no column.
        var column: UInt16
        /// 0: no page.
        var page: UInt16
        /// 0: no note, else 1 + its index in `notes`.
        var note: UInt16
        /// 0: no file, else 1 + its index in `files`.
        var file: UInt8
        /// 0: nothing stored; else 1 + the origin's index in `Place.origins`.
        var origin: UInt8

        static let none = Place(line: Int32.min, column: 0, page: 0, note: 0, file: 0, origin: 0)
        static let origins: [Provenance.Origin] = [.read, .inferred, .entered]
    }

    /// Places by cell index; empty until a provenance is stored.
    private var places: [Place] = []
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
        for (index, entry) in provenance where !entry.isSessionDefault { self[index] = entry }
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
                file: place.file == 0 ? nil : files[Int(place.file) - 1],
                page: place.page == 0 ? nil : Int(place.page),
                line: place.line == Int32.min ? nil : Int(place.line),
                column: place.column == 0 ? nil : Int(place.column),
                origin: Place.origins[Int(place.origin) - 1],
                note: place.note == 0 ? nil : notes[Int(place.note) - 1])
        }
        set {
            guard index >= 0, index < cellCount else { return }
            let had = origin(at: index) != nil
            if places.isEmpty {
                guard newValue != nil else { return }
                places = Array(repeating: .none, count: cellCount)
            }
            if !wide.isEmpty { wide[index] = nil }
            if let newValue, let place = compact(newValue) {
                places[index] = place
            } else {
                places[index] = .none
                if let newValue { wide[index] = newValue }
            }
            count += (newValue != nil ? 1 : 0) - (had ? 1 : 0)
        }
    }

    /// The origin of cell `index`'s provenance, without building it.
    func origin(at index: Int) -> Provenance.Origin? {
        guard index >= 0, index < places.count else { return nil }
        let origin = places[index].origin
        guard origin != 0 else { return wide.isEmpty ? nil : wide[index]?.origin }
        return Place.origins[Int(origin) - 1]
    }

    /// The compact place of `provenance`, interning its file and note; nil when a field does not fit.
    private mutating func compact(_ provenance: Provenance) -> Place? {
        var place = Place.none
        if let line = provenance.line {
            guard let line = Int32(exactly: line), line != Int32.min else { return nil }
            place.line = line
        }
        if let column = provenance.column {
            guard column >= 1, let column = UInt16(exactly: column) else { return nil }
            place.column = column
        }
        if let page = provenance.page {
            guard page >= 1, let page = UInt16(exactly: page) else { return nil }
            place.page = page
        }
        if let file = provenance.file {
            guard let k = Self.intern(file, in: &files, limit: Int(UInt8.max)) else { return nil }
            place.file = UInt8(k + 1)
        }
        if let note = provenance.note {
            guard let k = Self.intern(note, in: &notes, limit: Int(UInt16.max)) else { return nil }
            place.note = UInt16(k + 1)
        }
        guard let origin = Place.origins.firstIndex(of: provenance.origin) else { return nil }
        place.origin = UInt8(origin + 1)
        return place
    }

    /// The index of `text` in `table`, appended when new; nil when the table already holds `limit` texts.
    private static func intern(_ text: String, in table: inout [String], limit: Int) -> Int? {
        // The latest text first: a report's cells mostly share the file and repeat the note just stored.
        if let k = table.lastIndex(of: text) { return k }
        guard table.count < limit else { return nil }
        table.append(text)
        return table.count - 1
    }
}
