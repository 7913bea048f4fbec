import Foundation
import Testing

/// python3 as an independent parser of what the exporters write (html.parser, xml.etree): a script on standard input,
/// its JSON on standard output. python3 is required (CI installs it); its absence fails the test.
enum Python {
    static func executable() -> String? {
        ["/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Runs `script` with `arguments` (sys.argv[1:]) and decodes the JSON object it prints.
    static func json(_ script: String, _ arguments: [String]) throws -> [String: Any] {
        let python = try #require(executable(), "python3 is not installed")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0, "python3 failed: \(String(decoding: message, as: UTF8.self))")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// Reads an HTML page with html.parser: every start tag's name and attributes in order, the text of each element
    /// kind (`title`, `th`, `td`, `text`, `desc`, `h1`, `h2`, `p`), every attribute value that names a resource
    /// (`href`, `src`, `xlink:href`), and whether the inline `<svg>` is well-formed XML (xml.etree).
    static let htmlReader = """
        import sys, json, re
        from html.parser import HTMLParser
        import xml.etree.ElementTree as ET
        page = open(sys.argv[1], encoding='utf-8').read()
        class Reader(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.tags = []; self.texts = {}; self.stack = []; self.resources = []; self.bars = []
            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                self.tags.append(tag)
                for k in ('href', 'src', 'xlink:href'):
                    if k in a: self.resources.append(a[k])
                if tag == 'g' and a.get('class') == 'bar': self.bars.append({'title': '', 'texts': [], 'rect': None})
                if tag == 'rect' and self.bars: self.bars[-1]['rect'] = int(a['width'])
                if tag != 'rect': self.stack.append(tag)
            def handle_startendtag(self, tag, attrs):
                self.handle_starttag(tag, attrs)
                if tag != 'rect' and self.stack: self.stack.pop()
            def handle_endtag(self, tag):
                while self.stack:
                    if self.stack.pop() == tag: break
            def handle_data(self, data):
                if not self.stack: return
                tag = self.stack[-1]
                self.texts.setdefault(tag, []).append(data)
                if self.bars and 'g' in self.stack:
                    if tag == 'title': self.bars[-1]['title'] += data
                    if tag == 'text': self.bars[-1]['texts'].append(data)
        r = Reader(); r.feed(page); r.close()
        svgs = re.findall(r'<svg.*?</svg>', page, re.S)
        for svg in svgs: ET.fromstring(svg)
        print(json.dumps({'tags': r.tags, 'texts': r.texts, 'resources': r.resources, 'bars': r.bars,
                          'svgs': len(svgs), 'http': 'http' in page.lower()}))
        """
}
