import Foundation
import GongkaiCore
import Testing

@testable import GongkaiShell

/// The bad-input corpus (`Tests/Fixtures/bad-input`, issue 12): statements, damaged report files and damaged workbook
/// files. Each case runs in a shell holding a real report; each gives a one-line message with its location, and a
/// case that fails leaves the workbook's document exactly as it was.
@Suite("Bad-input corpus")
struct BadInputCorpusTests {
    static let folder = Harness.root + "/Tests/Fixtures/bad-input"

    /// The statement cases: the lines of statements.txt that are not comments, with their escapes decoded.
    static let statements: [String] = {
        guard let text = try? String(contentsOfFile: folder + "/statements.txt", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { decode(String($0)) }
    }()

    static func files(_ sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/" + sub)) ?? []).sorted()
    }

    /// `\0` `\t` `\e` `\x7f` and `{N*TEXT}` (TEXT repeated N times).
    static func decode(_ line: String) -> String {
        var out = ""
        var rest = Substring(line)
        while let c = rest.first {
            if c == "\\", rest.count >= 2 {
                let next = rest.dropFirst().first!
                switch next {
                case "0":
                    out.append("\u{0}")
                    rest = rest.dropFirst(2)
                    continue
                case "t":
                    out.append("\t")
                    rest = rest.dropFirst(2)
                    continue
                case "e":
                    out.append("\u{1B}")
                    rest = rest.dropFirst(2)
                    continue
                case "x" where rest.count >= 4:
                    if let v = UInt32(rest.dropFirst(2).prefix(2), radix: 16), let s = Unicode.Scalar(v) {
                        out.unicodeScalars.append(s)
                        rest = rest.dropFirst(4)
                        continue
                    }
                default: break
                }
            }
            if c == "{", let close = rest.firstIndex(of: "}"), let star = rest[..<close].firstIndex(of: "*"),
                let count = Int(rest[rest.index(after: rest.startIndex)..<star])
            {
                out += String(repeating: String(rest[rest.index(after: star)..<close]), count: count)
                rest = rest[rest.index(after: close)...]
                continue
            }
            out.append(c)
            rest = rest.dropFirst()
        }
        return out
    }

    /// A shell holding 淮安市-2024.txt as `ha`, and a collector of its error output.
    static func shell(withReport: Bool = true) -> (Shell, StringOutput, StringOutput) {
        let out = StringOutput()
        let errors = StringOutput()
        let shell = Shell(output: out, errors: errors, options: ShellOptions(width: 80, directory: Harness.root))
        if withReport { shell.execute(statement: ".load Tests/Fixtures/reports/淮安市-2024.txt as ha") }
        return (shell, out, errors)
    }

    /// The base the workbook cases are made from loads: each case fails for its own fault.
    @Test func workbookBaseLoads() {
        let result = Self.run(".load Tests/Fixtures/bad-input/base.gkw.txt", withReport: false)
        #expect(result.status == .ok, "\(result.errors)")
    }

    /// Runs one case; when it fails: the state is unchanged and the error's first line is its message.
    static func run(_ statement: String, withReport: Bool = true)
        -> (status: ShellStatus, errors: [Substring], output: String, unchanged: Bool)
    {
        let (shell, out, errors) = shell(withReport: withReport)
        let before = shell.workbook.document()
        let outBefore = out.text.count
        let status = shell.execute(statement: statement)
        let lines = errors.text.split(separator: "\n", omittingEmptySubsequences: true)
        return (status, lines, String(out.text.dropFirst(outBefore)), shell.workbook.document() == before)
    }

    @Test("the corpus has at least 100 cases")
    func size() {
        #expect(Self.statements.count + Self.files("import").count + Self.files("workbook").count >= 100)
    }

    @Test("a bad statement fails with one line pointing at the fault, and changes nothing", arguments: statements)
    func statement(_ statement: String) {
        let result = Self.run(statement)
        #expect(result.status == .failed, "\(statement.prefix(80).debugDescription) did not fail")
        #expect(result.unchanged, "\(statement.prefix(80).debugDescription) changed the workbook")
        let message = result.errors.first ?? ""
        #expect(!message.isEmpty && message.count <= 400, "message: \(message.prefix(400))")
        // The place: a caret under the fault, or the faulty part named in the message (a cell, a command, a file).
        let caret = result.errors.dropFirst().contains { line in
            let marks = line.trimmingCharacters(in: .whitespaces)
            return !marks.isEmpty && marks.allSatisfy { $0 == "^" }
        }
        let words = statement.split { $0 == " " || $0 == "=" || $0 == "(" || $0 == ")" || $0 == "\"" }.map {
            $0.prefix(60)
        }
        let named = words.contains { $0.count >= 2 && message.contains($0) } || message.contains("column")
        #expect(caret || named, "no location in: \(message.prefix(200))")
    }

    @Test(
        "a damaged report either fails naming the file or loads with each damage at line:column",
        arguments: files("import"))
    func importFile(_ name: String) throws {
        let result = Self.run(".load Tests/Fixtures/bad-input/import/\(name) as bad")
        if result.status == .failed {
            #expect(result.unchanged)
            #expect(result.errors.count == 1, "\(result.errors)")
            #expect(result.errors.first?.contains(name) == true)
        } else {
            // The load summary carries the damage, each with its place.
            let warnings = result.output.split(separator: "\n").filter { $0.contains("warning[") }
            #expect(!warnings.isEmpty, "\(name) loaded without a warning:\n\(result.output)")
            for warning in warnings {
                #expect(warning.firstMatch(of: #/line \d+:\d+: /#) != nil, "no line:column in \(warning)")
            }
        }
    }

    @Test(
        "a damaged workbook file fails with one line naming its line, and changes nothing", arguments: files("workbook")
    )
    func workbookFile(_ name: String) throws {
        // A workbook file replaces the session: it is loaded into an empty one.
        let result = Self.run(".load Tests/Fixtures/bad-input/workbook/\(name)", withReport: false)
        #expect(result.status == .failed, "\(name) loaded")
        #expect(result.unchanged)
        #expect(result.errors.count == 1, "\(result.errors)")
        // The file and the line of the fault.
        let message = result.errors.first ?? ""
        #expect(
            message.contains(name) && message.firstMatch(of: #/line \d+: /#) != nil,
            "no line in: \(message.prefix(200))")
    }
}
