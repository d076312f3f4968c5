# Shared functions for the benchmark scripts (sourced by tests/bench/run).
#
# bench_job NAME ROWS BYTES    start a job: a group of commands on one input
# bench_cmd TOOL CMD...        time CMD BENCH_RUNS times (default 5) and
#                              print a row: median and min/max seconds, peak
#                              memory, MB/s, rows/s and the ratio of this
#                              median to the job's first command (ours)
# Commands run through bash -c; output should go to /dev/null or a file.

BENCH_RUNS=${BENCH_RUNS:-5}

bench_header() {
	printf '%-28s %-26s %9s %9s %9s %8s %8s %11s %7s\n' \
		job tool median_s min_s max_s peak_MB MB/s rows/s ratio
}

bench_job() {
	BJ_NAME=$1 BJ_ROWS=$2 BJ_BYTES=$3 BJ_BASE=""
}

# Median of the numbers on stdin.
bench_median() {
	sort -g | awk '{ a[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print a[(NR + 1) / 2];
		else printf "%.4f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
}

bench_cmd() {
	local tool=$1 i t m times="" mems="" med min max peak rc
	shift
	for ((i = 0; i < BENCH_RUNS; i++)); do
		/usr/bin/time -f '%e %M' -o "$BENCH_TMP/time" bash -c "$*" \
			>/dev/null 2>"$BENCH_TMP/err"
		rc=$?
		if [ $rc -ne 0 ]; then
			printf '%-28s %-26s failed (exit %d): %s\n' "$BJ_NAME" \
				"$tool" "$rc" "$(tail -1 "$BENCH_TMP/err")"
			return 0
		fi
		read -r t m <"$BENCH_TMP/time"
		times="$times $t"
		mems="$mems $m"
	done
	med=$(printf '%s\n' $times | bench_median)
	min=$(printf '%s\n' $times | sort -g | head -1)
	max=$(printf '%s\n' $times | sort -g | tail -1)
	peak=$(printf '%s\n' $mems | sort -g | tail -1)
	[ -z "$BJ_BASE" ] && BJ_BASE=$med
	awk -v job="$BJ_NAME" -v tool="$tool" -v med="$med" -v min="$min" \
	    -v max="$max" -v peak="$peak" -v rows="$BJ_ROWS" \
	    -v bytes="$BJ_BYTES" -v base="$BJ_BASE" 'BEGIN {
		s = med > 0 ? med : 0.001
		printf "%-28s %-26s %9.3f %9.3f %9.3f %8.1f %8.1f %11.0f %7.2f\n",
		    job, tool, med, min, max, peak / 1024, bytes / 1e6 / s,
		    rows / s, med / (base > 0 ? base : 0.001) }'
}

# bench_data KIND ROWS [raw]: prints the path of a generated data file
# (vawg-synth, seed 1), making it first when it is not there yet.
bench_data() {
	local kind=$1 rows=$2 raw=${3:-} f
	f="$BENCH_DATA/$kind-$rows${raw:+-raw}.csv"
	if [ ! -s "$f" ]; then
		vawg-synth --kind "$kind" --rows "$rows" --seed 1 ${raw:+--raw} \
			>"$f.tmp" && mv "$f.tmp" "$f"
	fi
	printf '%s\n' "$f"
}
