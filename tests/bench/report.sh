# The monthly report end to end on a Met-sized synthetic year: vawg-synth
# --all at BENCH_REPORT_SCALE (default 30: about a million crimes and the
# other kinds to scale over 36 months), every raw export ingested,
# deduplicated, linked through one persons index, the tables, the VAWG
# 100, the workbook and the MARAC packs.  One run (it takes minutes); the
# run log has each step's rows, seconds and peak memory.
rep_scale=${BENCH_REPORT_SCALE:-30}
rep_dir="$BENCH_DATA/report-$rep_scale"
if [ ! -s "$rep_dir/data/manifest.csv" ]; then
	rm -rf "$rep_dir"
	mkdir -p "$rep_dir"
	vawg-synth --all "$rep_dir/data" --seed 5 --scale "$rep_scale" \
		--end 2026-10 >/dev/null
fi
rm -rf "$rep_dir/exports"
mkdir -p "$rep_dir/exports"
cp "$rep_dir"/data/raw/* "$rep_dir/data/marac-list.csv" "$rep_dir/exports/"
rep_rows=$(awk -F, '$1 == "raw/crime-export.csv" { print $3 }' "$rep_dir/data/manifest.csv")
rep_bytes=$(cat "$rep_dir"/exports/*.csv | wc -c)
echo "# report: monthly-report on $rep_rows raw crimes (scale $rep_scale) and the other kinds; rows/s counts crimes"
bench_job "monthly-report $rep_rows" "$rep_rows" "$rep_bytes"
BENCH_RUNS=1 bench_cmd monthly-report "rm -rf '$rep_dir/reports' '$rep_dir/state' && \
    monthly-report --month 2026-09 --in '$rep_dir/exports' \
    --out '$rep_dir/reports' --state '$rep_dir/state'"

# One month's link step against the whole persons database the report
# left (36 months of every kind): the orders' respondents (under 100,000
# rows; they are in it already, as when a month is run again).  Time and
# peak memory should follow the step's own rows, not the database.
rep_db="$rep_dir/state/persons.db"
rep_orders="$rep_dir/reports/2026-09/data/order.deduped.csv"
if [ -s "$rep_db" ] && [ -s "$rep_orders" ]; then
	echo "# link step: $(($(wc -l <"$rep_orders") - 1)) orders against $(sqlite3 "$rep_db" 'SELECT count(*) FROM records') index records"
	bench_job "link-order-respondent" "$(($(wc -l <"$rep_orders") - 1))" "$(stat -c %s "$rep_orders")"
	bench_cmd vawg-dedupe "vawg-dedupe --role respondent --index '$rep_db' \
	    -o /dev/null '$rep_orders' 2>/dev/null"
fi
