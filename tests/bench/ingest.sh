# vawg-ingest: raw crime export (CP1252 names, dd/mm/yyyy dates, PNC IDs
# and postcodes to check) to canonical CSV, beside Miller's plain
# pass-through of the same file.  Sourced by tests/bench/run.
if command -v vawg-synth >/dev/null 2>&1; then
	bi_f=$(bench_data crime "$BENCH_ROWS" raw)
	bi_line=$(head -1 "$bi_f")
	bi_ifs=,
	for bi_d in ';' '|' "$(printf '\t')"; do
		bi_a=${bi_line//[!$bi_d]/}
		bi_b=${bi_line//[!$bi_ifs]/}
		[ ${#bi_a} -gt ${#bi_b} ] && bi_ifs=$bi_d
	done
	case $bi_ifs in
	';') bi_mlr="--ifs semicolon" ;;
	'|') bi_mlr="--ifs pipe" ;;
	,) bi_mlr="" ;;
	*) bi_mlr="--ifs tab" ;;
	esac
	bench_job "ingest crime raw" "$BENCH_ROWS" "$(stat -c %s "$bi_f")"
	# -r: planted bad rows go to the rejects file, so the exit is 0.
	bench_cmd vawg-ingest "vawg-ingest --kind crime -r /dev/null '$bi_f' >/dev/null"
	bench_cmd "mlr cat" "mlr --icsv --ocsv $bi_mlr cat '$bi_f' >/dev/null"
	unset bi_f bi_line bi_ifs bi_d bi_a bi_b bi_mlr
else
	echo "# ingest: vawg-synth is not built; no raw crime data to ingest"
fi
