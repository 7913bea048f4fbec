/// A stretch of one source line: a half-open range of Character offsets, 0-based.
///
/// Offsets count Characters (grapheme clusters), never bytes or display columns: `自然人` is 3 Characters wide here and
/// 6 terminal columns on screen. Messages show the 1-based ``column``; the renderer converts to display columns.
public struct SourceSpan: Sendable, Hashable {
    /// The offset of the first Character.
    public var start: Int
    /// The offset just past the last Character; equal to `start` for a point (e.g. the end of the input).
    public var end: Int

    /// The Characters `start..<end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = Swift.max(start, end)
    }

    /// An empty span at `offset`, e.g. where a missing `)` was expected.
    public init(at offset: Int) {
        self.init(start: offset, end: offset)
    }

    /// The 1-based column of the first Character, as messages print it.
    public var column: Int { start + 1 }

    /// How many Characters the span covers.
    public var count: Int { end - start }

    /// The smallest span covering both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }

    /// The span moved right by `offset` Characters, for a fragment embedded in a longer line (`let x = <formula>`).
    public func shifted(by offset: Int) -> SourceSpan {
        SourceSpan(start: start + offset, end: end + offset)
    }
}
