import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// The importer's quicker ways hold equal to the plain ones they stand for: on the real reports and on random and edge
/// inputs.
@Suite("Import: fast paths equal the general ones")
struct ImportFastPathTests {
    /// Every cut of `runs` into `width` values as the splitter's rules allow (no leading zero, at most
    /// ``ImportLimits/maxValueDigits`` digits, a decimal or signed run whole, a sign inside a run starting a value),
    /// in the search's order, written the plain way.
    static func cuts(_ runs: [[Unicode.Scalar]], width: Int) -> [[String]] {
        var result: [[String]] = []
        func visit(_ run: Int, _ offset: Int, _ values: [String]) {
            if run == runs.count {
                if values.count == width { result.append(values) }
                return
            }
            let digits = runs[run]
            if offset == digits.count { return visit(run + 1, 0, values) }
            if values.count >= width { return }
            if DigitRunSplitter.isWhole(digits) {
                guard let value = ReportReader.number(digits) else { return }
                return visit(run, digits.count, values + [value.description])
            }
            let signed = digits[offset] == "-"
            let first = offset + (signed ? 1 : 0)
            var stop = first
            while stop < digits.count && digits[stop] != "-" { stop += 1 }
            let last = Swift.min(stop, first + ImportLimits.maxValueDigits)
            guard first < last else { return }
            for end in (first + 1)...(digits[first] == "0" ? first + 1 : last) {
                let text = String(scalars: digits[first..<end])
                visit(run, end, values + [String(signed ? -Int(text)! : Int(text)!)])
            }
        }
        visit(0, 0, [])
        return result
    }

    @Test("the digit-run search finds every cut, in order; its sign filter and row rules drop the same readings")
    func splitterAgainstPlainCuts() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789000111-".unicodeScalars)
        for _ in 0..<400 {
            let runCount = Int.random(in: 1...3, using: &generator)
            var runs: [[Unicode.Scalar]] = (0..<runCount).map { _ in
                (0..<Int.random(in: 1...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            }
            if Bool.random(using: &generator) {
                runs.append(Array(["1.5", "-3", "24.25"].randomElement()!.unicodeScalars))
            }
            let width = Int.random(in: 1...6, using: &generator)
            var budget = ImportLimits.splitStepsPerImport
            let expected = Self.cuts(runs, width: width)
            let all = DigitRunSplitter.readings(runs, width: width, budget: &budget)?.map {
                $0.values.map(\.description)
            }
            #expect(all == expected, "runs \(runs.map { String(scalars: $0) }) width \(width)")
            let signed = (0..<width).map { _ in Bool.random(using: &generator) }
            guard let set = DigitRunSplitter.readingSet(runs, width: width, signed: signed, budget: &budget) else {
                continue
            }
            let allowed = expected.filter { values in
                zip(values, signed).allSatisfy { !$0.hasPrefix("-") || $1 }
            }
            #expect(set.indices.map { set.reading($0).values.map(\.description) } == allowed)
            // A rule: the first column is the sum of the others.
            let rule = (lhs: [0], rhs: Array(1..<width))
            let summed = allowed.filter { values in
                let numbers = values.map { DecimalNumber($0)! }
                let rest = numbers.dropFirst().reduce(DecimalNumber.zero) { try! $0.adding($1) }
                return width == 1 ? numbers[0] == .zero : numbers[0] == rest
            }
            #expect(set.satisfying([rule]).map { $0.values.map(\.description) } == summed)
            #expect(set.satisfying([]).count == set.count)
        }
    }

    /// The lines of every text fixture report.
    static func fixtureLines() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("reports").path)
        return try names.filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") || $0.hasSuffix(".html") }.flatMap {
            String(decoding: try Fixtures.bytes("reports/" + $0), as: UTF8.self).split(separator: "\n").map(String.init)
        }
    }

    /// A year found and its place as UTF-8 offsets, to compare.
    static func found(_ year: (value: Int, range: Range<String.Index>)?, in line: String) -> [Int]? {
        year.map {
            [
                $0.value, line.utf8.distance(from: line.startIndex, to: $0.range.lowerBound),
                line.utf8.distance(from: line.startIndex, to: $0.range.upperBound),
            ]
        }
    }

    @Test("a title's year read on its bytes is the year read by Characters")
    func yearOnBytes() throws {
        var lines = try Self.fixtureLines()
        let pieces = [
            "2024", "1989", "2100", "年", "度", "12345", "2021\u{301}", "\u{301}", "\r\n", "👍🏽", "１", " ", "a", "9",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            lines.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        for line in lines {
            #expect(
                Self.found(ReportMetadata.year(in: line), in: line)
                    == Self.found(ReportMetadata.yearByCharacters(in: line), in: line), "\(line)")
        }
    }

    @Test("a line's scalars tested four at a time stand alone exactly when each does")
    func standsAloneByFours() throws {
        let edges: [UInt32] = [
            0x09, 0x0A, 0x1F, 0x20, 0x41, 0x2FF, 0x300, 0x301, 0x3000, 0x309A, 0x309B, 0x4E00, 0xFDFF, 0xFE00, 0xFE0F,
            0xFF10, 0x1F44D, 0x1F3FD, 0x200D,
        ]
        var generator = SystemRandomNumberGenerator()
        var lines = try Self.fixtureLines().map { Array($0.unicodeScalars) }
        for _ in 0..<2000 {
            lines.append(
                (0..<Int.random(in: 0...13, using: &generator)).map { _ in
                    Unicode.Scalar(edges.randomElement(using: &generator)!)!
                })
        }
        for scalars in lines {
            // A line inside a larger text, as the document's lines are.
            let storage: [Unicode.Scalar] = ["a"] + scalars + ["\u{301}"]
            let line = ScalarLine(storage, 1..<(1 + scalars.count))
            let from = scalars.isEmpty ? 0 : Int.random(in: 0..<scalars.count, using: &generator)
            for range in [0..<scalars.count, from..<scalars.count] {
                #expect(line.standsAlone(range) == scalars[range].allSatisfy(SourceDocument.standsAlone))
            }
        }
    }

    @Test("markup bytes found eight at a time are the ones a byte-by-byte look finds")
    func markupBytesByEights() throws {
        let pieces = ["政府信息公开", "年", "2024", "<", "#", "*", "_", "`", "[", "&", "\\", "\r", ">", "a", "👍", "é", " "]
        var generator = SystemRandomNumberGenerator()
        var texts = try Self.fixtureLines()
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        for text in texts {
            #expect(TextMarkup.hasMarkupBytes(text) == text.utf8.contains { TextMarkup.markupBytes[Int($0)] })
        }
    }

    @Test("one pass for several needles finds one exactly when a search per needle does")
    func containsAnyInOnePass() throws {
        let pieces = ["本年新制作数量", "本年", "对外公开总数量", "第二十条第（九）项", "第", "对", "本", "1", "a", " ", "👍"]
        var generator = SystemRandomNumberGenerator()
        var texts = try Self.fixtureLines()
        texts.append(texts.joined(separator: "\n"))
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 0...9, using: &generator)).map { _ in pieces.randomElement()! }.joined())
        }
        let needleSets: [[[Unicode.Scalar]]] =
            ReportTemplate.all.map { $0.markers.map { LabelText.normalized($0) } } + [
                [], [[]], [Array("本年".unicodeScalars), Array("本".unicodeScalars)], [Array("第二十条第（九）项".unicodeScalars)],
                [Array("a1".unicodeScalars), Array("对外公开总数量".unicodeScalars), Array(" ".unicodeScalars)],
                ["本年", "对外", "第二", "1", "a"].map { Array($0.unicodeScalars) },
            ]
        for text in texts {
            let haystack = Array(text.unicodeScalars)
            for needles in needleSets {
                #expect(
                    LabelText.containsAny(of: needles, in: haystack)
                        == needles.contains { !$0.isEmpty && LabelText.firstIndex(of: $0[...], in: haystack) != nil },
                    "\(text)")
            }
        }
    }
}
