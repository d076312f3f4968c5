#!/usr/bin/env bats
# Hardening: faults (full disk, closed pipe, killed runs, unreadable
# inputs, oversized and malformed input), file modes and personal data
# on stderr, for every program present in the build.  Each check runs
# once per program through the recipes in hardening.bash; a program not
# built yet is simply not in the loop.
load helper
load hardening

# --- Faults -------------------------------------------------------------

full_disk() {
	[ "$STDOUT" = 1 ] || return 0
	local args=("${CMD[@]}")
	if [ "$INPUTS" = 1 ]; then
		[ -n "$INOPT" ] && args+=("$INOPT")
		args+=("$H/$KIND.csv")
	fi
	"${args[@]}" >/dev/full 2>err
	st=$?
	if [ "$st" != 74 ] || ! grep -q "^$1: " err; then
		echo "$1: >/dev/full exited $st: $(cat err)"
		return 1
	fi
}

@test "faults: standard output on a full disk exits 74 with a message" {
	each full_disk
}

full_disk_o() {
	run_prog /dev/full "$H/$KIND.csv"
	if [ "$st" != 74 ] || ! grep -q "^$1: " err; then
		echo "$1: -o /dev/full exited $st: $(cat err)"
		return 1
	fi
}

@test "faults: -o /dev/full exits 74 with a message" {
	each full_disk_o
}

closed_pipe() {
	local args=("${CMD[@]}") st
	[ "$STDOUT" = 1 ] || return 0
	if [ "$INPUTS" = 1 ]; then
		big_input 20000 >big.csv
		[ -n "$INOPT" ] && args+=("$INOPT")
		args+=(big.csv)
	else
		args+=(--rows 20000)
	fi
	"${args[@]}" 2>err | head -1 >/dev/null
	st=${PIPESTATUS[0]}
	if { [ "$st" != 0 ] && [ "$st" != 141 ]; } || [ -s err ]; then
		echo "$1: | head -1 exited $st: $(cat err)"
		return 1
	fi
}

@test "faults: | head -1 ends quietly" {
	each closed_pipe
}

killed_run() {
	local args=("${CMD[@]}" -o out.csv) pid i left seen=
	echo previous >out.csv
	if [ "$INPUTS" = 1 ]; then
		mkfifo in.fifo
		[ -n "$INOPT" ] && args+=("$INOPT")
		args+=(in.fifo)
	else
		args+=(--rows 50000000)
	fi
	"${args[@]}" 2>err &
	pid=$!
	if [ "$INPUTS" = 1 ]; then
		# Part of an input, and the pipe left open: the run is mid-way.
		exec 5>in.fifo
		big_input 2000 >&5
	fi
	# Wait until the temporary file is there (at most 3 s).
	for i in $(seq 30); do
		ls -A | grep -q '^\.out\.csv\.' && { seen=1; break; }
		sleep 0.1
	done
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	[ "$INPUTS" = 1 ] && exec 5>&-
	if [ -z "$seen" ]; then
		# The output is opened late: leave a temporary file as a run
		# killed at that moment would (its process is gone).
		(exit 0) &
		wait $!
		echo partial >".out.csv.tmp.$!.AbC123"
	fi
	if [ "$(cat out.csv)" != previous ]; then
		echo "$1: killed run changed the previous file"
		return 1
	fi
	rm -f in.fifo
	run_prog out.csv "$H/$KIND.csv"
	left=$(ls -A | grep -v -e '^out\.csv$' -e '^out\.stdout$' -e '^err$')
	if [ "$st" -gt 1 ] || [ -n "$left" ]; then
		echo "$1: next run exited $st, left: $left"
		return 1
	fi
}

@test "faults: a run killed with SIGKILL leaves the previous -o file, the next run no stray file" {
	each killed_run
}

# A missing input and a good one: exit 66 naming the missing one, and the
# good one still processed.
missing_input() {
	local ins=(no-such.csv "$H/$KIND.csv")
	[ "$INPUTS" = 1 ] || return 0
	[ "$MULTI" = 1 ] || ins=(no-such.csv)
	run_prog - "${ins[@]}"
	if [ "$st" != 66 ] || ! grep -q "^$1: .*no-such.csv" err; then
		echo "$1: missing input exited $st: $(cat err)"
		return 1
	fi
	if [ "$STDOUT" = 1 ] && [ "$(wc -l <out.stdout)" -lt 2 ]; then
		echo "$1: the other input was not processed"
		return 1
	fi
	if [ "$STDOUT" = 0 ] && [ ! -s out.bin ]; then
		echo "$1: the other input was not processed"
		return 1
	fi
}

@test "faults: a missing input exits 66 and the other inputs are processed" {
	each missing_input
}

# A folder given as an input is an input that cannot be opened.
folder_input() {
	local ins=(adir "$H/$KIND.csv")
	[ "$INPUTS" = 1 ] || return 0
	[ "$MULTI" = 1 ] || ins=(adir)
	mkdir adir
	run_prog - "${ins[@]}"
	if [ "$st" != 66 ] || ! grep -q "^$1: adir" err; then
		echo "$1: a folder as input exited $st: $(cat err)"
		return 1
	fi
}

@test "faults: a folder as input exits 66" {
	each folder_input
}

# A file without read permission, for a user who is not root.
unreadable_input() {
	local ins=(secret.csv "$H/$KIND.csv") prog
	[ "$INPUTS" = 1 ] || return 0
	[ "$MULTI" = 1 ] || ins=(secret.csv)
	cp "$H/$KIND.csv" secret.csv
	chmod 000 secret.csv
	prog=$(command -v "${CMD[0]}")
	CMD[0]=$prog
	CMD=(setpriv --reuid=65534 --regid=65534 --clear-groups "${CMD[@]}")
	chmod 755 .
	run_prog - "${ins[@]}"
	if [ "$st" != 66 ] || ! grep -q "^$1: secret.csv: Permission denied" err; then
		echo "$1: unreadable input exited $st: $(cat err)"
		return 1
	fi
}

@test "faults: an unreadable input exits 66 (run as nobody)" {
	local p
	command -v setpriv >/dev/null || skip "no setpriv"
	p=$(programs | head -1)
	[ -n "$p" ] || skip "no program built yet"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$(command -v "$p")" --version >/dev/null 2>&1 ||
	    skip "programs cannot run as nobody here"
	chmod 755 "$BATS_TEST_TMPDIR"
	each unreadable_input
}

# bad_input NAME: runs the recipe on the file bad.csv; it must end with
# a "prog: file:line:" message naming the bad line, and neither crash nor
# run out of memory.
bad_input() {
	local what=$1 p=$2
	run_prog - bad.csv
	if crashed "$st" || [ "$st" = 0 ] ||
	    ! grep -q "^$p: bad.csv:[0-9][0-9]*: " err; then
		echo "$p: $what exited $st: $(head -c 300 err)"
		return 1
	fi
}

# A row of the recipe's kind with one field replaced by text from stdin.
row_with() {
	"$PY" -c '
import sys
rows = open(sys.argv[1]).read().split("\n")
val = sys.stdin.buffer.read()
sys.stdout.buffer.write((rows[0] + "\n" + rows[1] + "\n").encode())
f = rows[2].split(",")
f[int(sys.argv[2])] = "@@"
a, b = ",".join(f).encode().split(b"@@")
sys.stdout.buffer.write(a + val + b + b"\n")
' "$H/$KIND.csv" "${1:-14}"
}

huge_field() {
	[ "$INPUTS" = 1 ] || return 0
	head -c 3000000 /dev/zero | tr '\0' x | row_with >bad.csv
	bad_input "a 3 MB field" "$1"
}

@test "faults: a field above the size limit is a clear error" {
	each huge_field
}

long_line() {
	[ "$INPUTS" = 1 ] || return 0
	# 40 MB of short fields: above the 16 MiB record limit.
	yes 'x,' | head -c 40000000 | tr -d '\n' | row_with >bad.csv
	bad_input "a 40 MB line" "$1"
}

@test "faults: a very long line is a clear error" {
	each long_line
}

nul_byte() {
	[ "$INPUTS" = 1 ] || return 0
	printf 'Ann\0e' | row_with >bad.csv
	bad_input "a NUL byte" "$1"
}

@test "faults: a NUL byte is a clear error" {
	each nul_byte
}

bad_utf8() {
	[ "$INPUTS" = 1 ] || return 0
	printf 'Ren\xe9e\xff\xfe' | row_with >bad.csv
	bad_input "invalid UTF-8" "$1"
}

@test "faults: invalid UTF-8 is a clear error" {
	each bad_utf8
}

# --- File modes -----------------------------------------------------------

# created_modes: "mode name" of everything made in the current folder
# by the run, apart from the test's own files.
created_modes() {
	find . -mindepth 1 ! -name err ! -name out.stdout ! -name '*.fifo' \
	    -printf '%m %P\n' | sort
}

# check_modes PROG WANT_FILE WANT_DIR: every file made has mode
# WANT_FILE, every folder WANT_DIR.
check_modes() {
	local bad
	bad=$(find . -mindepth 1 ! -name err ! -name out.stdout \
	    \( \( -type f ! -perm "$2" \) -o \( -type d ! -perm "$3" \) \) \
	    -printf '%m %P\n')
	if [ -n "$bad" ]; then
		echo "$1: wrong modes (want $2, folders $3): $bad"
		return 1
	fi
}

file_modes() {
	local s out=out.csv
	[ "$1" = vawg-xlsx ] && out=out.xlsx
	EXTRA=($(side_args))
	# Even with umask 000 nothing is readable by others.
	(umask 000 && run_prog "$out" "$H/$KIND.csv" && echo "$st" >st)
	st=$(cat st)
	rm st
	if [ "$st" -gt 1 ] || [ ! -s "$out" ]; then
		echo "$1: exited $st: $(cat err)"
		return 1
	fi
	check_modes "$1" 600 700 || return 1
	created_modes | sed "s/^/# $1: /" >&3
	# --mode changes it.
	rm -rf ./*
	EXTRA+=(--mode 640)
	(umask 000 && run_prog "$out" "$H/$KIND.csv")
	check_modes "$1 --mode 640" 640 750
}

@test "modes: every file a program makes is 0600, or --mode" {
	each file_modes
}

# --- Personal data on stderr ----------------------------------------------

# Runs the recipe on its kind with planted errors (bad dates, bad PNC
# check letters, a stray quote, a short row, text in number columns):
# stderr may name files, lines and columns, never a value.
quiet_about_people() {
	local out=out.csv leak
	[ "$INPUTS" = 1 ] || return 0
	[ "$1" = vawg-xlsx ] && out=out.xlsx
	EXTRA=($(side_args))
	run_prog "$out" "$H/planted-$KIND.csv"
	if crashed "$st"; then
		echo "$1: exited $st: $(cat err)"
		return 1
	fi
	if leak=$(grep -F -o -f "$H/pii.txt" err); then
		echo "$1: personal data on stderr: $leak"
		return 1
	fi
	[ -s err ] || echo "# $1: nothing on stderr" >&3
}

@test "personal data: no name, date of birth or PNC ID on stderr" {
	each quiet_about_people
}

# --- Hostile input -----------------------------------------------------------
# tests/data/hostile/README says what each program must do with these.

# need PROG: skips the test when PROG is not built yet.
need() {
	[ -x "${VAWG_BUILD:-$TOP/build}/bin/$1" ] || skip "$1 not built yet"
}

# Values from the data that a message must never repeat (long enough not
# to match a program's own words).
hostile_patterns() {
	awk 'length($0) >= 5' "$H/hostile-values.txt"
}

hostile_input() {
	local out=out.csv leak
	[ "$INPUTS" = 1 ] || return 0
	[ "$1" = vawg-xlsx ] && out=out.xlsx
	EXTRA=($(side_args))
	run_prog "$out" "$H/hostile-$KIND.csv"
	if ! ok_status "$st"; then
		echo "$1: hostile input exited $st: $(head -c 300 err)"
		return 1
	fi
	if [ "$st" != 0 ] && ! grep -q "^$1: " err; then
		echo "$1: exited $st without a message"
		return 1
	fi
	if [ -n "$(find . /tmp/vawg-escape -name 'pwned*' 2>/dev/null)" ] ||
	    [ -e /tmp/vawg-escape ]; then
		echo "$1: a value was run or used as a path"
		return 1
	fi
	if leak=$(grep -F -o -f <(hostile_patterns) err); then
		echo "$1: a value on stderr: $leak"
		return 1
	fi
	echo "# $1: hostile input: exit $st" >&3
}

@test "hostile: formulas, shell syntax, markup, paths, huge numbers and years 0 and 9999 are data" {
	each hostile_input
}

# A header of a million columns (the kind's own columns first) and one
# row: a clear error or a normal run, within seconds, never a crash.
million_columns() {
	local out=out.csv
	[ "$INPUTS" = 1 ] || return 0
	[ "$1" = vawg-xlsx ] && out=out.xlsx
	"$PY" - "$H/$KIND.csv" >wide.csv <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
extra = 1000000 - lines[0].count(",") - 1
sys.stdout.write(lines[0] + "".join(",c%d" % i for i in range(extra)) +
                 "\n" + lines[1] + "," * extra + "\n")
PY
	SECONDS=0
	run_prog "$out" wide.csv
	if ! ok_status "$st"; then
		echo "$1: a million columns exited $st: $(head -c 300 err)"
		return 1
	fi
	if [ "$st" != 0 ] && ! grep -q "^$1: " err; then
		echo "$1: exited $st without a message"
		return 1
	fi
	if [ "$SECONDS" -gt 30 ]; then
		echo "$1: a million columns took ${SECONDS}s"
		return 1
	fi
	echo "# $1: a million columns: exit $st in ${SECONDS}s $(head -c 200 err)" >&3
}

@test "hostile: a million columns" {
	each million_columns
}
