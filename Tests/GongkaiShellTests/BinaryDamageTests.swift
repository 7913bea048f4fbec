import Foundation
import Testing

/// Damaged reports loaded by the built binary: the load summary names each kind of damage with its line and column
/// (issue 12). Exit codes for damage belong to `gongkai check`; here the warnings themselves are checked.
@Suite("Binary: damage on load")
struct BinaryDamageTests {
    @Test(
        "each kind of damage is a warning with its code and line:column",
        arguments: [
            ("ha-truncated-55.txt", "I115"), ("ha-row-deleted-open.txt", "I105"), ("ha-table3-missing.txt", "I101"),
            ("ha-invalid-utf8.txt", "I010"), ("ha-table3-twice.txt", "I112"), ("ha-26-digits.txt", "I113"),
            ("ha-control-bel.txt", "I114"), ("ha-glued-120.txt", "I107"), ("sh-first-cell-32star.md", "I111"),
            ("ha-truncated-mid-number.txt", "I110"), ("utf16-odd.txt", "I011"),
        ])
    func warning(_ file: String, _ code: String) throws {
        let result = try BinaryTests.run(["-X", "-c", ".load Tests/Fixtures/bad-input/import/\(file) as bad"])
        #expect(result.code == 0, "\(result.err)")
        let line = result.out.split(separator: "\n").first { $0.contains("warning[\(code)]") }
        let found = try #require(line, "no \(code) in:\n\(result.out)")
        #expect(found.firstMatch(of: #/warning\[I\d+\] line \d+:\d+: /#) != nil)
    }

    @Test("a file past the size limit is refused by name, exit 2")
    func tooLarge() throws {
        let directory = try Harness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/big.txt"
        try Data(repeating: 0x31, count: (4 << 20) + 1).write(to: URL(fileURLWithPath: path))
        let result = try BinaryTests.run(["check", path])
        #expect(result.code == 2)
        #expect(result.err.contains("big.txt") && result.err.contains("4 MiB"))
    }
}
