# vawg-ingest reading .xlsx: BENCH_XLSX_ROWS (default BENCH_ROWS, 1
# million) rows of vawg-synth's raw crime export written as a workbook by
# Python XlsxWriter (every cell a string, as the export's CSV has it),
# ingested from the workbook and from the CSV it came from, beside
# openpyxl in read-only mode and LibreOffice converting the workbook to
# CSV.  Sourced by tests/bench/run; at most 3 runs of ours, 1 of each peer.

xlsxin_rows=${BENCH_XLSX_ROWS:-$BENCH_ROWS}
xlsxin_csv=$(bench_data crime "$xlsxin_rows" raw)
xlsxin_book="$BENCH_DATA/crime-$xlsxin_rows-raw.xlsx"
if [ ! -s "$xlsxin_book" ]; then
	/usr/bin/python3 - "$xlsxin_csv" "$xlsxin_book.tmp" <<'PY'
import csv, sys, xlsxwriter
wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
ws = wb.add_worksheet("Crimes")
with open(sys.argv[1], newline="", encoding="cp1252") as f:
    for r, row in enumerate(csv.reader(f)):
        for c, v in enumerate(row):
            ws.write_string(r, c, v)
wb.close()
PY
	mv "$xlsxin_book.tmp" "$xlsxin_book"
fi
cat >"$BENCH_TMP/openpyxl-peer.py" <<'PY'
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], read_only=True)
w = csv.writer(sys.stdout, lineterminator="\n")
for row in wb.worksheets[0].iter_rows(values_only=True):
    w.writerow(["" if v is None else v for v in row])
PY
echo "# xlsxin: $(basename "$xlsxin_book") ($(stat -c %s "$xlsxin_book") bytes), 25 columns; peers convert it to CSV"
bench_job "ingest xlsx ${xlsxin_rows}x25" "$xlsxin_rows" "$(stat -c %s "$xlsxin_book")"
BENCH_RUNS=$((BENCH_RUNS < 3 ? BENCH_RUNS : 3)) bench_cmd vawg-ingest.xlsx \
	"vawg-ingest -k crime --rejects /dev/null '$xlsxin_book' >/dev/null"
BENCH_RUNS=$((BENCH_RUNS < 3 ? BENCH_RUNS : 3)) bench_cmd vawg-ingest.csv \
	"vawg-ingest -k crime --rejects /dev/null '$xlsxin_csv' >/dev/null"
BENCH_RUNS=1 bench_cmd openpyxl-read-only \
	"/usr/bin/python3 '$BENCH_TMP/openpyxl-peer.py' '$xlsxin_book' >/dev/null"
if command -v soffice >/dev/null; then
	mkdir -p "$BENCH_TMP/lo"
	BENCH_RUNS=1 bench_cmd libreoffice-convert \
		"soffice --headless --convert-to csv --outdir '$BENCH_TMP/lo' '$xlsxin_book'"
	rm -rf "$BENCH_TMP/lo"
fi
