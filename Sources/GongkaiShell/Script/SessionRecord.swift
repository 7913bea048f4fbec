import GongkaiCore

/// What the session printed, statement by statement, in order, for `.record` and `gongkai test`.
///
/// Every statement started from outside another (typed, or a line of a script; not the statements a `.read` runs,
/// whose output belongs to the `.read`) opens an entry; whatever reaches standard output or standard error until
/// it ends is the entry's output (the `.echo` of the statement itself is not). Output between statements (a
/// `.fill` ended by the end of its script) joins the entry before it.
///
/// At most ``limit`` bytes of statements and output (with ``overhead`` for each) are kept: past it the record forgets everything and keeps
/// nothing more (``overflowed``), so that a script of a million statements does not keep a million entries;
/// `.record` and `gongkai test` then refuse with a message.
final class SessionRecord {
    /// The most bytes of statements and output kept (64 MiB).
    var limit = 64 << 20
    /// The limit for messages: `64 MiB`.
    var limitDescription: String { limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit) bytes" }
    /// Whether more output than ``limit`` was printed (the record is then incomplete).
    private(set) var overflowed = false
    private var bytes = 0

    /// Where a piece of output went.
    enum Stream: Equatable {
        case output, errors
    }

    /// One statement and what it printed.
    struct Entry {
        /// The statement as executed (continuation lines joined with newlines).
        var statement: String
        /// Its first line in the script, nil when typed.
        var line: Int?
        /// What it printed, in order.
        var printed: [(stream: Stream, text: String)] = []

        /// The printed text as lines, each with its stream; a last line without a newline counts as a line.
        var lines: [(stream: Stream, text: String)] {
            var result: [(stream: Stream, text: String)] = []
            var pending: [Stream: String] = [:]
            for (stream, text) in printed {
                var rest = Substring(pending[stream, default: ""] + text)
                while let newline = rest.firstIndex(of: "\n") {
                    result.append((stream, String(rest[..<newline])))
                    rest = rest[rest.index(after: newline)...]
                }
                pending[stream] = String(rest)
            }
            for stream in [Stream.output, .errors] {
                if let rest = pending[stream], !rest.isEmpty { result.append((stream, rest)) }
            }
            return result
        }
    }

    /// The statements so far, each with what it printed (made from the record's bytes when asked).
    var entries: [Entry] {
        var result: [Entry] = []
        let bytes = text.bytes
        var start = 0
        for piece in pieces {
            let text = String(decoding: bytes[start..<piece.end], as: UTF8.self)
            start = piece.end
            switch piece.kind {
            case .statement: result.append(Entry(statement: text, line: piece.line))
            case .output: result[result.count - 1].printed.append((.output, text))
            case .errors: result[result.count - 1].printed.append((.errors, text))
            }
        }
        return result
    }

    /// The statements and what they printed, one piece after another, as bytes: no heap block a piece (a script of
    /// a million statements records each in place). ``pieces`` says where each ends and what it is.
    private var text = TextBuilder(capacity: 0)
    private var pieces: [Piece] = []

    /// A statement (which opens an entry) or a piece of its output, ending at `end` in ``text``.
    private struct Piece {
        enum Kind { case statement, output, errors }
        var end: Int
        var line: Int?
        var kind: Kind
    }

    /// Statements being executed (nested by `.read`).
    private(set) var depth = 0
    /// While true nothing is recorded (the `.echo` of a statement).
    var muted = false

    /// A statement starts; it opens an entry when none is open.
    func begin(_ statement: String, line: Int?) {
        if depth == 0, !overflowed {
            count(statement.utf8.count + Self.overhead)
            if !overflowed { add(statement, line: line, kind: .statement) }
        }
        depth += 1
    }

    /// The statement started last ends.
    func end() { depth = max(depth - 1, 0) }

    /// Records output (to the open entry, else to the last one).
    func write(_ text: String, to stream: Stream) {
        guard !muted, !overflowed, !pieces.isEmpty, !text.isEmpty else { return }
        count(text.utf8.count + Self.overhead)
        if !overflowed { add(text, line: nil, kind: stream == .output ? .output : .errors) }
    }

    /// ``write(_:to:)`` of a built text, its bytes copied as they are.
    func write(_ text: TextBuilder, to stream: Stream) {
        guard !muted, !overflowed, !pieces.isEmpty, text.count > 0 else { return }
        count(text.count + Self.overhead)
        guard !overflowed else { return }
        self.text.append(text)
        pieces.append(Piece(end: self.text.count, line: nil, kind: stream == .output ? .output : .errors))
    }

    private func add(_ piece: String, line: Int?, kind: Piece.Kind) {
        text.append(piece)
        pieces.append(Piece(end: text.count, line: line, kind: kind))
    }

    /// What an entry or a piece of output costs besides its text (its record and heap block), counted toward the limit.
    static let overhead = 48

    /// Counts bytes kept; past the limit everything is forgotten.
    private func count(_ more: Int) {
        bytes += more
        guard bytes > limit else { return }
        overflowed = true
        text = TextBuilder(capacity: 0)
        pieces = []
    }

    /// Forgets everything recorded (a fresh test run).
    func clear() {
        text = TextBuilder(capacity: 0)
        pieces = []
        bytes = 0
        overflowed = false
    }
}

/// Passes output on and records it in the session's record. While a script runs it can hold what is written
/// (``holding``), for the shell to write in blocks after the journal lines it reports (``Shell/writeHeld()``).
final class RecordingOutput: TextOutput {
    let target: any TextOutput
    let record: SessionRecord
    let stream: SessionRecord.Stream
    /// Whether text is held rather than written at once.
    var holding = false
    /// Called before text goes to the target (standard error's: what standard output holds, and the journal lines
    /// it reports, are written first, so that the two streams interleave in order).
    var beforeWriting: (() -> Void)?
    private var held = TextBuilder(capacity: 0)

    init(_ target: any TextOutput, record: SessionRecord, stream: SessionRecord.Stream) {
        self.target = target
        self.record = record
        self.stream = stream
    }

    func write(_ text: String) {
        record.write(text, to: stream)
        if holding {
            held.append(text)
            return
        }
        beforeWriting?()
        target.write(text)
    }

    func write(_ text: TextBuilder) {
        record.write(text, to: stream)
        if holding {
            held.append(text)
            return
        }
        beforeWriting?()
        target.write(text)
    }

    /// The bytes held.
    var heldCount: Int { held.count }

    /// Writes what is held.
    func writeHeld() {
        guard held.count > 0 else { return }
        target.write(held)
        held.removeAll()
    }
}
