/// A small, fast, deterministic random generator (SplitMix64; Steele, Lea, Flood 2014).
///
/// Seeded, so generated workloads and randomized checks replay exactly: the benchmark's reports and the tests'
/// random sessions and damaged inputs all come from it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (0 when `bound` is below 1); the modulo bias is irrelevant at these sizes.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    /// A number in `low...high`.
    public mutating func inclusive(_ low: Int, _ high: Int) -> Int { low + below(high - low + 1) }
}
