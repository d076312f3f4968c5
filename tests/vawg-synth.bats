#!/usr/bin/env bats
# vawg-synth: determinism, columns, values, the data set and its
# manifest, raw encodings, and the CSV core's round trip against
# Python's csv module on synthetic data.  Values are checked by
# tests/data/vawg-synth/validate.py (Python's csv module, the columns
# typed in from the project's shared vocabulary).

load helper

V="$DATA/vawg-synth/validate.py"
KINDS="crime wanted order marac disclosure engagement population"

@test "synth: --help prints the synopsis, options and memory use" {
	run -0 vawg-synth --help
	assert_line --partial "usage: vawg-synth"
	assert_output --partial "--kind KIND"
	assert_output --partial "--all DIR"
	assert_output --partial "Memory:"
}

@test "synth: --version" {
	run -0 vawg-synth --version
	assert_output --regexp '^vawg-synth [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "synth: usage errors exit 64" {
	run -64 vawg-synth
	assert_output --partial "usage: vawg-synth"
	run -64 vawg-synth --kind nonsense --rows 3
	assert_output --partial "--kind: unknown kind"
	run -64 vawg-synth --kind crime --rows -1
	run -64 vawg-synth --kind crime --rows 12x
	run -64 vawg-synth --kind crime --seed x
	run -64 vawg-synth --kind crime --scale 0
	run -64 vawg-synth --kind crime --end 2026-13
	run -64 vawg-synth --kind crime extra
	run -64 vawg-synth --all d --kind crime
	run -64 vawg-synth --all d -o f
	run -64 vawg-synth --bogus
}

@test "synth: same seed, same bytes; another seed, other bytes" {
	for k in $KINDS; do
		vawg-synth --kind "$k" --rows 300 --seed 42 >a.csv
		vawg-synth --kind "$k" --rows 300 --seed 42 >b.csv
		vawg-synth --kind "$k" --rows 300 --seed 43 >c.csv
		cmp a.csv b.csv
		if [ "$k" != population ]; then ! cmp -s a.csv c.csv; fi
		vawg-synth --kind "$k" --rows 300 --seed 42 --raw >a.raw
		vawg-synth --kind "$k" --rows 300 --seed 42 --raw >b.raw
		cmp a.raw b.raw
	done
	vawg-synth --all d1 --seed 9 --scale 0.02
	sleep 1.1	# a second later: nothing in the files dated by the clock
	vawg-synth --all d2 --seed 9 --scale 0.02
	diff -r d1 d2
}

@test "synth: every kind's header is the canonical columns, values valid" {
	for k in $KINDS; do
		vawg-synth --kind "$k" --rows 1500 --seed 5 >"$k.csv"
		run -0 "$PY" "$V" canon "$k" "$k.csv"
		assert_output 1500
	done
}

@test "synth: --rows counts records; 0 rows is a header only" {
	vawg-synth --kind crime --rows 0 >z.csv
	[ "$(wc -l <z.csv)" -eq 1 ]
	# Engagement notes hold line breaks: count records, not lines.
	vawg-synth --kind engagement --rows 777 --seed 2 >e.csv
	run -0 "$PY" -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="")))-1)' e.csv
	assert_output 777
	vawg-synth --kind crime --rows 1234 --raw >r.csv
	run -0 "$PY" "$V" raw r.csv cp1252 comma crlf
	assert_output --regexp '^rows 1234 bad '
}

@test "synth: raw and canonical hold the same records" {
	vawg-synth --kind order --rows 400 --seed 8 >c.csv
	vawg-synth --kind order --rows 400 --seed 8 --raw >r.csv
	"$PY" - <<'PY'
import csv
c = list(csv.DictReader(open("c.csv", newline="", encoding="utf-8")))
r = list(csv.DictReader(open("r.csv", newline="", encoding="cp1252")))
assert len(c) == len(r) == 400
for a, b in zip(c, r):
    assert a["order_ref"] == b["Order Ref"]
    assert a["respondent_surname"] == b["Respondent Surname"]
    if a["granted_date"]:
        y, m, d = a["granted_date"].split("-")
        assert b["Date Granted"] == f"{d}/{m}/{y}", (a, b)
    assert a["decision"] == b["Decision"].lower().replace(" ", "_")
PY
}

@test "synth: PNC IDs valid except planted ones, which the truth file lists" {
	vawg-synth --all d --seed 11 --scale 0.2
	"$PY" - <<'PY'
import csv
LET = "ZABCDEFGHJKLMNPQRTUVWXY"
def ok(v):
    v = v.replace("/", "") if len(v) == 13 else v
    if "/" in v:
        yy, rest = v.split("/")
        return LET[(int(yy) * 10**7 + int(rest[:-1])) % 23] == rest[-1]
    return LET[(int(v[2:4]) * 10**7 + int(v[4:11])) % 23] == v[11]
truth = {(t["file"], int(t["line"])): t["reason"]
         for t in csv.DictReader(open("d/truth/bad-rows.csv"))}
r = list(csv.reader(open("d/raw/crime-export.csv", newline="",
                         encoding="cp1252")))
cols = [i for i, h in enumerate(r[0]) if "PNC" in h]
wrong = {n for n, rec in enumerate(r[1:], 2)
         for i in cols if rec[i] and not ok(rec[i])}
listed = {n for (f, n), why in truth.items()
          if f == "raw/crime-export.csv" and why == "bad_pnc_check"}
assert wrong == listed and len(wrong) > 0, (len(wrong), len(listed))
c = list(csv.DictReader(open("d/canonical/crime.csv", encoding="utf-8")))
assert all(ok(x[k]) for x in c for k in ("victim_pnc", "suspect_pnc")
           if x[k])
PY
}

@test "synth: --all writes the layout; manifest counts hold" {
	run -0 vawg-synth --all ds --seed 3 --scale 0.1
	assert_output ""
	for k in $KINDS; do [ -s "ds/canonical/$k.csv" ]; done
	[ -s ds/manifest.csv ] && [ -s ds/marac-list.csv ]
	[ -s ds/truth/persons.csv ] && [ -s ds/truth/bad-rows.csv ]
	[ "$(ls ds/raw | wc -l)" -eq 7 ]
	[ "$(file_mode ds/manifest.csv)" = 600 ]
	run -0 "$PY" "$V" all ds
	assert_output "15 files"
	# One raw file semicolon-delimited, CP1252 and BOM ones, CRLF ones.
	run -0 "$PY" -c '
import csv
m = list(csv.DictReader(open("ds/manifest.csv")))
print(sorted({(x["encoding"], x["delimiter"], x["line_end"]) for x in m
              if x["file"].startswith("raw/")}))'
	assert_output --partial "('utf-8-bom', 'semicolon', 'crlf')"
	assert_output --partial "('cp1252', 'comma', 'crlf')"
	# The disclosures export is a workbook.
	assert_output --partial "('xlsx', '', '')"
	[ -s ds/raw/dvds-export.xlsx ] && [ ! -e ds/raw/dvds-export.csv ]
	# Planted bad rows: the truth file lists as many as the manifest.
	run -0 "$PY" -c '
import csv
m = sum(int(x["bad_rows"]) for x in csv.DictReader(open("ds/manifest.csv")))
t = sum(1 for _ in csv.DictReader(open("ds/truth/bad-rows.csv")))
print(m == t and m > 0)'
	assert_output True
}

@test "synth: truth/bad-rows.csv names the line each bad record starts on" {
	vawg-synth --all d --seed 7 --scale 0.5
	"$PY" - "$TOP/tests/data" <<'PY'
import csv, sys
sys.path.insert(0, sys.argv[1])
from raw_rows import line_starts
truth = list(csv.DictReader(open("d/truth/bad-rows.csv")))
man = list(csv.DictReader(open("d/manifest.csv")))
checked = 0
for m in man:
    if not m["file"].startswith("raw/"):
        continue
    start = line_starts("d/" + m["file"], m)
    for t in truth:
        if t["file"] == m["file"]:
            assert start[t["ref"]] == int(t["line"]), t
            checked += 1
assert checked == sum(int(m["bad_rows"]) for m in man) > 0
# Engagement notes span lines, so line numbers there are not row + 1.
assert any("\n" in x["notes"] for x in
           csv.DictReader(open("d/canonical/engagement.csv", newline="")))
PY
}

@test "synth: CP1252 raw file holds accented names as single bytes" {
	vawg-synth --kind crime --rows 3000 --seed 4 --raw >r.csv
	# An e acute in CP1252 is the byte E9, never the UTF-8 pair C3 A9.
	"$PY" -c '
import sys
b = open("r.csv", "rb").read()
assert b"\xc3" not in b, "UTF-8 bytes in a CP1252 file"
t = b.decode("cp1252")
assert any(c in t for c in "éëáíóúñç"), "no accented names"
assert t.count("\r\n") == t.count("\n")'
	head -c 60 r.csv | grep -q '^Crime Reference,Date Reported,'
	vawg-synth --kind wanted --rows 50 --raw >w.csv
	head -c 3 w.csv | od -An -tx1 | grep -q 'ef bb bf'
	head -1 w.csv | grep -q '^.*Wanted Ref;Date Circulated;Surname;'
}

@test "synth: marac-list is the last meeting's cases" {
	vawg-synth --all d --seed 5 --scale 0.3
	"$PY" - <<'PY'
import csv
m = list(csv.DictReader(open("d/canonical/marac.csv")))
l = list(csv.DictReader(open("d/marac-list.csv")))
last = max(x["meeting_date"] for x in m if x["meeting_date"])
assert l and all(x["meeting_date"] == last for x in l)
boro = l[0]["borough"]
assert [x for x in m if x["meeting_date"] == last and
        x["borough"] == boro] == l
assert last <= "2026-09-30"
PY
}

@test "synth: the same persons recur across kinds, written differently" {
	vawg-synth --all d --seed 6 --scale 0.3
	"$PY" - <<'PY'
import csv, collections
def rd(k): return list(csv.DictReader(open(f"d/canonical/{k}.csv")))
c = rd("crime")
sus = collections.Counter(x["suspect_true_id"] for x in c
                          if x["suspect_true_id"])
vic = {x["victim_true_id"] for x in c}
# Repeat perpetrators with a heavy tail; victims who are also suspects.
assert max(sus.values()) >= 8 and sum(v == 1 for v in sus.values()) > 0
assert len(vic & set(sus)) > 0
for k, role in (("order", "respondent"), ("wanted", "person"),
                ("disclosure", "subject"), ("marac", "perpetrator")):
    ids = [x[role + "_true_id"] for x in rd(k)]
    share = sum(i in sus for i in ids) / len(ids)
    assert share > 0.4, (k, share)
mv = [x["victim_true_id"] for x in rd("marac")]
assert sum(i in vic for i in mv) / len(mv) > 0.4
# Noise: one person, several spellings of the forename or DOB.
seen = collections.defaultdict(set)
for x in c:
    if x["suspect_true_id"]:
        seen[x["suspect_true_id"]].add((x["suspect_forename"],
                                        x["suspect_dob"]))
assert sum(len(v) > 1 for v in seen.values()) > 20
# PNC IDs missing on some records of people who have one.
pnc = collections.defaultdict(set)
for x in c:
    if x["suspect_true_id"]:
        pnc[x["suspect_true_id"]].add(x["suspect_pnc"])
assert any("" in v and len(v) > 1 for v in pnc.values())
PY
}

@test "synth: outcome mix and offence codes look like VAWG data" {
	vawg-synth --kind crime --rows 20000 --seed 1 >c.csv
	"$PY" - <<'PY'
import csv, collections
c = list(csv.DictReader(open("c.csv")))
g = collections.Counter(x["outcome_group"] for x in c)
closed = [x for x in c if x["outcome_group"] != "pending"]
charge = sum(x["outcome_group"] == "charge_summons" for x in closed)
assert 0.05 <= charge / len(closed) <= 0.11, charge / len(closed)
rape = [x for x in closed if x["offence_group"] == "rape"]
rc = sum(x["outcome_group"] == "charge_summons" for x in rape) / len(rape)
assert rc < charge / len(closed)
ev = sum(x["outcome_code"] in ("14", "15", "16", "18") for x in closed)
assert ev / len(closed) > 0.6
assert {"8N", "105A", "19C", "8Q", "8U"} <= {x["offence_code"] for x in c}
da = sum(x["da_flag"] == "Y" for x in c) / len(c)
assert 0.3 < da < 0.7
# Seasonality: July above February (per day).
m = collections.Counter(x["reported_date"][5:7] for x in c)
assert m["07"] / 31 > m["02"] / 28.25
PY
}

@test "synth: -o writes a file of mode 0600; /dev/full exits 74" {
	run -0 vawg-synth --kind marac --rows 10 -o out.csv
	[ "$(file_mode out.csv)" = 600 ]
	[ "$(wc -l <out.csv)" -eq 11 ]
	run -74 vawg-synth --kind crime --rows 1000 -o /dev/full
	assert_output --partial "write error"
	run -74 bash -c 'vawg-synth --kind crime --rows 1000 >/dev/full'
	run -0 bash -c 'vawg-synth --kind crime --rows 100000 | head -1'
	assert_output --partial "crime_ref,"
}

@test "synth: --all into an uncreatable folder exits 73" {
	touch plain
	run -73 vawg-synth --all plain/sub --scale 0.01
	assert_output --partial "plain/sub"
}

@test "synth: --end moves the window" {
	vawg-synth --kind crime --rows 500 --end 2024-04 >c.csv
	run -0 "$PY" -c '
import csv
d = [x["reported_date"] for x in csv.DictReader(open("c.csv"))]
print(min(d) >= "2021-04-01", max(d) <= "2024-03-31")'
	assert_output "True True"
}

# The CSV core read-and-write (tests/bench/csvcat over lib/csvio) must
# give what Python's csv module gives reading and writing the same file
# with LF line ends and minimal quoting: synthetic rows with commas,
# quotes and line breaks in fields (engagement notes), names with
# apostrophes, accents and stray spaces (crime).
@test "synth: CSV core round trip agrees with Python's csv module" {
	rel=$(realpath --relative-to="$TOP" "$VAWG_BUILD")
	make -s -C "$TOP" "$rel/bench/csvcat" >/dev/null
	csvcat="$VAWG_BUILD/bench/csvcat"
	vawg-synth --kind engagement --rows 3000 --seed 12 >e.csv
	vawg-synth --kind crime --rows 3000 --seed 12 >c.csv
	grep -q '""' e.csv	# quotes inside fields are there
	for f in e.csv c.csv; do
		"$csvcat" "$f" >ours.csv
		"$PY" -c '
import csv, sys
r = csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))
w = csv.writer(sys.stdout, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
w.writerows(r)' "$f" >py.csv
		cmp ours.csv py.csv
		cmp ours.csv "$f"
	done
}
