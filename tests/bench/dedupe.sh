# vawg-dedupe: key mode against Miller (mlr head -n 1 -g KEY: the first
# row of each key, in input order, as --keep first) and a Python set
# script; person linkage accuracy (pairwise F1 against the truth) and
# time on the FEBRL sets and the vawg-synth --all persons; person linkage
# at 100k and at BENCH_ROWS records (wanted rows: one person each) with
# time and peak memory.  Sourced by tests/bench/run.

dd_data="$BENCH_TOP/tests/data/vawg-dedupe"

# Key mode: BENCH_ROWS crimes and a fifth of them again.
dd_crime=$(bench_data crime "$BENCH_ROWS")
dd_dup="$BENCH_DATA/crime-$BENCH_ROWS-dup.csv"
if [ ! -s "$dd_dup" ]; then
	awk -v n=$((BENCH_ROWS / 5 + 1)) '{ print } NR > 1 && NR <= n {
		again[++k] = $0 } END { for (i = 1; i <= k; i++) print again[i] }' \
		"$dd_crime" >"$dd_dup.tmp" && mv "$dd_dup.tmp" "$dd_dup"
fi
cat >"$BENCH_TMP/dedupe_set.py" <<'PY'
import csv, sys
rd = csv.reader(open(sys.argv[1], newline=""))
out = csv.writer(sys.stdout, lineterminator="\n")
head = next(rd)
k = head.index(sys.argv[2])
out.writerow(head)
seen = set()
for r in rd:
    if r[k] not in seen:
        seen.add(r[k])
        out.writerow(r)
PY
bench_job "dedupe-key" $((BENCH_ROWS + BENCH_ROWS / 5)) "$(stat -c %s "$dd_dup")"
bench_cmd vawg-dedupe "vawg-dedupe -k crime_ref '$dd_dup' >/dev/null"
bench_cmd "mlr head -n 1 -g" "mlr --csv head -n 1 -g crime_ref '$dd_dup' >/dev/null"
bench_cmd "python3 set" "/usr/bin/python3 '$BENCH_TMP/dedupe_set.py' '$dd_dup' crime_ref >/dev/null"

# Accuracy: the truth column gives pairwise precision, recall and F1.
dd_accuracy() {
	local name=$1 file=$2 role=$3 rows
	rows=$(($(wc -l <"$file") - 1))
	bench_job "$name" "$rows" "$(stat -c %s "$file")"
	bench_cmd vawg-dedupe "vawg-dedupe -r $role -o /dev/null '$file' 2>/dev/null"
	printf '# %s: %s\n' "$name" "$(vawg-dedupe -r "$role" --truth \
		"${role}_true_id" -o /dev/null "$file" 2>&1 |
		sed -n 's/.*truth: //p')"
}
dd_accuracy febrl1 "$dd_data/febrl1-person.csv" person
dd_accuracy febrl2 "$dd_data/febrl2-person.csv" person
dd_all="$BENCH_DATA/synth-all"
if [ ! -s "$dd_all/persons.csv" ]; then
	rm -rf "$dd_all"
	vawg-synth --all "$dd_all" --seed 1 >/dev/null 2>&1 &&
		/usr/bin/python3 "$dd_data/synth-persons.py" "$dd_all" \
			>"$dd_all/persons.csv"
fi
if [ -s "$dd_all/persons.csv" ]; then
	dd_accuracy synth-all-persons "$dd_all/persons.csv" person
fi

# Scale: pairs compared, seconds (wall in the table, CPU user + sys on
# its own line, medians of DEDUPE_SCALE_RUNS runs, default 3) and peak
# memory.
dd_scale() {
	local rows=$1 file cpu="$BENCH_TMP/dedupe-cpu"
	file=$(bench_data wanted "$rows")
	bench_job "dedupe-persons-$rows" "$rows" "$(stat -c %s "$file")"
	: >"$cpu"
	BENCH_RUNS=${DEDUPE_SCALE_RUNS:-3} bench_cmd vawg-dedupe \
		"/usr/bin/time -a -o '$cpu' -f '%U %S' \
		vawg-dedupe -r person -o /dev/null '$file'"
	printf '# persons-%s: CPU (user + sys) median %s s\n' "$rows" \
		"$(awk '{ print $1 + $2 }' "$cpu" | bench_median)"
	printf '# persons-%s: %s\n' "$rows" "$(vawg-dedupe -r person --truth \
		person_true_id -o /dev/null "$file" 2>&1 | tr '\n' ' ' |
		sed 's/vawg-dedupe: //g')"
}
dd_scale 100000
dd_scale "$BENCH_ROWS"
