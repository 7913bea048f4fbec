/// A dot-command: its name, one-line summary, syntax, details and an example, and what it does.
///
/// Every command is listed once in ``ShellCommand/all``; `.help`, completion and the command reference derive from it.
struct ShellCommand: Sendable {
    /// The name without the dot (`show`).
    let name: String
    /// Other names that run the same command (`exit` for `quit`).
    var aliases: [String] = []
    /// The syntax after the name (`[t2|t3|t4|ROW|COLUMN|PATTERN]`).
    let syntax: String
    /// One line for `.help`.
    let summary: String
    /// A paragraph for `.help NAME`.
    let details: String
    /// Example lines, as typed.
    let examples: [String]
    /// Words completed after the command (table ids, `on`/`off`, formats); cell names are completed separately.
    var argumentWords: [String] = []
    /// Runs the command with its raw argument text.
    let run: @Sendable (Shell, String) throws -> ShellStatus

    /// `.show [t2|t3|t4|ROW|COLUMN|PATTERN]`
    var usage: String { "." + name + (syntax.isEmpty ? "" : " " + syntax) }

    /// The command called `name` (or one of its aliases).
    static func named(_ name: String) -> ShellCommand? {
        all.first { $0.name == name || $0.aliases.contains(name) }
    }
}

/// What executing a statement came to.
public enum ShellStatus: Sendable, Equatable {
    /// Done.
    case ok
    /// The statement failed; the state is as it was.
    case failed
    /// A `.check` found an error-severity rule failing.
    case rulesFailing
    /// `.quit` / `.exit`.
    case quit
    /// Ctrl-C stopped it (or the script it ran) at a safe point; what completed before stays done.
    case interrupted
}
