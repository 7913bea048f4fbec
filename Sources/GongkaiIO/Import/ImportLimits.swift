/// The importer's documented limits: past them an input is refused, or a search stops and the cells it concerns stay
/// empty and are reported. Together they keep an import's time and memory linear in the size of its input.
public enum ImportLimits {
    /// The largest report file read, in bytes (4 MiB). Published reports are 5–400 KB; a larger file is refused
    /// with ``ImportError`` code I009 before it is decoded. With ``maxRegionValues`` this bounds an import's memory:
    /// at most about 65 bytes per input byte (a file of nothing but HTML table cells), so under 300 MB.
    public static let maxInputBytes = 4 << 20

    /// The most numbers read under one table heading (20,000; a table holds at most a few hundred). Past it the rest
    /// of that table's region is not read and the import reports it (I116, ``ImportIssue/Damage/searchCapped``).
    public static let maxRegionValues = 20_000

    /// The most digits a count read from a report may have (10: below ten thousand million). A longer number is
    /// left empty and reported as damage (``ImportIssue/Damage/numberTooLarge``); a glued run is never cut into a
    /// value longer than this.
    public static let maxValueDigits = 10

    /// The most steps the search for the readings of one row's glued digit runs may take (200,000, and at most 20,000
    /// readings); past it the row stays empty and is reported (``ImportIssue/Damage/searchCapped``). Real glued rows
    /// need a few hundred.
    public static let splitSteps = 200_000

    /// The most steps all glued-run searches of one import may take together (2,000,000): rows searched after the
    /// budget is spent stay empty and are reported the same way.
    public static let splitStepsPerImport = 2_000_000
}
