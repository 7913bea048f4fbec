// libFuzzer harness: the statement runner (`Shell.execute(statement:)`), on a workbook holding a real report.
// Each input is up to 16 lines, each one statement. Commands that touch files or the terminal (.load .save .export
// .output .read .fill .record .quit …) are skipped, so the fuzzer cannot write anywhere.
// Properties: no crash; a statement that fails leaves the workbook's document exactly as it was.
import Foundation
import GongkaiCore
import GongkaiShell

let allowed: Set<String> = [
    "show", "check", "explain", "find", "undo", "redo", "reports", "rule", "rules", "drop", "help", "bail", "echo",
]
let loaded: WorkbookDocument = {
    let shell = Shell(output: StringOutput(), errors: StringOutput())
    shell.execute(statement: ".load \(fuzzRoot)/Tests/Fixtures/reports/淮安市-2024.txt as ha")
    shell.execute(statement: ".load \(fuzzRoot)/Tests/Fixtures/reports/上犹县政府办-2023.txt as sy")
    precondition(shell.workbook.reportNames.count == 2, "fixtures not found under \(fuzzRoot)")
    return shell.workbook.document()
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatement(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let workbook = try? Workbook(document: loaded) else { fatalError("the fixture workbook does not restore") }
    let shell = Shell(
        workbook: workbook, output: StringOutput(), errors: StringOutput(),
        options: ShellOptions(width: 80, directory: "/nonexistent-gongkai-fuzz"))
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).prefix(16) {
        let statement = String(line)
        let trimmed = statement.drop { $0 == " " || $0 == "\t" }
        if trimmed.first == "." {
            let name = trimmed.dropFirst().prefix { $0.isLetter }
            guard allowed.contains(String(name)) else { continue }
        }
        let before = shell.workbook.document()
        if shell.execute(statement: statement) == .failed {
            precondition(shell.workbook.document() == before, "a failed statement changed the workbook: \(statement.debugDescription)")
        }
    }
    return 0
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    warmUp("Fuzz/seeds/statement", fuzzStatement)
    return 0
}
