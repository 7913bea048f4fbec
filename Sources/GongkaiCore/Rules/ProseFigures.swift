/// Figures quoted in a report's prose (`受理政府信息公开申请 17 件`), found by keyword, for soft rule 11.
///
/// A figure is a keyword followed, within one clause (no `，。；`) and at most `window` characters, by a number and
/// `件`. The number may be written with ASCII or full-width digits; Chinese numerals are not read.
public struct ProseFigure: Sendable, Hashable {
    /// What the figure counts.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 收到 / 受理 / 新收 N 件: this year's new applications.
        case received
        /// 办结 / 办理完毕 N 件: applications answered (（七）总计).
        case closed
        /// 结转下年度 N 件: carried to next year.
        case forward
        /// 上年结转 N 件: carried from last year.
        case carried
        /// 行政复议 N 件.
        case review
        /// 行政诉讼 N 件 (直接起诉 + 复议后起诉).
        case suit
    }

    public let kind: Kind
    /// The number quoted.
    public let value: Int
    /// 1-based paragraph of the text (paragraphs are the text's lines).
    public let paragraph: Int
    /// The quoted words, from the keyword to `件`.
    public let quote: String

    /// Keywords per kind, longest first within a kind; a keyword followed by one of `excludedAfter` is skipped.
    static let keywords: [(kind: Kind, words: [String])] = [
        (.carried, ["上年结转", "上年度结转"]),
        (.forward, ["结转下年度", "结转至下年度", "结转到下年度", "结转下一年度", "结转下年"]),
        (.received, ["共收到", "收到", "共受理", "受理", "新收", "接收"]),
        (.closed, ["办结", "办理完毕", "全部答复"]),
        (.review, ["行政复议", "复议"]),
        (.suit, ["行政诉讼", "诉讼"]),
    ]
    static let excludedAfter: [Kind: [String]] = [.review: ["后"]]
    /// Where a clause ends, or (`中`, as in 办结的申请中…) a sub-count begins.
    static let clauseEnds: [Unicode.Scalar] = ["，", "。", "；", ",", ";", "：", ":", "、", "\n", "中"]
    /// How far after the keyword the number may stand, in characters.
    static let window = 24
    /// The keywords and exclusions as Unicode scalars, compared as numbers (Character comparison dominated the scan).
    static let scalarKeywords: [(kind: Kind, words: [[UInt32]])] = keywords.map { entry in
        (entry.kind, entry.words.map { $0.unicodeScalars.map(\.value) })
    }
    /// The first scalar of every keyword.
    static let firstScalars: Set<UInt32> = Set(scalarKeywords.flatMap { $0.words.compactMap(\.first) })
    /// ``firstScalars`` in the Basic Multilingual Plane as bits (bit `c & 63` of word `c >> 6`): the scan asks for
    /// every scalar of the text.
    static let firstScalarBits: [UInt64] = firstScalars.reduce(into: [UInt64](repeating: 0, count: 1024)) { bits, c in
        if c < 0x10000 { bits[Int(c >> 6)] |= 1 << (c & 63) }
    }
    static let scalarExcludedAfter: [Kind: [[UInt32]]] = excludedAfter.mapValues { words in
        words.map { $0.unicodeScalars.map(\.value) }
    }

    /// The figures in `text`, in order of appearance; a place claimed by a longer keyword is not read again.
    ///
    /// One pass per keyword over the text's scalars: linear in the text (a few dozen keywords of 2–6 scalars).
    public static func scan(_ text: String) -> [ProseFigure] {
        let scalars = text.scalarArray
        var found: [ProseFigure] = []
        var claimed = Set<Int>()
        var paragraphStarts: [Int] = [0]
        // Where a keyword's first scalar stands, and where paragraphs start, in one pass: each keyword then tries only
        // those places.
        var places: [Int] = []
        firstScalarBits.withUnsafeBufferPointer { bits in
            for i in scalars.indices {
                let c = scalars[i].value
                if c == 0x0A {
                    paragraphStarts.append(i + 1)
                } else if c < 0x10000 ? bits[Int(c >> 6)] & (1 << (c & 63)) != 0 : firstScalars.contains(c) {
                    places.append(i)
                }
            }
        }
        guard !places.isEmpty else { return [] }
        func matches(_ pattern: [UInt32], at i: Int) -> Bool {
            guard i + pattern.count <= scalars.count else { return false }
            for k in pattern.indices where scalars[i + k].value != pattern[k] { return false }
            return true
        }
        for (kind, words) in scalarKeywords {
            for pattern in words {
                guard let first = pattern.first else { continue }
                for i in places where scalars[i].value == first {
                    guard matches(pattern, at: i), !claimed.contains(i) else { continue }
                    let after = i + pattern.count
                    if let excluded = scalarExcludedAfter[kind], excluded.contains(where: { matches($0, at: after) }) {
                        continue
                    }
                    guard let (value, end) = number(in: scalars, from: after) else { continue }
                    for k in i..<after { claimed.insert(k) }
                    // The paragraph: the last start at or before i (binary search over the sorted starts).
                    var low = 0
                    var high = paragraphStarts.count
                    while low < high {
                        let mid = (low + high) / 2
                        if paragraphStarts[mid] <= i { low = mid + 1 } else { high = mid }
                    }
                    found.append(
                        ProseFigure(
                            kind: kind, value: value, paragraph: max(low, 1), quote: String(scalars: scalars[i..<end])))
                }
            }
        }
        return found.sorted { ($0.paragraph, $0.quote) < ($1.paragraph, $1.quote) }
    }

    /// The first `digits 件` within the clause after `start`: the number and the index after `件`.
    static func number(in scalars: [Unicode.Scalar], from start: Int) -> (Int, Int)? {
        var i = start
        let limit = min(scalars.count, start + window)
        while i < limit {
            let c = scalars[i]
            if clauseEnds.contains(c) { return nil }
            if let digit = digitValue(c) {
                var value = digit
                var j = i + 1
                while j < scalars.count, let d = digitValue(scalars[j]) {
                    guard value < 100_000_000 else { return nil }
                    value = value * 10 + d
                    j += 1
                }
                while j < scalars.count, scalars[j] == " " || scalars[j] == "\u{3000}" { j += 1 }
                guard j < scalars.count, scalars[j] == "件" else { return nil }
                return (value, j + 1)
            }
            i += 1
        }
        return nil
    }

    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }
}
