/// A report's user names in definition order, with their positions found through an open-addressed table hashed as
/// ``NameTable`` hashes (FNV-1a over the UTF-8 bytes).
///
/// Defining a name looks it up (to add it or find it again) and every formula naming it looks it up: a chain of a
/// million definitions hashes a few bytes per lookup here instead of running the standard library's seeded SipHash.
/// Names behave as a dictionary's keys: appending a name again points it at its new position, and removing the last
/// position forgets the name.
struct UserNameTable {
    /// The names, by position.
    private(set) var names: [String] = []
    /// Per slot, the position plus one (0 for an empty slot) in the low half, and above it the low half of the name's
    /// hash (its home slot, for deletion, and a tag: a probe past another name mostly ends without comparing
    /// strings). Empty until the first name; then a power of two, more than twice the names.
    private var slots: [UInt64] = []

    init() {}

    /// The position of `name`, if it is in the table.
    func index(of name: String) -> Int? {
        guard !slots.isEmpty else { return nil }
        return find(name, hash: NameTable.hash(name)).index
    }

    /// The position of the name whose UTF-8 bytes are `bytes`, if it is in the table: no string made to look it up.
    func index(of bytes: Span<UInt8>) -> Int? {
        guard !slots.isEmpty else { return nil }
        let hash = NameTable.hash(bytes: bytes)
        let mask = slots.count - 1
        let tag = UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
            if entry >> 32 == tag, UserNameTable.equal(names[index].utf8.span, bytes) { return index }
            slot = (slot + 1) & mask
        }
    }

    /// Whether two byte spans hold the same bytes.
    private static func equal(_ a: Span<UInt8>, _ b: Span<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for i in a.indices where a[i] != b[i] { return false }
        return true
    }

    /// The position of `name`, appended when it is new: one hash either way; `added`: whether it was new.
    mutating func index(addingIfNew name: String) -> (index: Int, added: Bool) {
        let hash = NameTable.hash(name)
        guard !slots.isEmpty, slots.count > 2 * (names.count + 1) else {
            if let found = slots.isEmpty ? nil : find(name, hash: hash).index { return (found, false) }
            insert(name, hash: hash)
            return (names.count - 1, true)
        }
        // Room without growing: the probe's empty slot takes the name.
        let (slot, found) = find(name, hash: hash)
        if let found { return (found, false) }
        names.append(name)
        slots[slot] = (UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF) << 32 | UInt64(names.count)
        return (names.count - 1, true)
    }

    /// Appends `name` (one already in the table now stands for the new position).
    mutating func append(_ name: String) {
        insert(name, hash: NameTable.hash(name))
    }

    /// Removes the last position; its name is forgotten.
    mutating func removeLast() {
        let last = names.count - 1
        let (slot, index) = find(names[last], hash: NameTable.hash(names[last]))
        names.removeLast()
        if index == last { remove(at: slot) }
    }

    /// Room for `count` names in all without growing.
    mutating func reserveCapacity(_ count: Int) {
        names.reserveCapacity(count)
        if slots.count <= 2 * count { rehash(size: UserNameTable.size(for: count)) }
    }

    /// The slot holding `name` and its position, or the empty slot ending its probe.
    private func find(_ name: String, hash: Int) -> (slot: Int, index: Int?) {
        let mask = slots.count - 1
        let tag = UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF
        var slot = hash & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
            if entry >> 32 == tag, names[index] == name { return (slot, index) }
            slot = (slot + 1) & mask
        }
    }

    /// Appends `name` and points its slot at the new position.
    private mutating func insert(_ name: String, hash: Int) {
        names.append(name)
        if slots.count <= 2 * names.count { rehash(size: UserNameTable.size(for: names.count)) }
        place(names.count - 1, hash: hash)
    }

    /// Points the slot of the name at `index` (its own, or the empty one ending its probe) at `index`.
    private mutating func place(_ index: Int, hash: Int) {
        let slot = find(names[index], hash: hash).slot
        slots[slot] = (UInt64(truncatingIfNeeded: hash) & 0xFFFF_FFFF) << 32 | UInt64(index + 1)
    }

    /// Empties `slot` and moves later entries of the probe back into the gap (no tombstones).
    private mutating func remove(at slot: Int) {
        let mask = slots.count - 1
        var gap = slot
        var next = (slot + 1) & mask
        while slots[next] != 0 {
            let home = Int(truncatingIfNeeded: slots[next] >> 32) & mask
            // The entry may fill the gap when its home is not cyclically within (gap, next].
            if (next - home) & mask >= (next - gap) & mask {
                slots[gap] = slots[next]
                gap = next
            }
            next = (next + 1) & mask
        }
        slots[gap] = 0
    }

    /// Rebuilds the slots at `size`: each entry moved to its home slot's probe (the hash's low half it keeps is all
    /// a home needs), no name hashed again, and only the names the table knows now (not a position that a later
    /// append of its name took over and a removal then forgot).
    private mutating func rehash(size: Int) {
        let old = slots
        slots = [UInt64](repeating: 0, count: size)
        let mask = size - 1
        for entry in old where entry != 0 {
            var slot = Int(truncatingIfNeeded: entry >> 32) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }

    /// The table size for `count` names: a power of two more than twice as large, at least 16.
    private static func size(for count: Int) -> Int {
        var size = 16
        while size <= 2 * count { size *= 2 }
        return size
    }
}
