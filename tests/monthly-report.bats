#!/usr/bin/env bats
# The monthly report end to end on a small synthetic data set: headline
# figures against an independent computation on the raw files, the same
# workbook twice, a failure in any step, the lock, earlier months kept.

load helper

MONTH=2026-09

setup_file() {
	export SD="$BATS_FILE_TMPDIR/synth"
	vawg-synth --all "$SD" --seed 3 --scale 0.25 --end 2026-10
	mkdir -p "$BATS_FILE_TMPDIR/exports"
	cp "$SD"/raw/* "$SD/marac-list.csv" "$BATS_FILE_TMPDIR/exports/"
	monthly-report --month $MONTH --in "$BATS_FILE_TMPDIR/exports" \
		--out "$BATS_FILE_TMPDIR/reports" --state "$BATS_FILE_TMPDIR/state" \
		2>"$BATS_FILE_TMPDIR/first.err"
	# A smaller set and its clean run, for the tests that run the report
	# many times.
	export SMALL="$BATS_FILE_TMPDIR/small" CLEAN="$BATS_FILE_TMPDIR/clean"
	vawg-synth --all "$BATS_FILE_TMPDIR/small-synth" --seed 5 --scale 0.05 \
		--end 2026-10
	mkdir -p "$SMALL"
	cp "$BATS_FILE_TMPDIR"/small-synth/raw/* \
		"$BATS_FILE_TMPDIR/small-synth/marac-list.csv" "$SMALL/"
	monthly-report --month $MONTH --in "$SMALL" --out "$CLEAN/out" \
		--state "$CLEAN/state" >/dev/null
}

# Cell values of every sheet of a workbook, one line per row.
cells() {
	"$PY" - "$1" <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for row in ws.iter_rows(values_only=True):
        print(ws.title, row)
PY
}

@test "monthly-report: --help and a usage error" {
	run -0 monthly-report --help
	assert_output --partial "usage: monthly-report"
	run -64 monthly-report --month 2026-13
	run -64 monthly-report --bogus
	assert_output --partial "usage:"
}

@test "monthly-report: a dated folder with the workbook, tables, rejects, packs and log, all private" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	[ -f "$R/vawg-report-$MONTH.xlsx" ]
	[ -f "$R/tables/summary.csv" ]
	[ -f "$R/rejects/crime.csv" ]
	[ -f "$R/marac-packs/summary.csv" ]
	ls "$R"/marac-packs/html/*.html >/dev/null
	grep -q "step=ingest-crime exit=" "$R/run.log"
	grep -q "step=workbook exit=0" "$R/run.log"
	grep -q "done month=$MONTH" "$R/run.log"
	[ "$(file_mode "$R/vawg-report-$MONTH.xlsx")" = 600 ]
	[ "$(file_mode "$R/tables/summary.csv")" = 600 ]
	[ "$(file_mode "$R")" = 700 ]
	# The data as read and as linked; the deduplicated copies between
	# them are gone.
	for k in crime wanted order marac disclosure; do
		[ -f "$R/data/$k.ingested.csv" ] && [ -f "$R/data/$k.csv" ]
	done
	run ls "$R/data"
	refute_output --partial deduped
	# No temporary folder is left behind.
	run ls -A "$BATS_FILE_TMPDIR/reports"
	assert_output "$MONTH"
}

@test "monthly-report: every step's rows, seconds and peak memory are in the log" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	run grep -c 'step=.* exit=[01] rows=[0-9]* seconds=[0-9.]* peak_mb=[0-9.]*$' "$R/run.log"
	[ "$output" -ge 20 ]
}

@test "monthly-report: headline figures agree with an independent count on the raw files" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	"$PY" "$DATA/monthly-report/headline.py" "$SD" $MONTH >want.csv
	want() { awk -F, -v k="$1" '$1 == k { print $2 }' want.csv; }
	got() { awk -F, -v k="$1" '$1 == k { print $2 }' "$R/tables/summary.csv"; }
	[ "$(got 'Rape charges')" = "$(want rape_charges)" ]
	[ "$(got 'Rape outcomes assigned')" = "$(want rape_outcomes)" ]
	[ "$(got 'VAWG charges')" = "$(want vawg_charges)" ]
	[ "$(got 'VAWG outcomes assigned')" = "$(want vawg_outcomes)" ]
	[ "$(got 'MARAC cases')" = "$(want marac_cases)" ]
	[ "$(got "Clare's Law requests")" = "$(want disclosure_requests)" ]
	[ "$(got 'SPOs in force at the month end')" = "$(want spo_in_force)" ]
	[ "$(got 'Domestic-abuse offenders wanted at the month end')" = "$(want wanted_da)" ]
	# The figures are not all zero (the check would be empty).
	[ "$(want vawg_outcomes)" -gt 0 ]
	# Crimes planted with a wrong PNC check letter are kept, not rejected;
	# those planted with a bad key date are rejected.
	"$PY" - "$SD/truth/bad-rows.csv" "$R/rejects/crime.csv" <<'PY'
import csv, sys
truth = [r for r in csv.DictReader(open(sys.argv[1], newline="")) if r["kind"] == "crime"]
rej = {r["Crime Reference"]
       for r in csv.DictReader(open(sys.argv[2], newline="", encoding="cp1252"))}
pnc = {r["ref"] for r in truth if r["reason"] == "bad_pnc_check"}
date = {r["ref"] for r in truth if r["reason"] != "bad_pnc_check"}
if not pnc or pnc & rej or not date <= rej:
    sys.exit("kept: %r, rejected: %r" % (pnc - rej, date & rej))
PY
	# And the workbook's summary sheet holds the same numbers.
	cells "$R/vawg-report-$MONTH.xlsx" | grep "^summary ('VAWG charges', $(want vawg_charges)," 
}

@test "monthly-report: an earlier run is never overwritten, and a rerun gives the same workbook" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	cells "$R/vawg-report-$MONTH.xlsx" >first.txt
	run -73 monthly-report --month $MONTH --in "$BATS_FILE_TMPDIR/exports" \
		--out "$BATS_FILE_TMPDIR/reports" --state "$BATS_FILE_TMPDIR/state"
	assert_output --partial "exists"
	cells "$R/vawg-report-$MONTH.xlsx" | cmp - first.txt
	run -0 monthly-report --replace --month $MONTH --in "$BATS_FILE_TMPDIR/exports" \
		--out "$BATS_FILE_TMPDIR/reports" --state "$BATS_FILE_TMPDIR/state"
	cells "$R/vawg-report-$MONTH.xlsx" >second.txt
	cmp first.txt second.txt
}

@test "monthly-report: a failing step leaves no partial output, names the step and exits non-zero" {
	mkdir -p fake
	printf '#!/bin/sh\necho "vawg-stats: simulated failure" >&2\nexit 70\n' >fake/vawg-stats
	chmod +x fake/vawg-stats
	cp -r "$BATS_FILE_TMPDIR/state" state
	ls -l state >state.before
	PATH="$PWD/fake:$PATH" run monthly-report --month 2026-08 \
		--in "$BATS_FILE_TMPDIR/exports" --out out --state state
	[ "$status" -eq 70 ]
	assert_output --partial "step charge-rate-rape failed"
	[ ! -e out/2026-08 ]
	run ls -A out
	assert_output ""
	ls -l state | cmp - state.before
}

@test "monthly-report: a failing workbook step leaves no workbook" {
	mkdir -p fake
	printf '#!/bin/sh\nexit 74\n' >fake/vawg-xlsx
	chmod +x fake/vawg-xlsx
	PATH="$PWD/fake:$PATH" run monthly-report --month 2026-08 \
		--in "$BATS_FILE_TMPDIR/exports" --out out --state st
	[ "$status" -eq 74 ]
	assert_output --partial "step workbook failed"
	[ -z "$(find out -name '*.xlsx')" ]
}

@test "monthly-report: two runs never overlap" {
	mkdir -p st
	exec 8>st/.lock
	flock 8
	run monthly-report --month 2026-08 --in "$BATS_FILE_TMPDIR/exports" \
		--out out --state st
	exec 8>&-
	[ "$status" -ne 0 ]
	assert_output --partial "lock"
}

@test "monthly-report: no crime export is a clear error" {
	mkdir -p empty
	run -66 monthly-report --month 2026-08 --in empty --out out --state st
	assert_output --partial "no crime export"
}

@test "monthly-report: usage and --help list only options it accepts" {
	run -64 monthly-report --bogus
	refute_output --partial "keep-going"
	usage=$output
	run -0 monthly-report --help
	refute_output --partial "keep-going"
	# Every option either text names parses (as a flag or with a value),
	# and a --help after it then ends the run.
	opts=$(printf '%s\n%s\n' "$usage" "$output" | grep -o -- '--[a-z][a-z-]*' | sort -u)
	[ "$(echo "$opts" | wc -l)" -ge 7 ]
	for o in $opts; do
		monthly-report "$o" --help >/dev/null 2>&1 ||
			monthly-report "$o" 2026-01 --help >/dev/null 2>&1 ||
			{ echo "$o is listed but refused"; return 1; }
	done
}

@test "monthly-report: --in, --out and --state with spaces in their names" {
	cp -r "$SMALL" "raw exports"
	run -0 monthly-report --month $MONTH --in "raw exports" \
		--out "my reports" --state "my state"
	[ -f "my reports/$MONTH/vawg-report-$MONTH.xlsx" ]
	[ -f "my reports/$MONTH/marac-packs/summary.csv" ]
	cells "my reports/$MONTH/vawg-report-$MONTH.xlsx" >got.txt
	cells "$CLEAN/out/$MONTH/vawg-report-$MONTH.xlsx" | cmp - got.txt
	cmp "my state/vawg100-$MONTH.csv" "$CLEAN/state/vawg100-$MONTH.csv"
}

# same_persons A B: persons databases A and B hold the same persons,
# records and merges (their CSV exports are the same).
same_persons() {
	vawg-dedupe --index "$1" --index-export a.export.csv
	vawg-dedupe --index "$2" --index-export b.export.csv
	cmp a.export.csv b.export.csv
}

# same_as_clean OUT STATE: the month in OUT and the state in STATE are
# those of a clean run, and nothing else is in OUT.
same_as_clean() {
	cells "$1/$MONTH/vawg-report-$MONTH.xlsx" >got.txt
	cells "$CLEAN/out/$MONTH/vawg-report-$MONTH.xlsx" | cmp - got.txt
	same_persons "$2/persons.db" "$CLEAN/state/persons.db"
	cmp "$2/vawg100-$MONTH.csv" "$CLEAN/state/vawg100-$MONTH.csv"
	[ "$(ls -A "$1")" = "$MONTH" ]
}

@test "monthly-report: a fault at any step or commit point, then a rerun, gives a clean run's workbook and state" {
	# One fault per step of the script (the first kind, role or date of
	# the steps run in a loop: the same line with other names), then each
	# commit point.
	mapfile -t points < <(sed -n 's/^[^ ]* step=\([^ ]*\) .*/\1/p' \
		"$CLEAN/out/$MONTH/run.log" | awk '{
			k = $0
			sub(/-[0-9][0-9-]*$/, "-at", k)
			if (k ~ /^link-/) k = "link"
			else if (k ~ /^ingest-/) k = "ingest"
			else if (k ~ /^dedupe-/ && k != "dedupe-population") k = "dedupe"
			if (!seen[k]++) print }')
	[ "${#points[@]}" -ge 16 ]
	points+=(publish published)
	for f in "$CLEAN/out/$MONTH"/state/*; do
		points+=("state:${f##*/}")
	done
	for p in "${points[@]}"; do
		rm -rf out st
		MONTHLY_REPORT_FAULT=$p run monthly-report --month $MONTH \
			--in "$SMALL" --out out --state st
		if [ "$status" -eq 0 ] || [[ $output != *"$p"* ]]; then
			echo "fault at $p: exit $status: $output"
			return 1
		fi
		case $p in
		publish | published | state:*) ;;
		*)
			# Before the commit point: nothing published, no state
			# written, no temporary folder left, so the rerun is the
			# clean run (as the rerun test above shows).
			[ "$(ls -A out)" = "" ] || { echo "$p: left $(ls -A out)"; return 1; }
			[ "$(ls -A st)" = ".lock" ] || { echo "$p: state $(ls -A st)"; return 1; }
			continue ;;
		esac
		run monthly-report --month $MONTH --in "$SMALL" --out out --state st
		[ "$status" -eq 0 ] || { echo "rerun after $p: exit $status: $output"; return 1; }
		same_as_clean out st || { echo "rerun after $p differs"; return 1; }
	done
	# --replace killed between moving the old month aside and renaming
	# the new one in: the next run puts the old one back, or replaces it.
	MONTHLY_REPORT_FAULT=replace run monthly-report --replace \
		--month $MONTH --in "$SMALL" --out out --state st
	[ "$status" -ne 0 ]
	[ ! -e "out/$MONTH" ]
	run -73 monthly-report --month $MONTH --in "$SMALL" --out out --state st
	same_as_clean out st
	run -0 monthly-report --replace --month $MONTH --in "$SMALL" --out out --state st
	# (A replaced month links against an index that already holds its
	# persons, so only the figures and the VAWG 100 are compared, and
	# the state is the one the published month carries.)
	cells "out/$MONTH/vawg-report-$MONTH.xlsx" >got.txt
	cells "$CLEAN/out/$MONTH/vawg-report-$MONTH.xlsx" | cmp - got.txt
	cmp st/vawg100-$MONTH.csv "$CLEAN/state/vawg100-$MONTH.csv"
	cmp st/persons.db "out/$MONTH/state/persons.db"
	[ "$(ls -A out)" = "$MONTH" ]
}

@test "monthly-report: the crimes are linked first into a new persons database, last into one of earlier runs; the same state and exports give the same ids" {
	# The clean run: a new database, the crimes first.
	sed -n 's/^[^ ]* step=\(link-[^ ]*\) .*/\1/p' "$CLEAN/out/$MONTH/run.log" >first.txt
	[ "$(head -n 1 first.txt)" = link-crime ]
	# The month again, twice, each on its own copy of the clean state
	# (its database: the month's persons).
	for t in a b; do
		cp -a "$CLEAN/state" "st-$t"
		run -0 monthly-report --month $MONTH --in "$SMALL" --out "out-$t" \
			--state "st-$t"
	done
	sed -n 's/^[^ ]* step=\(link-[^ ]*\) .*/\1/p' out-a/$MONTH/run.log >next.txt
	# The same steps, the crimes' last.
	[ "$(sort first.txt)" = "$(sort next.txt)" ]
	[ "$(tail -n 1 next.txt)" = link-crime ]
	[ "$(head -n 1 next.txt)" = link-wanted ]
	same_persons st-a/persons.db st-b/persons.db
	for k in crime wanted order marac disclosure; do
		cmp "out-a/$MONTH/data/$k.csv" "out-b/$MONTH/data/$k.csv"
	done
	# The same rows again: every row keeps the id the clean run gave it,
	# a row too thin to be taken as held by its data alone (a name and
	# nothing else) too, and no person is added.
	[ "$(sqlite3 st-a/persons.db 'SELECT count(*) FROM persons')" = \
		"$(sqlite3 "$CLEAN/state/persons.db" 'SELECT count(*) FROM persons')" ]
	for k in crime wanted order marac disclosure; do
		/usr/bin/python3 - "$CLEAN/out/$MONTH/data/$k.csv" \
			"out-a/$MONTH/data/$k.csv" <<'PY'
import csv, sys
def ids(path):
    r = csv.DictReader(open(path, newline=""))
    cols = [c for c in r.fieldnames if c.endswith("_id")
            and c.count("_") == 1 and not c.startswith("other")]
    return cols, [[row[c] for c in cols] for row in r]
ca, a = ids(sys.argv[1])
cb, b = ids(sys.argv[2])
assert ca and ca == cb and len(a) == len(b) > 0, (ca, cb)
moved = sum(x != y for x, y in zip(a, b))
assert moved == 0, "%s: %d rows with another id" % (sys.argv[2], moved)
PY
	done
}

@test "monthly-report: state that cannot be saved once the month is published is saved by the next run" {
	mkdir fake
	# cp fails for every copy into the state folder (a full disk there).
	cat >fake/cp <<'SH'
#!/bin/sh
for last; do :; done
case $last in */statedir/*|statedir/*) echo "cp: No space left on device" >&2; exit 1 ;; esac
exec /bin/cp "$@"
SH
	chmod +x fake/cp
	# ln too (the state is linked in when it can be).
	sed 's|/bin/cp|/bin/ln|; s|cp: No|ln: No|' fake/cp >fake/ln
	chmod +x fake/ln
	PATH="$PWD/fake:$PATH" run monthly-report --month $MONTH --in "$SMALL" \
		--out out --state statedir
	[ "$status" -ne 0 ]
	[ -d "out/$MONTH" ]
	[ ! -e "statedir/vawg100-$MONTH.csv" ]
	run -0 monthly-report --month $MONTH --in "$SMALL" --out out --state statedir
	same_as_clean out statedir
}

@test "monthly-report: the month's state is the state folder's by a second name; the next month leaves it as it was" {
	run -0 monthly-report --month 2026-08 --in "$SMALL" --out out --state st
	for f in out/2026-08/state/*; do
		[ "$f" -ef "st/${f##*/}" ]
	done
	before=$(sha256sum <out/2026-08/state/persons.db)
	run -0 monthly-report --month $MONTH --in "$SMALL" --out out --state st
	# The new month's database is the state's now, a file of its own:
	# August's is as August left it.
	[ out/$MONTH/state/persons.db -ef st/persons.db ]
	[ ! out/2026-08/state/persons.db -ef st/persons.db ]
	[ "$(sha256sum <out/2026-08/state/persons.db)" = "$before" ]
	[ "$(sqlite3 out/2026-08/state/persons.db 'PRAGMA integrity_check')" = ok ]
	# Both months' lists are kept in the state folder.
	[ -f st/vawg100-2026-08.csv ] && [ -f st/vawg100-$MONTH.csv ]
}

@test "monthly-report: a run that fails while a pack runs beside it leaves no folder, though the pack takes a moment to stop" {
	# A MARAC pack that, told to stop, writes one more page a second
	# later (as a pack's workers and signal handlers may): the run must
	# wait for it to be gone before removing its folder, or the folder
	# (and the page) stays behind.
	mkdir fake
	cat >fake/vawg-marac-pack <<'SH'
#!/bin/sh
for a; do [ "${prev:-}" = --html ] && html=$a; prev=$a; done
trap 'sleep 1; mkdir -p "$html"; : >"$html/late.html"; exit 143' TERM
sleep 30 &
wait
SH
	chmod +x fake/vawg-marac-pack
	PATH="$PWD/fake:$PATH" MONTHLY_REPORT_FAULT=vawg100 run monthly-report \
		--month $MONTH --in "$SMALL" --out out --state st
	[ "$status" -ne 0 ]
	[[ $output == *vawg100* ]]
	sleep 2
	[ "$(ls -A out)" = "" ]
}

@test "monthly-report: a run killed with kill -9 leaves a folder the next run removes, never a live run's" {
	mkdir fake
	printf '#!/bin/sh\n: >"%s/started"\nexec sleep 60\n' "$PWD" >fake/vawg-stats
	chmod +x fake/vawg-stats
	PATH="$PWD/fake:$PATH" setsid bash -c 'echo $$ >pgid; exec monthly-report "$@"' \
		bash --month $MONTH --in "$SMALL" --out out --state st >/dev/null 2>&1 3>&- &
	for _ in $(seq 600); do
		[ -e started ] && break
		sleep 0.1
	done
	[ -e started ]
	kill -9 -- "-$(cat pgid)"
	wait $! || true
	stale=(out/.$MONTH.tmp.*)
	[ "${#stale[@]}" -eq 1 ]
	# It holds the month's linked crimes.
	[ -n "$(find "${stale[0]}" -name crime.csv)" ]
	# A live run's folder (its lock held) and a folder not made by the
	# report stay.
	mkdir out/.2026-07.tmp.live out/.2026-07.tmp.other
	: >out/.2026-07.tmp.live/.monthly-report
	echo x >out/.2026-07.tmp.other/file
	exec 7>out/.2026-07.tmp.live/.lock
	flock 7
	run monthly-report --month $MONTH --in "$SMALL" --out out --state st
	exec 7>&-
	[ "$status" -eq 0 ]
	[ ! -e "${stale[0]}" ]
	[ -d out/.2026-07.tmp.live ]
	[ -f out/.2026-07.tmp.other/file ]
	same_as_clean_but=$(ls -A out | grep -v '^\.2026-07\.tmp\.')
	[ "$same_as_clean_but" = "$MONTH" ]
}

@test "monthly-report: the failure line holds the failing step's own message, nothing of the other steps" {
	mkdir fake
	printf '#!/bin/sh\necho "vawg-stats: simulated failure" >&2\necho "noise" >&2\nexit 70\n' >fake/vawg-stats
	chmod +x fake/vawg-stats
	PATH="$PWD/fake:$PATH" run -70 monthly-report --month $MONTH \
		--in "$SMALL" --out out --state st
	assert_output "monthly-report: step charge-rate-rape failed (exit 70): vawg-stats: simulated failure"
	# A step that says nothing: the line says only that it failed.
	printf '#!/bin/sh\nexit 74\n' >fake/vawg-stats
	PATH="$PWD/fake:$PATH" run -74 monthly-report --month $MONTH \
		--in "$SMALL" --out out --state st
	assert_output "monthly-report: step charge-rate-rape failed (exit 74)"
}

@test "monthly-report: the persons database is kept in the state folder; an index of the earlier CSV form is imported once" {
	S="$BATS_FILE_TMPDIR/state"
	[ -f "$S/persons.db" ]
	[ "$(sqlite3 "$S/persons.db" 'PRAGMA application_id')" = $((0x56415747)) ]
	# The earlier CSV form alone in a new state folder: imported, ids kept.
	mkdir st2
	vawg-dedupe --index "$S/persons.db" --index-export st2/persons.csv
	monthly-report --month $MONTH --in "$BATS_FILE_TMPDIR/exports" \
		--out out2 --state st2 2>/dev/null
	[ -f st2/persons.db ]
	[ -f st2/persons.csv ]
	[ ! -e out2/$MONTH/.import ]
	run -0 "$PY" - "$BATS_FILE_TMPDIR/reports/$MONTH/data/crime.csv" \
		out2/$MONTH/data/crime.csv st2/persons.csv st2/persons.db <<'PY'
import csv, sqlite3, sys
def ids(path):
    return {(r["crime_ref"], role): r[role + "_id"]
            for r in csv.DictReader(open(path, newline=""))
            for role in ("suspect", "victim")}
one, two = ids(sys.argv[1]), ids(sys.argv[2])
same = sum(1 for k, v in one.items() if v and two.get(k) == v)
given = sum(1 for v in one.values() if v)
assert given > 1000 and same / given >= 0.99, (same, given)
old = {r["person_id"] for r in csv.DictReader(open(sys.argv[3], newline=""))}
db = sqlite3.connect(sys.argv[4])
new = {r[0] for r in db.execute("SELECT id FROM person_ids")}
assert old <= new, len(old - new)
print("ok")
PY
	assert_output "ok"
}

@test "monthly-report: the tables are spreadsheet-safe; a ward named as a formula is text" {
	ex="$BATS_TEST_TMPDIR/ex"
	cp -r "$SMALL" "$ex"
	# Every engagement row's ward becomes a formula (Python's csv module
	# reads and writes the tab-separated export).
	"$PY" - "$ex/engagement-export.csv" <<'PY'
import csv, sys
p = sys.argv[1]
with open(p, newline='') as f:
    rows = list(csv.reader(f, delimiter='\t'))
w = rows[0].index('Ward')
for r in rows[1:]:
    r[w] = "=cmd|' /C calc'!A0"
with open(p, 'w', newline='') as f:
    csv.writer(f, delimiter='\t', lineterminator='\n').writerows(rows)
PY
	run monthly-report --month $MONTH --in "$ex" --out "$BATS_TEST_TMPDIR/out" \
		--state "$BATS_TEST_TMPDIR/state"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	t="$BATS_TEST_TMPDIR/out/$MONTH/tables/engagement.csv"
	"$PY" - "$t" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
assert rows, "no engagement rows"
for r in rows:
    assert r['ward'] == "'=cmd|' /C calc'!A0", r['ward']
for p in sys.argv[1:]:
    for r in csv.reader(open(p, newline='')):
        for v in r:
            assert v[:1] not in ('=', '@'), v
PY
}

@test "monthly-report: the summary's figures are the published tables summed, rates from summed counts (Python's csv module)" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	"$PY" - "$R" $MONTH <<'PY'
import csv, os, sys
r, month = sys.argv[1], sys.argv[2]
def add(m, k):
    y, mo = map(int, m.split("-"))
    i = y * 12 + mo - 1 + k
    return "%04d-%02d" % (i // 12, i % 12 + 1)
months = [month, add(month, -1), add(month, -12)]
def rows(p):
    with open(p, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
def total(t, col, m):
    v = [float(x[col]) for x in rows(os.path.join(r, "tables", t))
         if x["period"] == m and x[col] != ""]
    return sum(v) if v else None
got = {x["measure"]: x for x in rows(os.path.join(r, "tables", "summary.csv"))}
cols = ["this_month", "last_month", "same_month_last_year"]
checks = 0
for label, t, num, den in [
        ("VAWG charges", "vawg_charge_rate.csv", "charges", None),
        ("VAWG charge rate", "vawg_charge_rate.csv", "charges", "outcomes"),
        ("MARAC repeat rate", "marac.csv", "repeats", "cases"),
        ("Clare's Law decided within 28 days (of those due)", "disclosures.csv",
         "within_28_days", "due_28_days")]:
    for c, m in zip(cols, months):
        a = total(t, num, m)
        if den:
            b = total(t, den, m)
            want = "%.4f" % (a / b) if a is not None and b else ""
        else:
            want = "%d" % round(a) if a is not None else ""
        if got[label][c] != want:
            sys.exit("%s %s: got %r, want %r" % (label, c, got[label][c], want))
        checks += want != ""
# The month-end snapshots: orders in force of every type at this month end.
v = [float(x["in_force_at"]) for x in rows(os.path.join(r, "tables", "orders_in_force.csv"))]
if got["Orders of every type in force at the month end"]["this_month"] != "%d" % round(sum(v)):
    sys.exit("orders in force")
if checks < 8:
    sys.exit("only %d figures checked" % checks)
PY
}

@test "monthly-report: VAWG hot spots a year on, their map, and the hour x weekday profile" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	[ -s "$R/maps/vawg-hotspots.geojson" ] && [ -s "$R/maps/vawg-hotspots.svg" ]
	"$PY" - "$R/tables/vawg_hotspots.csv" "$R/tables/vawg_profile.csv" \
	    "$R/data/crime.csv" "$R/vawg-report-$MONTH.xlsx" <<'PY'
import csv, datetime, sys, openpyxl
hot = list(csv.DictReader(open(sys.argv[1])))
assert {r["period"] for r in hot} == {"2025-10..2026-09"}, "period"
assert {r["stability"] for r in hot} >= {"persistent"}, "stability"
prof = {r["weekday"]: r for r in csv.DictReader(open(sys.argv[2]))}
# The VAWG crimes the report counted (its data/crime.csv) reported in the
# twelve months: with and without a committed_time.
n = untimed = 0
for r in csv.DictReader(open(sys.argv[3])):
    if r["vawg"] == "Y" and "2025-10-01" <= r["reported_date"] <= "2026-09-30":
        if r["committed_time"]:
            n += 1
        else:
            untimed += 1
assert int(prof["all"]["timed"]) == n, (prof["all"]["timed"], n)
assert int(prof["all"]["untimed"]) == untimed
wb = openpyxl.load_workbook(sys.argv[4])
# The 20 hottest places in the workbook (the whole ranking in tables/).
assert "vawg_hotspots" in wb.sheetnames and "vawg_profile" not in wb.sheetnames
top = [r for r in wb["vawg_hotspots"].iter_rows(min_row=2, values_only=True)]
assert [r[1] for r in top] == [r["place"] for r in hot[:20]], "top 20"
# The heat map: Monday to Sunday, one colour scale over h00..h23.
hw = wb["vawg_hour_weekday"]
assert [r[1] for r in hw.iter_rows(min_row=2, values_only=True)] == [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday"]
cf = hw.conditional_formatting
assert [str(r.sqref) for r in cf] == ["C2:Z8"], [str(r.sqref) for r in cf]
assert [x.type for r in cf for x in r.rules] == ["colorScale"]
PY
}

@test "monthly-report: the workbook reads as a report: summary first with kinds from the label table, trends, marked and numbered pages, month axes, definitions" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	run -0 "$PY" - "$R" "$TOP/share/labels.csv" "$MONTH" <<'PY'
import csv, re, sys, zipfile, openpyxl
r, labels_path, month = sys.argv[1:4]
book = '%s/vawg-report-%s.xlsx' % (r, month)
wb = openpyxl.load_workbook(book)
assert wb.sheetnames[0] == 'summary' and wb.sheetnames[-1] == 'Definitions and data', wb.sheetnames
labels = {row['csv_name']: row for row in csv.DictReader(open(labels_path, newline=''))}
# Each summary row's numbers in the format of its measure's kind.
fmt = {'count': '#,##0', 'rate': '0.0%'}
summary = list(csv.DictReader(open(r + '/tables/summary.csv', newline='')))
ws = wb['summary']
assert [c.value for c in ws[1]][:3] == ['Measure', 'This month', 'Last month'], [c.value for c in ws[1]]
for i, row in enumerate(summary, start=2):
    assert ws.cell(i, 1).value == row['measure']
    kind = labels.get(row['measure'], {}).get('kind')
    if kind in fmt and row['this_month'] != '':
        assert ws.cell(i, 2).number_format == fmt[kind], (row['measure'], ws.cell(i, 2).number_format)
        assert abs(ws.cell(i, 2).value - float(row['this_month'])) < 1e-9
# Printed: every sheet landscape, one page wide, heading row repeated,
# marked, numbered.
for s in wb.worksheets:
    assert s.page_setup.orientation == 'landscape', s.title
    assert s.sheet_properties.pageSetUpPr.fitToPage, s.title
    assert s.print_title_rows == '$1:$1', (s.title, s.print_title_rows)
    assert s.oddHeader.center.text == 'OFFICIAL-SENSITIVE', s.title
    assert s.oddFooter.center.text == 'Page &P of &N', s.title
z = zipfile.ZipFile(book)
# A trend beside each measure that has a monthly table: 13 months, and
# the trend's last month is the summary's this month, its first the
# same month last year.
trend = list(csv.reader(open(r + '/tables/trend.csv', newline='')))
assert len(trend[0]) == 4 + 13 - 3 and trend[0][-1] == month, trend[0]
byname = {t[0]: t for t in trend[1:]}
for row in summary:
    if row['measure'] in byname:
        t = byname[row['measure']]
        assert t[-1] == row['this_month'] and t[1] == row['same_month_last_year'], (t, row)
x = z.read('xl/worksheets/sheet1.xml').decode()
assert x.count('<x14:sparklineGroup ') == 1
assert len(re.findall('<x14:sparkline>', x)) == len(trend) - 1, x[-2000:]
# Charts: the month axis as months.
charts = [n for n in z.namelist() if n.startswith('xl/charts/chart')]
assert len(charts) == 3, charts
for n in charts:
    c = z.read(n).decode()
    cat = c[c.find('<c:catAx>'):c.find('</c:catAx>')]
    assert 'formatCode="mmm yyyy"' in cat, n
# Definitions: the CSV names of every table, so CSV and workbook join.
d = wb['Definitions and data']
names = {(row[0].value, row[1].value) for row in d.iter_rows(min_row=2)}
for sheet in ('rape_charge_rate', 'summary'):
    head = next(csv.reader(open('%s/tables/%s.csv' % (r, sheet), newline='')))
    assert all((sheet, h) in names for h in head), (sheet, head)
assert all(('summary', row['measure']) in names for row in summary)
PY
}

@test "monthly-report: the Walk & Talk target is the BCU's: the wards' activities are not coloured against it" {
	# --target N is Walk & Talks per BCU and month (the summary row);
	# the engagement sheet lists each ward's Walk & Talks, against which
	# the BCU's N means nothing: no cell rule there, and the BCU table
	# carries the target.
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	run -0 "$PY" - "$R" "$MONTH" <<'PY'
import csv, sys, warnings, openpyxl
r, month = sys.argv[1:3]
warnings.simplefilter('ignore')
wb = openpyxl.load_workbook('%s/vawg-report-%s.xlsx' % (r, month))
ws = wb['engagement']
assert ws.cell(1, 1).value == 'Ward', ws.cell(1, 1).value
rules = [(x.type, x.formula) for cf in ws.conditional_formatting for x in cf.rules]
assert not any(t == 'cellIs' for t, f in rules), rules
bcu = list(csv.DictReader(open(r + '/tables/engagement_bcu.csv', newline='')))
assert bcu and all(b['target'] == '6' for b in bcu), bcu
PY
}

@test "monthly-report: the summary's wanted, SPO per 100,000 and rank rows against Python; the repeat rate's band in the workbook" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	run -0 "$PY" - "$R" "$MONTH" <<'PY'
import csv, datetime, statistics, sys, openpyxl
r, month = sys.argv[1:3]
ends = ['2026-09-30', '2026-08-31', '2025-09-30']
summary = {row['measure']: row for row in csv.DictReader(open(r + '/tables/summary.csv', newline=''))}
cols = ['this_month', 'last_month', 'same_month_last_year']
def d(s):
    return datetime.date.fromisoformat(s)
# DA offenders wanted at each month end (wanted on or before it, not
# arrested by it), from the report's wanted records.
wanted = [w for w in csv.DictReader(open(r + '/data/wanted.csv', newline='')) if w['da_flag'] == 'Y']
for c, e in zip(cols, ends):
    days = [(d(e) - d(w['wanted_date'])).days for w in wanted
            if w['wanted_date'] and d(w['wanted_date']) <= d(e)
            and not (w['arrest_date'] and d(w['arrest_date']) <= d(e))]
    got = summary['Median days wanted, domestic-abuse offenders wanted at the month end'][c]
    assert int(got) == round(statistics.median(days)), (c, got, statistics.median(days))
    got = summary['Domestic-abuse offenders wanted over 28 days at the month end'][c]
    assert int(got) == sum(1 for x in days if x > 28), (c, got)
    assert int(summary['Domestic-abuse offenders wanted at the month end'][c]) == len(days)
# SPOs per 100,000 over the BCU and by borough, and the boroughs' rank by
# it, from the SPO tables at each month end.
for c, e in zip(cols, ends):
    rows = list(csv.DictReader(open('%s/snapshots/spo-rank-%s.csv' % (r, e), newline='')))
    per = sum(int(x['in_force_at']) for x in rows) / sum(int(x['population']) for x in rows) * 1e5
    got = float(summary['SPOs in force per 100,000 at the month end'][c])
    assert abs(got - per) < 6e-5, (c, got, per)
    rates = {x['borough']: int(x['in_force_at']) / int(x['population']) * 1e5 for x in rows}
    for b, v in rates.items():
        got = float(summary['SPOs in force per 100,000 at the month end: ' + b][c])
        assert abs(got - v) < 6e-5, (b, got, v)
        rank = 1 + sum(1 for o in rates.values() if o > v + 1e-9)
        assert int(summary['Rank among boroughs by SPOs in force per 100,000: ' + b][c]) == rank, b
# The workbook: counts whole, the per-100,000 figures with a decimal, and
# the repeat rate's three cells coloured within 28%..40% and outside it.
wb = openpyxl.load_workbook('%s/vawg-report-%s.xlsx' % (r, month))
ws = wb['summary']
row = {ws.cell(i, 1).value: i for i in range(2, ws.max_row + 1)}
assert ws.cell(row['Domestic-abuse offenders wanted over 28 days at the month end'], 2).number_format == '#,##0'
assert ws.cell(row['SPOs in force per 100,000 at the month end'], 2).number_format == '#,##0.0'
i = row['MARAC repeat rate']
assert ws.cell(i, 2).number_format == '0.0%'
cf = {str(x.sqref): sorted((y.operator, [float(f) for f in y.formula]) for y in x.rules)
      for x in ws.conditional_formatting}
for col in 'BCD':
    assert cf['%s%d' % (col, i)] == [('between', [0.28, 0.4]), ('greaterThan', [0.4]), ('lessThan', [0.28])], cf
PY
}

@test "monthly-report: the data section: each export's months, rows read and rejected from its raw file, key fields filled" {
	R="$BATS_FILE_TMPDIR/reports/$MONTH"
	run -0 "$PY" - "$R" "$MONTH" "$BATS_FILE_TMPDIR/exports" <<'PY'
import csv, os, sys, openpyxl
r, month, exports = sys.argv[1:4]
data = list(csv.DictReader(open(r + '/tables/data.csv', newline='')))
files = {x['input']: x for x in data if x['input']}
# Every raw export of a kind the report reads has its row.
raw = sorted(f for f in os.listdir(exports) if not f.startswith('marac-list'))
def rows_of(path):
    # cp1252 or UTF-8: latin-1 keeps the rows as they are; the delimiter
    # the header's commonest of , TAB ; |; blank lines skipped.
    text = open(path, newline='', encoding='latin-1')
    head = text.readline()
    text.seek(0)
    delim = max(',\t;|', key=head.count)
    return sum(1 for row in csv.reader(text, delimiter=delim) if row) - 1
assert sorted(files) == raw, (sorted(files), raw)
for f, x in files.items():
    if f.endswith('.xlsx'):
        read = openpyxl.load_workbook(os.path.join(exports, f)).worksheets[0].max_row - 1
    else:
        read = rows_of(os.path.join(exports, f))
    assert int(x['rows_read']) == read, (f, x['rows_read'], read)
# Rows rejected: the rows in the kind's rejects file; the months: of the
# key dates of the rows kept (the ingested file, before duplicates go).
kinds = {'crime': 'crime', 'wanted': 'wanted', 'orders': 'order', 'marac': 'marac',
         'dvds': 'disclosure', 'engagement': 'engagement', 'population': 'population'}
keydate = {'crime': 'reported_date', 'wanted': 'wanted_date', 'order': 'applied_date',
           'marac': 'referral_date', 'disclosure': 'received_date', 'engagement': 'date'}
for f, x in files.items():
    k = kinds[f.split('-')[0]]
    rej = rows_of('%s/rejects/%s.csv' % (r, k))
    assert int(x['rows_rejected']) == rej, (f, x['rows_rejected'], rej)
    if k in keydate:
        ds = [y[keydate[k]] for y in csv.DictReader(open('%s/data/%s.ingested.csv' % (r, k), newline=''))]
        assert (x['first_month'], x['last_month']) == (min(ds)[:7], max(ds)[:7]), (f, x)
# Key fields: the share of the month's rows of the export with it filled.
period = {'crime': 'reported_date', 'wanted': 'wanted_date', 'order': 'applied_date',
          'marac': 'meeting_date', 'disclosure': 'received_date', 'engagement': 'date'}
cur = None
for x in data:
    if x['input']:
        cur = kinds[x['input'].split('-')[0]]
        rows = [y for y in csv.DictReader(open('%s/data/%s.ingested.csv' % (r, cur), newline=''))
                if y[period.get(cur, 'year')][:7] == month] if cur in period else []
        continue
    share = sum(1 for y in rows if y[x['key_column']] != '') / len(rows)
    assert abs(float(x['filled_share']) - share) < 6e-5, (cur, x['key_column'], x['filled_share'], share)
# In the workbook: the sheet "Definitions and data", the section below
# the definitions, shares as percentages.
wb = openpyxl.load_workbook('%s/vawg-report-%s.xlsx' % (r, month))
assert wb.sheetnames[-1] == 'Definitions and data', wb.sheetnames
ws = wb['Definitions and data']
vals = [[c.value for c in row] for row in ws.iter_rows()]
top = next(i for i, v in enumerate(vals) if v[0] == 'Data: the inputs of the report')
assert vals[top + 1][:7] == ['Input', 'First month', 'Last month', 'Rows read', 'Rows rejected',
                             'Key field', 'Share filled'], vals[top + 1]
assert len(vals) - top - 2 == len(data)
for i, x in enumerate(data, start=top + 3):
    if x['filled_share']:
        c = ws.cell(i, 7)
        assert c.number_format == '0.0%' and abs(c.value - float(x['filled_share'])) < 1e-9
    else:
        assert ws.cell(i, 4).value == int(x['rows_read']) and ws.cell(i, 4).number_format == '#,##0'
# Each summary measure's source, from the label table.
src = {v[1]: v[5] for v in vals[1:top] if v[0] == 'summary'}
assert src['MARAC repeat rate'].startswith('MARAC export'), src
PY
}
