#!/usr/bin/env bats
# vawg-ingest --summary FILE: a row per input with its rows read,
# written, rejected and flagged, and the first and last date of its key
# date column over the rows written.  Expected values from Python's csv
# module on the inputs, or by hand.
load helper

D="$TOP/tests/data/vawg-ingest"

@test "ingest --summary: a row per input, counts and key dates from the inputs" {
	# By hand: W2's date is impossible, W4's after the as-of date, W5 has
	# no reference: 5 read, 2 written (W1, W3), 3 rejected; dates of the
	# rows written 2026-03-04 and 2026-07-15.
	cat >wanted.csv <<'CSV'
Wanted Ref,Wanted Date,Borough
W1,15/07/2026,Enfield
W2,31/02/2026,Enfield
W3,04/03/2026,Haringey
W4,01/12/2026,Haringey
,01/01/2026,Enfield
CSV
	run --separate-stderr -0 vawg-ingest -k wanted --as-of 2026-11-27 \
		-r rej.csv --summary sum.csv -o out.csv wanted.csv
	run -0 cat sum.csv
	assert_output - <<'CSV'
file,read,written,rejected,flagged,date_column,first_date,last_date
wanted.csv,5,2,3,0,wanted_date,2026-03-04,2026-07-15
CSV
	[ "$(file_mode sum.csv)" = 600 ]
	# Two inputs: a row each, the disclosures' from Python (flagged by hand:
	# D4's route, Maybe, is not a known one).
	run --separate-stderr -0 vawg-ingest -k disclosure --as-of 2026-11-27 \
		--summary sum2.csv -o out2.csv "$D/disclosure.csv" "$D/disclosure.csv"
	expected=$("$PY" - "$D/disclosure.csv" <<'PY'
import csv, sys, datetime
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
ds = sorted(datetime.datetime.strptime(r["Date Received"], "%d/%m/%Y").date().isoformat()
            for r in rows if r["DVDS Ref"])
print("file,read,written,rejected,flagged,date_column,first_date,last_date")
for _ in range(2):
    print("%s,%d,%d,%d,1,received_date,%s,%s" % (sys.argv[1], len(rows), len(ds),
          len(rows) - len(ds), ds[0], ds[-1]))
PY
)
	[ "$(cat sum2.csv)" = "$expected" ]
}

@test "ingest --summary: not the output or an input; a summary into a missing folder exits 73" {
	printf 'Wanted Ref,Wanted Date\nW1,15/07/2026\n' >wanted.csv
	run -64 vawg-ingest -k wanted --summary wanted.csv -o out.csv wanted.csv
	run -64 vawg-ingest -k wanted --summary out.csv -o out.csv wanted.csv
	run -73 vawg-ingest -k wanted --summary nosuch/sum.csv -o out.csv wanted.csv
	[ ! -e out.csv ]
}
