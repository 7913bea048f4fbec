extension HTMLReader {
    /// The character an entity names (`amp`, `nbsp`, `#x4E00`, `#19968`): the one entity table of the HTML and Word
    /// (XML) readers; nil for a name it does not know.
    static func entity(named name: some StringProtocol) -> Unicode.Scalar? {
        switch name {
        case "nbsp", "ensp", "emsp", "thinsp": return " "
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "ldquo": return "“"
        case "rdquo": return "”"
        case "mdash": return "—"
        case "middot": return "·"
        default:
            if name.hasPrefix("#x") || name.hasPrefix("#X"), let code = UInt32(name.dropFirst(2), radix: 16) {
                return Unicode.Scalar(code)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()) {
                return Unicode.Scalar(code)
            }
            return nil
        }
    }
}
