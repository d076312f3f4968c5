# vawg-xlsx: BENCH_ROWS (default 1 million) rows by 10 columns of crime
# records to XLSX, beside Python XlsxWriter in constant_memory mode on the
# same CSV (every value written, numeric strings as numbers).
# Sourced by tests/bench/run; at most 3 runs of ours and 2 of the peer.

xlsx_bench_input() {
	local rows=$1 f src=awk
	command -v vawg-synth >/dev/null && src=synth
	f="$BENCH_DATA/xlsx-crime10-$src-$rows.csv"
	if [ ! -s "$f" ]; then
		if [ $src = synth ]; then
			# Ten canonical crime columns, cut with a CSV reader.
			/usr/bin/python3 -c '
import csv, sys
cols = ["crime_ref", "reported_date", "committed_date", "offence_code",
        "offence_group", "vawg", "borough", "ward", "victim_dob",
        "outcome_date"]
r = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(cols)
for row in r:
    w.writerow([row.get(c, "") for c in cols])
' "$(bench_data crime "$rows")" >"$f.tmp" && mv "$f.tmp" "$f"
		else
			# Until vawg-synth is there: the same shape from awk.
			awk -v n="$rows" 'BEGIN {
				srand(1)
				split("Camden,Islington,Hackney,Barnet", B, ",")
				split("rape,stalking,harassment,other_sexual,violence_with_injury", G, ",")
				print "crime_ref,reported_date,offence_code,offence_group,borough,ward,victim_age,dash_score,harm_index,outcome_date"
				for (i = 1; i <= n; i++) {
					d = int(rand() * 1000)
					printf "CR%08d,%s,%03d/%02d,%s,%s,Ward %d,%d,%d,%.2f,%s\n", i,
					    strftime("%Y-%m-%d", 1600000000 + d * 86400, 1),
					    int(rand() * 200), int(rand() * 30), G[int(rand() * 5) + 1],
					    B[int(rand() * 4) + 1], int(rand() * 40), 16 + int(rand() * 70),
					    int(rand() * 28), rand() * 1000,
					    rand() < 0.3 ? "" : strftime("%Y-%m-%d", 1600000000 + (d + 30) * 86400, 1)
				}
			}' >"$f.tmp" && mv "$f.tmp" "$f"
		fi
	fi
	printf '%s\n' "$f"
}

xlsx_in=$(xlsx_bench_input "$BENCH_ROWS")
cat >"$BENCH_TMP/xlsxwriter-peer.py" <<'PY'
import csv, sys, xlsxwriter
wb = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True,
                                       "strings_to_numbers": True})
ws = wb.add_worksheet()
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for r, row in enumerate(csv.reader(f)):
        ws.write_row(r, 0, row)
wb.close()
PY
echo "# xlsx: $(basename "$xlsx_in"), 10 columns; peer is Python XlsxWriter $(/usr/bin/python3 -c 'import xlsxwriter; print(xlsxwriter.__version__)') (constant_memory)"
bench_job "xlsx ${BENCH_ROWS}x10" "$BENCH_ROWS" "$(stat -c %s "$xlsx_in")"
BENCH_RUNS=$((BENCH_RUNS < 3 ? BENCH_RUNS : 3)) bench_cmd vawg-xlsx \
	"vawg-xlsx -o '$BENCH_TMP/ours.xlsx' '$xlsx_in'"
BENCH_RUNS=$((BENCH_RUNS < 2 ? BENCH_RUNS : 2)) bench_cmd python-xlsxwriter \
	"/usr/bin/python3 '$BENCH_TMP/xlsxwriter-peer.py' '$xlsx_in' '$BENCH_TMP/peer.xlsx'"
rm -f "$BENCH_TMP/ours.xlsx" "$BENCH_TMP/peer.xlsx"
