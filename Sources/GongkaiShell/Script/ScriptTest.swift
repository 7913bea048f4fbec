/// A self-checking script, run by `gongkai test FILE…` and written by `.record FILE`.
///
/// It is an ordinary script (`gongkai run` runs it as is) whose expected output is written under each statement, in
/// comment lines that the shell ignores:
///
/// ```
/// .load examples/上犹县政府办-2023.txt as sy
/// --> loaded examples/上犹县政府办-2023.txt as sy: 200 of 200 cells, 6 texts; 43 of 43 rules hold
/// t3.new.natural = 8
/// --> t3.new.natural  7 → 8
/// --> t3.balance.natural  broke: imbalance +1 (error)
/// --> t3.rowsum.new       broke: imbalance -1 (error)
/// t3.nw.natural = 1
/// --! Error near line 7 in check.gongkai: unknown name ‘t3.nw.natural’; did you mean ‘t3.new.natural’?
/// ```
///
/// * `--> TEXT` is a line of standard output, `--! TEXT` a line of standard error (`-->` or `--!` alone: an empty
///   line), in the order printed. They belong to the statement above them (comment lines in between are skipped).
/// * Every statement is checked: one without expectation lines must print nothing. Trailing blanks are ignored.
/// * An expected `--! Error: …` (no place) matches the error with any place (`Error near line 7 in f: …`), so that
///   a session typed at the prompt and saved by `.record` checks the same when run as a script.
/// * A statement's echo (`.echo on`) is not its output: the statement is in the script already.
/// * Each script runs in a fresh session, 80 columns, no colour, without `~/.gongkairc`; relative file names are
///   taken from the working directory, as for `gongkai run`. Errors name the script by its file name alone
///   (`Error near line 7 in check.gongkai: …`), so the script checks the same from any directory.
///
/// A statement whose output differs is reported with its file and line and a unified diff of expected (`---`) and
/// actual (`+++`) output, in the script's own `-->`/`--!` form, so that a right output can be pasted back.
struct ScriptTest {
    /// The marker of an expected line of standard output.
    static let outputMarker = "-->"
    /// The marker of an expected line of standard error.
    static let errorMarker = "--!"

    /// What running a script found.
    struct Result {
        /// Statements run (comments and blank lines not counted).
        var statements = 0
        /// Statements whose output differs, or expectations no statement ran for.
        var failures = 0
        /// The report: per failure its place and a unified diff.
        var report: [String] = []
        /// The script with every expectation replaced by what was printed (`gongkai test --update`).
        var updated = ""
    }

    /// An expectation line: its stream and text, or nil for a line of the script proper.
    static func expectation(_ line: String) -> (stream: SessionRecord.Stream, text: String)? {
        // Most lines of a long script are not: its first byte after blanks tells, before any Character work.
        guard line.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) == UInt8(ascii: "-")
        else { return nil }
        let line = line.hasSuffix("\r") ? String(line.dropLast()) : line
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        for (marker, stream) in [(outputMarker, SessionRecord.Stream.output), (errorMarker, .errors)]
        where trimmed.hasPrefix(marker) {
            var text = trimmed.dropFirst(marker.count)
            if text.first == " " { text = text.dropFirst() }
            return (stream, String(text))
        }
        return nil
    }

    /// One line of output in the script's form: `--> text`, `--! text`, `-->` for an empty line.
    static func rendered(_ stream: SessionRecord.Stream, _ text: String) -> String {
        let marker = stream == .output ? outputMarker : errorMarker
        let text = text.trimmingTrailingBlanks()
        return text.isEmpty ? marker : marker + " " + text
    }

    /// An error line without its place: `Error near line 7 in f.gongkai: …` → `Error: …`; other lines as they are.
    static func withoutPlace(_ line: String) -> String {
        let prefix = errorMarker + " Error"
        guard line.hasPrefix(prefix + " near line ") || line.hasPrefix(prefix + " in command "),
            let colon = line.range(of: ": ")
        else { return line }
        return prefix + ": " + line[colon.upperBound...]
    }

    /// Whether `actual` is what `expected` asks for (an expected error without a place matches any place).
    static func matches(expected: [String], actual: [String]) -> Bool {
        expected.count == actual.count
            && zip(expected, actual).allSatisfy { $0 == $1 || ($0 == withoutPlace($0) && $0 == withoutPlace($1)) }
    }

    /// Whether a script line is a comment (which no expectation belongs to).
    private static func isComment(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.hasPrefix("--") || trimmed.hasPrefix("#")
    }

    /// Runs `text` (the script `name`) in `shell`, a fresh session, and compares what each statement printed with
    /// what the script expects.
    static func run(_ text: String, name: String, in shell: Shell) -> Result {
        let lines = Shell.lines(ofScript: text)
        var code: [(number: Int, text: String)] = []
        // Expected lines by the script line of the statement they belong to (0: before any statement).
        var expected: [Int: [String]] = [:]
        var owner = 0
        for (index, line) in lines.enumerated() {
            let number = index + 1
            if let (stream, text) = expectation(line) {
                expected[owner, default: []].append(rendered(stream, text))
            } else {
                code.append((number, line))
                if !isComment(line) { owner = number }
            }
        }
        shell.record.clear()
        let fileName = name.split(separator: "/").last.map(String.init) ?? name
        shell.run(numberedLines: code, name: fileName)
        do {
            try shell.closeRedirection()
        } catch {
            shell.errors.line("Error: \(error)")
        }
        let entries = shell.record.entries
        var result = Result()
        if shell.record.overflowed {
            result.failures = 1
            result.report = ["\(name): printed more than \(shell.record.limitDescription): too much to check"]
            result.updated = text
            return result
        }
        // The statement (entry) each script line belongs to: the last one starting at or before it.
        let starts = entries.compactMap(\.line)
        func entryIndex(containing line: Int) -> Int? {
            var low = 0
            var high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] <= line { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? nil : low - 1
        }
        var expectedByEntry: [Int: [String]] = [:]
        for (line, texts) in expected.sorted(by: { $0.key < $1.key }) {
            guard line > 0, let index = entryIndex(containing: line) else {
                result.failures += 1
                result.report.append(
                    "\(name):\(line == 0 ? 1 : line): expected output, but no statement ran here")
                result.report += texts.map { "  " + $0 }
                continue
            }
            expectedByEntry[index, default: []] += texts
        }
        var actualByEntry: [[String]] = []
        for (index, entry) in entries.enumerated() {
            let actual = entry.lines.map { rendered($0.stream, $0.text) }
            actualByEntry.append(actual)
            if case .empty = Statement(entry.statement) {} else { result.statements += 1 }
            let wanted = expectedByEntry[index] ?? []
            guard !matches(expected: wanted, actual: actual) else { continue }
            result.failures += 1
            let first = entry.statement.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
            result.report.append("\(name):\(entry.line ?? 0): \(first)")
            result.report += UnifiedDiff.render(expected: wanted, actual: actual, from: "expected", to: "actual")
        }
        // Expectations of statements that did not run (after `.quit`, or `--bail`) are failures too.
        let ran = Set(entries.indices)
        for index in expectedByEntry.keys.sorted() where !ran.contains(index) {
            result.failures += 1
            result.report.append("\(name): expected output of a statement that did not run")
        }
        result.updated = updated(lines: lines, code: code, entries: entries, actual: actualByEntry)
        return result
    }

    /// The script with each statement followed by what it printed, the old expectation lines gone.
    private static func updated(
        lines: [String], code: [(number: Int, text: String)], entries: [SessionRecord.Entry], actual: [[String]]
    ) -> String {
        // The last script line of each statement (continuation lines included), keyed to its output.
        var outputAfter: [Int: [String]] = [:]
        var position: [Int: Int] = [:]
        for (index, line) in code.enumerated() { position[line.number] = index }
        for (index, entry) in entries.enumerated() {
            guard let first = entry.line, let start = position[first], !actual[index].isEmpty else { continue }
            let extra = entry.statement.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            let last = code[min(start + extra, code.count - 1)].number
            outputAfter[last, default: []] += actual[index]
        }
        var out: [String] = []
        for (index, line) in lines.enumerated() {
            if expectation(line) != nil { continue }
            out.append(line)
            out += outputAfter[index + 1] ?? []
        }
        return out.map { $0 + "\n" }.joined()
    }

    /// A recorded session as a self-checking script: each statement (continuation lines marked with `\` where a
    /// parenthesis does not carry them) followed by its output.
    static func script(from entries: some Sequence<SessionRecord.Entry>) -> String {
        var out = "-- Recorded by gongkai .record; check it with: gongkai test FILE\n"
        for entry in entries {
            let lines = entry.statement.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var sofar = ""
            for (n, line) in lines.enumerated() {
                sofar += (n == 0 ? "" : "\n") + line
                let continues = n + 1 < lines.count && StatementBuffer.openParentheses(in: sofar) <= 0
                out += line + (continues ? "\\" : "") + "\n"
            }
            // Errors without their place: the recorded script checks the same wherever it is run from.
            for line in entry.lines { out += withoutPlace(rendered(line.stream, line.text)) + "\n" }
        }
        return out
    }
}
