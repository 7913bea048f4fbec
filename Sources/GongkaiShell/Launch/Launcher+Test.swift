import GongkaiIO

extension Launcher {
    /// `gongkai test FILE… [--update]`: runs each self-checking script (``ScriptTest``) in a fresh session and
    /// compares what every statement printed with the expectations written in it.
    ///
    /// Prints `ok FILE (N statements)` for a script that passes; for one that does not, each differing statement
    /// with its file and line and a unified diff, then `FAILED FILE: K of N statements differ`. Exit code 0 when
    /// every script passes, 1 when one fails, 2 when a script cannot be read, 130 on Ctrl-C. `--update` rewrites
    /// each script with the output it printed as its expectations instead (atomically). `directory` is where
    /// relative names (of the scripts and in them) are taken from; nil is the working directory.
    public static func test(files: [String], update: Bool, directory: String? = nil, context: LaunchContext) -> Int32 {
        guard !files.isEmpty else {
            context.errors.line("Error: gongkai test needs at least one FILE")
            return 2
        }
        context.interruption.listen()
        let options = ShellOptions(directory: directory)
        func freshShell() -> Shell {
            Shell(output: StringOutput(), errors: StringOutput(), options: options, interruption: context.interruption)
        }
        func resolved(_ name: String) -> String {
            guard let directory, !name.hasPrefix("/") else { return name }
            return directory + "/" + name
        }
        var code: Int32 = 0
        for file in files {
            let text: String
            do {
                text = try FileAccess.readText(resolved(file))
            } catch {
                context.errors.line("Error: \(error)")
                code = 2
                continue
            }
            // The session's own output is compared, not shown.
            var shell = freshShell()
            var result = ScriptTest.run(text, name: file, in: shell)
            if shell.wasInterrupted { return 130 }
            if update {
                // Inserted expectation lines move the statements below them, and errors name their lines: run again
                // until the script reproduces itself (the second pass settles it).
                for _ in 0..<3 where result.updated != text {
                    let again = result.updated
                    shell = freshShell()
                    let next = ScriptTest.run(again, name: file, in: shell)
                    if shell.wasInterrupted { return 130 }
                    if next.updated == again { break }
                    result = next
                }
                do {
                    try AtomicFile.write(result.updated, toPath: resolved(file), shownAs: file)
                    context.output.line("updated \(file) (\(result.statements) statements)")
                } catch {
                    context.errors.line("Error: \(error)")
                    code = 2
                }
                continue
            }
            for line in result.report { context.output.line(line) }
            if result.failures == 0 {
                context.output.line("ok \(file) (\(result.statements) statements)")
            } else {
                context.output.line(
                    "FAILED \(file): \(result.failures) of \(result.statements) statements differ")
                code = max(code, 1)
            }
        }
        return code
    }
}
