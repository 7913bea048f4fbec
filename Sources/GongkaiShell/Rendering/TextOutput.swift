#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A place the shell writes text to: standard output, standard error, a file or a string (tests).
public protocol TextOutput: AnyObject {
    /// Writes `text` as is (no newline added).
    func write(_ text: String)
}

extension TextOutput {
    /// Writes `text` followed by a newline.
    func line(_ text: String = "") { write(text + "\n") }
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

    /// Writes all of `text`, retrying after interrupted or partial writes.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 {
                    if n < 0, errno == EINTR { continue }
                    return  // a closed pipe: nothing sensible left to do with the text
                }
                offset += n
            }
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
