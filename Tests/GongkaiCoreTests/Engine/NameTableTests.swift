import Testing

@testable import GongkaiCore

@Suite("NameTable")
struct NameTableTests {
    /// Every cell and text cell name of each template finds its local id; near misses, prefixes and other names
    /// find nothing, as a dictionary of the names would say.
    @Test(arguments: [ReportTemplate.official2021, ReportTemplate.trial2019])
    func sameAsDictionary(template: ReportTemplate) {
        let names = template.cells.map(\.name) + template.textCells.map(\.name)
        let table = NameTable(names)
        let reference = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        for (index, name) in names.enumerated() {
            #expect(table[name] == index, "\(name)")
            for other in [name + "x", String(name.dropLast()), name.uppercased(), "r1." + name] {
                #expect(table[other] == reference[other], "\(other)")
            }
        }
        for other in ["", "t3", "rate", "m.carryover_rate", "表三", "t3.new.natural.x"] {
            #expect(table[other] == reference[other], "\(other)")
        }
    }
}
