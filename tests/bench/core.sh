# Sourced by tests/bench/run: the CSV core and vawg-synth.
#
# 1. Read and write a crime file of BENCH_ROWS rows (vawg-synth, seed 1):
#    the CSV core (csvcat: lib/csvio reader and writer) against the bare
#    libcsv parse loop (the floor: parses, writes nothing), cat, wc -l,
#    Miller and a Python csv round trip, all in the same go.
# 2. vawg-synth writing BENCH_ROWS and BENCH_BIG crime rows: time and
#    peak memory (which must not grow with rows).

core_f=$(bench_data crime "$BENCH_ROWS")
core_bytes=$(stat -c %s "$core_f")
echo "# core: read+write of $core_f ($core_bytes bytes); ratio > 1: slower than csvcat"
bench_job "csv-rw crime $BENCH_ROWS" "$BENCH_ROWS" "$core_bytes"
bench_cmd "csvcat (lib/csvio)" "csvcat '$core_f' >/dev/null"
bench_cmd "libcsv-bare (parse only)" "libcsv-bare '$core_f' >/dev/null"
bench_cmd "cat" "cat '$core_f' >/dev/null"
bench_cmd "wc -l" "wc -l '$core_f' >/dev/null"
# The slow peers run at most three times, to keep the run short.
core_slow=$((BENCH_RUNS < 3 ? BENCH_RUNS : 3))
BENCH_RUNS=$core_slow bench_cmd "mlr --csv cat" "mlr --csv cat '$core_f' >/dev/null"
BENCH_RUNS=$core_slow bench_cmd "python3 csv round trip" "python3 -c '
import csv, sys
w = csv.writer(sys.stdout, lineterminator=\"\\n\")
w.writerows(csv.reader(open(sys.argv[1], newline=\"\", encoding=\"utf-8\")))
' '$core_f' >/dev/null"

echo "# synth: vawg-synth --kind crime to /dev/null; bytes are the output's"
bench_job "synth crime $BENCH_ROWS" "$BENCH_ROWS" "$core_bytes"
bench_cmd "vawg-synth" "vawg-synth --kind crime --rows $BENCH_ROWS --seed 1 >/dev/null"
bench_job "synth crime $BENCH_BIG" "$BENCH_BIG" \
	"$((core_bytes / BENCH_ROWS * BENCH_BIG))"
BENCH_RUNS=$core_slow bench_cmd "vawg-synth" "vawg-synth --kind crime --rows $BENCH_BIG --seed 1 >/dev/null"
