import GongkaiCore

extension Shell {
    /// The 1-based line of a workbook file an error message is about, if its quoted text (or the first name after
    /// `circular reference: `) stands there: preferably as the line's subject (`let NAME`, `value NAME`), the last such.
    static func line(of message: String, in lines: [Substring]) -> Int? {
        var needles: [String] = []
        for (open, close) in [("‘", "’"), ("'", "'")] {
            if let start = message.range(of: open), let end = message[start.upperBound...].range(of: close) {
                needles.append(String(message[start.upperBound..<end.lowerBound]))
            }
        }
        if let cycle = message.range(of: "circular reference: ") {
            needles.append(String(message[cycle.upperBound...].prefix { $0 != " " }))
        }
        // A name qualified by its report (`r.t3.new.natural`) is written unqualified in the file.
        needles += needles.compactMap { needle in
            needle.firstIndex(of: ".").map { String(needle[needle.index(after: $0)...]) }
        }
        for needle in needles where !needle.isEmpty {
            let subject = lines.indices.last {
                lines[$0].split(separator: " ").dropFirst().first.map(String.init) == needle
            }
            if let found = subject ?? lines.indices.last(where: { lines[$0].contains(needle) }) { return found + 1 }
        }
        return nil
    }
}
