/// The issuing body, year and title of a report, from its title lines (`淮安市人民政府` / `2024 年政府信息公开工作年度报告`,
/// `标题: 平潭综合实验区2021年度政府信息公开工作年度报告`, `2024 年上海市科委政府信息公开工作` / `年度报告`).
struct ReportMetadata {
    var org: String?
    var year: Int?
    var title: String?

    /// How far into the document the title may be.
    static let searchedLines = 20
    /// Longer lines are prose.
    static let longestTitle = 80

    init(_ document: SourceDocument) {
        var lines: [[Unicode.Scalar]] = []
        if let markup = document.markupTitle {
            // `<title>` often appends the site: `…年度报告_政府信息公开年报_平潭综合实验区党工委管委会`.
            lines.append(LabelText.normalized((markup.split(separator: "_").first ?? Substring(markup)).unicodeScalars))
        }
        func isTitle(_ line: [Unicode.Scalar]) -> Bool {
            Self.markers.contains { LabelText.firstIndex(of: $0[...], in: line) != nil }
        }
        var found = lines.firstIndex(where: isTitle)
        for block in document.blocks where found == nil && block.cells == nil {
            if lines.count >= Self.searchedLines { break }
            // A title line is short; a paragraph is not a title (but counts towards the lines searched).
            guard block.text.scalars.count <= Self.longestTitle else {
                lines.append([])
                continue
            }
            let line = LabelText.normalized(block.text.scalars)
            if line.isEmpty { continue }
            lines.append(line)
            if isTitle(line) { found = lines.count - 1 }
        }
        guard let at = found else { return }
        func line(_ k: Int) -> String? { k >= 0 && !lines[k].isEmpty ? Self.dropField(String(scalars: lines[k])) : nil }
        var title = line(at) ?? ""
        var previous = line(at - 1)
        if Self.year(in: title) == nil, let before = previous {
            title = before + title
            previous = line(at - 2)
        }
        year = Self.year(in: title)?.value
        if let found = Self.year(in: title) {
            let before = String(title[..<found.range.lowerBound])
            var after = title[found.range.upperBound...]
            if after.hasPrefix("年度") {
                after = after.dropFirst(2)
            } else if after.hasPrefix("年") {
                after = after.dropFirst()
            }
            let afterScalars = Array(after.unicodeScalars)
            let body = Self.bodyWords.compactMap { LabelText.firstIndex(of: $0[...], in: afterScalars) }.min()
            if !before.isEmpty {
                org = before
            } else if let body, body > 0 {
                org = String(scalars: afterScalars[..<body])
            } else if let previous, previous.count <= 30, !previous.contains(where: \.isNumber) {
                org = previous
                title = previous + title
            }
        }
        self.title = title
    }

    /// What a title line holds (`年度报告`, `年报`).
    static let markers = [LabelText.normalized("年度报告"), LabelText.normalized("年报")]
    /// Words that end the body's name in a title (`平潭综合实验区2021年度` + `政府信息公开…`).
    static let bodyWords = ["政府信息公开", "政务公开", "信息公开", "年度报告"].map { Array($0.unicodeScalars) }

    /// Strips a crawler's field name: `标题: …`, `标题：…`.
    private static func dropField(_ line: String) -> String {
        for field in ["标题：", "标题:", "题目：", "正文"] where line.hasPrefix(field) {
            return String(line.dropFirst(field.count))
        }
        return line
    }

    /// The first year 1990–2099 written with four digits. Where every scalar is a Character of its own
    /// (``SourceDocument/standsAlone(_:)``, nearly every title), its ASCII digits are found on the UTF-8 bytes;
    /// otherwise by Characters (``yearByCharacters(in:)``: a digit with a combining mark is no digit).
    static func year(in text: String) -> (value: Int, range: Range<String.Index>)? {
        guard text.unicodeScalars.allSatisfy(SourceDocument.standsAlone) else { return yearByCharacters(in: text) }
        let utf8 = text.utf8
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var index = utf8.startIndex
        while index < utf8.endIndex {
            guard let start = utf8[index...].firstIndex(where: isDigit) else { return nil }
            let end = utf8[start...].firstIndex { !isDigit($0) } ?? utf8.endIndex
            if utf8.distance(from: start, to: end) == 4 {
                let value = utf8[start..<end].reduce(0) { $0 * 10 + Int($1 - 0x30) }
                if (1990...2099).contains(value) { return (value, start..<end) }
            }
            index = end
        }
        return nil
    }

    /// ``year(in:)`` read by Characters.
    static func yearByCharacters(in text: String) -> (value: Int, range: Range<String.Index>)? {
        var index = text.startIndex
        while index < text.endIndex {
            guard let start = text[index...].firstIndex(where: \.isASCIIDigitCharacter) else { return nil }
            let end = text[start...].firstIndex { !$0.isASCIIDigitCharacter } ?? text.endIndex
            if text.distance(from: start, to: end) == 4, let value = Int(text[start..<end]),
                (1990...2099).contains(value)
            {
                return (value, start..<end)
            }
            index = end
        }
        return nil
    }
}

extension Character {
    fileprivate var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
