extension Shell {
    /// Runs the statements of a script (a file's text, standard input, or `-c` commands), joining continuation
    /// lines; errors name the script and the statement's first line. Stops at `.quit`, and at the first failure
    /// when `.bail` is on.
    ///
    /// Ctrl-C stops the script between statements (or inside a long one): it says `interrupted` and returns
    /// `.interrupted`, whatever `.bail` says. The statements completed before stay done; a `.fill` the script started
    /// ends there. A script run from outside another first forgets any pending Ctrl-C.
    ///
    /// Returns `.failed` when a statement failed, `.rulesFailing` when a `.check` found failing error rules (and
    /// nothing failed), `.quit` when the script quit, `.interrupted` when Ctrl-C stopped it, else `.ok`.
    @discardableResult
    ///
    /// The expectation lines of a self-checking script (`--> …`, `--! …`; see ``ScriptTest``) are left out: they are
    /// neither echoed nor taken as `.fill` answers, and the other lines keep their numbers.
    public func run(script text: String, name: String?) -> ShellStatus {
        run(numberedLines: Shell.scriptLines(text), name: name)
    }

    /// The lines of a script with their numbers, expectation lines left out (see ``lines(ofScript:)``).
    static func scriptLines(_ text: String) -> [(number: Int, text: String)] {
        let lines = lineSlices(ofScript: text)
        var numbered: [(number: Int, text: String)] = []
        numbered.reserveCapacity(lines.count)
        for (index, slice) in lines.enumerated() {
            let line = String(slice)
            if ScriptTest.expectation(line) == nil { numbered.append((index + 1, line)) }
        }
        return numbered
    }

    /// The lines of a script: they end at every line feed (a CRLF line keeps its carriage return, which is dropped
    /// when it runs); the final line feed ends the last line and starts no new one.
    static func lines(ofScript text: String) -> [String] {
        lineSlices(ofScript: text).map(String.init)
    }

    /// ``lines(ofScript:)`` as slices of the text.
    private static func lineSlices(ofScript text: String) -> [Substring] {
        var lines = text.lines(cuttingCRLF: true)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Runs statements given line by line (see `run(script:name:)`).
    @discardableResult
    public func run(lines: [String], name: String?) -> ShellStatus {
        run(numberedLines: lines.enumerated().map { ($0.offset + 1, $0.element) }, name: name)
    }

    /// Runs statements given line by line with their line numbers in the script (`gongkai test` leaves out the
    /// expectation lines, and the numbers stay those of the file).
    @discardableResult
    func run(numberedLines lines: [(number: Int, text: String)], name: String?) -> ShellStatus {
        if scriptDepth == 0 { interruption.clear() }
        scriptDepth += 1
        // The script's output and journal lines go out in blocks, not two system calls per statement (``writeHeld``).
        // Only for a file descriptor: an output in memory (a test's, `.output FILE`) has no system calls to save.
        let outermost = !standardOutput.holding && standardOutput.target is FileDescriptorOutput
        if outermost { standardOutput.holding = true }
        defer {
            if outermost {
                writeHeld()
                standardOutput.holding = false
            }
            scriptDepth -= 1
        }
        var buffer = StatementBuffer()
        var firstLine = 1
        var failed = false
        var rulesFailing = false
        func step(_ statement: String, line: Int) -> ShellStatus? {
            if takeInterrupt() { return .interrupted }
            location = SourceLocation(file: name, line: line)
            let status = execute(statement: statement)
            if standardOutput.heldCount >= Shell.heldBlock || ContinuousClock.now - heldWritten >= Shell.heldInterval {
                writeHeld()
            }
            switch status {
            case .ok: return nil
            case .quit: return .quit
            case .interrupted: return .interrupted
            case .failed:
                failed = true
                return options.bail ? .failed : nil
            case .rulesFailing:
                rulesFailing = true
                return options.bail ? .rulesFailing : nil
            }
        }
        for (number, rawLine) in lines {
            let line = rawLine.hasLastCharacter("\r") ? String(rawLine.dropLast()) : rawLine
            if buffer.isEmpty { firstLine = number }
            // `.fill` answers are taken line by line, as typed.
            let statement: String?
            if fill != nil && buffer.isEmpty {
                statement = line
            } else {
                statement = buffer.append(line)
            }
            guard let statement else { continue }
            if let stop = step(statement, line: firstLine) { return stopped(stop) }
        }
        if let statement = buffer.flush() {
            // A statement left open at the end still runs, so that its error is reported where it starts.
            if let stop = step(statement, line: firstLine) { return stopped(stop) }
        }
        // Ctrl-C during the last statement still ends the script as interrupted.
        if takeInterrupt() { return stopped(.interrupted) }
        if fill != nil { finishFill(stopped: false) }
        return failed ? .failed : rulesFailing ? .rulesFailing : .ok
    }

    /// Writes what a script holds: its journal lines first, then its output, so that no statement whose output was
    /// shown is missing from the journal (a kill may leave statements journaled whose output was not yet shown, never
    /// the reverse). Standard error calls it before it writes, so the two streams interleave in order.
    func writeHeld() {
        guard !writingHeld else { return }
        writingHeld = true
        defer { writingHeld = false }
        if let writer = journal.writer {
            do {
                try writer.writeHeld()
            } catch {
                journalFailed(error)
            }
        }
        standardOutput.writeHeld()
        heldWritten = ContinuousClock.now
    }

    /// A script writes what it holds once this many bytes of output are held …
    static let heldBlock = 64 * 1024
    /// … or this long passed since it last did (its output still flows to `tail -f`).
    static let heldInterval = Duration.milliseconds(50)

    /// Ends a script stopped early: a `.fill` it left open after Ctrl-C is ended, its answers so far kept.
    private func stopped(_ status: ShellStatus) -> ShellStatus {
        if status == .interrupted, fill != nil { finishFill(stopped: true) }
        return status
    }

    /// The process exit code for what the session did: 130 when Ctrl-C stopped it, 2 when a file was refused (even if
    /// statements failed after it), 1 when a statement failed, 3 when a `.check` found failing error rules, 4 when it found cells missing or rules incomplete
    /// (unless `allowIncomplete`), else 0.
    public var exitCode: Int32 {
        if wasInterrupted { return 130 }
        if anyRefused { return 2 }
        if anyFailed { return 1 }
        if anyRulesFailing { return 3 }
        return anyIncomplete && !options.allowIncomplete ? 4 : 0
    }
}
