// Shared by every harness (compiled into each): runs the harness once on each file of a folder before fuzzing, so
// that lazily created globals (the template, lookup tables) exist before libFuzzer starts counting allocations, and
// are not taken for leaks of the first input.
import Foundation

let fuzzRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

func warmUp(_ folder: String, prefix: [UInt8] = [], _ body: (UnsafePointer<UInt8>, Int) -> CInt) {
    let path = fuzzRoot + "/" + folder
    for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() {
        guard let data = FileManager.default.contents(atPath: path + "/" + name) else { continue }
        let bytes = prefix + [UInt8](data)
        bytes.withUnsafeBufferPointer { buffer in _ = body(buffer.baseAddress!, buffer.count) }
    }
}
