/// The importer's documented limits: past them an input is refused, or a search stops and the cells it concerns stay
/// empty and are reported. Together they keep an import's time and memory linear in the size of its input.
public enum ImportLimits {
    /// The largest report file read, in bytes (16 MiB). Published reports are 5–400 KB; a larger file is refused
    /// with ``ImportError`` code I007 before it is decoded.
    public static let maxInputBytes = 16 << 20

    /// The most digits a count read from a report may have (10: below ten thousand million). A longer number is
    /// left empty and reported as damage (``ImportIssue/Damage/numberTooLarge``); a glued run is never cut into a
    /// value longer than this.
    public static let maxValueDigits = 10

    /// The most steps the search for the readings of one row's glued digit runs may take (2,000,000); past it the
    /// row stays empty and is reported (``ImportIssue/Damage/searchCapped``).
    public static let splitSteps = 2_000_000
}
