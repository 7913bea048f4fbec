import Foundation

/// Runs an external tool as a child process, with a time limit: arguments are passed as they are (never through a
/// shell), standard input is empty, standard output and error are read concurrently so a full pipe cannot block it.
enum ChildProcess {
    /// How a run ended.
    struct Result {
        var status: Int32
        var output: [UInt8]
        var error: [UInt8]
        /// Wall-clock time from launch to exit, in seconds.
        var seconds: Double
    }

    /// Why a run did not end with an exit status.
    enum Failure: Error {
        /// The executable could not be started.
        case launch(String)
        /// It was still running after the time limit; it has been terminated.
        case timedOut(seconds: Double)
    }

    /// The full path of `name` on `PATH` (or in `searchPath`, colon-separated), if an executable is there.
    static func locate(_ name: String, searchPath: String? = nil) -> String? {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs `executable` with `arguments`; after `timeout` seconds the child is terminated and `.timedOut` thrown.
    static func run(_ executable: String, _ arguments: [String], timeout: Double) throws(Failure) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let started = DispatchTime.now()
        do {
            try process.run()
        } catch {
            throw .launch(error.localizedDescription)
        }
        let out = Drain(output.fileHandleForReading)
        let err = Drain(error.fileHandleForReading)
        if exited.wait(timeout: started + timeout) == .timedOut {
            process.terminate()
            // A child that ignores SIGTERM is killed.
            if exited.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
            // The pipes are not waited for: a grandchild may still hold them open; their threads end when it does.
            throw .timedOut(seconds: timeout)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return Result(status: process.terminationStatus, output: out.bytes(), error: err.bytes(), seconds: seconds)
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class Drain: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        /// Everything read, once the writer closed the pipe (the child exited, or was killed).
        func bytes() -> [UInt8] {
            done.wait()
            return [UInt8](data)
        }
    }
}
