import Foundation
import GongkaiCore
import Testing

@testable import GongkaiShell

/// The pure completer: what TAB offers for a line, without a terminal.
@Suite struct InteractiveCompletionTests {
    static let template = ReportTemplate.official2021
    static let names = CompletionCandidates.cellNames(of: template)
    nonisolated(unsafe) static let candidates = CompletionCandidates(
        commands: [".load", ".list", ".save", ".export", ".quit", ".check"],
        arguments: CompletionCandidates.fileArguments.merging([".check": [.rules], ".use": [.reports]]) { $1 },
        names: names + ["自然人比例", "rate"],
        reportNames: ["sy2023": names, "sy2022": names],
        ruleNames: template.equalities.map(\.name),
        functions: ["sum", "round"])
    let completer = Completer(candidates: candidates)

    @Test(
        "dotted cell names complete one segment at a time",
        arguments: [
            ("t3.res", ["t3.result."]),
            ("t3.result.den", ["t3.result.denied."]),
            ("t3.result.denied.se", ["t3.result.denied.secret."]),
            ("t3.result.denied.secret.na", ["t3.result.denied.secret.natural"]),
            ("t3.to", ["t3.total."]),
            ("t3.total.to", ["t3.total.total"]),
            ("t4.suit.d", ["t4.suit.direct."]),
            ("te", ["text."]),
            ("t3.result.denied.secret.natural", ["t3.result.denied.secret.natural"]),
        ])
    func segmentBySegment(word: String, expected: [String]) {
        #expect(completer.complete(word) == CompletionResult(word: word, matches: expected))
    }

    @Test("every template cell is reachable by pressing TAB segment by segment")
    func everyCellReachable() throws {
        for name in Self.names {
            var word = String(name.prefix(1))
            var presses = 0
            while word != name {
                let matches = completer.complete("x = " + word).matches
                let next = try #require(
                    matches.first { name.hasPrefix($0) && $0.count > word.count }, "\(name) at \(word)")
                // A unique continuation is inserted at once; otherwise the user types the next character.
                word = matches.count == 1 ? next : String(name.prefix(word.count + 1))
                presses += 1
                try #require(presses < 80)
            }
        }
    }

    @Test("a segment lists its alternatives: the columns of a row")
    func rowOffersItsColumns() {
        let matches = completer.complete("t3.total.").matches
        let columns = Self.template.cells(ofTable: "t3").filter { $0.rowKey == "total" }.map(\.name)
        #expect(matches == columns)
        #expect(commonPrefix(matches) == "t3.total.")
    }

    @Test("names complete after operators, parentheses and Chinese")
    func afterOperators() {
        #expect(completer.complete("自然人比例+t3.total.l").matches == ["t3.total.legal"])
        #expect(completer.complete("sum(t3.new.to").matches == ["t3.new.total"])
        #expect(completer.complete("x = t3.new.total/t3.carr").matches == ["t3.carried."])
        #expect(completer.complete("自然").matches == ["自然人比例"])
        #expect(completer.complete("ro").matches == ["round"])
    }

    @Test("report-qualified names: the report first, then its cells")
    func qualified() {
        #expect(completer.complete("sy").matches == ["sy2022.", "sy2023."])
        #expect(completer.complete("sy2023.t3.to").matches == ["sy2023.t3.total."])
        #expect(completer.complete("t3.total.total - sy2022.t3.new.na").matches == ["sy2022.t3.new.natural"])
    }

    @Test("dot-commands at the start of a line, their word arguments, rules and reports after them")
    func commands() {
        #expect(completer.complete(".l").matches == [".load", ".list"])
        #expect(completer.complete(".q") == CompletionResult(word: ".q", matches: [".quit"]))
        #expect(completer.complete(".export c").matches == ["csv"])
        #expect(completer.complete(".export ").matches == ["csv", "latex", "markdown", "html"])
        #expect(completer.complete(".check t3.bal").matches == ["t3.balance."])
        #expect(completer.complete(".check t3.balance.na").matches == ["t3.balance.natural"])
        #expect(completer.complete(".use sy2023 ").matches.first == "t2.")  // past the listed arguments: names
        #expect(completer.complete(".use s").matches == ["sy2022", "sy2023"])
        #expect(completer.complete(".zz").matches.isEmpty)
    }

    @Test("file paths after .load, .read, .save and .export FORMAT")
    func paths() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-completion-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("报告"), withIntermediateDirectories: true)
        for file in ["上犹县政府办-2023.txt", "上犹县政府办-2022.txt", "notes.md", ".hidden"] {
            try Data().write(to: directory.appendingPathComponent(file))
        }
        let completer = Completer(candidates: Self.candidates, listDirectory: listDirectoryForCompletion)
        let base = directory.path + "/"
        #expect(
            completer.complete(".load \(base)上").matches
                == ["\(base)上犹县政府办-2022.txt", "\(base)上犹县政府办-2023.txt"])
        #expect(completer.complete(".read \(base)报").matches == ["\(base)报告/"])
        #expect(completer.complete(".save \(base)n").matches == ["\(base)notes.md"])
        #expect(completer.complete(".export csv \(base).h").matches == ["\(base).hidden"])
        #expect(completer.complete(".load \(base)").matches.count == 4)  // hidden files only when asked for
        #expect(completer.complete(".load \(base)missing/x").matches.isEmpty)
        // A path is not a name: no cell names after .load, and no paths where a name is expected.
        #expect(completer.complete(".load t3.to").matches.isEmpty)
        #expect(completer.complete("x = \(base)n").matches.isEmpty)
    }

    @Test("the common prefix is taken by whole Characters: 新 and 文 share two UTF-8 bytes")
    func chineseCommonPrefix() {
        #expect(commonPrefix(["申请新增", "申请文书"]) == "申请")
        #expect(commonPrefix(["本年办结", "本年新收政府信息公开申请数量"]) == "本年")
        #expect(commonPrefix(["t3.total.natural", "t3.total.nonprofit"]) == "t3.total.n")
        #expect(commonPrefix(["自然人"]) == "自然人")
        #expect(commonPrefix([]) == "")
    }

    @Test("matches are cut to the shorter word libedit replaces, which it ends at its own break characters")
    func replacementsForLibedit() {
        let path = CompletionResult(word: "examples/上犹县政府办-20", matches: ["examples/上犹县政府办-2023.txt"])
        #expect(path.replacements(forTyped: "20") == ["2023.txt"])
        #expect(path.replacements(forTyped: "examples/上犹县政府办-20") == ["examples/上犹县政府办-2023.txt"])
        #expect(path.replacements(forTyped: "xx") == nil)
        let name = CompletionResult(word: "t3.res", matches: ["t3.result."])
        #expect(name.replacements(forTyped: "t3.res") == ["t3.result."])
    }

    @Test("no space after a completed segment or directory, one after a complete word")
    func trailingSpace() {
        #expect(!CompletionResult.appendsSpace(after: "t3.result."))
        #expect(!CompletionResult.appendsSpace(after: "examples/"))
        #expect(CompletionResult.appendsSpace(after: "t3.total.natural"))
        #expect(CompletionResult.appendsSpace(after: ".load"))
    }
}
