import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A place the shell writes text to: standard output, standard error, a file or a string (tests).
public protocol TextOutput: AnyObject {
    /// Writes `text` as is (no newline added).
    func write(_ text: String)
    /// A script starts: an output may collect what is written until ``endBatch()`` (nested calls count).
    func beginBatch()
    /// A statement of the script finished: a collecting output writes what it holds when that is due.
    func endOfStatement()
    /// The script ended: everything collected is written.
    func endBatch()
}

extension TextOutput {
    /// Writes `text` followed by a newline.
    func line(_ text: String = "") { write(text + "\n") }
    /// Nothing to collect: written at once.
    public func beginBatch() {}
    /// Nothing collected.
    public func endOfStatement() {}
    /// Nothing collected.
    public func endBatch() {}
}

/// Writes to a file descriptor (1 = standard output, 2 = standard error). Outside a script every write goes to the
/// descriptor at once. While a script runs (``beginBatch()``), standard output collects its text and writes it in
/// blocks — after a statement once 64 KiB are held or 50 ms have passed since the last block, and when the script
/// ends — instead of one system call per line. Standard error writes what standard output holds before its own
/// text, so the two still interleave in the order the shell produced them (`2>&1`). A statement's output is
/// collected before the journal line of its change is written and reaches the descriptor after it, so nothing a
/// script printed as done is missing from the journal.
public final class FileDescriptorOutput: TextOutput, Sendable {
    let descriptor: Int32
    /// The output whose collected text goes out before this one writes (standard output for standard error).
    private let flushesFirst: FileDescriptorOutput?

    /// Standard output.
    public static let standardOutput = FileDescriptorOutput(descriptor: 1)
    /// Standard error.
    public static let standardError = FileDescriptorOutput(descriptor: 2, flushesFirst: standardOutput)

    /// An output writing to `descriptor`, which stays open; `flushesFirst` writes its collected text before each
    /// write of this one.
    public init(descriptor: Int32, flushesFirst: FileDescriptorOutput? = nil) {
        self.descriptor = descriptor
        self.flushesFirst = flushesFirst
    }

    /// Whether the descriptor is a terminal.
    public var isTerminal: Bool { isatty(descriptor) != 0 }

    /// The `errno` of the first failed write (0 while every write succeeded).
    private let firstFailure = Atomic<Int32>(0)

    /// Text collected while a script runs: its bytes, the nesting depth of batches, when the last block went out.
    private struct Collected {
        var bytes: [UInt8] = []
        var depth = 0
        var lastWrite: UInt64 = 0
    }
    private let collected = Mutex(Collected())
    /// A block is written after a statement once this many bytes are collected …
    static let blockBytes = 64 * 1024
    /// … or this many nanoseconds passed since the last one (a long script's output still flows to `tail -f`).
    static let blockNanoseconds: UInt64 = 50_000_000

    /// Why a write failed (`no space left on device` for `> /dev/full`), or nil while every write succeeded. A closed
    /// pipe (`| head`) is not a failure: the reader has all it wanted. Collected text is written first.
    public var writeFailure: String? {
        flush()
        let code = firstFailure.load(ordering: .relaxed)
        guard code != 0 else { return nil }
        return strerror(code).map { String(cString: $0).lowercased() } ?? "error \(code)"
    }

    /// Writes `text`, or collects it while a script runs (see the type).
    public func write(_ text: String) {
        flushesFirst?.flush()
        let held = collected.withLock { state -> Bool in
            guard state.depth > 0 else { return false }
            state.bytes.append(contentsOf: text.utf8)
            return true
        }
        guard !held else { return }
        var text = text
        text.withUTF8 { writeAll($0) }
    }

    public func beginBatch() {
        collected.withLock { $0.depth += 1 }
    }

    public func endOfStatement() {
        let block = collected.withLock { state -> [UInt8]? in
            guard !state.bytes.isEmpty else { return nil }
            let now = Self.now()
            guard state.bytes.count >= Self.blockBytes || now &- state.lastWrite >= Self.blockNanoseconds else {
                return nil
            }
            state.lastWrite = now
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return state.bytes
        }
        block?.withUnsafeBufferPointer { writeAll($0) }
    }

    public func endBatch() {
        collected.withLock { $0.depth = max(0, $0.depth - 1) }
        flush()
    }

    /// Writes everything collected now (before an exit, or before standard error writes).
    public func flush() {
        let block = collected.withLock { state -> [UInt8]? in
            guard !state.bytes.isEmpty else { return nil }
            state.lastWrite = Self.now()
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return state.bytes
        }
        block?.withUnsafeBufferPointer { writeAll($0) }
    }

    /// Writes all of `buffer`, retrying after interrupted or partial writes; the first failure is kept for
    /// ``writeFailure`` (the executable turns it into exit code 2).
    private func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count, let base = buffer.baseAddress {
            let n = systemWrite(descriptor, base + offset, buffer.count - offset)
            if n <= 0 {
                if n < 0, errno == EINTR { continue }
                let code = n < 0 ? errno : EIO
                if code != EPIPE {
                    _ = firstFailure.compareExchange(expected: 0, desired: code, ordering: .relaxed)
                }
                return
            }
            offset += n
        }
    }

    /// A monotonic clock in nanoseconds.
    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#elseif canImport(Darwin)
    private let systemWrite = Darwin.write
#endif

/// Collects everything written, for tests and for `.output FILE` (written atomically when closed).
public final class StringOutput: TextOutput {
    /// Everything written so far.
    public private(set) var text = ""

    /// An empty collector.
    public init() {}

    /// Appends `text`.
    public func write(_ text: String) { self.text += text }
}
