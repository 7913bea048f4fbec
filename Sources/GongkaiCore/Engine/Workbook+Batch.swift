// Bulk work without per-edit bookkeeping: loading many reports, restoring a workbook file. Inside
// `withoutChangeSets`, every mutation still validates, recalculates, rechecks its rules and is one undo step, but
// builds no change set (the old value of every cell and rule, the rule results): callers of bulk loads throw those
// away. A fresh report computes its totals once, in dependency order, and evaluates its rules once.

extension Workbook {
    /// Runs `body` with change sets off: the mutations inside return empty change sets; everything else (validation,
    /// recalculation, rule statuses, failing counts, undo) is as usual. Nests.
    ///
    /// ```swift
    /// try book.withoutChangeSets {
    ///     for (name, cells) in reports { _ = try book.loadReport(name: name, template: .official2021, cells: cells) }
    /// }
    /// ```
    public func withoutChangeSets<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let was = quiet
        quiet = true
        defer { quiet = was }
        return try body()
    }

    /// Whether mutations currently build change sets (false inside ``withoutChangeSets(_:)``).
    public var buildsChangeSets: Bool { !quiet }
}
