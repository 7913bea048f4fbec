import Testing

@testable import GongkaiCore

/// The user names' hashed table (``UserNameTable``) answers as the dictionary it replaced would, through random
/// appends, finds-or-adds, removals of the last position and reservations; a lookup by bytes answers as by string.
@Suite struct UserNameTableTests {
    @Test(arguments: 1...6)
    func tableAgreesWithADictionary(seed: UInt64) {
        var random = FuzzTests.Generator(state: seed)
        var table = UserNameTable()
        var names: [String] = []
        var index: [String: Int] = [:]
        let pool =
            (0..<300).map { "n\($0)" } + ["a", "b.c", "甲乙", "x_1", "t3.new.natural", "long_name_past_fifteen_bytes"]
        for _ in 0..<3000 {
            let name = pool[Int(random.next() % UInt64(pool.count))]
            switch random.next() % 10 {
            case 0...4:
                let (found, added) = table.index(addingIfNew: name)
                let expected = index[name]
                #expect(added == (expected == nil))
                if let expected {
                    #expect(found == expected)
                } else {
                    index[name] = names.count
                    names.append(name)
                    #expect(found == names.count - 1)
                }
            case 5:
                table.append(name)
                index[name] = names.count
                names.append(name)
            case 6, 7:
                guard !names.isEmpty else { continue }
                table.removeLast()
                index[names.removeLast()] = nil
            case 8:
                table.reserveCapacity(names.count + Int(random.next() % 200))
            default:
                break
            }
            #expect(table.names == names)
            #expect(table.index(of: name) == index[name])
            #expect(table.index(of: name.utf8.span) == index[name])
        }
        for name in pool {
            #expect(table.index(of: name) == index[name], "\(name)")
            #expect(table.index(of: name.utf8.span) == index[name], "\(name)")
        }
    }
}

/// A simple formula's names are looked up by their bytes (``Workbook/cell(named:dotted:context:)`` over a span);
/// every name finds what the lookup by string finds: user names defined, undefined and never defined, template
/// cells, qualified names, in the current report and in another.
@Suite struct CellByBytesTests {
    @Test func bytesFindWhatTheStringFinds() throws {
        let book = Workbook()
        _ = try book.addReport(name: "r1", template: .official2021)
        _ = try book.addReport(name: "r2", template: .official2021)
        _ = try book.define([
            (name: "a1", formula: "1"), (name: "rate", formula: "a1 * 2"), (name: "x.y", formula: "3"),
        ])
        _ = try book.define(name: "gone", formula: "4")
        _ = try book.undefine(name: "gone")
        let names = [
            "a1", "rate", "x.y", "gone", "never", "t3.new.natural", "r1.a1", "r2.a1", "r1.t3.new.natural", "a", "a10",
            "rate_", "x", "名",
        ]
        for context in [0, 1] {
            for name in names {
                let byString = book.cell(named: name, dotted: name.contains("."), context: context)
                let byBytes = book.cell(named: name.utf8.span, dotted: name.contains("."), context: context)
                #expect(byBytes == byString, "\(name) in report \(context)")
            }
        }
    }
}
