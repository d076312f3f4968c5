# The persons index's link steps on a Met-sized synthetic year: every
# link step of the monthly report whose kind has under 100,000 rows, run
# again against the whole persons database the report left (36 months of
# every kind, about 1.7 million records at scale 30).  Each run links
# into its own copy of the database (copied before the clock starts), so
# that every run sees the same index.  Printed per step: the median of
# the wall times, the CPU time (user + sys, the figure to compare on a
# loaded machine) and the peak memory, and the figures of the earlier
# version (before the link step fetched its candidates set-based and
# stopped normalising them again) measured on the same data.
# Each step is run as the report runs it (--row-key, the kind's key
# column), three times: on the report's own data (the months' full
# extract, every record held by the index already: what a monthly run
# over a whole extract meets when nothing changed), on the same rows
# with one value left out of every 36th (a month's new records in a
# three-year extract: the monthly run) and of every record (each record
# new to the index, its person known: the dearest case).
# Needs the report's data: report.sh makes it (BENCH_REPORT_SCALE) and
# runs this after it; run alone (tests/bench/run build
# tests/bench/index.sh), it uses the data of an earlier report.sh.
idx_scale=${BENCH_REPORT_SCALE:-30}
idx_dir="$BENCH_DATA/report-$idx_scale"
idx_db="$idx_dir/state/persons.db"
idx_month="$idx_dir/reports/2026-09/data"

# The earlier version's figures (CPU seconds, peak MB), by step: scale
# 30, seed 5, --end 2026-10, month 2026-09, on a loaded 2-core machine
# (runs of one binary differ by up to 15% there).
declare -A idx_before=(
	[wanted-person]="14.85 177"
	[order-respondent]="14.55 173"
	[marac-perpetrator]="20.17 235"
	[marac-victim]="25.42 239"
	[disclosure-subject]="18.13 197"
)

# idx_time CMD: runs CMD BENCH_RUNS times, each on a fresh copy of the
# database (of idx-base.db: the report's, brought to this version's
# schema first, so that no run counts the upgrade); prints "wall cpu
# peak_kb" medians (peak: the largest).
idx_time() {
	local i walls="" cpus="" peak=0 w u s m
	for ((i = 0; i < BENCH_RUNS; i++)); do
		cp "$BENCH_TMP/idx-base.db" "$BENCH_TMP/idx.db" || return 1
		rm -f "$BENCH_TMP/idx.db-wal" "$BENCH_TMP/idx.db-shm"
		# The copy on disk first: else the run's first fsync
		# writes the whole copy and the clock counts it.
		sync "$BENCH_TMP/idx.db" || return 1
		/usr/bin/time -f '%e %U %S %M' -o "$BENCH_TMP/time" bash -c "$1" \
			>/dev/null 2>"$BENCH_TMP/err" || return 1
		read -r w u s m <"$BENCH_TMP/time"
		walls="$walls $w"
		cpus="$cpus $(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')"
		[ "$m" -gt "$peak" ] && peak=$m
	done
	printf '%s %s %s\n' "$(printf '%s\n' $walls | bench_median)" \
		"$(printf '%s\n' $cpus | bench_median)" "$peak"
}

# idx_new FILE ROLE EVERY: FILE with one value of every EVERY-th ROLE
# record left out (the first it has of postcode, phone, email, PNC ID,
# date of birth), so that the record is new to the index.
idx_new() {
	/usr/bin/python3 -c '
import csv, sys
r = csv.reader(open(sys.argv[1], newline=""))
w = csv.writer(sys.stdout, lineterminator="\n")
h = next(r)
w.writerow(h)
cols = [h.index(sys.argv[2] + "_" + f) for f in
        ("postcode", "phone", "email", "pnc", "dob") if sys.argv[2] + "_" + f in h]
every = int(sys.argv[3])
for k, row in enumerate(r):
    for c in cols if k % every == 0 else ():
        if row[c]:
            row[c] = ""
            break
    w.writerow(row)' "$1" "$2" "$3"
}

# Run from report.sh, after the report; by the runner, only when
# report.sh is not to run (the data of an earlier run then).
idx_skip=""
if [ -z "${IDX_FROM_REPORT:-}" ]; then
	for x in "$@"; do
		[ "$(basename "$x")" = report.sh ] && idx_skip=1
	done
fi
if [ -n "$idx_skip" ]; then
	:
elif [ ! -s "$idx_db" ] || [ ! -d "$idx_month" ]; then
	echo "# index: no report data under $idx_dir (run report.sh first)"
else
	cp "$idx_db" "$BENCH_TMP/idx-base.db"
	rm -f "$BENCH_TMP/idx-base.db-wal" "$BENCH_TMP/idx-base.db-shm"
	printf 'wanted_ref,person_surname\n' | vawg-dedupe --role person \
		--index "$BENCH_TMP/idx-base.db" -o /dev/null 2>/dev/null
	echo "# index: link steps against $(sqlite3 "$idx_db" 'SELECT count(*) FROM records') index records, $(sqlite3 "$idx_db" 'SELECT count(*) FROM persons') persons; each run on a copy"
	printf '# %-31s %8s %8s %9s %8s   %s\n' step rows wall_s cpu_s peak_MB \
		"earlier: cpu_s peak_MB"
	for k in wanted order marac disclosure; do
		f="$idx_month/$k.csv"
		[ -s "$f" ] || continue
		rows=$(($(wc -l <"$f") - 1))
		[ "$rows" -lt 100000 ] || continue
		# The kind's key column: the report links by it (--row-key).
		key=$(vawg-ingest --describe "$k" | awk -F, '$6 == "Y" { print $1 }')
		roles=$(vawg-ingest --describe "$k" | awk -F, 'NR > 1 && $9 != "" && !($9 in r) {
			r[$9] = $4; if ($9 + 0 > n) n = $9 + 0 }
			END { for (i = 1; i <= n; i++) printf "%s ", r[i] }')
		for r in $roles; do
			idx_new "$f" "$r" 1 >"$BENCH_TMP/idx-new.csv" || continue
			idx_new "$f" "$r" 36 >"$BENCH_TMP/idx-month.csv" || continue
			for v in held month new; do
				in=$f
				[ "$v" = new ] && in=$BENCH_TMP/idx-new.csv
				[ "$v" = month ] && in=$BENCH_TMP/idx-month.csv
				if res=$(idx_time "vawg-dedupe --role $r --index \
				    '$BENCH_TMP/idx.db' --row-key $key -o /dev/null '$in'"); then
					read -r w c m <<<"$res"
					printf '# %-31s %8d %8.2f %8.2f %9.1f   %s\n' \
						"link-$k-$r-$v" "$rows" "$w" "$c" \
						"$(awk -v m="$m" 'BEGIN { print m / 1024 }')" \
						"$([ $v = held ] && echo "${idx_before[$k-$r]:-- -}")"
				else
					printf '# %-31s failed: %s\n' "link-$k-$r-$v" \
						"$(tail -1 "$BENCH_TMP/err")"
				fi
			done
		done
	done
	rm -f "$BENCH_TMP/idx.db" "$BENCH_TMP/idx.db-wal" "$BENCH_TMP/idx.db-shm" \
		"$BENCH_TMP/idx-new.csv" "$BENCH_TMP/idx-month.csv" \
		"$BENCH_TMP/idx-base.db"
fi
