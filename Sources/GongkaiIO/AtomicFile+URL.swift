import Foundation

extension AtomicFile {
    /// Writes bytes to a file URL (see ``AtomicFile``).
    public static func write(_ data: Data, to url: URL) throws(WriteError) {
        try write([UInt8](data), toPath: url.path)
    }

    /// Writes text as UTF-8 to a file URL (see ``AtomicFile``).
    public static func write(_ text: String, to url: URL) throws(WriteError) {
        try write(text, toPath: url.path)
    }
}
