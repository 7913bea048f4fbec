import GongkaiCore

/// The edit journal of a session: what was acknowledged since the last save, so that a crash, `kill -9` or a power
/// loss loses nothing that was typed.
///
/// A journal is a snapshot of the whole session in the workbook file's own syntax (``WorkbookFile``, one owner of
/// every fact's quoting), written atomically, followed by one line per acknowledged edit of one cell, each appended
/// and `fsync`ed before the prompt returns:
///
/// ```
/// gongkai journal 1
/// pid 4242
/// workbook "/home/me/上犹县.gkw"
/// changes 3
/// gongkai workbook 2
/// current sy2024
///
/// report sy2024 template=2021
/// text meta.org "上犹县政府办"
/// end
/// 5d0c81e2 cell sy2024 value t4.review.upheld 5
/// 0b9f3a47 clear sy2024 t4.review.corrected
/// ```
/// `changes` counts the acknowledged changes the snapshot holds; every edit line adds one. An edit line starts with
/// the FNV-1a checksum (32 bits, hex) of the rest of the line and ends with a line break: a last line cut by the
/// kill (no line break, or a checksum that does not match) was never acknowledged, and is dropped with whatever
/// follows it. Any other change (a load, `.undo`, a rule) rewrites the snapshot atomically, which also compacts the
/// journal.
public enum JournalFile {
    /// The first line of every journal.
    public static let header = "gongkai journal 1"

    /// What a journal says about the session it belongs to.
    public struct Header: Sendable, Equatable {
        /// The process that wrote it (a journal whose process is gone is an orphan, to recover).
        public var pid: Int32
        /// The workbook file the session was loaded from or saved to, absolute; nil for an unsaved session.
        public var workbook: String?
        /// The acknowledged changes the snapshot holds.
        public var changes: Int

        /// A header.
        public init(pid: Int32, workbook: String?, changes: Int) {
            self.pid = pid
            self.workbook = workbook
            self.changes = changes
        }
    }

    /// One acknowledged edit after the snapshot.
    public enum Record: Sendable, Equatable {
        /// A cell now holds this (nothing: cleared).
        case cell(WorkbookDocument.Cell)
        /// The current report changed (`.reports NAME`); not a change to save.
        case current(String)
    }

    /// A journal read back: the session as acknowledged.
    public struct Contents: Sendable, Equatable {
        /// The header.
        public var header: Header
        /// The snapshot with every edit applied, in the order written.
        public var document: WorkbookDocument
        /// The edit lines read after the snapshot.
        public var records: Int
        /// Whether a cut or damaged last line was dropped (an edit that was never acknowledged).
        public var droppedTail: Bool

        /// The acknowledged changes in all: the snapshot's and one per cell edit.
        public var changes: Int
    }

    /// Why a journal cannot be read: its snapshot is damaged (it is written atomically, so only tampering does that).
    public struct ReadError: Error, CustomStringConvertible, Equatable {
        /// What is wrong.
        public let message: String
        /// The message.
        public var description: String { message }
    }

    // MARK: Writing

    /// The header and snapshot: the start of a journal.
    public static func render(_ header: Header, document: WorkbookDocument) -> String {
        var text = Self.header + "\npid \(header.pid)\n"
        if let workbook = header.workbook { text += "workbook \(WorkbookFile.quoted(workbook))\n" }
        text += "changes \(header.changes)\n"
        return text + WorkbookFile.render(document)
    }

    /// One edit line, with its checksum and line break.
    public static func line(_ record: Record) -> String {
        var line = TextBuilder()
        append(record, to: &line)
        return line.text
    }

    /// ``line(_:)`` appended to `text`: the body written in place after room for its checksum, which is then filled
    /// in (one line for every edit of a script: the benchmarks' `run_assignments`).
    public static func append(_ record: Record, to text: inout TextBuilder) {
        let start = text.count
        text.append("00000000 ")
        switch record {
        case .current(let report):
            text.append("current ")
            text.append(report)
        case .cell(let cell):
            text.append(cell.fact == nil ? "clear " : "cell ")
            text.append(cell.report)
            text.append(ascii: " ")
            if let fact = cell.fact { WorkbookFile.append(fact, to: &text) } else { text.append(cell.name) }
        }
        text.withMutableBytes { bytes in
            let hash = fnv1a(UnsafeRawBufferPointer(rebasing: bytes[(start + 9)...]))
            for i in 0..<8 { bytes[start + i] = hexDigit(hash, i) }
        }
        text.append(ascii: "\n")
    }

    /// FNV-1a over the UTF-8 bytes, 8 lowercase hex digits.
    static func checksum(_ text: String) -> String { checksum(Array(text.utf8)) }

    /// FNV-1a over `bytes`, 8 lowercase hex digits.
    static func checksum(_ bytes: [UInt8]) -> String {
        let hash = bytes.withUnsafeBytes { fnv1a($0) }
        return String(unsafeUninitializedCapacity: 8) { digits in
            for i in 0..<8 { digits[i] = hexDigit(hash, i) }
            return 8
        }
    }

    /// The FNV-1a hash of `bytes`.
    static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    /// The `i`th of the 8 lowercase hex digits of `hash`, most significant first.
    static func hexDigit(_ hash: UInt32, _ i: Int) -> UInt8 {
        let nibble = UInt8(truncatingIfNeeded: hash >> UInt32(28 - 4 * i)) & 0xF
        return nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    // MARK: Reading

    /// Reads a journal: the snapshot and every complete edit line applied to it.
    public static func parse(_ text: String) throws(ReadError) -> Contents {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // The text after the last line break is a line cut by the kill (or nothing).
        let cut = lines.removeLast()
        guard lines.first == Substring(header) else { throw ReadError(message: "not a gongkai journal") }
        var index = 1
        func field(_ key: String) -> Substring? {
            guard index < lines.count, lines[index].hasPrefix(key + " ") else { return nil }
            defer { index += 1 }
            return lines[index].dropFirst(key.count + 1)
        }
        guard let pidText = field("pid"), let pid = Int32(pidText) else {
            throw ReadError(message: "the journal has no pid line")
        }
        var workbook: String?
        if let quoted = field("workbook") {
            // The path is quoted as a text fact's text is: read it as one.
            guard case .text(let path)? = try? WorkbookFile.fact("text w " + quoted) else {
                throw ReadError(message: "the journal's workbook line is damaged")
            }
            workbook = path.text
        }
        guard let changesText = field("changes"), let changes = Int(changesText) else {
            throw ReadError(message: "the journal has no changes line")
        }
        guard let end = lines[index...].firstIndex(of: Substring(WorkbookFile.endMarker)) else {
            throw ReadError(message: "the journal's snapshot has no ‘end’ line")
        }
        var document: WorkbookDocument
        do {
            document = try WorkbookFile.parse(lines[index...end].joined(separator: "\n") + "\n")
        } catch {
            throw ReadError(message: "the journal's snapshot is damaged: \(error)")
        }
        var records = 0
        var edits = 0
        var dropped = !cut.isEmpty
        for line in lines[(end + 1)...] {
            guard let record = try? record(line) else {
                dropped = true
                break
            }
            do {
                switch record {
                case .cell(let cell):
                    try document.replace(cell)
                    edits += 1
                case .current(let report): document.currentReport = report
                }
            } catch {
                dropped = true
                break
            }
            records += 1
        }
        return Contents(
            header: Header(pid: pid, workbook: workbook, changes: changes), document: document, records: records,
            droppedTail: dropped, changes: changes + edits)
    }

    /// One edit line read back; nil when its checksum does not match or it cannot be read.
    static func record(_ line: Substring) -> Record? {
        guard line.count > 9, line.dropFirst(8).first == " " else { return nil }
        let body = line.dropFirst(9)
        guard checksum(String(body)) == line.prefix(8) else { return nil }
        var words = body.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard words.count >= 2 else { return nil }
        let kind = words.removeFirst()
        let report = String(words.removeFirst())
        switch kind {
        case "current" where words.isEmpty: return .current(report)
        case "clear" where words.count == 1:
            return .cell(WorkbookDocument.Cell(report: report, name: String(words[0]), fact: nil))
        case "cell" where words.count == 1:
            guard let fact = try? WorkbookFile.fact(words[0]) else { return nil }
            return .cell(WorkbookDocument.Cell(report: report, name: fact.name, fact: fact))
        default: return nil
        }
    }
}
