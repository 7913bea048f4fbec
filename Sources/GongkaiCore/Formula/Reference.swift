/// A dotted cell name as written in a formula, possibly with wildcard segments: `t3.total.natural`, `t3.*.natural`,
/// `sy2023.t3.**`.
///
/// `*` stands for exactly one segment, `**` for one or more. Which cells a name denotes is the resolver's business
/// (see ``Expression/bind(_:)``); ``matches(_:)`` implements the wildcard rule for it.
public struct Reference: Sendable, Hashable {
    /// One dotted segment.
    public enum Segment: Sendable, Hashable {
        /// A literal name segment (`t3`, `sy2023`, `_x`).
        case name(String)
        /// `*`: exactly one segment.
        case one
        /// `**`: one or more segments.
        case oneOrMore
    }

    /// The dotted segments, in order.
    public var segments: [Segment]
    /// Where the name stands in the formula.
    public var span: SourceSpan

    /// A reference from its segments.
    public init(segments: [Segment], span: SourceSpan) {
        self.segments = segments
        self.span = span
    }

    /// Whether any segment is a wildcard, so the name may denote many cells.
    public var isPattern: Bool {
        segments.contains { $0 == .one || $0 == .oneOrMore }
    }

    /// The dotted text, e.g. `t3.*.natural`.
    public var name: String { description }

    /// A pattern from its dotted text as typed outside a formula (`t3.*.natural`, `t3.result.**`): `*` and `**` are
    /// wildcard segments, anything else literal. The one wildcard rule for the engine, `.show` and the shell.
    public init(pattern text: some StringProtocol) {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false).map { part -> Segment in
            part == "*" ? .one : part == "**" ? .oneOrMore : .name(String(part))
        }
        self.init(segments: segments, span: SourceSpan(start: 0, end: text.count))
    }

    /// Whether the dotted name `candidate` is denoted by this reference (`t3.*.natural` matches `t3.total.natural`).
    public func matches(_ candidate: some StringProtocol) -> Bool {
        let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
        return Reference.match(segments[...], parts[...])
    }

    private static func match<Part: StringProtocol>(_ pattern: ArraySlice<Segment>, _ parts: ArraySlice<Part>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        switch first {
        case .name(let literal):
            guard let part = parts.first, part == literal else { return false }
            return match(pattern.dropFirst(), parts.dropFirst())
        case .one:
            return !parts.isEmpty && match(pattern.dropFirst(), parts.dropFirst())
        case .oneOrMore:
            // Patterns are short (a handful of segments), so trying each split is cheap.
            guard !parts.isEmpty else { return false }
            var rest = parts.dropFirst()
            while true {
                if match(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
    }
}

extension Reference: CustomStringConvertible {
    /// The dotted text: `t3.*.natural`.
    public var description: String {
        segments.map { segment in
            switch segment {
            case .name(let name): name
            case .one: "*"
            case .oneOrMore: "**"
            }
        }.joined(separator: ".")
    }
}
