// libFuzzer harness: the workbook-file reader. Properties: no crash; a file that parses restores into a workbook,
// and the workbook's document renders to a file that parses again to the same document.
import GongkaiCore
import GongkaiIO

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWorkbook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = WorkbookFile.isWorkbook(text)
    guard let document = try? WorkbookFile.parse(text) else { return 0 }
    guard let workbook = try? Workbook(document: document) else { return 0 }
    let restored = workbook.document()
    let rendered = WorkbookFile.render(restored)
    guard let again = try? WorkbookFile.parse(rendered) else {
        fatalError("a rendered workbook does not parse: \(rendered.debugDescription)")
    }
    precondition((try? Workbook(document: again))?.document() == restored, "render/parse does not round-trip")
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    warmUp("Fuzz/seeds/workbook", fuzzWorkbook)
    return 0
}
