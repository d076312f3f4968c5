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
	cp "$SD"/raw/*.csv "$SD/marac-list.csv" "$BATS_FILE_TMPDIR/exports/"
	monthly-report --month $MONTH --in "$BATS_FILE_TMPDIR/exports" \
		--out "$BATS_FILE_TMPDIR/reports" --state "$BATS_FILE_TMPDIR/state" \
		2>"$BATS_FILE_TMPDIR/first.err"
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
