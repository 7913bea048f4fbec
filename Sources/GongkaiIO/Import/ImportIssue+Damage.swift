extension ImportIssue {
    /// What is wrong with the input where an ``ImportIssue`` reports damage: every kind leaves the cells it concerns
    /// empty (or, for a repaired byte or a control character, says which text was changed), never filled with a guess.
    public enum Damage: String, Sendable, Hashable, CaseIterable {
        /// The file ends inside a table or a number: it was cut.
        case truncated
        /// A whole table is not in the file.
        case missingTable
        /// A row of a table is not in the file.
        case missingRow
        /// A row's values could not be laid on its cells: too many or too few, unlabelled rows that do not fit.
        case malformedRow
        /// A value cell holds something that is not a number (`32*`, `50%`, `无数据`, `3e2`).
        case unreadableValue
        /// A number longer than ``ImportLimits/maxValueDigits`` digits.
        case numberTooLarge
        /// Invalid UTF-8 byte sequences were replaced by U+FFFD.
        case invalidUTF8
        /// A control character (C0 other than tab and line breaks, DEL, C1) inside a table.
        case controlCharacter
        /// A table, or a row of one, appears twice; the first is used.
        case duplicate
        /// Glued digits with several readings that the rules cannot settle.
        case ambiguousSplit
        /// A search stopped at its documented cap (``ImportLimits/splitSteps``).
        case searchCapped
    }
}
