import Testing

@testable import GongkaiCore

/// `define([...])` recomputes its definitions' cells once, after the last one: the values, the change set, undo and
/// redo, and a failing batch's rollback are as if each definition had recomputed at once.
@Suite struct BatchDefineTests {
    static func book() throws -> Workbook {
        let book = Workbook()
        _ = try book.addReport(name: "r", template: .official2021)
        _ = try book.set("t3.new.natural", .value(3))
        return book
    }

    @Test func aChainIsDefinedInOneStepAndUndoneExactly() throws {
        let book = try Self.book()
        let before = book.document()
        var definitions: [(name: String, formula: String)] = [(name: "a1", formula: "t3.new.natural")]
        for i in 2...300 { definitions.append((name: "a\(i)", formula: "a\(i - 1) + 1")) }
        let changes = try book.define(definitions)
        #expect(try book.value(of: "a300") == 302)
        #expect(changes.cells.count == 300)
        #expect(changes.cells.first { $0.name == "a7" }.map { [$0.old, $0.new] } == [.empty, 9])
        #expect(book.recalculateAll().isEmpty)
        _ = try #require(book.undo())
        #expect(book.document() == before)
        #expect(throws: EngineError.self) { try book.value(of: "a1") }
        _ = try #require(book.redo())
        #expect(try book.value(of: "a300") == 302)
        _ = try book.set("t3.new.natural", .value(10))
        #expect(try book.value(of: "a300") == 309)
        #expect(book.recalculateAll().isEmpty)
    }

    /// ``book()`` with `x = 1` and `y = x + 1` defined, each a step of its own.
    static func bookWithXY() throws -> Workbook {
        let book = try Self.book()
        _ = try book.define(name: "x", formula: "1")
        _ = try book.define(name: "y", formula: "x + 1")
        return book
    }

    @Test func redefinitionsInABatchReachTheirReaders() throws {
        let book = try Self.bookWithXY()
        let before = book.document()
        // `z` reads `y` as it stands, then `y` is redefined: `z` follows.
        let changes = try book.define([
            (name: "x", formula: "5"), (name: "z", formula: "y * 2"), (name: "y", formula: "x + 10"),
        ])
        #expect(try book.value(of: "y") == 15)
        #expect(try book.value(of: "z") == 30)
        let cells = Dictionary(uniqueKeysWithValues: changes.cells.map { ($0.name, [$0.old, $0.new]) })
        #expect(cells == ["x": [1, 5], "y": [2, 15], "z": [.empty, 30]])
        #expect(book.recalculateAll().isEmpty)
        let undone = try #require(book.undo())
        #expect(book.document() == before)
        #expect(try book.value(of: "y") == 2)
        #expect(undone.cells.count == 3)
        #expect(book.recalculateAll().isEmpty)
    }

    @Test func aFailingBatchChangesNothing() throws {
        let book = try Self.bookWithXY()
        let before = book.document()
        for batch in [
            [(name: "x", formula: "7"), (name: "w", formula: "x + 1"), (name: "v", formula: "nope + 1")],
            [(name: "w", formula: "y + 1"), (name: "x", formula: "w * 2")],  // a cycle x → w → y → x
            [(name: "x", formula: "y"), (name: "bad name", formula: "1")],
        ] {
            #expect(throws: EngineError.self) { try book.define(batch) }
            #expect(book.document() == before)
            #expect(try book.value(of: "x") == 1)
            #expect(try book.value(of: "y") == 2)
            #expect(throws: EngineError.self) { try book.value(of: "w") }
            #expect(book.recalculateAll().isEmpty)
        }
    }

    /// A name's readers go from none to one (kept inline) to many and back as formulas read it and stop reading it.
    @Test func readersOfANameFollowRedefinitionsAndUndo() throws {
        let book = try Self.bookWithXY()  // `y` reads `x`
        _ = try book.define([(name: "p", formula: "x * 2"), (name: "q", formula: "x + y")])
        _ = try book.define(name: "x", formula: "4")
        #expect(try [book.value(of: "y"), book.value(of: "p"), book.value(of: "q")] == [5, 8, 9])
        #expect(throws: EngineError.self) { try book.undefine(name: "x") }
        _ = try book.define([(name: "p", formula: "1"), (name: "q", formula: "y")])
        _ = try book.define(name: "x", formula: "6")
        #expect(try [book.value(of: "y"), book.value(of: "p"), book.value(of: "q")] == [7, 1, 7])
        #expect(book.recalculateAll().isEmpty)
        _ = try book.undefine(name: "q")
        _ = try book.define(name: "y", formula: "2")  // `x` is read by nothing now
        _ = try book.undefine(name: "x")
        #expect(throws: EngineError.self) { try book.value(of: "x") }
        for _ in 0..<5 { _ = try #require(book.undo()) }
        #expect(try [book.value(of: "y"), book.value(of: "p"), book.value(of: "q")] == [5, 8, 9])
        _ = try book.define(name: "x", formula: "10")
        #expect(try [book.value(of: "y"), book.value(of: "p"), book.value(of: "q")] == [11, 20, 21])
        #expect(book.recalculateAll().isEmpty)
    }

    @Test func userReadersKeepOrderAndRemoveTheLastOccurrence() {
        var readers = UserReaders.none
        #expect(readers.isEmpty && readers.array == [])
        readers.append(7)
        #expect(readers == .one(7) && readers[0] == 7)
        readers.append(9)
        readers.append(7)
        #expect(readers.array == [7, 9, 7] && readers.count == 3)
        var removed = [readers.removeLast(7)]
        #expect(readers.array == [7, 9])
        removed.append(readers.removeLast(5))
        removed.append(readers.removeLast(7))
        #expect(readers == .one(9))
        removed.append(readers.removeLast(7))
        removed.append(readers.removeLast(9))
        #expect(readers == .none)
        removed.append(readers.removeLast(9))
        #expect(removed == [true, false, true, false, true, false])
    }
}
