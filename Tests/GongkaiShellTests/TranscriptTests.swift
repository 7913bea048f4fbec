import GongkaiShell
import Testing

/// Whole sessions run through the shell in-process, compared byte for byte with golden transcripts.
@Suite("Transcripts")
struct TranscriptTests {
    /// The README's tour on the bundled example.
    @Test func tour() throws {
        let (text, code) = try Harness.transcript(of: "examples/tour.gongkai")
        try Harness.expectGolden(text, "tour.out")
        #expect(code == 0)
        // The facts the tour is about, independent of layout.
        #expect(text.contains("t3.new.natural  7 → 8"))
        #expect(text.contains("t3.balance.natural  broke: imbalance +1 (error)"))
        #expect(text.contains("rate  (empty) → 0.75"))
    }

    /// Scripts in Tests/Fixtures/transcripts with their expected exit codes.
    @Test(arguments: [
        ("errors.gongkai", Int32(1)),
        ("selections.gongkai", Int32(0)),
        ("fill.gongkai", Int32(0)),
        ("failing.gongkai", Int32(3)),
        ("reports.gongkai", Int32(0)),
        ("metrics.gongkai", Int32(1)),
        ("years.gongkai", Int32(1)),
    ])
    func script(name: String, exitCode: Int32) throws {
        let (text, code) = try Harness.transcript(of: "Tests/Fixtures/transcripts/" + name)
        try Harness.expectGolden(text, name.replacingOccurrences(of: ".gongkai", with: ".out"))
        #expect(code == exitCode)
    }

    /// The same script twice gives the same bytes: no timings, no addresses, no hash order.
    @Test func deterministic() throws {
        let first = try Harness.transcript(of: "examples/tour.gongkai").text
        let second = try Harness.transcript(of: "examples/tour.gongkai").text
        #expect(first == second)
    }
}
