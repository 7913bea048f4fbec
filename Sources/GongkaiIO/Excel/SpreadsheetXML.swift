/// The pieces of SpreadsheetML (the XML inside an `.xlsx`) that the Excel writer and reader share: namespaces, cell
/// references, escaping, and a small scanner for the few elements the reader needs.
enum SpreadsheetXML {
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    /// `D12` for sheet row 12 (1-based) and column 3 (0-based).
    static func reference(_ row: Int, _ column: Int) -> String { columnName(column) + String(row) }

    /// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
    static func columnName(_ column: Int) -> String {
        var n = column + 1
        var name = ""
        while n > 0 {
            let digit = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// The 1-based row and 0-based column of a reference such as `D12`; nil for anything else.
    static func parseReference(_ reference: String) -> (row: Int, column: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(byte - 64)
                letters += 1
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                row = row * 10 + Int(byte - 48)
                digits += 1
            default: return nil
            }
            guard letters <= 3, digits <= 7 else { return nil }
        }
        guard letters > 0, digits > 0, row > 0 else { return nil }
        return (row, column - 1)
    }

    /// A cell holding text (never a formula), `xml:space="preserve"` when blanks around it matter.
    static func inlineString(at reference: String, _ text: String, style: Int) -> String {
        let preserve = text.first?.isWhitespace == true || text.last?.isWhitespace == true || text.contains("\n")
        return "<c r=\"\(reference)\" s=\"\(style)\" t=\"inlineStr\"><is><t"
            + (preserve ? " xml:space=\"preserve\"" : "") + ">\(escaped(text))</t></is></c>"
    }

    /// Text made safe for XML content and attributes; characters XML 1.0 cannot hold are dropped.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[ ] : * ? / \`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 })
        return String(cleaned.prefix(31))
    }
}

/// A forward scan over XML text: elements with their attributes, and the text between them. Enough for SpreadsheetML
/// (no DTDs); comments, processing instructions and CDATA are handled, entities decoded. Linear in the input.
struct XMLScanner {
    enum Event {
        /// An opening (or empty, `selfClosing`) element: its local name (prefix dropped) and attributes.
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    private let bytes: [UInt8]
    private var i = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The next event, nil at the end.
    mutating func next() -> Event? {
        guard i < bytes.count else { return nil }
        if bytes[i] != UInt8(ascii: "<") {
            let start = i
            while i < bytes.count && bytes[i] != UInt8(ascii: "<") { i += 1 }
            return .text(XMLScanner.decode(bytes[start..<i]))
        }
        if starts("<!--") {
            skip(past: "-->")
            return next()
        }
        if starts("<![CDATA[") {
            let start = i + 9
            skip(past: "]]>")
            return .text(String(decoding: bytes[start..<max(start, i - 3)], as: UTF8.self))
        }
        if starts("<?") || starts("<!") {
            skip(past: ">")
            return next()
        }
        i += 1
        let closing = i < bytes.count && bytes[i] == UInt8(ascii: "/")
        if closing { i += 1 }
        let name = XMLScanner.localName(readName())
        if closing {
            skip(past: ">")
            return .end(name: name)
        }
        var attributes: [String: String] = [:]
        while i < bytes.count {
            skipBlanks()
            guard i < bytes.count else { break }
            if bytes[i] == UInt8(ascii: ">") {
                i += 1
                return .start(name: name, attributes: attributes, selfClosing: false)
            }
            if bytes[i] == UInt8(ascii: "/") {
                skip(past: ">")
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            let key = readName()
            guard !key.isEmpty else {
                i += 1
                continue
            }
            skipBlanks()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "=") else { continue }
            i += 1
            skipBlanks()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else { continue }
            let quote = bytes[i]
            i += 1
            let start = i
            while i < bytes.count && bytes[i] != quote { i += 1 }
            attributes[key] = XMLScanner.decode(bytes[start..<i])
            i += 1
        }
        return .start(name: name, attributes: attributes, selfClosing: false)
    }

    private func starts(_ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        return i + p.count <= bytes.count && bytes[i..<(i + p.count)].elementsEqual(p)
    }

    private mutating func skip(past terminator: String) {
        let t = Array(terminator.utf8)
        while i < bytes.count {
            if bytes[i] == t[0], i + t.count <= bytes.count, bytes[i..<(i + t.count)].elementsEqual(t) {
                i += t.count
                return
            }
            i += 1
        }
    }

    private mutating func skipBlanks() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
    }

    private mutating func readName() -> String {
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") || b == UInt8(ascii: "/")
                || b == UInt8(ascii: "=")
            {
                break
            }
            i += 1
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// `x:c` → `c`.
    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Text with the five named entities and numeric character references decoded.
    static func decode(_ raw: ArraySlice<UInt8>) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
