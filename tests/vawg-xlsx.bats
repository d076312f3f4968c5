#!/usr/bin/env bats
# vawg-xlsx: every workbook is read back with openpyxl (an independent
# reader); expected values come from Python's csv module on the same
# fixture, converted by the rules of the man page, or are worked by hand.
load helper

D="$DATA/vawg-xlsx"

# py SCRIPT: runs Python with openpyxl on the workbook out.xlsx.
py() {
	"$PY" -c "import openpyxl, csv, datetime, sys
wb = openpyxl.load_workbook('out.xlsx')
$1"
}

@test "xlsx: --help shows the synopsis, the options and the memory" {
	run -0 vawg-xlsx --help
	assert_line --partial "usage: vawg-xlsx"
	assert_output --partial "--chart SPEC"
	assert_output --partial "Memory:"
}

@test "xlsx: --version" {
	run -0 vawg-xlsx --version
	assert_output --regexp '^vawg-xlsx [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "xlsx: no -o is a usage error" {
	run -64 vawg-xlsx "$D/monthly.csv"
	assert_output --partial "-o FILE is required"
	assert_line --partial "usage: vawg-xlsx"
	run -64 vawg-xlsx -o - "$D/monthly.csv"
}

@test "xlsx: bad options are usage errors" {
	run -64 vawg-xlsx --nonsense -o out.xlsx "$D/monthly.csv"
	run -64 vawg-xlsx -o out.xlsx --chart monthly:pie:month:charges "$D/monthly.csv"
	assert_output --partial "line, column or bar"
	run -64 vawg-xlsx -o out.xlsx --chart monthly:line "$D/monthly.csv"
	run -64 vawg-xlsx -o out.xlsx --chart nosuch:line:month:charges "$D/monthly.csv"
	assert_output --partial "no sheet named 'nosuch'"
	run -64 vawg-xlsx -o out.xlsx --chart monthly:line:month:nosuch "$D/monthly.csv"
	assert_output --partial "no column 'nosuch'"
	[ ! -e out.xlsx ]
	run -64 vawg-xlsx -o out.xlsx --text , "$D/monthly.csv"
}

@test "xlsx: monthly figures: values, types, formats, header, pane, filter, widths" {
	run -0 vawg-xlsx -o out.xlsx "$D/monthly.csv"
	assert_output ""
	[ "$(file_mode out.xlsx)" = 600 ]
	run -0 py "
ws = wb['monthly']
assert wb.sheetnames == ['monthly'], wb.sheetnames
rows = list(csv.reader(open('$D/monthly.csv', newline='')))
head, data = rows[0], rows[1:]
assert [c.value for c in ws[1]] == head
assert all(c.font.b for c in ws[1]), 'bold header'
assert ws.freeze_panes == 'A2', ws.freeze_panes
# 36 rows of data under the header: A1 to D37.
assert ws.auto_filter.ref == 'A1:D%d' % (len(data) + 1), ws.auto_filter.ref
assert ws.max_row == len(data) + 1
for i, r in enumerate(data, start=2):
    y, m = map(int, r[0].split('-'))
    a, b, c, d = ws.cell(i, 1), ws.cell(i, 2), ws.cell(i, 3), ws.cell(i, 4)
    assert a.value == datetime.datetime(y, m, 1) and a.number_format == 'mmm yyyy', (a.value, a.number_format)
    assert b.data_type == 'n' and b.value == int(r[1]) and b.number_format == '#,##0'
    assert c.data_type == 'n' and c.value == int(r[2]) and c.number_format == '#,##0'
    # charge_rate: a rate column of fractions is a percentage.
    assert d.data_type == 'n' and abs(d.value - float(r[3])) < 1e-12 and d.number_format == '0.0%'
for col in 'ABCD':
    w = ws.column_dimensions[col].width
    assert 6 <= w <= 61, (col, w)
print('ok')
"
	assert_output ok
}

@test "xlsx: one type per column, and values that do not fit keep their own" {
	run -0 vawg-xlsx -o out.xlsx "$D/types.csv"
	run -0 py "
ws = wb['types']
def c(ref):
    x = ws[ref]
    return (x.data_type, x.value, x.number_format)
D = datetime.datetime
# crime_ref: an identifier name, and leading zeros: text.
assert c('A2') == ('s', '0012345', '@'), c('A2')
assert c('A4') == ('s', 'A0012347', '@')
# count: integers; an empty cell stays empty.
assert c('B2') == ('n', 12, '#,##0') and c('B3') == ('n', 1200, '#,##0')
assert ws['B4'].value is None
assert c('B5') == ('n', -7, '#,##0')
# mean: decimals, shown with the most decimals seen (0.125: 3).
assert c('C2') == ('n', 1.5, '#,##0.000'), c('C2')
assert c('C5') == ('n', 3, '#,##0.000')
# reported_date: 3 dates of 5 values make a date column; 2023-13-01 is no
# date and 1899-12-31 is before Excel's first, so both stay text.
assert c('D2') == ('d', D(2023, 4, 1), 'dd/mm/yyyy'), c('D2')
assert c('D3') == ('d', D(2024, 2, 29), 'dd/mm/yyyy')
assert c('D5')[:2] == ('s', '2023-13-01')
assert c('D6')[:2] == ('s', '1899-12-31')
# reported_at: date-times, with seconds since one has them.
assert c('E2') == ('d', D(2023, 4, 1, 9, 30), 'dd/mm/yyyy hh:mm:ss'), c('E2')
assert c('E3') == ('d', D(2024, 2, 29, 23, 59, 59), 'dd/mm/yyyy hh:mm:ss')
# month: months; 2023-Q2 stays text.
assert c('F2') == ('d', D(2023, 4, 1), 'mmm yyyy')
assert c('F5')[:2] == ('s', '2023-Q2')
# share: 12.5% is 0.125.
assert c('G2') == ('n', 0.125, '0.0%') and c('G3') == ('n', 0.5, '0.0%')
assert c('G5') == ('n', 0, '0.0%')
# victim_phone: leading zeros kept.
assert c('H2') == ('s', '07700900123', '@')
# code_like: digits with a leading zero in every row: text.
assert c('J2') == ('s', '0042', '@')
# delta: -3 and -0.5 are numbers, not formulas and not text.
assert c('K2') == ('n', -3, '#,##0.0') and c('K3') == ('n', -0.5, '#,##0.0'), (c('K2'), c('K3'))
print('ok')
"
	assert_output ok
}

@test "xlsx: a value beginning = + - @ is text, never a formula" {
	run -0 vawg-xlsx -o out.xlsx "$D/types.csv"
	run -0 py "
ws = wb['types']
want = {'I3': '=SUM(A1:A2)', 'I4': '+44 20 7946 0000', 'I5': '@cmd', 'I6': '-2+3'}
for ref, v in want.items():
    x = ws[ref]
    assert x.data_type == 's' and x.value == v and x.number_format == '@', (ref, x.data_type, x.value, x.number_format)
print('ok')
"
	assert_output ok
	# No formula element anywhere in the sheet's XML.
	run -1 sh -c "unzip -p out.xlsx xl/worksheets/sheet1.xml | grep -c '<f>'"
}

@test "xlsx: --text and --percent force a column's type" {
	run -0 vawg-xlsx -o out.xlsx --text count --percent mean,nosuch "$D/types.csv"
	assert_output "vawg-xlsx: --percent nosuch: no input has that column"
	run -0 py "
ws = wb['types']
assert ws['B2'].data_type == 's' and ws['B2'].value == '12' and ws['B2'].number_format == '@'
assert ws['C2'].value == 1.5 and ws['C2'].number_format == '0.0%'
print('ok')
"
	assert_output ok
}

@test "xlsx: sheet names: NAME=FILE, stdin, Excel's rules, duplicates" {
	cp "$D/orders.csv" 'a[b]c:d.csv'
	run -0 vawg-xlsx -o out.xlsx "figures=$D/monthly.csv" - 'a[b]c:d.csv' \
		"this name is far longer than thirty-one characters=$D/orders.csv" \
		"FIGURES=$D/orders.csv" "$D/orders.csv" <"$D/orders.csv"
	assert_line "vawg-xlsx: a[b]c:d.csv: characters Excel does not allow in a sheet name replaced: 'a_b_c_d'"
	assert_line --partial "sheet name cut to 31 characters: 'this name is far longer than th'"
	assert_line --partial "sheet name already in use: named 'FIGURES (2)'"
	run -0 py "print(wb.sheetnames)"
	assert_output "['figures', 'stdin', 'a_b_c_d', 'this name is far longer than th', 'FIGURES (2)', 'orders']"
	# A chart may name a sheet by the name it was given.
	run -0 vawg-xlsx -o out.xlsx --chart a_b_c_d:column:borough:in_force 'a[b]c:d.csv'
	run -0 py "print(wb['a_b_c_d']._charts[0].series[0].val.numRef.f)"
	assert_output 'a_b_c_d!$C$2:$C$5'

}

@test "xlsx: a line chart of the monthly charge rate: series references" {
	run -0 vawg-xlsx -o out.xlsx \
		--chart 'monthly:line:month:charge_rate:Charge rate by month' \
		--chart monthly:column:month:charges,outcomes "$D/monthly.csv"
	run -0 py "
ws = wb['monthly']
ch = ws._charts
assert [type(c).__name__ for c in ch] == ['LineChart', 'BarChart'], ch
assert ch[1].type == 'col'
s = ch[0].series
assert len(s) == 1
# Rows 2 to 37 hold the 36 months.
assert s[0].cat.numRef.f == 'monthly!\$A\$2:\$A\$37', s[0].cat.numRef.f
assert s[0].val.numRef.f == 'monthly!\$D\$2:\$D\$37'
assert s[0].tx.strRef.f == 'monthly!\$D\$1'
title = ''.join(r.t for p in ch[0].title.tx.rich.p for r in p.r)
assert title == 'Charge rate by month', title
refs = [(x.val.numRef.f, x.tx.strRef.f) for x in ch[1].series]
assert refs == [('monthly!\$B\$2:\$B\$37', 'monthly!\$B\$1'), ('monthly!\$C\$2:\$C\$37', 'monthly!\$C\$1')], refs
# The charts sit right of the data, one under the other.
assert ch[0].anchor._from.col == 5 and ch[1].anchor._from.row > ch[0].anchor._from.row
print('ok')
"
	assert_output ok
}

@test "xlsx: a bar chart of orders in force by borough, on a sheet with a space" {
	run -0 vawg-xlsx -o out.xlsx --chart 'SPO by borough:bar:borough:in_force' \
		"SPO by borough=$D/orders.csv"
	run -0 py "
ws = wb['SPO by borough']
c = ws._charts[0]
assert type(c).__name__ == 'BarChart' and c.type == 'bar'
s = c.series[0]
# libxlsxwriter writes a numRef for text categories too: either will do.
cat = s.cat.strRef or s.cat.numRef
assert cat.f == \"'SPO by borough'!\$A\$2:\$A\$5\", cat.f
assert s.val.numRef.f == \"'SPO by borough'!\$C\$2:\$C\$5\"
# per_100k: two decimals.
assert ws['E2'].value == 19.51 and ws['E2'].number_format == '#,##0.00'
# population: a number with a thousands separator.
assert ws['D2'].value == 210100 and ws['D2'].number_format == '#,##0'
print('ok')
"
	assert_output ok
}

@test "xlsx: --table makes an Excel table; --title and --author" {
	run -0 vawg-xlsx -o out.xlsx --table --title 'VAWG monthly' --author 'BCU analyst' "$D/orders.csv"
	run -0 py "
ws = wb['orders']
t = list(ws.tables.values())
assert len(t) == 1 and t[0].ref == 'A1:E5', t
assert [c.name for c in t[0].tableColumns] == ['borough', 'order_type', 'in_force', 'population', 'per_100k']
assert wb.properties.title == 'VAWG monthly' and wb.properties.creator == 'BCU analyst'
assert ws['C2'].value == 41
print('ok')
"
	assert_output ok
}

@test "xlsx: --table: table column names made non-empty and unique, with a note" {
	run -0 vawg-xlsx -o out.xlsx --table "$D/dupheader.csv"
	assert_output "vawg-xlsx: $D/dupheader.csv: table column names made non-empty, unique and at most 255 characters"
	run -0 py "
ws = wb['dupheader']
t = list(ws.tables.values())[0]
# Excel compares table names without case: Area is a second area.
assert [c.name for c in t.tableColumns] == ['area', 'Area2', 'Column3', 'count'], [c.name for c in t.tableColumns]
assert [c.value for c in ws[1]] == ['area', 'Area2', 'Column3', 'count']
print('ok')
"
	assert_output ok
}

@test "xlsx: quoted commas, embedded newlines, CRLF and a BOM" {
	run -0 vawg-xlsx -o out.xlsx "$D/quoting.csv"
	run -0 py "
ws = wb['quoting']
rows = list(csv.reader(open('$D/quoting.csv', newline='', encoding='utf-8-sig')))
assert [c.value for c in ws[1]] == rows[0] == ['ref_id', 'comment', 'amount']
for i, r in enumerate(rows[1:], start=2):
    assert ws.cell(i, 1).value == r[0] and ws.cell(i, 1).data_type == 's'
    # The reader gives LF for a CR LF inside quotes.
    assert ws.cell(i, 2).value == r[1].replace('\r\n', '\n'), repr(ws.cell(i, 2).value)
    assert ws.cell(i, 3).value == int(r[2])
print('ok')
"
	assert_output ok
}

@test "xlsx: empty and header-only inputs" {
	run -0 vawg-xlsx -o out.xlsx "$D/empty.csv" "$D/header-only.csv"
	assert_output "vawg-xlsx: $D/empty.csv: empty input: empty sheet 'empty'"
	run -0 py "
e, h = wb['empty'], wb['header-only']
assert e.max_row == 1 and e['A1'].value is None
assert [c.value for c in h[1]] == ['a', 'b'] and h.max_row == 1
assert h.freeze_panes == 'A2' and h.auto_filter.ref == 'A1:B1', h.auto_filter.ref
print('ok')
"
	assert_output ok
}

@test "xlsx: text after a closing quote leaves the row out (exit 1, or 65 with --strict)" {
	run -1 vawg-xlsx -o out.xlsx "$D/stray.csv"
	assert_output "vawg-xlsx: $D/stray.csv:3: text after a closing quote: row left out"
	run -0 py "
ws = wb['stray']
assert [[c.value for c in r] for r in ws.iter_rows()] == [['a', 'b'], [1, 2], [4, 5]]
print('ok')
"
	rm out.xlsx
	run -65 vawg-xlsx --strict -o out.xlsx "$D/stray.csv"
	[ ! -e out.xlsx ]
}

@test "xlsx: an unterminated quote is bad data (65), no workbook" {
	run -65 vawg-xlsx -o out.xlsx "$D/unterminated.csv"
	assert_output "vawg-xlsx: $D/unterminated.csv:3: unterminated quoted field"
	[ -z "$(ls -A)" ]
}

@test "xlsx: a row not in UTF-8 is left out (exit 1); ragged rows are written with a note" {
	run -1 vawg-xlsx -o out.xlsx "$D/badutf8.csv" "$D/ragged.csv"
	assert_line "vawg-xlsx: $D/badutf8.csv:2: invalid UTF-8: row left out"
	assert_line --partial "ragged.csv:2: 2 rows with another number of fields than the header"
	run -0 py "
r = [[c.value for c in row] for row in wb['badutf8'].iter_rows()]
assert r == [['a', 'b'], [2, 'ok']], r
r = [[c.value for c in row] for row in wb['ragged'].iter_rows()]
assert r == [['a', 'b', None], [1, 2, 3], [4, None, None], [5, 6, None]], r
print('ok')
"
	assert_output ok
}

@test "xlsx: a header not in UTF-8 is bad data (65)" {
	run -65 vawg-xlsx -o out.xlsx "$D/badheader.csv"
	assert_output --partial "vawg-xlsx: $D/badheader.csv:1: "
	[ ! -e out.xlsx ]
}

@test "xlsx: a value longer than a cell holds is cut, with a note (exit 1)" {
	"$PY" -c "print('id,text'); print('1,' + 'é' * 40000); print('2,short')" >long.csv
	run -1 vawg-xlsx -o out.xlsx long.csv
	assert_output "vawg-xlsx: long.csv:2: 1 value longer than a cell holds (first here); cut to 32767 characters"
	run -0 py "
ws = wb['long']
assert ws['B2'].value == 'é' * 32767 and ws['B3'].value == 'short'
print('ok')
"
	assert_output ok
	run -65 vawg-xlsx --strict -o strict.xlsx long.csv
	[ ! -e strict.xlsx ]
}

@test "xlsx: a missing input is reported, the others read, exit 66 and no workbook" {
	run -66 vawg-xlsx -o out.xlsx nosuch.csv "$D/orders.csv"
	assert_output "vawg-xlsx: nosuch.csv: No such file or directory"
	[ -z "$(ls -A)" ]
}

@test "xlsx: an unwritable output leaves no file (73, 74)" {
	run -73 vawg-xlsx -o nodir/out.xlsx "$D/orders.csv"
	assert_output --partial "nodir/out.xlsx: No such file or directory"
	touch notadir
	run -73 vawg-xlsx -o notadir/out.xlsx "$D/orders.csv"
	run -74 vawg-xlsx -o /dev/full "$D/orders.csv"
	assert_output --partial "vawg-xlsx: /dev/full: "
	assert_output --partial "No space left on device"
	[ "$(ls -A)" = notadir ]
}

@test "xlsx: the workbook replaces an older file only when complete; --mode" {
	echo old >out.xlsx
	run -65 vawg-xlsx -o out.xlsx "$D/unterminated.csv"
	[ "$(cat out.xlsx)" = old ]
	run -0 vawg-xlsx --mode 0640 -o new.xlsx "$D/orders.csv"
	[ "$(file_mode new.xlsx)" = 640 ]
}

@test "xlsx: past 1048576 rows a continuation sheet follows, with a note" {
	[ "${VAWG_VALGRIND:-}" = 1 ] && skip "a million rows take too long under valgrind"
	# 1048575 data rows fill the first sheet with its header; 5 more
	# continue on 'big (2)'.
	seq 1 1048580 | sed '1i n' >big.csv
	run -0 vawg-xlsx -o out.xlsx big.csv
	assert_output "vawg-xlsx: big.csv:1048577: more rows than a sheet holds: rows from here continue on sheet 'big (2)'"
	run -0 "$PY" -c "
import openpyxl
wb = openpyxl.load_workbook('out.xlsx', read_only=True)
assert wb.sheetnames == ['big', 'big (2)'], wb.sheetnames
assert wb['big'].max_row == 1048576, wb['big'].max_row
rows = [[c.value for c in r] for r in wb['big (2)'].iter_rows()]
assert rows == [['n'], [1048576], [1048577], [1048578], [1048579], [1048580]], rows
print('ok')
"
	assert_output ok
}

@test "xlsx: LibreOffice opens the workbook (soffice --convert-to csv)" {
	command -v soffice >/dev/null ||
		skip "soffice not installed (apt-get install libreoffice-calc-nogui)"
	run -0 vawg-xlsx -o out.xlsx --chart monthly:line:month:charge_rate \
		"$D/monthly.csv" "$D/types.csv"
	HOME=$T timeout 120 soffice -env:UserInstallation="file://$T/lo" \
		--headless --convert-to csv --outdir "$T/conv" out.xlsx >/dev/null 2>&1
	[ -s conv/out.csv ]
	# The first sheet, as LibreOffice shows it: 36 months and a header.
	[ "$(wc -l <conv/out.csv)" -eq 37 ]
	head -1 conv/out.csv | grep -q '^month,charges,outcomes,charge_rate'
}

# --- Kinds, labels, summaries, print, sparklines, charts and targets. ---

@test "xlsx: --format COL:KIND gives each kind its number format; scale is a three-colour scale" {
	printf 'n,r,p,d,m,money,code,heat\n1234,0.025,12.5,2026-09-30,2026-09,12.5,007,3\n5,0.5,50,2026-01-02,2026-01,1000,12,9\n' >k.csv
	run -0 vawg-xlsx -o out.xlsx --format n:count --format r:rate \
		--format p:percent --format d:date --format m:month \
		--format money:money --format code:text --format heat:scale k.csv
	run -0 py "
ws = wb['k']
got = {ws.cell(1, c).value: (ws.cell(2, c).value, ws.cell(2, c).number_format) for c in range(1, 9)}
assert got['n'] == (1234, '#,##0'), got['n']
assert got['r'] == (0.025, '0.0%'), got['r']
assert got['p'] == (0.125, '0.0%'), got['p']          # 12.5 points is 12.5%
assert got['d'][1] == 'dd/mm/yyyy' and got['d'][0] == datetime.datetime(2026, 9, 30), got['d']
assert got['m'][1] == 'mmm yyyy' and got['m'][0] == datetime.datetime(2026, 9, 1), got['m']
assert got['money'] == (12.5, '\u00a3#,##0.00'), got['money']
assert got['code'] == ('007', '@'), got['code']
cf = [(str(r.sqref), r.rules) for r in ws.conditional_formatting]
assert len(cf) == 1 and cf[0][0] == 'H2:H3', cf
rule = cf[0][1][0]
assert rule.type == 'colorScale' and len(rule.colorScale.cfvo) == 3, rule
"
}

@test "xlsx: bad --format, --target, --sparkline and --print are usage errors" {
	run -64 vawg-xlsx -o out.xlsx --format n:bogus "$D/monthly.csv"
	assert_output --partial "kind must be"
	run -64 vawg-xlsx -o out.xlsx --format n "$D/monthly.csv"
	run -64 vawg-xlsx -o out.xlsx --target monthly:charges:many "$D/monthly.csv"
	assert_output --partial "not a number"
	run -64 vawg-xlsx -o out.xlsx --target nosuch:charges:3 "$D/monthly.csv"
	assert_output --partial "no sheet named 'nosuch'"
	run -64 vawg-xlsx -o out.xlsx --sparkline monthly:nosuch "$D/monthly.csv"
	assert_output --partial "no sheet named 'nosuch'"
	run -64 vawg-xlsx -o out.xlsx --print sideways "$D/monthly.csv"
	[ ! -e out.xlsx ]
	run -0 vawg-xlsx -o out.xlsx --format nosuch:count "$D/monthly.csv"
	assert_output --partial "--format nosuch: no input has that column"
}

@test "xlsx: --labels: plain headings, humanised names, kinds from the table, a Definitions sheet with the CSV names, intervals folded" {
	printf 'csv_name,label,kind,definition\ncharges,Charges laid,count,Charges or summonses.\nrate_x,Rate of X,rate,"X over Y, a share."\n' >labels.csv
	printf 'period,charges,rate_x,rate_x_lower,rate_x_upper,prev_denominator\n2026-08,3,0.25,0.1,0.5,7\n2026-09,4,0.5,0.2,0.8,9\n' >t.csv
	run -0 vawg-xlsx -o out.xlsx --labels labels.csv t.csv
	run -0 py "
ws = wb['t']
assert [c.value for c in ws[1]] == ['Period', 'Charges laid', 'Rate of X',
    'Rate x lower', 'Rate x upper', 'Prev denominator'], [c.value for c in ws[1]]
assert ws['B2'].number_format == '#,##0' and ws['C2'].number_format == '0.0%'
# The interval bounds are grouped and folded away; the measures are not.
for col in 'DE':
    assert ws.column_dimensions[col].hidden and ws.column_dimensions[col].outlineLevel == 1, col
assert not ws.column_dimensions['C'].hidden
assert wb.sheetnames == ['t', 'Definitions'], wb.sheetnames
d = wb['Definitions']
rows = [[c.value for c in r] for r in d.iter_rows()]
assert rows[0] == ['Sheet', 'CSV name', 'Heading', 'Kind', 'Definition'], rows[0]
head = next(csv.reader(open('t.csv', newline='')))
assert [r[1] for r in rows[1:]] == head, rows
assert rows[2] == ['t', 'charges', 'Charges laid', 'count', 'Charges or summonses.'], rows[2]
assert rows[3][4] == 'X over Y, a share.', rows[3]
"
	printf 'csv_name,label,kind\ncharges,Charges,lots\n' >bad.csv
	run -65 vawg-xlsx -o out2.xlsx --labels bad.csv t.csv
	assert_output --partial "bad.csv:2: column kind"
	run -66 vawg-xlsx -o out2.xlsx --labels nosuch.csv t.csv
	[ ! -e out2.xlsx ]
}

@test "xlsx: a summary (first column measure) has each row's numbers by its measure's kind, coloured by direction and target" {
	printf 'csv_name,label,kind,definition,direction,target\nWanted,,count,People wanted.,down,\nRepeat rate,,rate,Repeats over cases.,up,0.3\n' >labels.csv
	printf 'measure,this_month,last_month,change_on_last_year\nCases,70,72,1\nRepeat rate,0.2500,0.3100,-0.0200\nWanted,28,32,-1\nMedian days,21.5,20.0,1.5\nCharge rate,0.0856,0.0820,-0.0027\n' >s.csv
	run -0 vawg-xlsx -o out.xlsx --labels labels.csv summary=s.csv
	run -0 py "
ws = wb['summary']
fmt = {ws.cell(r, 1).value: [ws.cell(r, c).number_format for c in (2, 3, 4)] for r in range(2, 7)}
assert fmt['Cases'] == ['#,##0'] * 3, fmt
assert fmt['Repeat rate'] == ['0.0%'] * 3, fmt          # kind from the table
assert fmt['Charge rate'] == ['0.0%'] * 3, fmt          # a rate by its name
assert fmt['Median days'] == ['#,##0.0'] * 3, fmt
assert ws['B3'].value == 0.25
cf = {str(r.sqref): [(x.operator, x.formula[0], x.dxfId) for x in r.rules] for r in ws.conditional_formatting}
# Repeat rate (row 3): up is better, target 0.3 on this month (B3);
# Wanted (row 4): down is better; the change column (D) coloured.
assert set(cf) == {'B3', 'D3', 'D4'}, cf
def good_bad(rules):
    return {op: float(v) for op, v, _ in rules}
assert good_bad(cf['D3']) == {'greaterThan': 0.0, 'lessThan': 0.0}, cf
up = sorted(cf['D3'], key=lambda r: r[0]); down = sorted(cf['D4'], key=lambda r: r[0])
# The same operators, opposite colours: the format of greaterThan differs.
assert up[0][0] == down[0][0] == 'greaterThan' and up[0][2] != down[0][2], (up, down)
assert abs(good_bad(cf['B3'])['greaterThan'] - 0.3) < 1e-6, cf
d = [[c.value for c in r] for r in wb['Definitions'].iter_rows()]
assert ['summary', 'Repeat rate', 'Repeat rate', 'rate', 'Repeats over cases.'] in d, d
"
}

@test "xlsx: --print: landscape, one page wide, heading row repeated, marking in the header, sheet, page of pages and date in the footer" {
	SOURCE_DATE_EPOCH=1790000000 run -0 vawg-xlsx -o out.xlsx \
		--print landscape,fit-width "$D/monthly.csv" "$D/orders.csv"
	# 1790000000 is 2026-09-21 (UTC) by date(1).
	day=$(date -u -d @1790000000 +%Y-%m-%d)
	run -0 py "
for ws in wb.worksheets:
    ps = ws.page_setup
    assert ps.orientation == 'landscape', ws.title
    assert ps.paperSize in (9, '9'), ps.paperSize
    assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    assert int(ps.fitToWidth or 1) == 1 and int(ps.fitToHeight) == 0, (ps.fitToWidth, ps.fitToHeight)
    assert ws.print_title_rows == '\$1:\$1', ws.print_title_rows
    assert ws.oddHeader.center.text == 'OFFICIAL-SENSITIVE', ws.oddHeader.center.text
    assert ws.oddFooter.left.text == '&A', ws.oddFooter.left.text
    assert ws.oddFooter.center.text == 'Page &P of &N', ws.oddFooter.center.text
    assert ws.oddFooter.right.text == '$day', ws.oddFooter.right.text
"
	run -0 vawg-xlsx -o out.xlsx --print 'portrait,marking=OFFICIAL: Tom & Jerry, cc' "$D/monthly.csv"
	run -0 py "
ws = wb['monthly']
assert ws.page_setup.orientation == 'portrait'
assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
import zipfile
x = zipfile.ZipFile('out.xlsx').read('xl/worksheets/sheet1.xml').decode()
assert 'OFFICIAL: Tom &amp;&amp; Jerry, cc' in x, x[x.find('<headerFooter'):][:300]
"
	run -0 vawg-xlsx -o out.xlsx --print marking=none "$D/monthly.csv"
	run -0 py "assert not wb['monthly'].oddHeader.center.text"
}

@test "xlsx: --sparkline SHEET:DATA: a sparkline beside each row over the data row of the same first value" {
	printf 'measure,this_month,last_month\nB measure,2,3\nA measure,5,4\nNo trend,1,1\n' >s.csv
	printf 'measure,2026-07,2026-08,2026-09\nA measure,1,2,3\nB measure,4,5,6\n' >trend.csv
	run -0 vawg-xlsx -o out.xlsx --sparkline summary:trend summary=s.csv trend=trend.csv
	run -0 "$PY" -c "
import zipfile, re, csv
z = zipfile.ZipFile('out.xlsx')
x = z.read('xl/worksheets/sheet1.xml').decode()
assert x.rstrip().endswith('</extLst></worksheet>'), x[-200:]
assert x.count('<x14:sparklineGroup ') == 1, x
got = re.findall(r'<x14:sparkline><xm:f>([^<]*)</xm:f><xm:sqref>([^<]*)</xm:sqref>', x)
# Expected from the CSV files: the trend row of each summary measure
# (rows from 2, after the header), over columns B to the last.
trend = [r[0] for r in list(csv.reader(open('trend.csv')))[1:]]
summ = [r[0] for r in list(csv.reader(open('s.csv')))[1:]]
want = []
for i, m in enumerate(summ):
    if m in trend:
        r = trend.index(m) + 2
        want.append((\"'trend'!\$B\$%d:\$D\$%d\" % (r, r), 'D%d' % (i + 2)))
assert got == want, (got, want)
assert 'sparkline' not in z.read('xl/worksheets/sheet2.xml').decode()
import openpyxl
wb = openpyxl.load_workbook('out.xlsx')
assert [c.value for c in wb['summary'][1]] == ['measure', 'this_month', 'last_month', 'Trend']
"
}

@test "xlsx: charts: a month axis as months, titles, axis titles; --target draws the target as a line and colours the column" {
	run -0 vawg-xlsx -o out.xlsx --target monthly:charges:30 \
		--chart monthly:line:month:charges \
		--chart "monthly:column:month:charges,outcomes:Both" "$D/monthly.csv"
	run -0 "$PY" -c "
import zipfile, re, openpyxl
z = zipfile.ZipFile('out.xlsx')
c1 = z.read('xl/charts/chart1.xml').decode()
cat = c1[c1.find('<c:catAx>'):c1.find('</c:catAx>')]
assert '<c:numFmt formatCode=\"mmm yyyy\" sourceLinked=\"0\"/>' in cat, cat
assert '<a:t>month</a:t>' in cat, cat                 # the x axis title
assert '<a:t>charges</a:t>' in c1                      # title and y axis
# Two series: charges and the target line (dashed), from the target column.
assert c1.count('<c:ser>') == 2, c1
assert 'prstDash val=\"dash\"' in c1
wb = openpyxl.load_workbook('out.xlsx')
ws = wb['monthly']
head = [c.value for c in ws[1]]
assert head[-1] == 'Target: charges', head
assert all(ws.cell(r, len(head)).value == 30 for r in range(2, ws.max_row + 1))
cf = [(str(r.sqref), sorted((x.operator, x.formula[0]) for x in r.rules)) for r in ws.conditional_formatting]
col = openpyxl.utils.get_column_letter(head.index('charges') + 1)
assert cf == [('%s2:%s%d' % (col, col, ws.max_row), [('greaterThanOrEqual', '30'), ('lessThan', '30')])], cf
c2 = z.read('xl/charts/chart2.xml').decode()
assert c2.count('<c:ser>') == 2 and 'prstDash' not in c2   # no target on a column chart
assert '<c:legendPos val=\"b\"/>' in c2
"
}

@test "xlsx: --labels range: a summary row's figures coloured within, below and above LOW..HIGH; a measure by borough takes its measure's label" {
	printf 'csv_name,label,kind,definition,direction,target,range,source\nRepeat rate,,rate,Repeats over cases.,,,0.28..0.40,"MARAC export: referral_date"\nPer 100k,,number,Per 100000.,,,,orders\n' >labels.csv
	printf 'measure,this_month,last_month,change_on_last_year\nCases,70,72,1\nRepeat rate,0.2500,0.3100,-0.0200\nPer 100k: North,9.7715,9.3480,0.4235\n' >s.csv
	run -0 vawg-xlsx -o out.xlsx --labels labels.csv summary=s.csv
	run -0 py "
ws = wb['summary']
cf = {str(r.sqref): sorted((x.operator, [float(f) for f in x.formula], x.dxfId) for x in r.rules) for r in ws.conditional_formatting}
# Row 3: this month and last month banded, not the change (column D).
assert set(cf) == {'B3', 'C3'}, cf
ops = [(op, f) for op, f, _ in cf['B3']]
assert ops == [('between', [0.28, 0.4]), ('greaterThan', [0.4]), ('lessThan', [0.28])], ops
fmt = {op: dxf for op, _, dxf in cf['B3']}
# Within: one format; below and above: another, the same for both.
assert fmt['between'] != fmt['lessThan'] and fmt['lessThan'] == fmt['greaterThan'], fmt
assert ws['B4'].number_format == '#,##0.0', ws['B4'].number_format
d = [[c.value for c in r] for r in wb['Definitions'].iter_rows()]
assert d[0] == ['Sheet', 'CSV name', 'Heading', 'Kind', 'Definition', 'Source'], d[0]
assert ['summary', 'Repeat rate', 'Repeat rate', 'rate', 'Repeats over cases.', 'MARAC export: referral_date'] in d, d
assert ['summary', 'Per 100k: North', 'Per 100k: North', 'number', 'Per 100000.', 'orders'] in d, d
"
	printf 'csv_name,range\nRepeat rate,0.4..0.28\n' >bad.csv
	run -65 vawg-xlsx -o out2.xlsx --labels bad.csv summary=s.csv
	assert_output --partial "bad.csv:2: column range: expected LOW..HIGH"
}

@test "xlsx: --data: a section below the definitions, its numbers typed by the label table, the sheet named Definitions and data" {
	printf 'csv_name,label,kind,definition\nrows_read,Rows read,count,Rows.\nfilled_share,Share filled,rate,Share.\n' >labels.csv
	printf 'input,rows_read,key_column,filled_share\ncrime.csv,33000,,\n,,offence_code,0.9906\n' >data.csv
	printf 'period,charges\n2026-09,3\n' >t.csv
	run -0 vawg-xlsx -o out.xlsx --labels labels.csv --data data.csv t.csv
	run -0 py "
assert wb.sheetnames == ['t', 'Definitions and data'], wb.sheetnames
rows = [[c.value for c in r] for r in wb['Definitions and data'].iter_rows()]
i = [r[0] for r in rows].index('Data: the inputs of the report')
assert rows[i + 1][:4] == ['Input', 'Rows read', 'Key column', 'Share filled'], rows[i + 1]
assert rows[i + 2][:2] == ['crime.csv', 33000] and rows[i + 3][2:4] == ['offence_code', 0.9906], rows[i + 2:]
ws = wb['Definitions and data']
assert ws.cell(i + 3, 2).number_format == '#,##0' and ws.cell(i + 4, 4).number_format == '0.0%'
# The headings of figures stand over them (right), the others left.
assert ws.cell(i + 2, 2).alignment.horizontal == 'right' and ws.cell(i + 2, 3).alignment.horizontal in (None, 'general', 'left')
"
	run -64 vawg-xlsx -o out3.xlsx --data data.csv t.csv
	run -66 vawg-xlsx -o out3.xlsx --labels labels.csv --data nosuch.csv t.csv
}

@test "xlsx: --labels: a definition longer than its column gets a row tall enough for its lines; a short one keeps the default height" {
	long=$(printf 'The share of requests decided within the deadline %.0s' 1 2 3 4)
	printf 'csv_name,label,kind,definition\ncharges,Charges,count,"%s"\nrate_x,Rate,rate,Short.\n' "$long" >labels.csv
	printf 'period,charges,rate_x\n2026-09,3,0.5\n' >t.csv
	run -0 vawg-xlsx -o out.xlsx --labels labels.csv t.csv
	run -0 py "
d = wb['Definitions']
rows = [[c.value for c in r] for r in d.iter_rows()]
i = [r[1] for r in rows].index('charges') + 1
j = [r[1] for r in rows].index('rate_x') + 1
n = len(rows[i - 1][4])
# The Definition column is 70 wide; even at half a '0' a character, the
# text takes more than n * 0.5 / 70 lines of 15 points.
# (a width of 70 is stored with its padding, as 70.71)
w = d.column_dimensions['E'].width
assert 70 <= w < 71, w
need = -(-n * 0.5 // 70)
assert n > 2 * w and d.row_dimensions[i].height >= 15 * need, (n, d.row_dimensions[i].height)
assert d.row_dimensions[j].height is None, d.row_dimensions[j].height
"
}

@test "xlsx: more columns than a sheet holds: exit 65 naming the file and line, nothing written" {
	"$PY" -c 'print(",".join("c%d" % i for i in range(16385)))' >wide.csv
	run -65 vawg-xlsx -o out.xlsx wide.csv
	assert_output --partial "wide.csv:1: 16385 columns, more than a sheet holds (16384)"
	[ ! -e out.xlsx ]
	printf 'a,b\n' >row.csv
	"$PY" -c 'print(",".join("x" for i in range(16385)))' >>row.csv
	run -65 vawg-xlsx -o out.xlsx row.csv
	assert_output --partial "row.csv:2: 16385 fields, more than a sheet holds (16384)"
	[ ! -e out.xlsx ]
}
