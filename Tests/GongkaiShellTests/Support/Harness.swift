import Foundation
import GongkaiShell
import Testing

/// Paths and helpers shared by the shell tests. Everything is found from this file's path: no bundle resources.
enum Harness {
    /// The package root (three levels above this file).
    static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// `Tests/Fixtures/transcripts`
    static let transcripts = root + "/Tests/Fixtures/transcripts"

    /// A shell whose output and errors go to one string (in order), resolving file names from the package root.
    static func shell(width: Int = 80) -> (Shell, StringOutput) {
        let out = StringOutput()
        let shell = Shell(output: out, errors: out, options: ShellOptions(width: width, directory: root))
        return (shell, out)
    }

    /// Runs a script file (relative to the package root) in-process; returns the transcript and the exit code.
    static func transcript(of script: String) throws -> (text: String, exitCode: Int32) {
        let (shell, out) = shell()
        let text = try String(contentsOfFile: root + "/" + script, encoding: .utf8)
        shell.run(script: text, name: script)
        try shell.closeRedirection()
        return (out.text, shell.exitCode)
    }

    /// Compares `actual` with the golden file `name` in `Tests/Fixtures/transcripts`; with GONGKAI_UPDATE_GOLDEN=1 the
    /// golden file is (re)written instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let path = transcripts + "/" + name
        if ProcessInfo.processInfo.environment["GONGKAI_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if actual != expected {
            // Point at the first differing line, which says more than two long strings.
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            let got = line < a.count ? String(a[line]) : "(end)"
            let want = line < e.count ? String(e[line]) : "(end)"
            Issue.record(
                "\(name) differs at line \(line + 1):\n  got:  \(got)\n  want: \(want)\n(GONGKAI_UPDATE_GOLDEN=1 rewrites it)",
                sourceLocation: sourceLocation)
        }
    }

    /// A temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "gongkai-shell-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
