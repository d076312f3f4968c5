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
#   STDOUT  1 when it can write standard output, 0 when it needs -o
#   SIDE    extra output options, each "OPTION NAME" (NAME a file made in
#           the current folder; NAME ending in / is a folder)
# Returns 1 for a program without a recipe.
recipe() {
	INPUTS=1 STDOUT=1 SIDE=() INOPT= MULTI=1 EXTRA=()
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
		KIND=crime ;;
	vawg-rank)
		CMD=(vawg-rank --as-of 2025-12-31 --window 730d --top 0)
		KIND=crime ;;
	vawg-xlsx)
		CMD=(vawg-xlsx)
		KIND=crime STDOUT=0 ;;
	vawg-marac-pack)
		CMD=(vawg-marac-pack --as-of 2026-10-31 --cases "$H/marac.csv"
		    --orders "$H/order.csv")
		KIND=crime INOPT=--crimes MULTI=0
		SIDE=("--summary summary.csv" "--html html/"
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
	awk -F, -v n="$1" 'NR == 1 { print; next }
	    { row[++k] = $0 }
	    END { for (i = 0; i < n; i++) { r = row[i % k + 1];
		sub(/^[^,]*/, "X" i, r); sub(/P0[0-9]+$/, "S" i, r);
		print r } }' "$H/$KIND.csv"
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
