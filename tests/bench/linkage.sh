# Person linkage quality with the defaults, on data it was not built on:
# FEBRL 1 and 2 and the variants tests/bench/linkage-variants.py derives
# from them (a field dropped, names blanked or swapped in 5% of rows,
# three records per person, 1,000 rows, rows with an email only; names,
# date of birth and town only; names and date of birth only), and
# vawg-synth wanted records under three noise profiles (--noise 0.5, 1,
# 2).  Prints pairwise precision, recall and F1 per set and variant,
# computed in Python from the truth column, and for the synthetic sets
# the highest F1 their records allow (linkage-variants.py ceiling).
# Sourced by tests/bench/run.

lq_py="$BENCH_TOP/tests/bench/linkage-variants.py"
lq_dir="$BENCH_TMP/linkage"
mkdir -p "$lq_dir"
printf '# linkage quality (defaults): set/variant precision recall F1 rows\n'
for lq_set in febrl1 febrl2; do
	mkdir -p "$lq_dir/$lq_set"
	/usr/bin/python3 "$lq_py" make \
		"/work/shared/data/linkage/$lq_set.csv" "$lq_dir/$lq_set" 1 ||
		continue
	for lq_f in "$lq_dir/$lq_set"/*.csv; do
		lq_v=$(basename "$lq_f" .csv)
		vawg-dedupe -r person -o "$lq_f.out" "$lq_f" 2>/dev/null || {
			printf '# linkage %s/%s: failed\n' "$lq_set" "$lq_v"
			continue
		}
		printf '# linkage %s/%s: %s\n' "$lq_set" "$lq_v" \
			"$(/usr/bin/python3 "$lq_py" score "$lq_f.out")"
	done
done
for lq_noise in 0.5 1 2; do
	lq_f="$lq_dir/synth-noise$lq_noise.csv"
	vawg-synth --kind wanted --rows 20000 --seed 1 --noise "$lq_noise" \
		>"$lq_f" 2>/dev/null || continue
	vawg-dedupe -r person -o "$lq_f.out" "$lq_f" 2>/dev/null || continue
	# The score reads person_true_id and person_id, as for FEBRL; the
	# ceiling, what the records allow at most (true pairs, those
	# sharing only names, the errors they force, the highest F1).
	printf '# linkage synth/noise%s: %s; ceiling: %s\n' "$lq_noise" \
		"$(/usr/bin/python3 "$lq_py" score "$lq_f.out")" \
		"$(/usr/bin/python3 "$lq_py" ceiling "$lq_f")"
done
