import GongkaiCore

/// A series of numbers drawn as one line of block characters, lowest `▁` to highest `█` (`.trend`'s last line).
///
/// Levels are exact: `floor((v − min) × 7 / (max − min))`. A missing value is a space, never drawn as 0; a series
/// whose numbers are all equal is drawn at mid height.
///
/// ```swift
/// Sparkline([21, 95, nil, 40].map { $0.map(DecimalNumber.init) }).text  // "▁█ ▃"
/// ```
public struct Sparkline: Sendable, Hashable {
    /// The eight levels, lowest first.
    public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The values in order; nil for a missing one.
    public let values: [DecimalNumber?]

    /// A sparkline of `values` (nil: a gap).
    public init(_ values: [DecimalNumber?]) {
        self.values = values
    }

    /// The line: one Character per value.
    public var text: String {
        let numbers = values.compactMap { $0 }
        guard let low = numbers.min(), let high = numbers.max() else {
            return String(repeating: " ", count: values.count)
        }
        let top = Sparkline.blocks.count - 1
        return String(
            values.map { value -> Character in
                guard let value else { return " " }
                guard low != high else { return Sparkline.blocks[top / 2] }
                do throws(ArithmeticError) {
                    let scaled = try value.subtracting(low).multiplying(DecimalNumber(top))
                        .dividing(by: high.subtracting(low))
                    let level = min(max(scaled.floor().intValue ?? 0, 0), top)
                    return Sparkline.blocks[level]
                } catch {
                    return Sparkline.blocks[top / 2]
                }
            })
    }
}
