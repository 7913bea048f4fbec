import Foundation
import GongkaiCore
import GongkaiShell
import Testing

#if os(Linux)
    /// On a terminal `.check` wraps a long description under itself instead of running it on.
    @Suite("Rule lines on a terminal")
    struct RuleLinesOnATerminalTests {
        @Test func checkWrapsOnATerminal() throws {
            // A pseudo-terminal by hand (Linux): /dev/ptmx, unlocked (TIOCSPTLCK), its number (TIOCGPTN).
            let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            try #require(master >= 0)
            defer { close(master) }
            var unlock: Int32 = 0
            var number: UInt32 = 0
            try #require(
                ioctl(master, UInt(0x4004_5431), &unlock) == 0 && ioctl(master, UInt(0x8004_5430), &number) == 0)
            let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            try #require(slave >= 0)
            let errors = StringOutput()
            let shell = Shell(
                output: FileDescriptorOutput(descriptor: slave), errors: errors,
                options: ShellOptions(width: 60, directory: Harness.root))
            shell.execute(statement: ".load \(RuleExplanationTests.hongze2023) as hz23")
            #expect(shell.execute(statement: ".check") == .rulesFailing)
            close(slave)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            let flags = fcntl(master, F_GETFL)
            _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
            while true {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += buffer[0..<n]
            }
            let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r", with: "")
            let check = text[text.range(of: "\nfails      t4.rowsum.review")!.upperBound...]
            let lines = ("fails      t4.rowsum.review" + check).split(separator: "\n").map(String.init)
            #expect(lines.allSatisfy { displayWidth($0) <= 60 }, "\(lines)")
            // At 60 columns the description goes on lines of its own, indented 4, and nothing of it is cut.
            #expect(lines[0] == "fails      t4.rowsum.review        -11  error")
            let description = lines.dropFirst().prefix { $0.hasPrefix("    ") }
            #expect(!description.isEmpty)
            #expect(description.count >= 2)
            let words = description.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            #expect(words == "行政复议: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结")
            #expect(!text.contains("…"))
        }
    }
#endif
