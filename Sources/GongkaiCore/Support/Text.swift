// Text helpers every module uses: one owner each.

extension StringProtocol {
    /// Without leading and trailing white space (Unicode's: ASCII spaces, tabs and line breaks, the ideographic
    /// space U+3000, no-break spaces).
    public var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(self[first..<scalars.index(after: last)])
    }

    /// Whether `needle` occurs in the text, compared byte by byte in UTF-8 (for a needle that begins and ends with
    /// whole Characters, as every keyword does, the same answer as a Character search, many times faster).
    public func containsText(_ needle: some StringProtocol) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        let found = utf8.withContiguousStorageIfAvailable { Self.search(pattern, first, in: $0) }
        return found ?? Array(utf8).withUnsafeBufferPointer { Self.search(pattern, first, in: $0) }
    }

    private static func search(_ pattern: [UInt8], _ first: UInt8, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = pattern.count
        guard text.count >= n else { return false }
        var i = 0
        let last = text.count - n
        while i <= last {
            if text[i] == first {
                var k = 1
                while k < n, text[i + k] == pattern[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }
}

extension String {
    /// The string of UTF-8 bytes (ill-formed ones repaired), read from a span of another string's storage: a name or
    /// a statement's part cut out by a byte scanner without an array of its bytes.
    public init(utf8Bytes bytes: Span<UInt8>) {
        self = bytes.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// The text's lines, empty ones included: what `split(separator: "\n", omittingEmptySubsequences: false)`
    /// gives, found byte by byte instead of Character by Character (a `\r\n` is one Character, so it stays inside a
    /// line as it does there).
    public var lines: [Substring] { lines(cuttingCRLF: false) }

    /// The text's lines, empty ones included, found byte by byte; `cuttingCRLF` ends a line at the line feed of a
    /// `\r\n` too (the carriage return stays at the end of its line): a script's lines, where a CRLF file must not
    /// run as one line.
    public func lines(cuttingCRLF: Bool) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = self.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var i = start
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == 0x0A && (cuttingCRLF || previous != 0x0D) {
                lines.append(self[start..<i])
                start = utf8.index(after: i)
            }
            previous = byte
            i = utf8.index(after: i)
        }
        lines.append(self[start..<utf8.endIndex])
        return lines
    }

    /// Whether the last Character is `ascii` (`hasSuffix(String(ascii))`): the last byte first, the Character test
    /// only when it matches (a Character that is one ASCII scalar ends in that byte) — a script's every line asks.
    @inlinable public func hasLastCharacter(_ ascii: Unicode.Scalar) -> Bool {
        utf8.last == UInt8(ascii: ascii) && hasSuffix(String(ascii))
    }

    /// The text's lines without the empty ones: what `split(separator: "\n")` gives (see ``lines``).
    public var nonEmptyLines: [Substring] { lines.filter { !$0.isEmpty } }

    /// The text's Unicode scalars, `Array(unicodeScalars)`, decoded from its UTF-8 in one pass (the array initialiser
    /// walks the text twice, once to count it).
    public var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { out, initialized in
                var i = 0
                var o = 0
                let n = bytes.count
                while i < n {
                    // A String's UTF-8 is well-formed: a lead byte says how many continuation bytes follow, all there.
                    let c0 = UInt32(bytes[i])
                    var value: UInt32
                    if c0 < 0x80 {
                        value = c0
                        i &+= 1
                    } else if c0 < 0xE0 {
                        value = (c0 & 0x1F) &<< 6 | UInt32(bytes[i &+ 1] & 0x3F)
                        i &+= 2
                    } else if c0 < 0xF0 {
                        value =
                            (c0 & 0x0F) &<< 12 | UInt32(bytes[i &+ 1] & 0x3F) &<< 6 | UInt32(bytes[i &+ 2] & 0x3F)
                        i &+= 3
                    } else {
                        let high = (c0 & 0x07) &<< 18 | UInt32(bytes[i &+ 1] & 0x3F) &<< 12
                        value = high | UInt32(bytes[i &+ 2] & 0x3F) &<< 6 | UInt32(bytes[i &+ 3] & 0x3F)
                        i &+= 4
                    }
                    out[o] = unsafeBitCast(value, to: Unicode.Scalar.self)
                    o &+= 1
                }
                initialized = o
            }
        }
    }
}

extension String {
    /// A string from Unicode scalars, encoded straight to UTF-8 (much faster than appending to a scalar view).
    /// Inlinable, so that other modules get it specialised (a generic call per scalar otherwise).
    @inlinable public init(scalars: some Collection<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { out in
            var o = 0
            for scalar in scalars {
                let v = scalar.value
                switch v {
                case 0..<0x80:
                    out[o] = UInt8(v)
                    o += 1
                case 0x80..<0x800:
                    out[o] = UInt8(0xC0 | (v >> 6))
                    out[o + 1] = UInt8(0x80 | (v & 0x3F))
                    o += 2
                case 0x800..<0x10000:
                    out[o] = UInt8(0xE0 | (v >> 12))
                    out[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    out[o + 2] = UInt8(0x80 | (v & 0x3F))
                    o += 3
                default:
                    out[o] = UInt8(0xF0 | (v >> 18))
                    out[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    out[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    out[o + 3] = UInt8(0x80 | (v & 0x3F))
                    o += 4
                }
            }
            return o
        }
    }
}

extension BidirectionalCollection where Element: Equatable {
    /// Whether the collection ends with `suffix`, element by element (`starts(with:)` from the other end).
    @inlinable public func ends(with suffix: some BidirectionalCollection<Element>) -> Bool {
        var i = endIndex
        var k = suffix.endIndex
        while k > suffix.startIndex {
            guard i > startIndex else { return false }
            formIndex(before: &i)
            suffix.formIndex(before: &k)
            guard self[i] == suffix[k] else { return false }
        }
        return true
    }
}

/// Text assembled as UTF-8 bytes and made a `String` once: for a line built from many small pieces on a hot path (a
/// script statement's change report, a journal line), where each `String +=` costs hundreds of instructions.
/// Inlinable, so that other modules get specialised code.
public struct TextBuilder {
    /// The bytes so far.
    @usableFromInline var storage: [UInt8] = []

    /// An empty text with room for `capacity` bytes.
    @inlinable public init(capacity: Int = 128) { storage.reserveCapacity(capacity) }

    /// The bytes so far.
    @inlinable public var bytes: [UInt8] { storage }

    /// Appends `text`.
    @inlinable public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { storage.append(contentsOf: $0) }
    }

    /// Appends another builder's bytes.
    @inlinable public mutating func append(_ other: TextBuilder) { storage.append(contentsOf: other.storage) }

    /// Appends an ASCII character (a space, `=`, a line break).
    @inlinable public mutating func append(ascii: Unicode.Scalar) { storage.append(UInt8(ascii: ascii)) }

    /// Appends `count` spaces.
    @inlinable public mutating func append(spaces count: Int) {
        if count > 0 { storage.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
    }

    /// Appends an integer in decimal.
    @inlinable public mutating func append(_ number: Int) {
        if number < 0 { storage.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var count = 1
        var rest = magnitude / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        // Room for the digits first, then each written from the last (appending and reversing a slice cost several
        // hundred instructions a number).
        let start = storage.count
        storage.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        storage.withUnsafeMutableBufferPointer { buffer in
            var i = start + count
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
        }
    }

    /// The number of bytes so far.
    @inlinable public var count: Int { storage.count }

    /// Calls `body` with the bytes so far.
    @inlinable public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try storage.withUnsafeBytes(body)
    }

    /// Calls `body` with the bytes so far, to change some in place (a checksum written before what it covers).
    @inlinable public mutating func withMutableBytes<R>(
        _ body: (UnsafeMutableRawBufferPointer) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBytes(body)
    }

    /// Empties the text, keeping its room.
    @inlinable public mutating func removeAll() { storage.removeAll(keepingCapacity: true) }

    /// The text.
    @inlinable public var text: String { String(decoding: storage, as: UTF8.self) }
}
