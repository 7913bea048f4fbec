#if canImport(Glibc)
    import Glibc
#endif

/// One selectable set of figures.
struct BenchGroup: Sendable {
    let name: String
    let summary: String
    let run: @Sendable (BenchOptions, inout Checks) -> Void
}

/// Command-line options shared by the groups.
struct BenchOptions {
    var reports = 10_000
    var chain = 1_000_000
    var seed: UInt64 = 2024
    var quick = false
    var rssChild: Int?
}

/// Correctness checks made along the way: a figure from a wrong computation is worthless.
struct Checks {
    var count = 0
    var failures: [String] = []

    mutating func check<T: Equatable>(_ what: String, _ got: T, _ want: T) {
        count += 1
        if got != want { failures.append("\(what): got \(got), want \(want)") }
    }
}

/// Monotonic time in nanoseconds.
func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Runs `body` and returns its duration in nanoseconds.
@inline(never)
func time(_ body: () -> Void) -> Double {
    let start = now()
    body()
    return Double(now() - start)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let mid = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/// `n runs; min … max; p10 … p90`, the spread comment of a figure.
func summary(_ values: [Double]) -> String {
    let sorted = values.sorted()
    guard let first = sorted.first, let last = sorted.last else { return "0 runs" }
    let p = { (q: Double) in sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))] }
    return "\(sorted.count) runs; min \(fmt(first)) max \(fmt(last)); p10 \(fmt(p(0.1))) p90 \(fmt(p(0.9)))"
}

/// 4 significant digits, no exponent.
func fmt(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let magnitude = value == 0 ? 0 : Int(log10(abs(value)).rounded(.down))
    let decimals = max(0, 3 - magnitude)
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = "\(rounded)"
    if decimals == 0, text.hasSuffix(".0") { text.removeLast(2) }
    return text
}

/// Prints one figure.
/// Prints one figure: `name value unit  # spread; what; goal; anchor ratio` (see Anchor.swift).
func emit(_ name: String, _ value: Double, _ unit: String, _ comment: String) {
    let note = Anchor.note(name, value, unit)
    print("\(name) \(fmt(value)) \(unit)  # \(comment)" + (note.isEmpty ? "" : "; " + note))
    Recorded.figures.append((name, value, unit))
}

/// Every figure printed so far (for `--compare`).
enum Recorded {
    nonisolated(unsafe) static var figures: [(name: String, value: Double, unit: String)] = []
}

func loadAverage() -> String {
    var loads = [Double](repeating: 0, count: 3)
    guard getloadavg(&loads, 3) == 3 else { return "?" }
    return loads.map { fmt($0) }.joined(separator: " ")
}

/// Resident set size now, in bytes (from /proc/self/statm).
func currentRSS() -> Int {
    guard let file = fopen("/proc/self/statm", "r") else { return -1 }
    defer { fclose(file) }
    var size = 0
    var resident = 0
    guard readStatm(file, &size, &resident) else { return -1 }
    return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

private func readStatm(_ file: UnsafeMutablePointer<FILE>, _ size: inout Int, _ resident: inout Int) -> Bool {
    var buffer = [CChar](repeating: 0, count: 256)
    guard fgets(&buffer, 256, file) != nil else { return false }
    let text = cString(buffer)
    let fields = text.split(separator: " ")
    guard fields.count >= 2, let s = Int(fields[0]), let r = Int(fields[1]) else { return false }
    size = s
    resident = r
    return true
}

/// Peak resident set size of this process, in bytes.
func peakRSS() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss * 1024
}

/// The text of a NUL-terminated buffer.
func cString(_ buffer: [CChar]) -> String {
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
