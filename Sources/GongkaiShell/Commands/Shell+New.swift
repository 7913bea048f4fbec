import GongkaiCore
import GongkaiIO

extension Shell {
    /// `.new [BODY] [YEAR] [as NAME]`: an empty report of the official 2021 format, current at once; `meta.org` is
    /// BODY and `meta.year` is YEAR when given. Undone like a load (`.undo` removes the report).
    func newCommand(_ arguments: String) throws -> ShellStatus {
        var words = ArgumentWords.split(arguments)
        var name: String?
        if let at = words.firstIndex(of: "as") {
            guard at == words.count - 2 else { throw ShellError("usage: .new [BODY] [YEAR] [as NAME]") }
            name = words[at + 1]
            words.removeSubrange(at...)
        }
        var body: String?
        var year: String?
        for word in words {
            if year == nil, let found = Shell.year(word) {
                year = found
            } else if body == nil {
                body = word
            } else {
                throw ShellError("usage: .new [BODY] [YEAR] [as NAME] (quote a body with blanks: .new \"某某 县\")")
            }
        }
        let report = name ?? session.defaultName(org: body, year: year.flatMap { Int($0) }, file: "")
        var texts: [String: String] = [:]
        if let body { texts["meta.org"] = body }
        if let year { texts["meta.year"] = year }
        let template = ReportTemplate.official2021
        try attempt { () throws(EngineError) in
            _ = try workbook.loadReport(name: report, template: template, values: [:], texts: texts)
            try workbook.selectReport(report)
        }
        noteChange(.snapshot)
        let inputs = template.cells.filter { !$0.isTotal }.count
        let label = [body, year].compactMap { $0 }.joined(separator: " ")
        output.line(
            "new report \(report)" + (label.isEmpty ? "" : " (\(label))")
                + ": \(template.cells.count) empty cells, \(inputs) to enter; .fill asks for them")
        return .ok
    }

    /// `2024`, `２０２４`, `2024年`: a report year (1990…2199) as four ASCII digits; nil for anything else.
    static func year(_ word: String) -> String? {
        var text = word
        if text.hasSuffix("年") { text.removeLast() }
        guard case .number(let number, nil)? = NumberText.read(text), number.isInteger,
            let value = Int(number.description), (1990...2199).contains(value), text.count == 4
        else { return nil }
        return String(value)
    }
}
