// libFuzzer harness: the report importer, every input kind. The first byte chooses the file name the bytes are read
// under (text, markdown, HTML, or none, so HTML and Markdown are also detected from the content); the seeds include
// the real reports in UTF-8, GB18030 and UTF-16.
// Properties: no crash; an import either throws an ImportError or returns values only for template cells, each
// with a 1-based line and column, and every damage diagnostic has a line.
import GongkaiCore
import GongkaiIO

let importer = ReportImporter()
let names: [String?] = ["report.txt", "report.md", "report.html", nil]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let name = names[Int(data[0]) % names.count]
    let bytes = [UInt8](UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard let report = try? importer.importReport(bytes: bytes, fileName: name) else { return 0 }
    for (cell, entry) in report.values {
        precondition(cell >= 0 && cell < report.template.cells.count, "value for a cell outside the template")
        precondition((entry.1.line ?? 1) >= 1 && (entry.1.column ?? 1) >= 1, "a place before the start of the file")
    }
    for issue in report.damage { precondition(issue.line != nil, "damage without a line: \(issue)") }
    _ = ImportSummary(report).rendered()
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    for kind: UInt8 in 0..<4 { warmUp("Tests/Fixtures/reports", prefix: [kind], fuzzImport) }
    return 0
}
