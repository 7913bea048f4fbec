// Formulas written for a cell of another report: unqualified names mean the current report.

extension Workbook {
    /// `formula` with every unqualified name qualified by the current report, for a cell of another report.
    ///
    /// In `sy2023.t3.forward.total = t3.carried.total` typed while `ha2024` is current, `t3.carried.total` means
    /// `ha2024.t3.carried.total`, as everywhere else at the prompt; the stored formula says so explicitly, so that it
    /// reads the same after a save and a restore. Function names, names already starting with a report, and
    /// wildcards are kept; an unparsable formula is returned as it is (compiling it reports the error).
    public func qualifying(formula: String, forCellOf target: String) -> String {
        guard let current = currentReport, current != target else { return formula }
        let source = FormulaSource(formula)
        guard let tokens = try? Lexer.tokens(of: source) else { return formula }
        var insertions: [Int] = []
        for (n, token) in tokens.enumerated() {
            guard case .name(let segments) = token.kind, case .name(let first)? = segments.first else { continue }
            if n + 1 < tokens.count, tokens[n + 1].kind == .leftParenthesis { continue }  // a function call
            if slotByName[first] != nil { continue }  // already qualified
            insertions.append(token.span.start)
        }
        guard !insertions.isEmpty else { return formula }
        var characters = Array(formula)
        guard characters.count == source.count else { return formula }
        for offset in insertions.reversed() { characters.insert(contentsOf: current + ".", at: offset) }
        return String(characters)
    }
}
