import Foundation
import GongkaiCore
import GongkaiTestSupport
import Testing

@testable import GongkaiIO

/// The table decoder of GB18030 against the converter it stands in for (iconv, the whole text in one call) and an
/// independent encoder (Foundation's): the same scalars, or nil and the converter's answer, on the real fixtures and
/// on damaged bytes.
@Suite("Import: GB18030 table decoding")
struct GB18030TableTests {
    static let textFixtures = [
        "上犹县政府办-2023.txt", "淮安市-2024.txt", "上海市科委-2024.md", "平潭综合实验区-2021.txt", "平潭综合实验区-2021.html",
        "洪泽区-2023.txt", "洪泽区-2024.txt", "平潭综合实验区-2020-2019format.txt",
    ]

    /// `text` in GB18030, by Foundation's encoder.
    static func encoded(_ text: String) throws -> [UInt8] {
        [UInt8](try #require(text.data(using: SourceDecoder.gb18030)))
    }

    /// The table knows every two-byte code iconv turns into one BMP scalar, and only those.
    @Test("every two-byte code decodes as iconv decodes it alone")
    func everyCode() throws {
        let table = GB18030Table.scalars
        guard !table.isEmpty else { return }  // no iconv here: the converter decodes everything
        let trails = (0x40...0x7E).map(UInt8.init) + (0x80...0xFE).map(UInt8.init)
        #expect(trails.count == GB18030Table.trails)
        var known = 0
        for lead in UInt8(0x81)...0xFE {
            for trail in trails {
                let bytes: [UInt8] = [lead, trail]
                let converted = SourceDecoder.decodeGB18030Converting(bytes[...])
                let fast = GB18030Table.decode(bytes[...])
                if let fast {
                    #expect(fast == converted, "\(String(lead, radix: 16)) \(String(trail, radix: 16))")
                    known += 1
                } else {
                    // Left to the converter: it gives no single BMP scalar here.
                    #expect((converted?.count ?? 0) != 1 || converted![0].value > 0xFFFF)
                }
            }
        }
        // GBK's characters and symbols at the least.
        #expect(known > 21_000)
    }

    @Test("the fixtures in GB18030 decode as the converter and as their UTF-8", arguments: textFixtures)
    func fixtures(_ name: String) throws {
        let utf8 = try Fixtures.bytes("reports/" + name)
        let text = String(decoding: utf8, as: UTF8.self)
        let bytes = try Self.encoded(text)
        let fast = GB18030Table.decode(bytes[...])
        if !GB18030Table.scalars.isEmpty { #expect(fast != nil) }
        #expect(SourceDecoder.decodeGB18030(bytes[...]) == SourceDecoder.decodeGB18030Converting(bytes[...]))
        #expect(SourceDecoder.decodeGB18030(bytes[...]) == text.unicodeScalars.map(SourceDocument.fold))
    }

    /// Four-byte characters, cut and damaged sequences: the table steps aside and the converter decides.
    @Test("four-byte, cut and invalid sequences are the converter's to decide")
    func damaged() throws {
        let report = String(decoding: try Fixtures.bytes("reports/淮安市-2024.txt"), as: UTF8.self)
        let base = try Self.encoded(report)
        let fourByte = try Self.encoded("¥ 😀 €")
        var cases: [(String, [UInt8])] = [
            ("four-byte characters", base + fourByte),
            ("a lead byte at the end", base + [0xB0]),
            ("a bad trail", Array(base.prefix(200)) + [0xB0, 0x20] + Array(base.dropFirst(200))),
            ("0x80", base + [0x80, 0x41]),
            ("0xFF", [0xFF] + base),
            ("a four-byte sequence cut", base + Array(fourByte.prefix(3))),
            ("a lead and a digit", base + [0x81, 0x30]),
        ]
        cases.append(("ASCII only", Array("2023 年".utf8.prefix(4))))
        for (what, bytes) in cases {
            let converted = SourceDecoder.decodeGB18030Converting(bytes[...])
            #expect(SourceDecoder.decodeGB18030(bytes[...]) == converted, "\(what)")
            if what != "ASCII only" { #expect(GB18030Table.decode(bytes[...]) == nil, "\(what)") }
        }
        #expect(
            SourceDecoder.decodeGB18030((base + fourByte)[...])?.suffix(5).map(\.value) == [
                0xA5, 0x20, 0x1F600, 0x20, 0x20AC,
            ])
    }

    @Test("a report with four-byte characters imports as its UTF-8 does; a cut one is refused")
    func imports() throws {
        let name = "淮安市-2024.txt"
        let text = String(decoding: try Fixtures.bytes("reports/" + name), as: UTF8.self)
        let importer = ReportImporter()
        for extra in ["", "\n¥ 😀\n"] {
            let original = try importer.importReport(text: text + extra, fileName: name)
            let bytes = try Self.encoded(text + extra)
            let report = try importer.importReport(bytes: bytes, fileName: name)
            #expect(report.encoding == .gb18030)
            for cell in report.template.cells {
                #expect(report.values[cell.index]?.0 == original.values[cell.index]?.0)
                #expect(report.values[cell.index]?.1.line == original.values[cell.index]?.1.line)
                #expect(report.values[cell.index]?.1.column == original.values[cell.index]?.1.column)
            }
            #expect(report.diagnostics.map(\.description) == original.diagnostics.map(\.description))
        }
        // Not GB18030 after all: refused as before.
        let cut = try Self.encoded(text) + [0xB0]
        do {
            _ = try importer.importReport(bytes: cut, fileName: name)
            Issue.record("a cut GB18030 text loaded")
        } catch { #expect(error.code == "I004") }
    }
}
