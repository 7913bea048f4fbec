#!/usr/bin/env python3
"""Writes the damaged report files of import/ from the real reports in ../reports (run from this folder).

Each is a real report with one kind of damage; the test (BadInputCorpusTests) loads every file of import/ and
workbook/ and runs every line of statements.txt. Kept so the cases can be regenerated and reviewed; the files
themselves are committed."""
R = '../reports/'
ha = open(R + '淮安市-2024.txt', encoding='utf-8').read()
sh = open(R + '上海市科委-2024.md', encoding='utf-8').read()
pt = open(R + '平潭综合实验区-2021.txt', encoding='utf-8').read()
sy = open(R + '上犹县政府办-2023.txt', encoding='utf-8').read()
htm = open(R + '平潭综合实验区-2021.html', encoding='utf-8').read()
cases = {}


def rep(src, old, new):
    assert old in src, old
    return src.replace(old, new, 1)


lines = ha.split('\n')


def drop(k):
    return '\n'.join(l for i, l in enumerate(lines) if i != k)


def row(prefix):
    return [i for i, l in enumerate(lines) if l.startswith(prefix)][0]


NEW = '一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119'
cases['ha-truncated-55.txt'] = ha[:len(ha) * 55 // 100]
cases['ha-truncated-70.txt'] = ha[:len(ha) * 70 // 100]
cases['ha-truncated-mid-number.txt'] = ha[:ha.index('3985758') + 4]
cases['ha-row-deleted-open.txt'] = drop(row('（一）予以公开'))
cases['ha-row-deleted-new.txt'] = drop(row('一、本年新收'))
cases['ha-row-deleted-permit.txt'] = drop(row('行政许可'))
a, b = row('三、收到和处理'), row('四、政府信息公开行政复议')
cases['ha-table3-missing.txt'] = '\n'.join(lines[:a] + lines[b:])
cases['ha-table3-twice.txt'] = '\n'.join(lines[:b] + lines[a:b] + lines[b:])
cases['ha-26-digits.txt'] = rep(ha, '行政许可 447228', '行政许可 12345678901234567890123456')
cases['ha-glued-120.txt'] = rep(ha, NEW, '一、本年新收政府信息公开申请数量 ' + '3' * 120)
cases['ha-glued-1000.txt'] = rep(ha, NEW, '一、本年新收政府信息公开申请数量 ' + '7' * 1000)
cases['ha-control-bel.txt'] = rep(ha, '行政强制 88283', '行政强制\x07 88283')
cases['ha-control-esc.txt'] = rep(ha, '二、上年结转政府信息公开申请数量', '二、上年结转\x1b[31m政府信息公开申请数量')
cases['ha-control-del.txt'] = rep(ha, '规章 1 0 11', '规章 1\x7f 0 11')
cases['ha-percent.txt'] = rep(ha, '行政许可 447228', '行政许可 50%')
cases['ha-nodata.txt'] = rep(ha, '行政许可 447228', '行政许可 无数据')
cases['ha-exponent.txt'] = rep(ha, '行政许可 447228', '行政许可 3e2')
OLD2 = '二、上年结转政府信息公开申请数量 34 0 0 0 0 0 34'
cases['ha-row-short.txt'] = rep(ha, OLD2, '二、上年结转政府信息公开申请数量 34 0 0 0 0 34')
cases['ha-row-long.txt'] = rep(ha, OLD2, '二、上年结转政府信息公开申请数量 34 0 0 0 0 0 0 34')
cases['ha-long-line.txt'] = rep(ha, '行政强制 88283', '行政强制 88283 ' + '1 ' * 30000)
cases['ha-many-numbers.txt'] = rep(ha, '一、本年新收', '1 2 3 4 5 6 7 8 9 0\n' * 2100 + '一、本年新收')
FIRST = '| 一、本年新收政府信息公开申请数量 | 32 | 2 |'
for name, new in [('32star', '32*'), ('3space2', '3 2'), ('paren', '(32)'), ('exp', '3e2'), ('nodata', '无数据'),
                  ('percent', '50%')]:
    cases[f'sh-first-cell-{name}.md'] = rep(sh, FIRST, f'| 一、本年新收政府信息公开申请数量 | {new} | 2 |')
cases['sh-truncated-in-table.md'] = sh[:sh.index('| 4.保护第三方合法权益')]
cases['pt-glued-50-ones.txt'] = rep(pt, '一、本年新收政府信息公开申请数量640020470', '一、本年新收政府信息公开申请数量' + '1' * 50)
cases['pt-glued-impossible.txt'] = rep(pt, '一、本年新收政府信息公开申请数量640020470', '一、本年新收政府信息公开申请数量640020471')
cases['htm-truncated.html'] = htm[:htm.index('本机关不掌握')]
cases['sy-table4-missing.txt'] = sy[:sy.index('四、政府信息公开行政复议')]
raw = {}
b = ha.encode()
j = b.find('行政强制'.encode())
raw['ha-invalid-utf8.txt'] = b[:j] + b'\xff\xfe' + b[j:]
raw['ha-invalid-utf8-in-number.txt'] = b.replace('88283'.encode(), b'882\xc083', 1)
raw['nul.txt'] = b[:500] + b'\x00' + b[500:]
raw['binary.txt'] = bytes(range(256)) * 4
raw['empty.txt'] = b''
raw['only-bom.txt'] = b'\xef\xbb\xbf'
raw['no-tables.txt'] = '这是一个没有表格的文件。\n第二行。\n'.encode()
raw['latin1.txt'] = 'Caf\xe9 na\xefve r\xe9sum\xe9 '.encode('latin-1') * 50
raw['utf16-odd.txt'] = b'\xff\xfe' + ha.encode('utf-16-le')[:-1]
raw['trial-2019.txt'] = open(R + '平潭综合实验区-2020-2019format.txt', 'rb').read()
raw['html-no-tables.html'] = b'<html><body><p>nothing</p></body></html>'
raw['html-deep.html'] = b'<html><body>' + b'<table><tr><td>' * 3000 + b'1' + b'</td></tr></table>' * 3000 + b'</body></html>'
for n, t in cases.items():
    open('import/' + n, 'w', encoding='utf-8', newline='').write(t)
for n, t in raw.items():
    open('import/' + n, 'wb').write(t)
print(len(cases) + len(raw), 'import cases')

# Workbook files: a small valid one (loads as is), then one fault each.
BASE = '''gongkai workbook 1
current r

report r template=2021
text meta.org "淮安市人民政府"
value t2.reg.made 1 file="淮安市-2024.txt" line=63 col=4 origin=read
value t3.new.natural 3001
formula t3.forward.natural = t3.new.natural - t3.total.natural
let rate = t3.result.open.total / t3.new.total

rule r open_share warning = rate <= 1
'''
open('base.gkw.txt', 'w', encoding='utf-8').write(BASE)


def wb(old, new):
    assert old in BASE, old
    return BASE.replace(old, new, 1)


work = {
    'version-2.gkw': wb('gongkai workbook 1', 'gongkai workbook 2'),
    'version-missing.gkw': wb('gongkai workbook 1', 'gongkai workbook'),
    'report-template-unknown.gkw': wb('template=2021', 'template=1999'),
    'report-name-bad.gkw': wb('report r template', 'report 1-r template'),
    'report-twice.gkw': BASE + 'report r template=2021\n',
    'directive-unknown.gkw': wb('value t3.new.natural 3001', 'valeu t3.new.natural 3001'),
    'value-not-number.gkw': wb('value t3.new.natural 3001', 'value t3.new.natural abc'),
    'value-unknown-cell.gkw': wb('value t3.new.natural 3001', 'value t3.nosuch.natural 3001'),
    'value-before-report.gkw': wb('current r\n', 'current r\nvalue t3.new.natural 1\n'),
    'value-on-text-cell.gkw': wb('value t3.new.natural 3001', 'value meta.org 3001'),
    'value-too-many-digits.gkw': wb('3001', '1' * 40),
    'value-attribute-unknown.gkw': wb('origin=read', 'origin=read colour=red'),
    'value-origin-bogus.gkw': wb('origin=read', 'origin=guessed'),
    'value-line-not-number.gkw': wb('line=63', 'line=sixty'),
    'value-file-unterminated.gkw': wb('file="淮安市-2024.txt"', 'file="淮安市-2024.txt'),
    'text-unterminated.gkw': wb('"淮安市人民政府"', '"淮安市人民政府'),
    'text-unknown-cell.gkw': wb('text meta.org', 'text meta.nosuch'),
    'text-not-quoted.gkw': wb('"淮安市人民政府"', '淮安市人民政府'),
    'formula-syntax.gkw': wb('t3.new.natural - t3.total.natural', 't3.new.natural - - * t3.total.natural'),
    'formula-unknown-name.gkw': wb('t3.new.natural - t3.total.natural', 't3.new.natual - t3.total.natural'),
    'formula-cycle.gkw': wb('t3.new.natural - t3.total.natural', 't3.forward.natural + 1'),
    'formula-on-total-of-itself.gkw': BASE + 'formula t3.new.total = t3.new.total\n',
    'let-bad-name.gkw': wb('let rate', 'let 9rate'),
    'let-cycle.gkw': wb('let rate = t3.result.open.total / t3.new.total', 'let rate = rate + 1'),
    'rule-bad-severity.gkw': wb('open_share warning', 'open_share fatal'),
    'rule-unknown-report.gkw': wb('rule r open_share', 'rule nosuch open_share'),
    'rule-syntax.gkw': wb('rate <= 1', 'rate <='),
    'nul-in-line.gkw': wb('value t3.new.natural 3001', 'value t3.new.natural 30\x0001'),
    'long-line.gkw': wb('"淮安市人民政府"', '"' + 'x' * 200000),
}
for n, t in work.items():
    open('workbook/' + n, 'w', encoding='utf-8', newline='').write(t)
bad = BASE.encode().replace('淮安市人民政府'.encode(), b'\xff\xfe\xfd', 1)
open('workbook/invalid-utf8.gkw', 'wb').write(bad)
print(len(work) + 1, 'workbook cases')
