import Testing

@testable import GongkaiCore

/// A report's compact cell values give back exactly the ``Value`` stored, at the edges of the inline form too.
@Suite struct CellValuesTests {
    static func number(_ text: String) throws -> Value {
        .number(try #require(DecimalNumber(text), "not a decimal: \(text)"))
    }

    /// Inline and wide values, next to each other, read back as stored; a wide value replaced by an inline one
    /// leaves nothing behind (equal to the same values stored afresh).
    @Test(arguments: [
        "0", "1", "-1", "352", "24252.311082", "0.000000000000001", "0.0000000000000001", "0.000000000000000001",
        "288230376151711743", "-288230376151711744", "288230376151711744", "-288230376151711745",
        "2882303761517.11743", "99999999999999999999999999999999999", "-0.5",
    ])
    func roundTrips(text: String) throws {
        let value = try Self.number(text)
        let others: [Value] = [.empty, .text("淮安市洪泽区人民政府"), .error(.divisionByZero), .number(DecimalNumber(7))]
        var cells = CellValues(count: others.count + 1)
        for (index, other) in others.enumerated() { cells[index] = other }
        cells[others.count] = value
        #expect(cells[others.count] == value)
        #expect(cells.array == others + [value])
        #expect(
            cells.count(at: others.count)
                == (value.number?.scale == 0 ? value.number?.smallInteger : nil)
                .flatMap { (-(1 << 58)...((1 << 58) - 1)).contains($0) ? $0 : nil })
        // Overwrite with each other value and back: the same as built afresh.
        for other in others {
            cells[others.count] = other
            #expect(cells[others.count] == other)
        }
        cells[others.count] = value
        #expect(cells == CellValues(others + [value]))
        cells[others.count] = .empty
        #expect(cells.isEmpty(at: others.count))
        #expect(cells == CellValues(others + [.empty]))
    }

    /// The sum of a report's counts reads their words and agrees with the exact decimal sum, across the word's
    /// edge and with fractions, empties, texts and errors among them.
    @Test func sumsAgreeWithDecimalArithmetic() throws {
        let texts = ["288230376151711743", "288230376151711743", "1", "", "0.25", "-7", "9223372036854775807"]
        let values = try texts.map { $0.isEmpty ? Value.empty : try Self.number($0) }
        let cells = CellValues(values)
        var expected = DecimalNumber.zero
        for case .number(let n) in values { expected = try expected.adding(n) }
        let sum = Workbook.sum(values.indices.map { Int32($0) }, in: cells)
        #expect(sum.value == expected)
        #expect(sum.empty == 1)
        #expect(sum.count == 6)
        #expect(sum.error == nil)
        #expect(Workbook.sum([0, 7], in: CellValues(values + [.text("x")])).error == .type)
        #expect(Workbook.sum([7, 0], in: CellValues(values + [.error(.overflow)])).error == .overflow)
    }
}
