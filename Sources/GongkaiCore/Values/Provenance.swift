/// Where a cell's value came from: the place of the number in the source text, and how it was read.
public struct Provenance: Sendable, Hashable {
    /// How the value was obtained.
    public enum Origin: String, Sendable, Hashable {
        /// Read as printed.
        case read
        /// Recovered by inference (a glued run of digits split the only way the rules allow, a row placed by order).
        case inferred
        /// Typed or assigned in a session.
        case entered
    }

    /// The source file as the user named it, if any.
    public var file: String?
    /// 1-based page of a paginated source (a PDF), if known; ``line`` then counts within that page.
    public var page: Int?
    /// 1-based line of the number in the source (in its page, when ``page`` is set), if known.
    public var line: Int?
    /// 1-based column, in Characters, of the number in that line, if known.
    public var column: Int?
    public var origin: Origin
    /// Why an inferred value was chosen, or any other remark worth showing.
    public var note: String?

    public init(
        file: String? = nil, page: Int? = nil, line: Int? = nil, column: Int? = nil, origin: Origin = .read,
        note: String? = nil
    ) {
        self.file = file
        self.page = page
        self.line = line
        self.column = column
        self.origin = origin
        self.note = note
    }
}

extension Provenance: CustomStringConvertible {
    /// `淮安市-2024.txt:182:3 (inferred: …)`; a PDF's place is page:line:column, `洪泽区-2023.pdf:3:12:5`.
    public var description: String {
        var place = file ?? "(session)"
        if let page, line != nil { place += ":\(page)" }
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        switch origin {
        case .read: return place
        case .inferred: return place + " (inferred" + (note.map { ": \($0)" } ?? "") + ")"
        case .entered: return file == nil ? "entered" : place + " (entered)"
        }
    }
}
