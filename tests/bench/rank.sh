# vawg-rank: BENCH_ROWS (default 1 million) synthetic crimes ranked into
# the top 100 over a three-year window, against the same score in Python
# (csv module) and a partial ranking (count and last date) in Miller.
if ! command -v vawg-synth >/dev/null 2>&1; then
	echo "# rank: no vawg-synth to make the data; skipped"
else
	rank_in=$(bench_data crime "$BENCH_ROWS")
	bench_job "rank-crime-$BENCH_ROWS" "$BENCH_ROWS" "$(stat -c %s "$rank_in")"
	bench_cmd vawg-rank "vawg-rank --id suspect_true_id \
	    --victim-id victim_true_id --as-of 2026-09-30 --window 1095d \
	    --top 100 '$rank_in' >/dev/null"
	bench_cmd python-csv-same-score "/usr/bin/python3 \
	    '$BENCH_TOP/tests/data/vawg-rank/ref_rank.py' \
	    '$BENCH_TOP/data/harm.csv' 2026-09-30 1095 100 \
	    --id suspect_true_id --victim-id victim_true_id \
	    <'$rank_in' >/dev/null"
	bench_cmd mlr-count-and-last "mlr --icsv --ocsv \
	    filter '\$vawg == \"Y\" && \$suspect_true_id != \"\"' \
	    then stats1 -a count,max -f reported_date -g suspect_true_id \
	    then sort -nr reported_date_count then head -n 100 \
	    '$rank_in' >/dev/null"
fi
