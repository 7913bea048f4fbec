/// Names → local ids of a template's cells, in an open-addressed table hashed by FNV-1a over the UTF-8 bytes.
///
/// Resolving a cell name is on the path of every edit typed by name; a lookup here hashes a dozen bytes instead of
/// running the standard library's seeded SipHash, then compares one or two names. Built once per template shape.
struct NameTable: Sendable {
    /// Per slot, the index into `names` plus one (0 for an empty slot) in the low half, and above it the high half
    /// of the name's hash: a probe past another name mostly ends without comparing strings.
    private let slots: [UInt64]
    private let names: [String]
    private let mask: Int
    /// Whether every name has a `.` (a template's cells do): a name without one is then known absent, unhashed.
    private let allDotted: Bool
    /// Whether some name has no `.`: a plain name may then be one of the table's.
    var hasPlainNames: Bool { !allDotted }

    /// A table of `names`, each standing for its index; names are distinct.
    init(_ names: [String]) {
        var size = 16
        while size < names.count * 2 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        for (index, name) in names.enumerated() {
            let hash = NameTable.hash(name)
            var slot = hash & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = (UInt64(hash) >> 32) << 32 | UInt64(index + 1)
        }
        self.slots = slots
        self.names = names
        mask = size - 1
        allDotted = names.allSatisfy { $0.utf8.contains(UInt8(ascii: ".")) }
    }

    /// The index of `name`, if it is in the table; `dotted`: whether `name` has a `.` (the caller knows).
    func index(of name: String, dotted: Bool) -> Int? {
        if !dotted, allDotted { return nil }
        return self[name]
    }

    /// The index of `name`, if it is in the table.
    subscript(name: String) -> Int? {
        let hash = NameTable.hash(name)
        let tag = UInt64(hash) >> 32
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
            if entry >> 32 == tag, names[index] == name { return index }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a of the UTF-8 bytes, folded to a non-negative `Int` (``UserNameTable`` hashes so too).
    @inline(__always)
    static func hash(_ name: String) -> Int {
        // Through a span of the string's storage: the UTF-8 view's iterator costs several times more per byte.
        hash(bytes: name.utf8.span)
    }

    /// ``hash(_:)`` of a name given as its UTF-8 bytes.
    @inline(__always)
    static func hash(bytes: Span<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in bytes.indices { hash = (hash ^ UInt64(bytes[i])) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 32)) & Int.max
    }
}
