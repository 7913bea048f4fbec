/// The worksheets of an `.xlsx` file as texts by place, as Excel, WPS or openpyxl saved them: shared or inline
/// strings, numbers (Excel's binary floating point noise beyond 15 significant digits rounded away), cached results
/// of formulas, sheets in workbook order under whatever names they have now.
enum XLSXReader {
    /// Why a workbook cannot be read at all.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func grids(_ bytes: [UInt8]) throws(Failure) -> [SpreadsheetGrid] {
        let entries: [String: [UInt8]]
        do {
            entries = try XLSXArchive.entries(of: bytes)
        } catch {
            throw Failure(description: error.description)
        }
        guard let workbook = entries["xl/workbook.xml"] else {
            throw Failure(description: "a zip archive without xl/workbook.xml is no Excel workbook")
        }
        // Relationship ids to sheet parts.
        var targets: [String: String] = [:]
        var sharedStringsPath = "xl/sharedStrings.xml"
        var scanner = XMLScanner(entries["xl/_rels/workbook.xml.rels"] ?? [])
        while let event = scanner.next() {
            guard case .start("Relationship", let attributes, _) = event, let id = attributes["Id"],
                let target = attributes["Target"]
            else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            targets[id] = path
            if attributes["Type"]?.hasSuffix("/sharedStrings") == true { sharedStringsPath = path }
        }
        let shared = sharedStrings(entries[sharedStringsPath] ?? [])
        var grids: [SpreadsheetGrid] = []
        scanner = XMLScanner(workbook)
        var n = 0
        while let event = scanner.next() {
            guard case .start("sheet", let attributes, _) = event else { continue }
            n += 1
            let name = attributes["name"] ?? "Sheet\(n)"
            let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value ?? ""
            let path = targets[id] ?? "xl/worksheets/sheet\(n).xml"
            guard let xml = entries[path] else { continue }
            grids.append(SpreadsheetGrid(sheet: name, cells: cells(xml, shared: shared)))
        }
        return grids
    }

    /// The shared string table: each `<si>`'s text runs joined, phonetic runs (`<rPh>`) left out.
    static func sharedStrings(_ xml: [UInt8]) -> [String] {
        var strings: [String] = []
        var scanner = XMLScanner(xml)
        var current: String?
        var inText = false
        var phonetic = 0
        while let event = scanner.next() {
            switch event {
            case .start("si", _, let closed):
                current = closed ? nil : ""
                if closed { strings.append("") }
            case .end("si"):
                strings.append(current ?? "")
                current = nil
            case .start("rPh", _, false): phonetic += 1
            case .end("rPh"): phonetic -= 1
            case .start("t", _, false): inText = true
            case .end("t"): inText = false
            case .text(let text) where inText && phonetic == 0: current? += text
            default: break
            }
        }
        return strings
    }

    /// The non-empty cells of a worksheet.
    static func cells(_ xml: [UInt8], shared: [String]) -> [SpreadsheetGrid.Key: String] {
        var cells: [SpreadsheetGrid.Key: String] = [:]
        var scanner = XMLScanner(xml)
        var row = 0
        var column = -1
        var type = "n"
        var key: SpreadsheetGrid.Key?
        var value = ""
        var inline = ""
        var inValue = false
        var inText = false
        func store() {
            guard let key else { return }
            var text: String
            switch type {
            case "s":
                text = Int(value.trimmingWhitespace()).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? ""
            case "inlineStr": text = inline
            case "str", "e": text = value
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            default: text = plainNumber(value.trimmingWhitespace()) ?? value
            }
            text = text.trimmingWhitespace()
            if !text.isEmpty { cells[key] = text }
        }
        while let event = scanner.next() {
            switch event {
            case .start("row", let attributes, _):
                row = attributes["r"].flatMap { Int($0) } ?? row + 1
                column = -1
            case .start("c", let attributes, let closed):
                let place = attributes["r"].flatMap(SpreadsheetXML.parseReference)
                column = place?.column ?? column + 1
                key = SpreadsheetGrid.Key(row: place?.row ?? row, column: column)
                type = attributes["t"] ?? "n"
                value = ""
                inline = ""
                if closed { key = nil }
            case .end("c"):
                store()
                key = nil
            case .start("v", _, false): inValue = true
            case .end("v"): inValue = false
            case .start("t", _, false): inText = true
            case .end("t"): inText = false
            case .text(let text):
                if inValue { value += text } else if inText && key != nil { inline += text }
            default: break
            }
        }
        return cells
    }

    /// A number as Excel writes it (`12`, `0.25`, `1.2E-3`, `0.30000000000000004`) in plain decimal notation, rounded
    /// to 15 significant digits (what Excel keeps of a typed number); nil for anything else.
    static func plainNumber(_ text: String) -> String? {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let value = Int(text[text.index(after: e)...].drop { $0 == "+" }), abs(value) < 400 else {
                return nil
            }
            exponent = value
            mantissa = text[..<e]
        }
        var negative = false
        if mantissa.first == "-" {
            negative = true
            mantissa = mantissa.dropFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first,
            whole.allSatisfy(\.isASCIIDigit), parts.dropFirst().allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        // digits × 10^(point − count): the decimal point sits `point` digits from the left.
        var digits = Array(whole + fraction).map { Int(String($0)) ?? 0 }
        var point = whole.count + exponent
        while digits.first == 0 && digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        if digits.count > 15 {
            let roundUp = digits[15] >= 5
            digits = Array(digits.prefix(15))
            if roundUp {
                var k = 14
                while k >= 0 {
                    if digits[k] == 9 {
                        digits[k] = 0
                        k -= 1
                    } else {
                        digits[k] += 1
                        break
                    }
                }
                if k < 0 {
                    digits.insert(1, at: 0)
                    point += 1
                }
            }
        }
        if digits.allSatisfy({ $0 == 0 }) { return "0" }
        var out = ""
        if point <= 0 {
            out = "0." + String(repeating: "0", count: -point) + digits.map(String.init).joined()
        } else if point >= digits.count {
            out = digits.map(String.init).joined() + String(repeating: "0", count: point - digits.count)
        } else {
            out = digits[..<point].map(String.init).joined() + "." + digits[point...].map(String.init).joined()
        }
        if out.contains(".") {
            while out.hasSuffix("0") { out.removeLast() }
            if out.hasSuffix(".") { out.removeLast() }
        }
        return (negative ? "-" : "") + out
    }
}

extension Character {
    /// `0`…`9` only.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
