import Foundation
import GongkaiCore
import GongkaiIO
import GongkaiTestSupport
import Testing

/// Expands the HTML export's tables with Python's `html.parser` — rowspan/colspan filled in — and finds every cell's
/// value with the same template-driven reader as the CSV test.
@Suite("HTML export read back by Python's html.parser")
struct HTMLRoundTripTests {
    static let script = #"""
        import html.parser, json, sys
        class Reader(html.parser.HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.out, self.tag, self.text, self.h2 = [], None, '', ''
                self.grid, self.pending, self.row, self.col, self.span = None, {}, -1, 0, (1, 1)
            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag in ('h1', 'h2', 'th', 'td'):
                    self.tag, self.text = tag, ''
                    self.span = (int(a.get('rowspan', 1)), int(a.get('colspan', 1)))
                if tag == 'table':
                    self.grid, self.pending, self.row = [], {}, -1
                if tag == 'tr':
                    self.row += 1
                    self.col = 0
                    while len(self.grid) <= self.row: self.grid.append([])
            def handle_data(self, data):
                if self.tag: self.text += data
            def handle_endtag(self, tag):
                if tag == 'h1': self.out.append([self.text])
                if tag == 'h2': self.h2 = self.text
                if tag in ('th', 'td'):
                    rows, cols = self.span
                    while (self.row, self.col) in self.pending: self.col += 1
                    for r in range(self.row, self.row + rows):
                        for c in range(self.col, self.col + cols):
                            self.pending[(r, c)] = self.text
                    self.col += cols
                if tag == 'table':
                    height = max(r for r, _ in self.pending) + 1
                    width = max(c for _, c in self.pending) + 1
                    if len(self.out) > 1: self.out.append([])
                    self.out.append([self.h2])
                    for r in range(height):
                        self.out.append([self.pending[(r, c)] for c in range(width)])
                if tag in ('h1', 'h2', 'th', 'td'): self.tag = None
        reader = Reader()
        reader.feed(open(sys.argv[1], encoding='utf-8').read())
        json.dump(reader.out, sys.stdout, ensure_ascii=False)
        """#

    @Test("every cell's value lands under its row and column labels", arguments: ExportFixtures.goldenNames)
    func goldenReport(name: String) throws {
        let python = try #require(ExportFixtures.tool("python3"))
        let golden = try ExportFixtures.golden(name)
        let html = try Exporter.export([golden.report], format: .html)
        let directory = try ExportFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: file)
        let result = try ExportFixtures.run(python, ["-c", Self.script, file.path])
        try #require(result.status == 0, "\(String(decoding: result.error, as: UTF8.self))")
        let rows = try #require(try JSONSerialization.jsonObject(with: result.output) as? [[String]])
        // A span filled in repeats its text in both directions; the reader collapses repeats within a label path.
        let reader = try OfficialCSVReader(rows: rows, template: golden.report.template, heading: golden.report.heading)
        #expect(reader.values.count == golden.report.template.cells.count)
        for (cell, expected) in golden.expected {
            #expect(reader.values[cell] == expected?.description ?? "", "\(name) \(cell)")
        }
    }
}
