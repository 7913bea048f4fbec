/// Report and rule names → slots and ids, with `[String: Int]`'s meaning (names equal when canonically equal) at a
/// fraction of its cost: a name of ASCII and CJK unified ideographs — every name Gongkai makes, `洪泽区2024` — is
/// hashed by its bytes (``NameTable``'s hash) and compared by them.
///
/// The standard hash of a non-ASCII `String` first checks and, if need be, normalises it (NFC): about 2,500
/// instructions for a report name, looked up a dozen times for each report loaded and checked. ASCII and CJK unified
/// ideographs are their own canonical form and never compose, so two such names are canonically equal exactly when
/// their bytes are. A name with any other scalar (a compatibility ideograph such as U+F96D, which equals 省; a
/// combining mark) is kept apart and compared canonically, one by one: never a name Gongkai makes, so the list stays
/// empty in practice.
struct NameIndex: Sendable {
    /// A plain name with its hash.
    private struct Key: Hashable, Sendable {
        let name: String
        let hash: Int

        /// Equal bytes, compared in place eight at a time (the UTF-8 views element by element cost 1,600
        /// instructions).
        static func == (a: Key, b: Key) -> Bool {
            guard a.hash == b.hash, a.name.utf8.count == b.name.utf8.count else { return false }
            var x = a.name
            var y = b.name
            return x.withUTF8 { p in
                y.withUTF8 { q in
                    let n = p.count
                    guard n > 0, let l = p.baseAddress, let r = q.baseAddress else { return true }
                    let left = UnsafeRawPointer(l)
                    let right = UnsafeRawPointer(r)
                    var i = 0
                    while i + 8 <= n {
                        let word = left.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        guard word == right.loadUnaligned(fromByteOffset: i, as: UInt64.self) else { return false }
                        i += 8
                    }
                    while i < n {
                        guard p[i] == q[i] else { return false }
                        i += 1
                    }
                    return true
                }
            }
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    /// Where a stored name is.
    private enum Location {
        case plain(Key)
        case other(Int)
    }

    private var plain: [Key: Int] = [:]
    /// Names that are not plain, compared canonically.
    private var others: [(name: String, value: Int)] = []

    init() {}

    /// Stores `name`, as a set of names (with 0, unless it is stored already).
    mutating func insert(_ name: String) { if self[name] == nil { self[name] = 0 } }

    /// Whether `name`, or a name canonically equal to it, is stored.
    func contains(_ name: String) -> Bool { self[name] != nil }

    /// How many names are stored.
    var count: Int { plain.count + others.count }

    /// The value stored for `name` or a name canonically equal to it; nil to remove.
    subscript(name: String) -> Int? {
        get {
            // The usual lookup, a plain name stored plain, without building its place.
            if let hash = NameIndex.plainHash(name), others.isEmpty { return plain[Key(name: name, hash: hash)] }
            return locate(name)?.value
        }
        set {
            switch locate(name)?.location {
            case .plain(let key):
                plain[key] = newValue
            case .other(let k):
                if let newValue { others[k].value = newValue } else { others.remove(at: k) }
            case nil:
                guard let newValue else { return }
                if let hash = NameIndex.plainHash(name) {
                    plain[Key(name: name, hash: hash)] = newValue
                } else {
                    others.append((name, newValue))
                }
            }
        }
    }

    /// Where the stored name canonically equal to `name` is, with its value; nil when there is none.
    private func locate(_ name: String) -> (location: Location, value: Int)? {
        if let hash = NameIndex.plainHash(name) {
            let key = Key(name: name, hash: hash)
            if let value = plain[key] { return (.plain(key), value) }
            guard !others.isEmpty, let k = others.firstIndex(where: { $0.name == name }) else { return nil }
            return (.other(k), others[k].value)
        }
        // A name that is not plain may equal a plain one canonically (U+F96D and 省): every name is compared.
        if let k = others.firstIndex(where: { $0.name == name }) { return (.other(k), others[k].value) }
        return plain.first { $0.key.name == name }.map { (.plain($0.key), $0.value) }
    }

    /// ``NameTable``'s hash of a plain name (ASCII and CJK unified ideographs only); nil for any other name.
    static func plainHash(_ name: String) -> Int? {
        for scalar in name.unicodeScalars {
            let v = scalar.value
            guard
                v < 0x80 || (0x3400...0x9FFF).contains(v) || (0x20000...0x2F7FF).contains(v)
                    || (0x30000...0x3FFFF).contains(v)
            else { return nil }
        }
        return NameTable.hash(name)
    }
}
