import Foundation
import GongkaiIO
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Issue 12: the one atomic writer never follows a planted link, keeps permissions, reports every write error and
/// leaves no temporary file behind.
@Suite("Atomic file safety")
struct AtomicFileSafetyTests {
    /// A fresh directory, removed by the caller.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "gongkai-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func contents(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = lstat(path, &info)
        return info.st_mode
    }

    @Test("a symbolic link at the destination is replaced by the file, and what it pointed to is untouched")
    func plantedTargetLink() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "precious".write(toFile: directory + "/victim", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory + "/out.csv", withDestinationPath: "victim")
        try AtomicFile.write("export", toPath: directory + "/out.csv")
        #expect(try String(contentsOfFile: directory + "/victim", encoding: .utf8) == "precious")
        #expect(Self.mode(directory + "/out.csv") & S_IFMT == S_IFREG)
        #expect(try String(contentsOfFile: directory + "/out.csv", encoding: .utf8) == "export")
        #expect(try Self.contents(directory) == ["out.csv", "victim"])
    }

    @Test("links planted at every name a temporary file could take are never opened")
    func plantedTemporaryLinks() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "precious".write(toFile: directory + "/victim", atomically: false, encoding: .utf8)
        // The old predictable names (pid, fixed suffix) and a few random-looking ones: none is followed.
        for name in [".out.csv.tmp", "out.csv.tmp-\(getpid())", "out.csv.\(getpid()).tmp", ".out.csv.0.tmp"] {
            try FileManager.default.createSymbolicLink(atPath: directory + "/" + name, withDestinationPath: "victim")
        }
        let before = try Self.contents(directory)
        try AtomicFile.write("export", toPath: directory + "/out.csv")
        #expect(try String(contentsOfFile: directory + "/victim", encoding: .utf8) == "precious")
        #expect(try Self.contents(directory) == (before + ["out.csv"]).sorted())
    }

    @Test("a 0600 file stays 0600; a new file gets the umask's default")
    func permissions() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/private.gkw"
        try AtomicFile.write("old", toPath: path)
        let mask = umask(0o022)
        umask(mask)
        #expect(Self.mode(path) & 0o777 == 0o666 & ~mask)
        chmod(path, 0o600)
        try AtomicFile.write("new", toPath: path)
        #expect(Self.mode(path) & 0o777 == 0o600)
        chmod(path, 0o640)
        try AtomicFile.write("newer", toPath: path)
        #expect(Self.mode(path) & 0o777 == 0o640)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "newer")
    }

    @Test("/dev/full fails with the system's reason")
    func deviceFull() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let error = try #require(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write(String(repeating: "x", count: 100_000), toPath: "/dev/full", shownAs: "full")
        }
        #expect(error.description == "cannot write full: no space left on device")
        // /dev/null is written directly too, and succeeds.
        try AtomicFile.write("x", toPath: "/dev/null")
    }

    @Test("a FIFO is written directly, not replaced")
    func fifo() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/pipe"
        #expect(mkfifo(path, 0o600) == 0)
        // A reader on the other end, so the open does not block.
        let reader = open(path, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        try AtomicFile.write("through the pipe", toPath: path)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(reader, &buffer, buffer.count)
        #expect(String(decoding: buffer.prefix(max(n, 0)), as: UTF8.self) == "through the pipe")
        #expect(Self.mode(path) & S_IFMT == S_IFIFO)
        #expect(try Self.contents(directory) == ["pipe"])
    }

    @Test("a failed write leaves no temporary file and the old file whole")
    func failedWriteCleansUp() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/out.csv"
        try AtomicFile.write("old", toPath: path)
        #expect(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write(toPath: path) { descriptor in
                _ = Glibc.write(descriptor, "half", 4)
                errno = ENOSPC
                return false
            }
        }
        #expect(try Self.contents(directory) == ["out.csv"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test("a directory is refused, a read-only folder is an error naming the file")
    func refusals() throws {
        let directory = try Self.directory()
        defer {
            chmod(directory + "/locked", 0o755)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let error = try #require(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", toPath: directory) }
        #expect(error.reason == "is a directory")
        try FileManager.default.createDirectory(atPath: directory + "/locked", withIntermediateDirectories: false)
        chmod(directory + "/locked", 0o555)
        guard getuid() != 0 else { return }  // root writes anywhere
        let denied = try #require(throws: AtomicFile.WriteError.self) {
            try AtomicFile.write("x", toPath: directory + "/locked/out.csv", shownAs: "locked/out.csv")
        }
        #expect(denied.description == "cannot write locked/out.csv: permission denied")
        #expect(try Self.contents(directory + "/locked").isEmpty)
    }
}
