# vawg-stats: count --by borough,outcome_group --period month on BENCH_ROWS
# and BENCH_BIG crime rows (peak memory must not grow with rows), beside
# the bare libcsv parse of the same file, Miller (count -g), datamash
# (cut + sort + groupby), sqlite3 (import + GROUP BY) and a Python csv +
# Counter script; then charge-rate by month.  The peers, much slower, run
# STATS_PEER_RUNS times (default 1), and at BENCH_BIG only when
# STATS_PEERS_BIG=1.  Sourced by tests/bench/run.

# bs_data N: a crime file of N rows: vawg-synth's, else a seeded one made
# here with the canonical columns.
bs_data() {
	local f
	if command -v vawg-synth >/dev/null 2>&1; then
		bench_data crime "$1"
		return
	fi
	f="$BENCH_DATA/stats-crime-$1.csv"
	if [ ! -s "$f" ]; then
		/usr/bin/python3 - "$1" >"$f.tmp" <<'PY' && mv "$f.tmp" "$f"
import random, sys
n = int(sys.argv[1]); r = random.Random(1).random; w = sys.stdout.write
w("crime_ref,reported_date,committed_date,offence_code,offence_desc,"
  "offence_group,vawg,da_flag,bcu,borough,ward,postcode,lsoa,victim_forename,"
  "victim_surname,victim_dob,victim_pnc,victim_postcode,victim_sex,"
  "suspect_forename,suspect_surname,suspect_dob,suspect_pnc,suspect_postcode,"
  "suspect_sex,outcome_code,outcome_date,outcome_group\n")
outs = [("1", "charge_summons"), ("16", "evidential_victim_declines"),
        ("18", "no_suspect"), ("", "pending"), ("8", "ooc_informal")]
for i in range(n):
    d = "%04d-%02d-%02d" % (2023 + int(r() * 3), 1 + int(r() * 12), 1 + int(r() * 28))
    o, g = outs[int(r() * 5)]
    b = "Haringey" if r() < 0.5 else "Enfield"
    w("NA%08d,%s,%s,8N,Assault with injury,violence_with_injury,Y,N,NA,%s,"
      "%s W%d,N1 1AB,E01000001,Jane,Smith,1980-01-01,,N1 1AA,F,John,Doe,"
      "1979-02-02,,N2 2BB,M,%s,%s,%s\n" % (i, d, d, b, b, int(r() * 20), o,
                                            d if o else "", g))
PY
	fi
	printf '%s\n' "$f"
}

# bs_peers FILE: the peer tools on FILE.
bs_peers() {
	local f=$1 runs=$BENCH_RUNS b g d
	BENCH_RUNS=${STATS_PEER_RUNS:-1}
	bench_cmd "mlr count -g" "mlr --icsv --ocsv put '\$month = substr0(\$reported_date, 0, 6)' then count -g borough,outcome_group,month '$f' >/dev/null"
	# Column numbers for cut (the file has no quoted fields).
	b=$(head -1 "$f" | tr , '\n' | grep -nx borough | cut -d: -f1)
	g=$(head -1 "$f" | tr , '\n' | grep -nx outcome_group | cut -d: -f1)
	d=$(head -1 "$f" | tr , '\n' | grep -nx reported_date | cut -d: -f1)
	bench_cmd "datamash sort+groupby" "cut -d, -f$d,$b,$g '$f' | sed 's/^\\(.......\\)[^,]*/\\1/' | datamash -t, --header-in -s -g 2,3,1 count 1 >/dev/null"
	bench_cmd "sqlite3 import+GROUP BY" "sqlite3 :memory: '.import --csv $f c' 'SELECT borough, outcome_group, substr(reported_date, 1, 7), count(*) FROM c GROUP BY 1, 2, 3;' >/dev/null"
	bench_cmd "python csv+Counter" "/usr/bin/python3 -c '
import csv, sys
from collections import Counter
with open(sys.argv[1], newline=\"\") as fh:
    r = csv.reader(fh); h = next(r)
    b, g, d = h.index(\"borough\"), h.index(\"outcome_group\"), h.index(\"reported_date\")
    c = Counter((x[b], x[g], x[d][:7]) for x in r)
for k, n in sorted(c.items()): print(*k, n, sep=\",\")
' '$f' >/dev/null"
	BENCH_RUNS=$runs
}

for bs_n in "$BENCH_ROWS" "$BENCH_BIG"; do
	bs_f=$(bs_data "$bs_n")
	bench_job "stats count $bs_n" "$bs_n" "$(stat -c %s "$bs_f")"
	bench_cmd vawg-stats "vawg-stats count --by borough,outcome_group --period month '$bs_f' >/dev/null"
	bench_cmd "libcsv-bare (parse only)" "libcsv-bare '$bs_f' >/dev/null"
	if [ "$bs_n" = "$BENCH_ROWS" ] || [ "${STATS_PEERS_BIG:-0}" = 1 ]; then
		bs_peers "$bs_f"
	fi
done
bs_f=$(bs_data "$BENCH_ROWS")
bench_job "stats charge-rate $BENCH_ROWS" "$BENCH_ROWS" "$(stat -c %s "$bs_f")"
bench_cmd vawg-stats "vawg-stats charge-rate --period month '$bs_f' >/dev/null"
bench_cmd "libcsv-bare (parse only)" "libcsv-bare '$bs_f' >/dev/null"
# csvkit takes minutes on a million rows: it runs once, on the first
# 100,000 rows, beside us on the same sample.
bs_s="$BENCH_DATA/stats-sample-100000.csv"
[ -s "$bs_s" ] || head -n 100001 "$bs_f" >"$bs_s"
echo "# stats: csvkit on a 100,000-row sample of the same file (one run)"
bench_job "stats count 100000 sample" 100000 "$(stat -c %s "$bs_s")"
BENCH_RUNS=1 bench_cmd vawg-stats "vawg-stats count --by borough,outcome_group --period month '$bs_s' >/dev/null"
BENCH_RUNS=1 bench_cmd "csvsql GROUP BY (csvkit)" "csvsql --query \"select borough, outcome_group, substr(reported_date, 1, 7), count(*) from t group by 1, 2, 3\" --tables t '$bs_s' >/dev/null 2>&1"
unset bs_n bs_f bs_s
unset -f bs_data bs_peers
