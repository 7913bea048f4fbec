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
        /// A segment with `*` among other characters (`hz*`, `*_2024`): one segment, `*` standing for any run of
        /// characters (none included).
        case glob(String)
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
        segments.contains { $0.isWildcard }
    }

    /// The report pattern of a cross-report reference: its first segment when that is `*` or a glob and more
    /// segments follow (`*.t3.new.total`, `hz*.t4.review.total`); nil otherwise.
    public var reportPattern: Segment? {
        guard segments.count > 1, let first = segments.first, first == .one || first.isGlob else { return nil }
        return first
    }

    /// The reference without its first segment: the cell pattern within each report of a cross-report reference.
    public var cellPattern: Reference {
        Reference(segments: Array(segments.dropFirst()), span: span)
    }

    /// Whether one segment `part` is denoted by the single-segment pattern `segment` (a report name by a report
    /// pattern).
    public static func segment(_ segment: Segment, matches part: some StringProtocol) -> Bool {
        switch segment {
        case .name(let literal): part == literal
        case .one, .oneOrMore: !part.isEmpty
        case .glob(let glob): globMatches(Array(glob), Array(String(part)))
        }
    }

    /// The dotted text, e.g. `t3.*.natural`.
    public var name: String { description }

    /// A pattern from its dotted text as typed outside a formula (`t3.*.natural`, `t3.result.**`): `*` and `**` are
    /// wildcard segments, anything else literal. The one wildcard rule for the engine, `.show` and the shell.
    public init(pattern text: some StringProtocol) {
        let segments = text.split(separator: ".", omittingEmptySubsequences: false).map { part -> Segment in
            part == "*"
                ? .one : part == "**" ? .oneOrMore : part.contains("*") ? .glob(String(part)) : .name(String(part))
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
        case .glob(let glob):
            guard let part = parts.first, globMatches(Array(glob), Array(String(part))) else { return false }
            return match(pattern.dropFirst(), parts.dropFirst())
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

extension Reference {
    /// Whether `text` matches `glob`, `*` standing for any run of Characters; linear backtracking on the last `*`.
    static func globMatches(_ glob: [Character], _ text: [Character]) -> Bool {
        var g = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if g < glob.count, glob[g] != "*", glob[g] == text[t] {
                g += 1
                t += 1
            } else if g < glob.count, glob[g] == "*" {
                star = g
                resume = t
                g += 1
            } else if let star {
                g = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while g < glob.count, glob[g] == "*" { g += 1 }
        return g == glob.count
    }
}

extension Reference.Segment {
    /// `*`, `**` or a glob.
    public var isWildcard: Bool { self != .oneOrMore && self != .one ? isGlob : true }

    /// A segment with `*` among other characters.
    public var isGlob: Bool {
        if case .glob = self { return true }
        return false
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
            case .glob(let glob): glob
            }
        }.joined(separator: ".")
    }
}
