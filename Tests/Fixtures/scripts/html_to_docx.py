#!/usr/bin/env python3
"""Writes a Word .docx from an HTML page of report tables, with python-docx (a real, independent DOCX writer).

    html_to_docx.py IN.html OUT.docx [--merge LABEL:ROWS:FIRST:LAST[:TEXT]]...

Headings and paragraphs become Word paragraphs; every <table> becomes a Word table on its grid, and each cell with
colspan/rowspan becomes a merged cell (python-docx writes w:gridSpan and w:vMerge). --merge clears the grid cells of
columns FIRST..LAST (0-based grid columns) in ROWS rows starting at the table row one of whose cells starts with LABEL,
and merges them into one cell holding TEXT (blank when omitted): a merged blank span, as Word users make them.
"""
import sys
from html.parser import HTMLParser

import docx


class Page(HTMLParser):
    """The blocks of an HTML page: ("p", text) and ("table", rows of (text, colspan, rowspan))."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.text = None
        self.rows = None
        self.cell = None
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "script", "title"):
            self.skip += 1
        elif tag == "table":
            self.rows = []
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self.cell = [[], int(attrs.get("colspan", 1)), int(attrs.get("rowspan", 1))]
        elif tag in ("p", "h1", "h2", "h3", "div") and self.cell is None:
            self.text = []

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(("".join(self.cell[0]).strip(), self.cell[1], self.cell[2]))
            self.cell = None
        elif tag == "table" and self.rows is not None:
            self.blocks.append(("table", self.rows))
            self.rows = None
        elif tag in ("p", "h1", "h2", "h3", "div") and self.text is not None:
            text = "".join(self.text).strip()
            if text:
                self.blocks.append(("p", text))
            self.text = None

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell[0].append(data)
        elif self.text is not None:
            self.text.append(data)


def layout(rows):
    """Places the cells on the grid as a browser does: [(row, column, text, colspan, rowspan)], width."""
    taken = set()
    placed = []
    width = 0
    for r, cells in enumerate(rows):
        c = 0
        for text, colspan, rowspan in cells:
            while (r, c) in taken:
                c += 1
            rowspan = min(rowspan, len(rows) - r)
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            placed.append((r, c, text, colspan, rowspan))
            c += colspan
            width = max(width, c)
    return placed, width


def main(argv):
    source, target = argv[1], argv[2]
    merges = []
    args = argv[3:]
    while args:
        if args[0] != "--merge" or len(args) < 2:
            sys.exit("usage: html_to_docx.py IN.html OUT.docx [--merge LABEL:ROWS:FIRST:LAST[:TEXT]]...")
        parts = args[1].split(":")
        merges.append((parts[0], int(parts[1]), int(parts[2]), int(parts[3]), parts[4] if len(parts) > 4 else ""))
        args = args[2:]

    page = Page()
    with open(source, encoding="utf-8") as f:
        page.feed(f.read())
    document = docx.Document()
    used = set()
    for kind, content in page.blocks:
        if kind == "p":
            document.add_paragraph(content)
            continue
        placed, width = layout(content)
        table = document.add_table(rows=len(content), cols=width)
        for r, c, text, colspan, rowspan in placed:
            cell = table.cell(r, c)
            cell.text = text
            if colspan > 1 or rowspan > 1:
                cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        for label, rows, first, last, text in merges:
            for r, row in enumerate(content):
                if any(cell[0].startswith(label) for cell in row):
                    for rr in range(r, r + rows):
                        for cc in range(first, last + 1):
                            table.cell(rr, cc).text = ""
                    merged = table.cell(r, first).merge(table.cell(r + rows - 1, last))
                    merged.text = text
                    used.add(label)
    unused = [m[0] for m in merges if m[0] not in used]
    if unused:
        sys.exit("no table row has a cell starting with: " + ", ".join(unused))
    document.save(target)


if __name__ == "__main__":
    main(sys.argv)
