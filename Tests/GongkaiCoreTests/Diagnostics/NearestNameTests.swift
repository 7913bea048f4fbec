import Testing

@testable import GongkaiCore

@Suite struct NearestNameTests {
    static let cellNames = ReportTemplate.official2021.cells.map(\.name)

    @Test(arguments: [
        ("t3.totl.natural", "t3.total.natural"),
        ("t3.total.natrual", "t3.total.natural"),
        ("T3.Total.Natural", "t3.total.natural"),
        ("t3.new.totl", "t3.new.total"),
        ("t3.carried.natral", "t3.carried.natural"),
        ("t2.fee.amont", "t2.fee.amount"),
        ("t4.review.corected", "t4.review.corrected"),
    ])
    func suggestsTheTemplateCell(typo: String, expected: String) throws {
        try #require(Self.cellNames.contains(expected))
        #expect(nearestName(to: typo, in: Self.cellNames) == expected)
    }

    @Test(arguments: ["zzz", "t9.nothing.here", "x", "", "natural"])
    func nothingCloseGivesNil(name: String) {
        #expect(nearestName(to: name, in: Self.cellNames) == nil)
    }

    @Test func prefersTheSameNumberOfSegments() {
        // "a.bc" is one edit from "a.b.c" (a dot) and one from "a.bd" (a letter): the same shape wins.
        #expect(nearestName(to: "a.bc", in: ["a.b.c", "a.bd"]) == "a.bd")
        #expect(nearestName(to: "a.bc", in: ["a.bd", "a.b.c"]) == "a.bd")
        // Only a different shape is close: still suggested.
        #expect(nearestName(to: "a.bcd", in: ["a.b.cd"]) == "a.b.cd")
    }

    @Test func closerWinsAndTiesGoToTheEarlierCandidate() {
        #expect(nearestName(to: "total", in: ["totals", "total1", "tota"]) == "totals")
        #expect(nearestName(to: "rate", in: ["rage", "rate2", "rate"]) == "rate")
        #expect(nearestName(to: "summ", in: Function.allCases.map(\.name)) == "sum")
    }

    @Test(arguments: [
        ("kitten", "sitting", 3), ("totla", "total", 1), ("", "abc", 3), ("abc", "abc", 0), ("ab", "ba", 1),
        ("t3.total.natural", "t3.totl.natural", 1), ("ca", "abc", 3),
    ])
    func editDistanceIsOptimalStringAlignment(a: String, b: String, expected: Int) {
        #expect(editDistance(Array(a), Array(b), atMost: 10) == expected)
        #expect(editDistance(Array(a), Array(b), atMost: expected) == expected)
        if expected > 0 { #expect(editDistance(Array(a), Array(b), atMost: expected - 1) == nil) }
    }
}
