import Foundation
import GongkaiIO
import GongkaiTestSupport
import Testing

/// Issue 12: no output overwrites an input, whatever the path's spelling; outputs into one folder never collide.
@Suite("Input files")
struct InputFilesTests {
    @Test("the same file by another spelling, a hard link or a symbolic link is an input")
    func identity() throws {
        let directory = try AtomicFileSafetyTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = directory + "/in.txt"
        try FileManager.default.copyItem(
            atPath: ExportFixtures.root.appendingPathComponent("reports/上犹县政府办-2023.txt").path, toPath: report)
        try FileManager.default.linkItem(atPath: report, toPath: directory + "/hard.txt")
        try FileManager.default.createSymbolicLink(atPath: directory + "/soft.txt", withDestinationPath: "in.txt")
        var inputs = InputFiles()
        inputs.add(report, shownAs: "in.txt", kind: .report)
        for spelling in [
            report, directory + "/./in.txt",
            directory + "/../" + (directory as NSString).lastPathComponent
                + "/in.txt", directory + "/hard.txt", directory + "/soft.txt",
        ] {
            let error = try #require(throws: InputFiles.Overwrite.self) {
                try inputs.checkOutput(spelling, shownAs: "o")
            }
            #expect(
                error.description
                    == "refusing to overwrite o: it is the input in.txt (write the output to another file)")
        }
        // Another file, or one that does not exist yet, is fine.
        try inputs.checkOutput(directory + "/out.csv")
        try "x".write(toFile: directory + "/other.txt", atomically: false, encoding: .utf8)
        try inputs.checkOutput(directory + "/other.txt")
    }

    @Test("a workbook input may be written only where workbooks are allowed (.save)")
    func workbookAllowed() throws {
        let directory = try AtomicFileSafetyTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try AtomicFile.write("gongkai workbook 2\nend\n", toPath: directory + "/s.gkw")
        var inputs = InputFiles()
        inputs.add(directory + "/s.gkw", kind: .workbook)
        try inputs.checkOutput(directory + "/s.gkw", allowing: [.workbook])
        #expect(throws: InputFiles.Overwrite.self) { try inputs.checkOutput(directory + "/s.gkw") }
    }

    @Test(
        "names in one folder are made distinct in order",
        arguments: [
            (["report.csv", "report.csv"], ["report.csv", "report-2.csv"]),
            (["report.csv", "report.csv", "report-2.csv"], ["report.csv", "report-3.csv", "report-2.csv"]),
            (["a.csv", "b.csv"], ["a.csv", "b.csv"]),
            (["x", "x", "x"], ["x", "x-2", "x-3"]),
        ])
    func distinct(names: [String], expected: [String]) {
        #expect(InputFiles.distinctNames(names) == expected)
        #expect(Set(InputFiles.distinctNames(names)).count == names.count)
    }
}
