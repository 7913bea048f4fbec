/// Bar geometry on one scale for exact values, in whole units: eighths of a terminal column for `.chart`, pixels for
/// an SVG chart. The one place a value becomes a length, so that every picture of a ranking agrees.
///
/// The scale spans from the smallest value (or 0) to the largest (or 0): with no negative value the zero axis is at
/// unit 0 and the largest bar is `units` long; with negative values (a `yoy` growth) the axis sits where 0 falls and
/// negative bars run left from it. Lengths are `|value| × units / span`, computed in exact decimals and rounded half
/// away from zero; a value other than 0 is never drawn shorter than one unit, so a non-zero figure never looks like 0.
///
/// ```swift
/// let scale = BarScale([3119, 95, 21].map { DecimalNumber($0) }, units: 400)
/// scale.span(of: DecimalNumber(95))   // (start: 0, length: 12)
/// ```
public struct BarScale: Sendable, Hashable {
    /// The units of the whole bar area.
    public let units: Int
    /// Where the zero axis is, in units from the left: 0 unless a value is negative.
    public let axis: Int
    /// The largest value (or 0) minus the smallest (or 0); zero when every value is 0.
    let span: DecimalNumber

    /// A scale fitting `values` into `units` (at least 1).
    public init(_ values: [DecimalNumber], units: Int) {
        let units = max(units, 1)
        let low = values.min().map { min($0, .zero) } ?? .zero
        let high = values.max().map { max($0, .zero) } ?? .zero
        self.units = units
        span = (try? high.subtracting(low)) ?? .zero
        axis = low.isZero ? 0 : BarScale.length(low.magnitude, units: units, span: span)
    }

    /// A value's bar: where it starts (the axis for a positive value, left of it for a negative one) and its length,
    /// both in units and within `0...units`.
    public func span(of value: DecimalNumber) -> (start: Int, length: Int) {
        guard !value.isZero else { return (axis, 0) }
        let length = max(1, BarScale.length(value.magnitude, units: units, span: span))
        if value.isNegative {
            let clipped = min(length, max(axis, 1))
            return (max(axis - clipped, 0), clipped)
        }
        return (min(axis, units - 1), min(length, units - min(axis, units - 1)))
    }

    /// `magnitude × units / span` rounded to a whole unit; `units` when the arithmetic cannot be exact.
    static func length(_ magnitude: DecimalNumber, units: Int, span: DecimalNumber) -> Int {
        guard !span.isZero else { return 0 }
        let whole = DecimalNumber(units)
        let exact: DecimalNumber? =
            (try? magnitude.multiplying(whole).dividing(by: span))
            ?? (try? magnitude.dividing(by: span).multiplying(whole))
        guard let rounded = try? exact?.rounded(places: 0), let length = rounded.intValue else { return units }
        return min(max(length, 0), units)
    }
}
