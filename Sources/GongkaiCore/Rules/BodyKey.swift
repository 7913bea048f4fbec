/// A body's name reduced to the words that tell it apart: the one owner of "is this the same body", for cross-year
/// links, the soft rules, `yoy`, `.trend`, `.diff` and a report's default name.
///
/// The key keeps Han ideographs, ASCII letters and digits of `meta.org` (full-width forms folded to ASCII, spaces
/// dropped, letters lower-cased) and drops one ending every body shares (``endings``):
///
/// ```swift
/// BodyKey("淮安市洪泽区人民政府")?.text          // "淮安市洪泽区"
/// BodyKey("平潭综合实验区管委会")?.text          // "平潭综合实验区"
/// BodyKey("洪泽区人民政府")?.isTrailingUnit(of: BodyKey("淮安市洪泽区人民政府")!)  // true
/// BodyKey("淮安市人民政府")?.isTrailingUnit(of: BodyKey("淮安市洪泽区人民政府")!)  // false
/// ```
///
/// Two keys are one body when they are equal, when an alias says so (``Workbook/addAlias(_:_:)``), or when one is a
/// *trailing unit* of the other: the shorter is a whole administrative unit at the end of the longer, after a whole
/// unit (`淮安市` + `洪泽区`). `淮安市` is not `淮安市洪泽区`, and `海新区` is not `滨海新区` (滨 is no unit).
public struct BodyKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The normalised name (`淮安市洪泽区`).
    public let text: String

    /// The endings dropped (one, the first that fits, when something is left before it).
    public static let endings = ["人民政府办公室", "人民政府办公厅", "人民政府", "管理委员会", "管委会", "办公室", "办公厅"]
    /// The endings of an administrative unit name (a trailing unit ends with one).
    static let unitEndings: [String] = ["省", "市", "区", "县", "旗", "盟", "州", "镇", "乡", "街道"]
    /// The endings of a unit a trailing unit may follow (bare 州 is left out: 苏州 + 市吴中区 is no split).
    static let parentEndings: [String] = ["省", "市", "区", "县", "旗", "盟", "自治州", "地区"]

    /// The key of a body's name (`meta.org`); nil when nothing is left of it.
    public init?(_ org: String) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(org.utf8.count / 3 + 1)
        for scalar in org.unicodeScalars {
            var value = scalar.value
            // Full-width ASCII forms (Ｈ, １) to ASCII.
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
            if value < 0x80 {
                // ASCII letters lower-cased, digits kept, everything else dropped.
                if (0x41...0x5A).contains(value) { value += 0x20 }
                if (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    scalars.append(Unicode.Scalar(UInt8(value)))
                }
            } else if let folded = Unicode.Scalar(value), NameSyntax.isHan(folded) {
                scalars.append(folded)
            }
        }
        guard !scalars.isEmpty else { return nil }
        let endings = BodyKey.comparesByScalar(scalars) ? BodyKey.endingScalars : nil
        if let endings {
            if let ending = endings.first(where: { scalars.count > $0.count && scalars.ends(with: $0) }) {
                scalars.removeLast(ending.count)
            }
            self.text = String(scalars: scalars)
        } else {
            var text = String(scalars: scalars)
            for ending in BodyKey.endings where text.hasSuffix(ending) && text.count > ending.count {
                text.removeLast(ending.count)
                break
            }
            self.text = text
        }
    }

    /// A key from text already normalised (an alias read back from a workbook file).
    init(normalised text: String) { self.text = text }

    /// The trailing units of this key, longest first: `江苏省淮安市洪泽区` → `淮安市洪泽区`, `洪泽区`.
    ///
    /// A trailing unit is a suffix of 2 Characters or more ending like a unit (区, 县, 市, …), after a part of 2
    /// Characters or more ending like a unit that contains others (省, 市, 区, 县, 自治州, …).
    public var trailingUnits: [BodyKey] {
        let scalars = text.scalarArray
        guard BodyKey.comparesByScalar(scalars) else { return trailingUnitsByCharacter }
        guard scalars.count >= 4, BodyKey.unitEndingScalars.contains(where: { scalars.ends(with: $0) }) else {
            return []
        }
        var units: [BodyKey] = []
        for split in 2...(scalars.count - 2)
        where BodyKey.parentEndingScalars.contains(where: { scalars[..<split].ends(with: $0) }) {
            units.append(BodyKey(normalised: String(scalars: scalars[split...])))
        }
        return units
    }

    /// ``trailingUnits`` by Characters, compared canonically: for a key holding a compatibility ideograph.
    var trailingUnitsByCharacter: [BodyKey] {
        let characters = Array(text)
        guard characters.count >= 4, BodyKey.endsLikeUnit(characters[...], BodyKey.unitEndings) else { return [] }
        var units: [BodyKey] = []
        for split in 2...(characters.count - 2)
        where BodyKey.endsLikeUnit(characters[..<split], BodyKey.parentEndings) {
            units.append(BodyKey(normalised: String(characters[split...])))
        }
        return units
    }

    /// Whether this key is a trailing unit of `other` (`洪泽区` of `淮安市洪泽区`).
    public func isTrailingUnit(of other: BodyKey) -> Bool {
        text.count < other.text.count && other.text.hasSuffix(text) && other.trailingUnits.contains(self)
    }

    /// Whether the two keys name one body by their text: equal, or one a trailing unit of the other (aliases aside).
    public func matches(_ other: BodyKey) -> Bool {
        self == other || isTrailingUnit(of: other) || other.isTrailingUnit(of: self)
    }

    /// The endings as scalars, compared as numbers (String comparison dominated loading a report).
    static let endingScalars = endings.map { Array($0.unicodeScalars) }
    static let unitEndingScalars = unitEndings.map { Array($0.unicodeScalars) }
    static let parentEndingScalars = parentEndings.map { Array($0.unicodeScalars) }

    /// Whether comparing the scalars of a key compares its Characters canonically: each scalar is a Character of its
    /// own in canonical form — ASCII or a Han ideograph, but no compatibility ideograph (U+F96D equals 省).
    static func comparesByScalar(_ scalars: [Unicode.Scalar]) -> Bool {
        !scalars.contains { (0xF900...0xFAFF).contains($0.value) || (0x2F800...0x2FA1F).contains($0.value) }
    }

    static func endsLikeUnit(_ characters: ArraySlice<Character>, _ endings: [String]) -> Bool {
        let text = String(characters)
        return endings.contains { text.hasSuffix($0) }
    }

    /// The normalised name.
    public var description: String { text }

    /// By text.
    public static func < (a: BodyKey, b: BodyKey) -> Bool { a.text < b.text }
}
