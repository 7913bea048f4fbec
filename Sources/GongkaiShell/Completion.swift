import GongkaiCore

/// What one argument of a dot-command expects, so that TAB offers the right kind of word.
public enum CompletionArgument: Sendable, Hashable {
    /// A file path (`.load FILE`).
    case path
    /// A cell, text cell, user-defined or report-qualified name.
    case names
    /// A rule name (`t3.balance.natural`).
    case rules
    /// A loaded report's name.
    case reports
    /// A dot-command (`.help .load`).
    case commands
    /// One of a fixed set of words (`.export csv`).
    case words([String])
    /// After `.drop rule`, a rule; after `.drop name`, a name the user defined.
    case dropped
}

/// Everything TAB may offer at a given moment: the shell builds one on every TAB press from its current state.
public struct CompletionCandidates {
    /// Dot-commands, with their dot: `.load`.
    public var commands: [String]
    /// What each argument of a command expects, by position; arguments past the list expect `.names`.
    public var arguments: [String: [CompletionArgument]]
    /// Names of the current report, unqualified: template cells, text cells, user-defined names.
    public var names: [String]
    /// The loaded reports' names, sorted.
    public var reports: [String]
    /// Whether a report of that name is loaded.
    public var hasReport: (String) -> Bool
    /// The names of one loaded report, asked only for the report a qualified word starts with
    /// (`sy2023.t3.total.total`), so that a press of TAB costs the same with ten thousand reports as with one.
    public var namesOfReport: (String) -> [String]
    /// Rule names: the official equalities and user rules.
    public var ruleNames: [String]
    /// Names the user defined in the current report (`let rate = …`), for `.drop name`.
    public var definedNames: [String] = []
    /// Formula functions (`sum`), offered where a name is expected.
    public var functions: [String]

    /// Candidates for a session whose reports' names are looked up on demand; `reports` is sorted.
    public init(
        commands: [String], arguments: [String: [CompletionArgument]], names: [String], reports: [String],
        hasReport: @escaping (String) -> Bool, namesOfReport: @escaping (String) -> [String], ruleNames: [String],
        functions: [String]
    ) {
        self.commands = commands
        self.arguments = arguments
        self.names = names
        self.reports = reports
        self.hasReport = hasReport
        self.namesOfReport = namesOfReport
        self.ruleNames = ruleNames
        self.functions = functions
    }

    /// Candidates for a session; every set defaults to empty except the file-taking commands' arguments.
    public init(
        commands: [String] = [], arguments: [String: [CompletionArgument]] = CompletionCandidates.fileArguments,
        names: [String] = [], reportNames: [String: [String]] = [:], ruleNames: [String] = [],
        functions: [String] = []
    ) {
        self.commands = commands
        self.arguments = arguments
        self.names = names
        self.reports = reportNames.keys.sorted()
        self.hasReport = { reportNames[$0] != nil }
        self.namesOfReport = { reportNames[$0] ?? [] }
        self.ruleNames = ruleNames
        self.functions = functions
    }

    /// The commands whose arguments are files: `.load FILE`, `.read FILE`, `.save FILE`, `.export FORMAT FILE`.
    public static let fileArguments: [String: [CompletionArgument]] = [
        ".load": [.path], ".read": [.path], ".save": [.path],
        ".export": [.words(["csv", "latex", "markdown", "html"]), .path],
    ]

    /// The names of a template's numeric and text cells, in official order: the base of `names`.
    public static func cellNames(of template: ReportTemplate) -> [String] {
        template.cells.map(\.name) + template.textCells.map(\.name)
    }
}

/// An entry of a directory, as path completion sees it.
public struct DirectoryEntry: Sendable, Hashable {
    public let name: String
    public let isDirectory: Bool

    public init(_ name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

/// The outcome of one TAB press: the word being completed and its possible completions.
public struct CompletionResult: Sendable, Equatable {
    /// The word before the cursor that the matches replace (`t3.res`, `examples/上`).
    public let word: String
    /// Each a full replacement for `word`, deduplicated, in candidate order.
    public let matches: [String]

    /// Whether accepting a single match should add a space after it: not after a name segment (`t3.result.`) or a
    /// directory (`examples/`), where the user goes on typing.
    public static func appendsSpace(after match: String) -> Bool {
        !(match.hasSuffix(".") || match.hasSuffix("/"))
    }

    /// The matches as replacements for `typed`, the shorter word the line editor cut at its own break characters
    /// (`2023` of `examples/上犹县政府办-2023`): each match minus the part of `word` before `typed`.
    ///
    /// Nil when `typed` is not a suffix of `word`, so the two cannot be reconciled.
    public func replacements(forTyped typed: String) -> [String]? {
        let wordScalars = Array(word.unicodeScalars)
        let typedScalars = Array(typed.unicodeScalars)
        guard typedScalars.count <= wordScalars.count,
            wordScalars.suffix(typedScalars.count).elementsEqual(typedScalars)
        else { return nil }
        let cut = wordScalars.count - typedScalars.count
        return matches.map { String(scalars: $0.unicodeScalars.dropFirst(cut)) }
    }
}

/// TAB completion as a pure function of the line before the cursor and the candidate sets.
///
/// Names complete one dotted segment at a time: `t3.res` → `t3.result.`, then `t3.result.gr` → `t3.result.granted.`.
/// After a file-taking command the word is a path, completed from `listDirectory`.
public struct Completer {
    /// Characters that end a name: whitespace, quotes and operators, but not `.`, so that dotted names stay one word.
    /// The line reader gives libedit the same set (`rl_basic_word_break_characters`).
    public static let wordBreakCharacters = " \t\n\"\\'`@$><=;|&{(,+-*/)!:"

    public let candidates: CompletionCandidates
    /// Lists a directory (`""` means the working directory); nil when it cannot be read.
    public let listDirectory: @Sendable (String) -> [DirectoryEntry]?

    /// A completer over `candidates`, reading directories with `listDirectory`.
    public init(
        candidates: CompletionCandidates,
        listDirectory: @escaping @Sendable (String) -> [DirectoryEntry]? = { _ in nil }
    ) {
        self.candidates = candidates
        self.listDirectory = listDirectory
    }

    /// The completions for the word that ends `lineBeforeCursor`.
    public func complete(_ lineBeforeCursor: String) -> CompletionResult {
        let tokens = lineBeforeCursor.split(whereSeparator: \.isWhitespace)
        let endsInSpace = lineBeforeCursor.last?.isWhitespace ?? true
        let token = endsInSpace ? "" : String(tokens.last ?? "")
        let position = endsInSpace ? tokens.count : tokens.count - 1
        let command = tokens.first.map(String.init) ?? ""

        let kind: CompletionArgument
        if position == 0 && token.hasPrefix(".") {
            kind = .commands
        } else if position > 0 && command.hasPrefix(".") {
            let expected = candidates.arguments[command] ?? []
            kind = position - 1 < expected.count ? expected[position - 1] : .names
        } else {
            kind = .names
        }

        switch kind {
        case .path:
            return CompletionResult(word: token, matches: paths(completing: token))
        case .commands:
            return CompletionResult(word: token, matches: Self.prefixMatches(token, in: candidates.commands))
        case .reports:
            return CompletionResult(
                word: token, matches: Self.prefixMatches(token, in: candidates.reports))
        case .words(let words):
            return CompletionResult(word: token, matches: Self.prefixMatches(token, in: words))
        case .rules:
            let word = Self.lastWord(of: token)
            return CompletionResult(word: word, matches: Self.segmentMatches(word, in: candidates.ruleNames))
        case .dropped:
            let word = Self.lastWord(of: token)
            let words = lineBeforeCursor.split(whereSeparator: \.isWhitespace)
            let pool =
                words.count >= 2 && words[words.count - (token.isEmpty ? 1 : 2)] == "name"
                ? candidates.definedNames : candidates.ruleNames
            return CompletionResult(word: word, matches: Self.segmentMatches(word, in: pool))
        case .names:
            let word = Self.lastWord(of: token)
            // Qualified names only of the report the word names; otherwise the reports themselves, as `report.`.
            var qualified: [String] = []
            if let dot = word.firstIndex(of: ".") {
                let report = String(word[..<dot])
                if candidates.hasReport(report) {
                    qualified = candidates.namesOfReport(report).map { "\(report).\($0)" }
                }
            } else if !word.isEmpty {
                // Only the reports the word begins (a TAB costs the same with ten thousand reports as with ten).
                qualified = Self.sortedPrefixRange(word, in: candidates.reports).map { $0 + ".*" }
            }
            let pool = candidates.names + qualified + candidates.functions
            return CompletionResult(word: word, matches: Self.segmentMatches(word, in: pool))
        }
    }

    /// The part of a token after its last word-break character: `自然人+t3.to` → `t3.to`.
    static func lastWord(of token: String) -> String {
        guard let cut = token.lastIndex(where: { wordBreakCharacters.contains($0) }) else { return token }
        return String(token[token.index(after: cut)...])
    }

    /// Candidates starting with `word`, each cut after the first `.` beyond the word: one dotted segment at a time.
    /// The names of a sorted list that start with `prefix`, found by binary search (a bounded slice, not a scan).
    static func sortedPrefixRange(_ prefix: String, in sorted: [String]) -> ArraySlice<String> {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < prefix { low = mid + 1 } else { high = mid }
        }
        var end = low
        while end < sorted.count, sorted[end].hasPrefix(prefix), end - low < 200 { end += 1 }
        return sorted[low..<end]
    }

    static func segmentMatches(_ word: String, in pool: [String]) -> [String] {
        var seen: Set<String> = []
        var matches: [String] = []
        for candidate in pool where candidate.hasPrefix(word) {
            let rest = candidate.dropFirst(word.count)
            let match = rest.firstIndex(of: ".").map { word + rest[...$0] } ?? candidate
            if seen.insert(match).inserted { matches.append(match) }
        }
        return matches
    }

    /// Candidates starting with `word`, deduplicated in order.
    static func prefixMatches(_ word: String, in pool: [String]) -> [String] {
        var seen: Set<String> = []
        return pool.filter { $0.hasPrefix(word) && seen.insert($0).inserted }
    }

    /// Entries of the token's directory whose name extends its last component; directories end in `/`.
    func paths(completing token: String) -> [String] {
        let directory = token.lastIndex(of: "/").map { String(token[...$0]) } ?? ""
        let stem = String(token.dropFirst(directory.count))
        guard let entries = listDirectory(directory) else { return [] }
        return
            entries
            .filter { $0.name.hasPrefix(stem) && (stem.hasPrefix(".") || !$0.name.hasPrefix(".")) }
            .sorted { $0.name < $1.name }
            .map { directory + $0.name + ($0.isDirectory ? "/" : "") }
    }
}

/// The longest common prefix of some strings, by whole `Character`s: never a partial UTF-8 sequence, unlike libedit's
/// byte-wise one, which erases the word when `申请新增` and `申请文书` share only the first bytes of 新 and 文.
public func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first else { return "" }
    for word in words.dropFirst() {
        prefix = String(zip(prefix, word).prefix(while: ==).map(\.0))
    }
    return prefix
}
