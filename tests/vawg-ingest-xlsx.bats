#!/usr/bin/env bats
# End-to-end tests of vawg-ingest reading .xlsx workbooks.  Each workbook
# is made by an independent writer (Python's openpyxl and XlsxWriter,
# LibreOffice converting a CSV) from a CSV export; ingesting the workbook
# must give what ingesting that CSV gives, row for row.
load helper

ASOF="--as-of 2026-11-27"

# A raw crime export as UTF-8 CSV (vawg-synth's, with planted bad rows),
# plus a row with a blank offence description and a code with a leading
# zero, written to src.csv.
make_source() {
	vawg-synth -k crime --raw -n 300 -s 7 >raw.csv
	"$PY" - <<'PY'
import csv
rows = list(csv.reader(open("raw.csv", newline="", encoding="cp1252")))
desc, code = rows[0].index("Offence Description"), rows[0].index("Offence Code")
rows[5][desc] = ""         # a blank cell
rows[6][code] = "019"      # a code with a leading zero
with open("src.csv", "w", newline="", encoding="utf-8") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
}

# book.py WRITER OUT: the workbook of src.csv by WRITER (openpyxl or
# xlsxwriter): a "Notes" sheet first, then "Crimes" with a two-row title
# block above the headings (so --header-row 3), dd/mm/yyyy dates as date
# cells, every other value a string cell, empty values as no cell at all.
make_book() {
	"$PY" - "$@" <<'PY'
import csv, datetime, sys
writer, out = sys.argv[1], sys.argv[2]
rows = list(csv.reader(open("src.csv", newline="", encoding="utf-8")))
def date_of(v):
    try:
        return datetime.datetime.strptime(v, "%d/%m/%Y")
    except ValueError:
        return None
if writer == "openpyxl":
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    wb.active["A1"] = "Extracted for the VAWG monthly report"
    ws = wb.create_sheet("Crimes")
    ws["A1"] = "Crimes export"
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row, start=1):
            if v == "":
                continue
            d = date_of(v) if r > 3 else None
            cell = ws.cell(row=r, column=c, value=d if d else v)
            if d:
                cell.number_format = "DD/MM/YYYY"
            else:
                cell.data_type = "s"
    wb.save(out)
else:
    import xlsxwriter
    wb = xlsxwriter.Workbook(out)
    notes = wb.add_worksheet("Notes")
    notes.write_string(0, 0, "Extracted for the VAWG monthly report")
    ws = wb.add_worksheet("Crimes")
    dmy = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.merge_range(0, 0, 0, 3, "Crimes export")
    for r, row in enumerate(rows, start=2):
        for c, v in enumerate(row):
            d = date_of(v) if r > 2 else None
            if d:
                ws.write_datetime(r, c, d, dmy)
            elif v != "":
                ws.write_string(r, c, v)
    wb.close()
PY
}

# The rejects of a run: reference and reasons (a workbook's row is
# written as the workbook holds it, its date cells as ISO dates).
strip_rejects() {
	"$PY" - "$1" <<'PY'
import csv, sys
for row in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
    print(row["Crime Reference"], row["reject_reasons"])
PY
}

@test "ingest xlsx: openpyxl and XlsxWriter workbooks ingest as the CSV they came from, row for row" {
	make_source
	vawg-ingest $ASOF -k crime -r rej-csv.csv src.csv >from-csv.csv ||
	    [ $? -eq 1 ]
	for w in openpyxl xlsxwriter; do
		make_book $w book-$w.xlsx
		run vawg-ingest $ASOF -k crime --sheet Crimes --header-row 3 \
		    -r rej-$w.csv book-$w.xlsx
		[ "$status" -le 1 ]
		vawg-ingest $ASOF -k crime --sheet 2 --header-row 3 \
		    -r rej-$w.csv book-$w.xlsx >from-$w.csv 2>/dev/null ||
		    [ $? -eq 1 ]
		cmp from-csv.csv from-$w.csv
		diff <(strip_rejects rej-csv.csv) <(strip_rejects rej-$w.csv)
	done
	# Independent count: rows of the CSV minus the rejects.
	n=$("$PY" -c 'import csv; print(sum(1 for _ in csv.DictReader(open("src.csv", newline="", encoding="utf-8"))) - sum(1 for _ in csv.DictReader(open("rej-csv.csv", newline="", encoding="utf-8"))))')
	m=$("$PY" -c 'import csv; print(sum(1 for _ in csv.DictReader(open("from-openpyxl.csv", newline="", encoding="utf-8"))))')
	[ "$n" -eq "$m" ]
	[ "$n" -gt 250 ]
	# The leading zero and the blank cell survive.
	"$PY" - <<'PY'
import csv
src = list(csv.DictReader(open("src.csv", newline="", encoding="utf-8")))
out = {r["crime_ref"]: r for r in csv.DictReader(open("from-xlsxwriter.csv", newline="", encoding="utf-8"))}
# rows[5] and rows[6] of make_source are src[4] and src[5] (no header)
assert out[src[4]["Crime Reference"]]["offence_desc"] == "", "blank cell"
assert out[src[5]["Crime Reference"]]["offence_code"] == "019", out[src[5]["Crime Reference"]]["offence_code"]
PY
}

@test "ingest xlsx: rejects carry the sheet's row number and the row written as CSV" {
	make_source
	make_book openpyxl book.xlsx
	vawg-ingest $ASOF -k crime --sheet Crimes --header-row 3 -r rej.csv \
	    book.xlsx >/dev/null 2>&1 || [ $? -eq 1 ]
	vawg-ingest $ASOF -k crime -r rej-csv.csv src.csv >/dev/null 2>&1 ||
	    [ $? -eq 1 ]
	# Sheet rows are the CSV's lines plus the two-row title block.
	"$PY" - <<'PY'
import csv
a = list(csv.DictReader(open("rej.csv", newline="", encoding="utf-8")))
b = list(csv.DictReader(open("rej-csv.csv", newline="", encoding="utf-8")))
assert len(a) == len(b) > 0, (len(a), len(b))
for x, y in zip(a, b):
    assert int(x["reject_line"]) == int(y["reject_line"]) + 2, (x["reject_line"], y["reject_line"])
    assert x["reject_file"] == "book.xlsx"
    assert x["Crime Reference"] == y["Crime Reference"]
PY
}

@test "ingest xlsx: a LibreOffice workbook made from the CSV ingests as the CSV" {
	command -v soffice >/dev/null || skip "LibreOffice is not installed"
	make_source
	# Values quoted as text, dates left bare so LibreOffice (en-GB) makes
	# them date cells.
	"$PY" - <<'PY'
import csv, re
rows = list(csv.reader(open("src.csv", newline="", encoding="utf-8")))
with open("lo.csv", "w", encoding="utf-8") as f:
    for i, row in enumerate(rows):
        f.write(",".join(v if i and re.fullmatch(r"\d\d/\d\d/\d{4}", v)
                         else '"' + v.replace('"', '""') + '"' for v in row) + "\n")
PY
	HOME=$T soffice --headless --infilter="CSV:44,34,76,1,,2057,true,true" \
	    --convert-to xlsx lo.csv >/dev/null 2>&1
	[ -s lo.xlsx ]
	vawg-ingest $ASOF -k crime -r rej-csv.csv src.csv >from-csv.csv \
	    2>/dev/null || [ $? -eq 1 ]
	vawg-ingest $ASOF -k crime -r rej-lo.csv lo.xlsx >from-lo.csv \
	    2>/dev/null || [ $? -eq 1 ]
	cmp from-csv.csv from-lo.csv
	diff <(strip_rejects rej-csv.csv) <(strip_rejects rej-lo.csv)
}

@test "ingest xlsx: an Excel error cell is a field fault, in a workbook and in its CSV" {
	printf 'Crime Reference,Date Reported,Offence Code,Offence Description\nCR1/24,03/04/2024,8N,#N/A\nCR2/24,#REF!,8N,Harassment\n' >e.csv
	"$PY" - <<'PY'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["Crime Reference", "Date Reported", "Offence Code", "Offence Description"])
ws.append(["CR1/24", "03/04/2024", "8N", "#N/A"]); ws["D2"].data_type = "e"
ws.append(["CR2/24", "#REF!", "8N", "Harassment"]); ws["B3"].data_type = "e"
wb.save("e.xlsx")
PY
	for f in e.csv e.xlsx; do
		run vawg-ingest $ASOF -k crime -r rej.csv -o out.csv $f
		[ "$status" -eq 0 ]
		# The error is no description; the row is kept, flagged.
		"$PY" - <<'PY'
import csv
rows = list(csv.DictReader(open("out.csv", newline="", encoding="utf-8")))
assert len(rows) == 1 and rows[0]["crime_ref"] == "CR1/24", rows
assert rows[0]["offence_desc"] == "", rows[0]["offence_desc"]
assert "offence_desc:excel_error" in rows[0]["quality_flags"], rows[0]["quality_flags"]
rej = list(csv.DictReader(open("rej.csv", newline="", encoding="utf-8")))
assert [r["Crime Reference"] for r in rej] == ["CR2/24"], rej
PY
	done
}

@test "ingest xlsx: read from standard input and from a FIFO, found by content not name" {
	make_source
	make_book xlsxwriter book.xlsx
	cp book.xlsx book.csv
	vawg-ingest $ASOF -k crime --sheet Crimes --header-row 3 book.xlsx \
	    >a.csv 2>/dev/null || [ $? -eq 1 ]
	vawg-ingest $ASOF -k crime --sheet Crimes --header-row 3 <book.xlsx \
	    >b.csv 2>/dev/null || [ $? -eq 1 ]
	cat book.xlsx | vawg-ingest $ASOF -k crime --sheet Crimes \
	    --header-row 3 >c.csv 2>/dev/null || [ $? -eq 1 ]
	vawg-ingest $ASOF -k crime --sheet Crimes --header-row 3 book.csv \
	    >d.csv 2>/dev/null || [ $? -eq 1 ]
	cmp a.csv b.csv
	cmp a.csv c.csv
	cmp a.csv d.csv
	[ "$(wc -l <a.csv)" -gt 250 ]
}

@test "ingest xlsx: a sheet that is not there, an empty header row: exit 65, no output" {
	make_source
	make_book openpyxl book.xlsx
	run vawg-ingest $ASOF -k crime --sheet Orders book.xlsx
	[ "$status" -eq 65 ]
	assert_output --partial "book.xlsx"
	assert_output --partial "no such sheet"
	run vawg-ingest $ASOF -k crime --sheet 3 book.xlsx
	[ "$status" -eq 65 ]
	run vawg-ingest $ASOF -k crime --sheet Crimes --header-row 400 book.xlsx
	[ "$status" -eq 65 ]
	assert_output --partial "no header at row 400"
	# Empty rows above the headings are passed over: row 2 is empty.
	vawg-ingest $ASOF -k crime --sheet Crimes --header-row 2 book.xlsx \
	    >two.csv 2>/dev/null || [ $? -eq 1 ]
	vawg-ingest $ASOF -k crime --sheet Crimes --header-row 3 book.xlsx \
	    >three.csv 2>/dev/null || [ $? -eq 1 ]
	cmp two.csv three.csv
	run vawg-ingest $ASOF -k crime --header-row 0 book.xlsx
	[ "$status" -eq 64 ]
	run vawg-ingest $ASOF -k crime --header-row x book.xlsx
	[ "$status" -eq 64 ]
}

@test "ingest xlsx: an old .xls, an OpenDocument file, a zip of text, a damaged workbook: exit 65 saying what it is" {
	printf '\320\317\021\340\241\261\032\341rest of an OLE2 file' >old.xls
	run vawg-ingest $ASOF -k crime old.xls
	[ "$status" -eq 65 ]
	assert_output --partial ".xls"
	assert_output --partial "save it as .xlsx"
	printf 'a,b\n' >t.csv
	"$PY" -c 'import zipfile; z = zipfile.ZipFile("z.xlsx", "w"); z.write("t.csv"); z.close()'
	run vawg-ingest $ASOF -k crime z.xlsx
	[ "$status" -eq 65 ]
	assert_output --partial "zip archive"
	"$PY" -c 'import zipfile; z = zipfile.ZipFile("o.ods", "w"); z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet"); z.writestr("content.xml", "<x/>"); z.close()'
	run vawg-ingest $ASOF -k crime o.ods
	[ "$status" -eq 65 ]
	assert_output --partial "OpenDocument"
	make_source
	make_book openpyxl book.xlsx
	head -c 3000 book.xlsx >cut.xlsx
	run vawg-ingest $ASOF -k crime cut.xlsx
	[ "$status" -eq 65 ]
	# Nothing personal: no cell value of the source on stderr.
	run vawg-ingest $ASOF -k crime --sheet Crimes --header-row 3 \
	    -o /dev/null book.xlsx
	"$PY" - "$output" <<'PY'
import csv, sys
err = sys.argv[1]
rows = list(csv.reader(open("src.csv", newline="", encoding="utf-8")))[1:]
for row in rows:
    for v in row:
        if len(v) >= 4 and v in err:
            sys.exit("value on stderr")
PY
}

@test "ingest xlsx: vawg-synth --all writes the disclosures export as a workbook that ingests whole" {
	vawg-synth --all set --scale 0.2 >/dev/null
	[ -s set/raw/dvds-export.xlsx ]
	[ ! -e set/raw/dvds-export.csv ]
	run vawg-ingest --as-of 2026-10-31 -k disclosure -r rej.csv -o out.csv \
	    set/raw/dvds-export.xlsx
	[ "$status" -le 1 ]
	# Rows read = written + rejected, against the manifest and the truth.
	"$PY" - <<'PY'
import csv
man = {r["file"]: r for r in csv.DictReader(open("set/manifest.csv", newline=""))}
m = man["raw/dvds-export.xlsx"]
out = list(csv.DictReader(open("out.csv", newline="", encoding="utf-8")))
rej = list(csv.DictReader(open("rej.csv", newline="", encoding="utf-8")))
assert len(out) + len(rej) == int(m["rows"]), (len(out), len(rej), m["rows"])
truth = [r for r in csv.DictReader(open("set/truth/bad-rows.csv", newline=""))
         if r["file"] == "raw/dvds-export.xlsx"]
bad_lines = {r["line"] for r in truth if r["reason"] == "impossible_date"}
assert bad_lines <= {r["reject_line"] for r in rej}, (bad_lines, [r["reject_line"] for r in rej])
canon = list(csv.DictReader(open("set/canonical/disclosure.csv", newline="", encoding="utf-8")))
assert len(canon) == int(m["rows"])
PY
}
