import Foundation
import GongkaiCore

/// The native workbook file (`.gkw`): a whole session — reports, their entered values with provenance, texts, user
/// formulas, named cells and rules — as plain UTF-8 text, one fact a line, so that it diffs well and reads without
/// the tool.
///
/// ```
/// gongkai workbook 2
/// current sy2023
///
/// report sy2023 template=2021
/// text meta.org "上犹县政府办"
/// value t3.new.natural 7 file="上犹县政府办-2023.txt" line=182 col=2 origin=read
/// value t2.fee.amount 0.5 origin=entered
/// formula t3.forward.natural = t3.new.natural - t3.total.natural
/// let rate = t3.result.open.total / t3.new.total
/// rule sy2023 open_share warning = rate <= 1
/// end
/// ```
/// Metrics come after `current`, before the reports: `metric disclosure_rate` brings a built-in in (the dictionary is
/// data, not saved), `metric open_share = t3.result.open.total / t3.new.total` is a user metric:
/// ```
/// metric disclosure_rate
/// metric open_share = t3.result.open.total / t3.new.total
/// ```
/// Aliases follow the metrics: `alias 平潭 = 平潭综合实验区` declares two body names (normalised) one body.
/// The last line is `end`: a file cut off anywhere (at a line boundary too) lacks it and is refused with the line it
/// stops at. Version 1 files (written before the marker) are read without it, with a note that a cut cannot be seen.
/// Lines may end in LF or CRLF (a file saved by an editor on Windows), and a UTF-8 byte-order mark is skipped.
/// Strings are double-quoted with `\"`, `\\`, `\n`, `\r`, `\t` escapes; formulas and rule expressions run to the end of
/// their line as typed. Blank lines and lines starting with `#` are ignored. `value`, `text`, `formula` and `let` belong
/// to the `report` above them; `rule` names its report.
public enum WorkbookFile {
    /// The first line of every workbook file written now.
    public static let header = "gongkai workbook 2"
    /// The first line of a version-1 file, which has no `end` line.
    public static let legacyHeader = "gongkai workbook 1"
    /// The last line of every version-2 file.
    public static let endMarker = "end"

    /// A line of a workbook file that could not be read.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        /// The 1-based line of the file.
        public let line: Int
        /// What is wrong there.
        public let message: String
        /// `line 12: expected a quoted string`
        public var description: String { "line \(line): \(message)" }
        /// The error as the one diagnostic type (`W001`, the workbook file's one code).
        public var diagnostic: Diagnostic { Diagnostic(code: "W001", message, line: line) }
    }

    /// Whether some text is a workbook file (by its first line).
    public static func isWorkbook(_ text: String) -> Bool {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        return text.hasPrefix(header) || text.hasPrefix(legacyHeader)
    }

    /// What a reader should know about a file that parsed: a version-1 file cannot show that it was cut off.
    public static func notes(_ text: String) -> [String] {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard text.hasPrefix(legacyHeader) else { return [] }
        return ["a version-1 workbook file has no ‘end’ line, so a cut-off file cannot be told; .save writes version 2"]
    }

    // MARK: Writing

    /// The document as workbook text. The same document always gives the same bytes.
    public static func render(_ document: WorkbookDocument) -> String {
        var lines = [header]
        if let current = document.currentReport { lines.append("current \(current)") }
        for metric in document.metrics {
            lines.append("metric \(metric.name)" + (metric.formula.map { " = \(oneLine($0))" } ?? ""))
        }
        for alias in document.aliases { lines.append("alias \(alias.body) = \(alias.other)") }
        for report in document.reports {
            lines.append("")
            lines.append("report \(report.name) template=\(report.templateID)")
            for text in report.texts { lines.append(line(.text(text))) }
            for entry in report.values { lines.append(line(.value(entry))) }
            for formula in report.formulas { lines.append(line(.formula(formula))) }
            for definition in report.definitions {
                lines.append("let \(definition.name) = \(oneLine(definition.source))")
            }
        }
        if !document.rules.isEmpty { lines.append("") }
        for rule in document.rules {
            lines.append("rule \(rule.report) \(rule.name) \(rule.severity.rawValue) = \(oneLine(rule.expression))")
        }
        lines.append(endMarker)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The line of one cell fact (`value …`, `text …`, `formula … = …`), as a report's block holds it.
    public static func line(_ fact: WorkbookDocument.Fact) -> String {
        var line = TextBuilder()
        append(fact, to: &line)
        return line.text
    }

    /// ``line(_:)`` appended to `line`, part by part: the journal writes this line for every edit of a script.
    public static func append(_ fact: WorkbookDocument.Fact, to line: inout TextBuilder) {
        switch fact {
        case .text(let text): line.append("text \(text.name) \(quoted(text.text))")
        case .formula(let formula): line.append("formula \(formula.name) = \(oneLine(formula.source))")
        case .value(let entry):
            line.append("value ")
            line.append(entry.name)
            line.append(ascii: " ")
            if case .number(let number) = entry.value, let count = number.intValue {
                line.append(count)
            } else {
                line.append(render(entry.value))
            }
            if let p = entry.provenance {
                if let file = p.file {
                    line.append(" file=")
                    line.append(quoted(file))
                }
                if let page = p.page {
                    line.append(" page=")
                    line.append(page)
                }
                if let l = p.line {
                    line.append(" line=")
                    line.append(l)
                }
                if let c = p.column {
                    line.append(" col=")
                    line.append(c)
                }
                line.append(" origin=")
                line.append(p.origin.rawValue)
                if let note = p.note {
                    line.append(" note=")
                    line.append(quoted(note))
                }
            }
        }
    }

    /// Reads one cell fact line (`value …`, `text …`, `formula … = …`), as ``line(_:)`` writes it; `number` is the
    /// line number errors give.
    public static func fact(_ line: Substring, number: Int = 1) throws(ParseError) -> WorkbookDocument.Fact {
        var scanner = LineScanner(line: line, number: number)
        let keyword = try scanner.word("a keyword")
        guard ["text", "value", "formula"].contains(keyword) else {
            throw ParseError(line: number, message: "expected value, text or formula, not ‘\(keyword)’")
        }
        return try fact(keyword, &scanner)
    }

    /// The rest of a `text`, `value` or `formula` line after its keyword.
    private static func fact(_ keyword: String, _ scanner: inout LineScanner) throws(ParseError)
        -> WorkbookDocument.Fact
    {
        let name = try scanner.word("a cell name")
        switch keyword {
        case "text":
            let text = try scanner.string()
            try scanner.end()
            return .text(WorkbookDocument.Text(name: name, text: text))
        case "value":
            let value = try scanner.value()
            let attributes = try scanner.attributes()
            let provenance = try provenance(attributes, line: scanner.number)
            return .value(WorkbookDocument.Entry(name: name, value: value, provenance: provenance))
        default:
            return .formula(WorkbookDocument.Formula(name: name, source: try scanner.restAfterEquals()))
        }
    }

    /// Writes the document atomically: the old file stays whole if anything fails.
    public static func write(_ document: WorkbookDocument, to url: URL) throws {
        try AtomicFile.write(render(document), to: url)
    }

    private static func render(_ value: Value) -> String {
        switch value {
        case .empty: "empty"
        case .number(let n): n.description
        case .text(let t): quoted(t)
        case .error(let e): e.code
        }
    }

    /// Formulas are single-line by construction; a stray line break would split the fact, so it becomes a space.
    private static func oneLine(_ source: String) -> String {
        String(source.map { $0.isNewline ? " " : $0 })
    }

    static func quoted(_ text: String) -> String { text.quotedLiteral }

    // MARK: Reading

    /// Parses workbook text into a document; the first malformed line is reported with its number.
    public static func parse(_ text: String) throws(ParseError) -> WorkbookDocument {
        var document = WorkbookDocument()
        // "\r\n" is one Character: split on it as well as on "\n" (CRLF from an editor on Windows).
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        if lines.last?.isEmpty == true { lines.removeLast() }
        let version: Int
        switch lines.first {
        case header?: version = 2
        case legacyHeader?: version = 1
        default: throw ParseError(line: 1, message: "not a gongkai workbook (the first line must be ‘\(header)’)")
        }
        var reportNames = Set<String>()
        var ended = false
        for (offset, raw) in lines.enumerated().dropFirst() {
            let number = offset + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if ended { throw ParseError(line: number, message: "text after the ‘end’ line") }
            if version >= 2 && line == endMarker {
                ended = true
                continue
            }
            var scanner = LineScanner(line: Substring(line), number: number)
            let keyword = try scanner.word("a keyword")
            switch keyword {
            case "current":
                document.currentReport = try scanner.word("a report name")
                try scanner.end()
            case "metric":
                let name = try scanner.word("a metric name")
                let formula = try scanner.isAtEnd() ? nil : scanner.restAfterEquals()
                document.metrics.append(WorkbookDocument.Metric(name: name, formula: formula))
            case "alias":
                let body = try scanner.word("a body name")
                let other = try scanner.restAfterEquals()
                guard !other.isEmpty, !other.contains(" ") else {
                    throw ParseError(line: number, message: "expected ‘alias BODY = OTHER’")
                }
                document.aliases.append(WorkbookDocument.Alias(body: body, other: other))
            case "report":
                let name = try scanner.word("a report name")
                let attributes = try scanner.attributes()
                guard let template = attributes["template"] else {
                    throw ParseError(line: number, message: "report \(name) has no template=")
                }
                guard reportNames.insert(name).inserted else {
                    throw ParseError(line: number, message: "report \(name) appears twice")
                }
                document.reports.append(WorkbookDocument.Report(name: name, templateID: template))
            case "text", "value", "formula", "let":
                guard !document.reports.isEmpty else {
                    throw ParseError(line: number, message: "‘\(keyword)’ before any ‘report’ line")
                }
                let last = document.reports.count - 1
                if keyword == "let" {
                    let name = try scanner.word("a cell name")
                    let source = try scanner.restAfterEquals()
                    document.reports[last].definitions.append(WorkbookDocument.Formula(name: name, source: source))
                    continue
                }
                switch try fact(keyword, &scanner) {
                case .text(let text): document.reports[last].texts.append(text)
                case .value(let entry): document.reports[last].values.append(entry)
                case .formula(let formula): document.reports[last].formulas.append(formula)
                }
            case "rule":
                let report = try scanner.word("a report name")
                let name = try scanner.word("a rule name")
                let word = try scanner.word("a severity")
                guard let severity = Severity(rawValue: word), severity.isRuleSeverity else {
                    throw ParseError(line: number, message: "severity must be error or warning, not ‘\(word)’")
                }
                let expression = try scanner.restAfterEquals()
                document.rules.append(
                    WorkbookDocument.Rule(name: name, report: report, expression: expression, severity: severity))
            default:
                throw ParseError(line: number, message: "unknown keyword ‘\(keyword)’")
            }
        }
        if version >= 2 && !ended {
            throw ParseError(
                line: lines.count,
                message: "the file ends without its ‘end’ line: it was cut off after line \(lines.count)")
        }
        return document
    }

    /// Reads and parses a workbook file.
    public static func read(from url: URL) throws -> WorkbookDocument {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(line: 1, message: "\(url.lastPathComponent) is not UTF-8 text")
        }
        return try parse(text)
    }

    private static func provenance(_ attributes: [String: String], line: Int) throws(ParseError) -> Provenance? {
        guard let originText = attributes["origin"] else {
            guard attributes.isEmpty else { throw ParseError(line: line, message: "provenance without origin=") }
            return nil
        }
        guard let origin = Provenance.Origin(rawValue: originText) else {
            throw ParseError(line: line, message: "unknown origin ‘\(originText)’ (read, inferred or entered)")
        }
        func int(_ key: String) throws(ParseError) -> Int? {
            guard let text = attributes[key] else { return nil }
            guard let value = Int(text), value > 0 else {
                throw ParseError(line: line, message: "\(key)= must be a positive whole number, not ‘\(text)’")
            }
            return value
        }
        let known: Set<String> = ["file", "page", "line", "col", "origin", "note"]
        if let unknown = attributes.keys.sorted().first(where: { !known.contains($0) }) {
            throw ParseError(line: line, message: "unknown attribute ‘\(unknown)=’")
        }
        return Provenance(
            file: attributes["file"], page: try int("page"), line: try int("line"), column: try int("col"),
            origin: origin,
            note: attributes["note"])
    }
}
