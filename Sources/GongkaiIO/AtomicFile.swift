import Foundation

/// Writes files all or nothing: the bytes go to a temporary file in the destination's directory, are flushed to
/// disk, and the temporary file is renamed over the destination. A reader sees the old file or the new one, never a
/// half-written one; a failure leaves the old file as it was and removes the temporary file.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct WriteError: Error, CustomStringConvertible {
        /// The destination path.
        public let path: String
        /// What went wrong, as the system said it.
        public let reason: String

        /// `cannot write PATH: REASON`
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes bytes to a file atomically, replacing it if it exists (a symbolic link is replaced, not followed).
    public static func write(_ data: Data, to url: URL) throws {
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        // A replaced file keeps its permissions (a 0600 export stays private).
        let permissions = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions]
        let attributes = permissions.map { [FileAttributeKey.posixPermissions: $0] }
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: attributes) else {
            throw WriteError(path: url.path, reason: "cannot create a temporary file in \(directory.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: url.path, reason: "\(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw WriteError(path: url.path, reason: reason)
        }
    }

    /// Writes text as UTF-8 atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
