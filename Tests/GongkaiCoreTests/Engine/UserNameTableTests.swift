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
