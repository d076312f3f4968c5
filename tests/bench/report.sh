# The monthly report end to end on a Met-sized synthetic year: vawg-synth
# --all at BENCH_REPORT_SCALE (default 30: about a million crimes and the
# other kinds to scale over 36 months), every raw export ingested,
# deduplicated, linked through one persons index, the tables, the VAWG
# 100, the workbook and the MARAC packs.  One run (it takes minutes); the
# run log has each step's rows, seconds and peak memory.  Then the same
# month again on the state the first run left.
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

# The same month again on a copy of the state it left: the cost of a
# monthly run over a whole extract whose records the persons database
# holds already.
bench_job "monthly-report $rep_rows again" "$rep_rows" "$rep_bytes"
BENCH_RUNS=1 bench_cmd monthly-report "rm -rf '$rep_dir/reports-again' \
    '$rep_dir/state-again' && cp -a '$rep_dir/state' '$rep_dir/state-again' && \
    monthly-report --month 2026-09 --in '$rep_dir/exports' \
    --out '$rep_dir/reports-again' --state '$rep_dir/state-again'"
rm -rf "$rep_dir/reports-again" "$rep_dir/state-again"

# The link steps of the kinds under 100,000 rows against the whole
# persons database the report left, each run on a copy of it.
IDX_FROM_REPORT=1
# shellcheck source=tests/bench/index.sh
. "$BENCH_TOP/tests/bench/index.sh"
unset IDX_FROM_REPORT
