import GongkaiCore

/// One value as people type it or a spreadsheet stores it as text: full-width digits and punctuation (`５`, `１，０００`),
/// thousands separators (`1,000`, `1，000`), a unit after the number (`3件`, `0.25万元`), and the marks a published
/// table prints for a blank cell (`无`, `—`, `/`).
///
/// The one reader of such forms outside the report importer's tokenizer, whose folding (``SourceDocument/fold(_:)``),
/// blank marks and units it shares. `.fill` answers, spreadsheet cells and CSV fields are read by it.
///
/// ```swift
/// NumberText.read("１，０００件")   // .number(1000, unit: "件")
/// NumberText.read("无")           // .blank
/// NumberText.read("t4.review")    // nil
/// ```
public enum NumberText {
    /// What a text reads as.
    public enum Reading: Sendable, Hashable {
        /// A number, with the unit printed after it (`件`, `万元`), if any.
        case number(DecimalNumber, unit: String?)
        /// A blank-cell mark: `无`, `空`, `—`, `/`, `-`.
        case blank
    }

    /// Reads `text`, blanks around it ignored; `nil` when it is neither a number nor a blank mark (or is empty).
    public static func read(_ text: String) -> Reading? {
        var scalars = text.unicodeScalars.map(fold)
        while let first = scalars.first, Tokenizer.isSpace(first) { scalars.removeFirst() }
        while let last = scalars.last, Tokenizer.isSpace(last) { scalars.removeLast() }
        guard !scalars.isEmpty else { return nil }
        if scalars.count <= 4,
            scalars.allSatisfy({ Tokenizer.blankMarks.contains($0) })
                || (scalars.count == 1 && (scalars[0] == "无" || scalars[0] == "空"))
        {
            return .blank
        }
        var unit: String?
        if scalars.count > 2, scalars.suffix(2) == ["万", "元"] {
            unit = "万元"
            scalars.removeLast(2)
        } else if let last = scalars.last, Tokenizer.units.contains(last) {
            unit = String(last)
            scalars.removeLast()
        }
        while let last = scalars.last, Tokenizer.isSpace(last) { scalars.removeLast() }
        guard let digits = plainDigits(scalars), let number = DecimalNumber(digits) else { return nil }
        return .number(number, unit: unit)
    }

    /// Whether a unit printed after a number agrees with a cell's unit: the cell's own, or a counting word (`个` `项`
    /// `条` `次`) for a count.
    public static func unit(_ unit: String, fits cellUnit: CellUnit) -> Bool {
        unit == cellUnit.rawValue || (cellUnit == .count && ["个", "项", "条", "次"].contains(unit))
    }

    /// The number as plain decimal notation: an optional sign, digits in groups of three when separated by commas
    /// (`1,000`), an optional fraction. `nil` for anything else (`1,00`, `1.2.3`, `1e3`).
    static func plainDigits(_ scalars: [Unicode.Scalar]) -> String? {
        var body = scalars[...]
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        let point = body.firstIndex(of: ".")
        let whole = body[..<(point ?? body.endIndex)]
        let fraction = point.map { body[body.index(after: $0)...] } ?? []
        guard !whole.isEmpty || !fraction.isEmpty, fraction.allSatisfy(Tokenizer.isDigit) else { return nil }
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ $0.allSatisfy(Tokenizer.isDigit) }) else { return nil }
        if groups.count > 1 {
            guard let head = groups.first, (1...3).contains(head.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        } else if whole.isEmpty && point == nil {
            return nil
        }
        return sign + String(scalars: groups.joined()) + (point == nil ? "" : ".")
            + String(scalars: fraction)
    }

    /// The importer's folding plus the full-width punctuation of a number: `，` `＋` `－`.
    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0xFF0C: ","
        case 0xFF0B: "+"
        case 0xFF0D: "-"
        default: SourceDocument.fold(s)
        }
    }
}
