# Recipes for tests/hardening.bats: how to run each program on one kind
# of canonical input, so that the same fault, hostile-input, stderr and
# file-mode checks run on every program present in the build.

H=$DATA/hostile

# The programs present in the build, one a line.
programs() {
	local b
	for b in "${VAWG_BUILD:-$TOP/build}"/bin/vawg-*; do
		[ -x "$b" ] && basename "$b"
	done
}

# recipe PROG: sets
#   CMD     the command line before the input files
#   KIND    the record kind it reads (fixtures $H/KIND.csv, planted-KIND.csv)
#   INPUTS  1 when it reads input files, 0 when not
#   INOPT   the option before each input file, empty for operands
#   MULTI   1 when it takes several input files, 0 when one
#   PARTIAL 1 when, an input missing, it still writes what the others
#           give; 0 when it writes nothing (a workbook without one of
#           its sheets would look whole)
#   BADCOL  the column the fault tests spoil (one the program reads)
#   REPAIRS 1 when invalid UTF-8 is written repaired (U+FFFD) with a
#           note rather than refused (a workbook is for reading)
#   STDOUT  1 when it can write standard output, 0 when it needs -o
#   SIDE    extra output options, each "OPTION NAME" (NAME a file made in
#           the current folder; NAME ending in / is a folder)
# Returns 1 for a program without a recipe.
recipe() {
	INPUTS=1 STDOUT=1 SIDE=() INOPT= MULTI=1 EXTRA=() PARTIAL=1 BADCOL=14 \
	    REPAIRS=0
	case $1 in
	vawg-synth)
		CMD=(vawg-synth --kind crime --rows 50 --seed 7)
		KIND=crime INPUTS=0 ;;
	vawg-ingest)
		CMD=(vawg-ingest --kind crime --as-of 2026-10-31)
		KIND=crime SIDE=("--rejects rejects.csv") ;;
	vawg-dedupe)
		CMD=(vawg-dedupe --key crime_ref)
		KIND=crime SIDE=("--dropped dropped.csv") ;;
	vawg-stats)
		CMD=(vawg-stats count --by crime_ref --period month)
		KIND=crime BADCOL=0 ;;
	vawg-rank)
		CMD=(vawg-rank --as-of 2025-12-31 --window 730d --top 0)
		KIND=crime ;;
	vawg-xlsx)
		CMD=(vawg-xlsx)
		KIND=crime STDOUT=0 PARTIAL=0 REPAIRS=1 ;;
	vawg-marac-pack)
		CMD=(vawg-marac-pack --as-of 2026-10-31 --cases "$H/marac.csv"
		    --orders "$H/order.csv")
		KIND=crime INOPT=--crimes MULTI=0
		SIDE=("--findings findings.csv" "--html html/"
		    "--audit audit.log") ;;
	*)
		return 1 ;;
	esac
}

# each TEST_FN: runs TEST_FN PROG for every program with a recipe,
# collecting the failures; fails listing them.  TEST_FN prints why it
# failed and returns non-zero.
each() {
	local fn=$1 p failed=() ran=0
	for p in $(programs); do
		if ! recipe "$p"; then
			echo "# $p: no recipe, not checked" >&3
			continue
		fi
		ran=$((ran + 1))
		if ! (cd "$(mktemp -d "$BATS_TEST_TMPDIR/$p.XXXX")" &&
		    "$fn" "$p"); then
			failed+=("$p")
		fi
	done
	[ "$ran" -gt 0 ] || skip "no program built yet"
	if [ ${#failed[@]} -gt 0 ]; then
		echo "failed: ${failed[*]}"
		return 1
	fi
}

# side_args: the SIDE options as arguments.
side_args() {
	local s
	for s in "${SIDE[@]}"; do
		echo "${s%% *}"
		echo "${s#* }"
	done
}

# run_prog OUT INPUT...: runs the recipe with the options in EXTRA,
# writing OUT ("-" for stdout; a program that needs -o then writes
# out.bin), on the inputs (each after INOPT when the recipe has one).
# Sets st; stdout and stderr go to the files out.stdout and err.
run_prog() {
	local out=$1 args f
	shift
	args=("${CMD[@]}" "${EXTRA[@]}")
	if [ "$out" != - ]; then
		args+=(-o "$out")
	elif [ "$STDOUT" = 0 ]; then
		args+=(-o out.bin)
	fi
	if [ "$INPUTS" = 1 ]; then
		for f; do
			[ -n "$INOPT" ] && args+=("$INOPT")
			args+=("$f")
		done
	fi
	"${args[@]}" >out.stdout 2>err
	st=$?
}

# big_input N: a valid input of the recipe's kind with N rows, every
# key and person id different, on stdout.
big_input() {
	"$PY" - "$H/$KIND.csv" "$1" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(rows[0])
body = rows[1:]
for i in range(int(sys.argv[2])):
    r = list(body[i % len(body)])
    r[0] = "X%d" % i
    if r[-1].startswith("P0"):
        r[-1] = "S%d" % i
    w.writerow(r)
PY
}

# crashed ST: 0 when the status is a crash, an out-of-memory exit, or a
# sanitizer or valgrind report (86).
crashed() {
	[ "$1" -ge 128 ] || [ "$1" = 71 ] || [ "$1" = 70 ] || [ "$1" = 86 ]
}

# ok_status ST: 0 for the statuses of a finished run: 0, 1 (rows
# rejected) or 65 (bad input data).
ok_status() {
	[ "$1" = 0 ] || [ "$1" = 1 ] || [ "$1" = 65 ]
}

# need PROG: skips the test when PROG is not built yet; need_quiet PROG
# is 0 when it is built.
need_quiet() {
	[ -x "${VAWG_BUILD:-$TOP/build}/bin/$1" ]
}

need() {
	need_quiet "$1" || skip "$1 not built yet"
}

# marker_files SRC: from the canonical file SRC, writes in the current
# folder files whose every cell is a unique marker (MKR00001, ...), so
# that any value repeated on stderr is found:
#   mk.csv           SRC's header, then rows of markers, a short row, a
#                    long row and a row with a stray quote
#   mk-noheader.csv  the same rows without the header line (the first
#                    record is then taken as the header)
#   mk-dup.csv       headerless, with one marker twice in the first row
marker_files() {
	"$PY" - "$1" <<'PY'
import csv, sys
hdr = next(csv.reader(open(sys.argv[1], newline="")))
n, k = len(hdr), [0]
def m():
    k[0] += 1
    return "MKR%05d" % k[0]
rows = [[m() for _ in range(n)] for _ in range(5)]
rows.append([m() for _ in range(max(n - 3, 1))])
rows.append([m() for _ in range(n + 2)])
def write(path, header, body, extra=""):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if header:
            w.writerow(header)
        for r in body:
            w.writerow(r)
        f.write(extra)
quote = ",".join([m() + '"' + m()] + [m() for _ in range(n - 1)]) + "\n"
write("mk.csv", hdr, rows, quote)
write("mk-noheader.csv", None, rows, quote)
dup = [list(r) for r in rows]
dup[0][-1] = dup[0][0]
write("mk-dup.csv", None, dup)
PY
}

# no_markers WHAT: fails, saying so, when the file err holds a marker.
no_markers() {
	local leak
	leak=$(grep -i -o 'MKR[0-9]*' err | sort -u | head -5)
	if [ -n "$leak" ]; then
		echo "$1: a cell value on stderr: $leak: $(head -c 300 err)"
		return 1
	fi
}
