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
    /// The text's lines, empty ones included: what `split(separator: "\n", omittingEmptySubsequences: false)`
    /// gives, found byte by byte instead of Character by Character (a `\r\n` is one Character, so it stays inside a
    /// line as it does there).
    public var lines: [Substring] {
        var lines: [Substring] = []
        let utf8 = self.utf8
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var i = start
        while i != utf8.endIndex {
            let byte = utf8[i]
            if byte == 0x0A && previous != 0x0D {
                lines.append(self[start..<i])
                start = utf8.index(after: i)
            }
            previous = byte
            i = utf8.index(after: i)
        }
        lines.append(self[start..<utf8.endIndex])
        return lines
    }

    /// The text's lines without the empty ones: what `split(separator: "\n")` gives (see ``lines``).
    public var nonEmptyLines: [Substring] { lines.filter { !$0.isEmpty } }
}
