extension Shell {
    /// A dot-command typed while `.fill` asks for a cell (`.save`, `.undo`, `.show t4`, `.help`, …) runs as a
    /// command, not as an answer; then the same cell is asked again. `.quit` (and `.quit!`) ends the entry
    /// (answers kept) and quits; `.fill` is refused while one is in progress. Returns nil for an answer: a value, a blank line, `.`
    /// (stop), or a dot followed by a digit (`.5` is the number 0.5).
    func commandDuringFill(_ text: String) throws -> ShellStatus? {
        guard case .command(let name, let arguments) = Statement(text), let first = name.unicodeScalars.first,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return nil }
        if let command = ShellCommand.named(name), command.name.hasPrefix("quit") {
            finishFill(stopped: true)
            return try command.run(self, arguments)
        }
        // Whatever the command does (or however it fails: the error is said first), the entry goes on at the same
        // cell. Ctrl-C is not caught: it ends the script or the entry as always.
        let status: ShellStatus
        do {
            if name == "fill" { throw ShellError("a .fill is in progress: answer it, or type . to stop it first") }
            status = try runCommand(name, arguments)
        } catch let error as ShellError {
            report(error, statement: text)
            status = .failed
        } catch is Interrupted {
            throw Interrupted()
        } catch {
            report(ShellError("\(error)"), statement: text)
            status = .failed
        }
        if fill != nil { askFill() }
        return status
    }
}
