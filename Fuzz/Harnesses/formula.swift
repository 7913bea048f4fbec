// libFuzzer harness: the formula parser, printer, binder and evaluator.
// Properties: no crash; a formula that parses prints to text that parses to the same text (the printer and the
// parser agree); evaluation of any bound formula returns a value.
import GongkaiCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let expression = try? Formula.parse(source) else { return 0 }
    let printed = expression.description
    guard let again = try? Formula.parse(printed), again.description == printed else {
        fatalError("printed formula does not parse back: \(source.debugDescription) → \(printed.debugDescription)")
    }
    // Every name is a cell (a pattern: three of them); values cycle through the kinds a cell can hold.
    let bound = try? expression.bind { reference throws(FormulaError) in
        reference.isPattern ? .cells([1, 2, 3]) : .cell(reference.description.unicodeScalars.reduce(0) { $0 &+ Int($1.value) } % 5)
    }
    let values: [Value] = [.empty, .number(7), .number(DecimalNumber("0.5")!), .text("自然人"), .error(.divisionByZero)]
    _ = bound?.evaluate { values[$0 % values.count] }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    warmUp("Fuzz/seeds/formula", fuzzFormula)
    return 0
}
