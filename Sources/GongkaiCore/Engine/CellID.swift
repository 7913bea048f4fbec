/// A cell anywhere in the workbook: a report slot and a local id, packed in one `Int` (the formula layer's
/// binding key). Local ids: template cells `0..<cellCount` in official order, then text cells, then user names.
struct CellID: Hashable, Comparable, Sendable {
    let raw: Int

    init(raw: Int) { self.raw = raw }
    init(report: Int, local: Int) { raw = report << 32 | local }

    var report: Int { raw >> 32 }
    var local: Int { raw & 0xFFFF_FFFF }

    static func < (a: CellID, b: CellID) -> Bool { a.raw < b.raw }
}
