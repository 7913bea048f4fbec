import GongkaiIO

extension Shell {
    /// `.record FILE`: writes the session so far as a self-checking script (see ``ScriptTest``): every statement
    /// with what it printed as its expectations, so that `gongkai test FILE` replays and checks it. Files loaded
    /// from the command line appear as `.load` lines; earlier `.record`s are left out.
    func recordCommand(_ arguments: String) throws -> ShellStatus {
        let words = ArgumentWords.split(arguments)
        guard words.count == 1, let file = words.first else { throw ShellError("usage: .record FILE") }
        guard !record.overflowed else {
            throw ShellError("the session printed more than \(record.limitDescription): too much to record")
        }
        // The last entry is this `.record` itself.
        let entries = record.entries.dropLast().filter { entry in
            if case .command(let name, _) = Statement(entry.statement), name == "record" { return false }
            return true
        }
        try inputs.checkOutput(path(file), shownAs: file)
        try AtomicFile.write(ScriptTest.script(from: entries), toPath: path(file), shownAs: file)
        let count = entries.filter { if case .empty = Statement($0.statement) { false } else { true } }.count
        output.line("recorded \(count) statement\(count == 1 ? "" : "s") to \(file.replacingNewlines())")
        return .ok
    }
}

extension ArgumentWords {
    /// A word as a dot-command argument: quoted when it holds blanks or quotes (`"my report.txt"`).
    static func quoted(_ word: String) -> String {
        guard word.isEmpty || word.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "'" }) else { return word }
        return word.contains("\"") ? "'" + word + "'" : "\"" + word + "\""
    }
}
