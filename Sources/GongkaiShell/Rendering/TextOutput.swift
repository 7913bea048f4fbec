import GongkaiCore
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

    /// Writes the text `text` built, as is: its bytes, where the output takes bytes, without making a `String` of
    /// them (a script statement's change report: the string would be checked for valid UTF-8 again).
    func write(_ text: TextBuilder)
}

extension TextOutput {
    /// Writes `text` followed by a newline.
    func line(_ text: String = "") { write(text + "\n") }

    /// As a `String`, for an output that keeps strings.
    public func write(_ text: TextBuilder) { write(text.text) }
}

/// Writes to a file descriptor (1 = standard output, 2 = standard error), unbuffered, so stdout and stderr interleave
/// in the order the shell produced them.
public final class FileDescriptorOutput: TextOutput, Sendable {
    let descriptor: Int32

    /// Standard output.
    public static let standardOutput = FileDescriptorOutput(descriptor: 1)
    /// Standard error.
    public static let standardError = FileDescriptorOutput(descriptor: 2)

    /// An output writing to `descriptor`, which stays open.
    public init(descriptor: Int32) { self.descriptor = descriptor }

    /// Whether the descriptor is a terminal.
    public var isTerminal: Bool { isatty(descriptor) != 0 }

    /// The `errno` of the first failed write (0 while every write succeeded).
    private let firstFailure = Atomic<Int32>(0)

    /// Why a write failed (`no space left on device` for `> /dev/full`), or nil while every write succeeded. A closed
    /// pipe (`| head`) is not a failure: the reader has all it wanted.
    public var writeFailure: String? {
        let code = firstFailure.load(ordering: .relaxed)
        guard code != 0 else { return nil }
        return strerror(code).map { String(cString: $0).lowercased() } ?? "error \(code)"
    }

    /// Writes all of `text`, retrying after interrupted or partial writes; the first failure is kept for
    /// ``writeFailure`` (the executable turns it into exit code 2).
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// The bytes as they are.
    public func write(_ text: TextBuilder) { text.withBytes { write($0) } }

    private func write(_ buffer: UnsafeRawBufferPointer) {
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
