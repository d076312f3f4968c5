#!/usr/bin/env bats
# End-to-end tests of vawg-dedupe: key mode and person mode.
load helper

D="$TOP/tests/data/vawg-dedupe"

# keep_py MODE FILE KEYCOLS [COL]: the rows key mode should keep,
# worked out independently with the Python csv module.
keep_py() {
	$PY - "$@" <<'PY'
import csv, sys
mode, path, keys = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
col = sys.argv[4] if len(sys.argv) > 4 else None
rows = list(csv.DictReader(open(path, newline="", encoding="utf-8-sig")))
win = {}
for i, r in enumerate(rows):
    k = tuple(r[c] for c in keys)
    if mode == "first":
        win.setdefault(k, i)
    elif mode == "last":
        win[k] = i
    elif k not in win or r[col] >= rows[win[k]][col]:
        win[k] = i
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(rows[0].keys())
for i, r in enumerate(rows):
    if win[tuple(r[c] for c in keys)] == i:
        out.writerow(r.values())
PY
}

@test "dedupe: --help shows the synopsis, options and memory" {
	run -0 vawg-dedupe --help
	assert_output --partial "usage: vawg-dedupe"
	assert_output --partial "--dropped"
	assert_output --partial "--rejects"
	assert_output --partial "--index"
	assert_output --partial "Memory:"
}

@test "dedupe: --version" {
	run -0 vawg-dedupe --version
	assert_output --regexp '^vawg-dedupe [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "dedupe: usage errors exit 64" {
	run -64 vawg-dedupe
	assert_output --partial "usage:"
	run -64 vawg-dedupe --key
	assert_output --partial "usage:"
	run -64 vawg-dedupe --key a --role b
	run -64 vawg-dedupe --key a --keep sometimes
	run -64 vawg-dedupe --key a --index x.csv
	run -64 vawg-dedupe --role suspect --dropped x.csv
	run -64 vawg-dedupe --role suspect --threshold lots
	run -64 vawg-dedupe --role 'Bad Role'
	run -64 vawg-dedupe --nonsense
}

@test "dedupe: --key keeps the first row of each key, in input order" {
	keep_py first "$D/keys.csv" crime_ref >want.csv
	run -0 vawg-dedupe --key crime_ref -o got.csv "$D/keys.csv"
	assert_output --partial "read 6, written 3, dropped 3, rejected 0 (read = written + dropped + rejected); 3 keys"
	cmp want.csv got.csv
}

@test "dedupe: --keep last keeps the last row of each key, in input order" {
	keep_py last "$D/keys.csv" crime_ref >want.csv
	vawg-dedupe --key crime_ref --keep last "$D/keys.csv" >got.csv 2>/dev/null
	cmp want.csv got.csv
	# A3 (row 4), A2 (row 5), A1 (row 6): the order they last came in.
	run cut -d, -f1 got.csv
	assert_output "$(printf 'crime_ref\nA3\nA2\nA1')"
}

@test "dedupe: --keep latest:COL keeps the largest value of COL" {
	keep_py latest "$D/keys.csv" crime_ref reported_date >want.csv
	vawg-dedupe --key crime_ref --keep latest:reported_date "$D/keys.csv" \
		>got.csv 2>/dev/null
	cmp want.csv got.csv
	grep -q '^A1,2024-02-01,"two$' got.csv
}

@test "dedupe: --key with two columns" {
	keep_py first "$D/keys.csv" crime_ref,reported_date >want.csv
	vawg-dedupe -k crime_ref,reported_date "$D/keys.csv" >got.csv 2>/dev/null
	cmp want.csv got.csv
}

@test "dedupe: --dropped gets the dropped rows byte for byte" {
	printf 'ref,v\r\nX,"a,\r\nb"\r\nY,1\r\nX,  spaced  \r\nY,"q""q"\r\n' >in.csv
	run -0 vawg-dedupe --key ref --dropped drop.csv -o out.csv in.csv
	# The header and the rows at lines 5 and 6, exactly as they were.
	sed -n '1p;5,6p' in.csv >want.csv
	cmp want.csv drop.csv
	printf 'ref,v\nX,"a,\nb"\nY,1\n' >want.csv
	cmp want.csv out.csv
	vawg-dedupe --key ref --keep last --dropped drop2.csv in.csv >/dev/null 2>&1
	sed -n '1,4p' in.csv >want2.csv
	cmp want2.csv drop2.csv
	[ "$(file_mode drop.csv)" = 600 ]
}

@test "dedupe: BOM, CRLF and quoted fields in key mode" {
	printf '\xef\xbb\xbfref,v\r\n"A,1",x\r\n"A,1",y\r\n' >in.csv
	run -0 vawg-dedupe --key ref -o out.csv in.csv
	assert_output --partial "read 2, written 1, dropped 1, rejected 0"
	printf 'ref,v\n"A,1",x\n' >want.csv
	cmp want.csv out.csv
}

@test "dedupe: empty and header-only input" {
	: >empty.csv
	run -0 vawg-dedupe --key ref empty.csv
	assert_output --partial "read 0, written 0, dropped 0, rejected 0"
	printf 'ref,v\n' >head.csv
	vawg-dedupe --key ref head.csv >out.csv 2>/dev/null
	cmp head.csv out.csv
	vawg-dedupe --role suspect head2.csv >/dev/null 2>&1 || true
	printf 'suspect_surname,v\n' >head2.csv
	vawg-dedupe --role suspect head2.csv >out2.csv 2>/dev/null
	printf 'suspect_surname,v,suspect_id,suspect_match_weight\n' >want.csv
	cmp want.csv out2.csv
}

@test "dedupe: a missing key column is bad data (65)" {
	run -65 vawg-dedupe --key nope "$D/keys.csv"
	assert_output --partial "vawg-dedupe: $D/keys.csv:1: no column nope"
}

@test "dedupe: a bad row is reported with file and line; --strict fails" {
	printf 'ref,v\nA,1\nB,"x"y\nA,2\n' >bad.csv
	run -1 vawg-dedupe --key ref bad.csv
	assert_output --partial "vawg-dedupe: bad.csv:3:"
	run -65 vawg-dedupe --strict --key ref bad.csv
	assert_output --partial "vawg-dedupe: bad.csv:3:"
}

# py_records FILE: records in FILE as Python's csv module counts them
# (bytes read as Latin-1, so that any byte is read), the header excluded.
py_records() {
	$PY -c 'import csv, sys
print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="latin-1"))) - 1)' "$1"
}

# The bad records of the rejects tests, one a variable, as printf formats.
bad_rows() {
	short='B1,x'				# too few fields
	afterq='B2,"x"y,z'			# text after a closing quote
	nul='B3,"one\ntwo \0\nA1,n,m",w'	# NUL in a multi-line field
	utf='B4,"\xff\nA2,n,m",w'		# not UTF-8, multi-line
}

@test "dedupe: key mode rejects bad rows, counts them and writes them byte for byte" {
	bad_rows
	printf "ref,v,w\nA1,1,a\n$short\nA2,say \"hi\" now,b\n$afterq\nA1,2,c\n$nul\n$utf\nA3,6' 2\",d\n" >f.csv
	n=$(py_records f.csv)
	[ "$n" -eq 8 ]	# 4 good (A1 twice), 4 bad
	run -1 vawg-dedupe --key ref --rejects rej.csv -o out.csv f.csv
	assert_output --partial "read $n, written 3, dropped 1, rejected 4 (read = written + dropped + rejected); 3 keys"
	printf "ref,v,w,reject_file,reject_line,reject_reasons\n$short,f.csv,3,record: fewer fields than the header\n$afterq,f.csv,5,record: text after a closing quote\n$nul,f.csv,7,record: NUL byte\n$utf,f.csv,10,record: invalid UTF-8\n" >want.csv
	cmp want.csv rej.csv
	[ "$(file_mode rej.csv)" = 600 ]
	# The rows kept, as Python's csv module reads them (a quote inside
	# an unquoted field is text).
	printf 'ref,v,w\nA1,1,a\nA2,say "hi" now,b\nA3,6'"'"' 2",d\n' >src.csv
	keep_py first src.csv ref >want.csv
	cmp want.csv out.csv
	run -65 vawg-dedupe --strict --key ref --rejects rej2.csv f.csv
	assert_output --partial "f.csv:3: fewer fields than the header"
	# Without --rejects each bad row is shown, with file and line only.
	run -1 vawg-dedupe --key ref f.csv
	assert_output --partial "vawg-dedupe: f.csv:7: NUL byte"
	refute_output --partial "two"
}

@test "dedupe: person mode rejects bad rows, counts them and writes them byte for byte" {
	bad_rows
	printf "ref,suspect_surname,suspect_forename\nA1,Smith,Jon\n$short\n$afterq\nA2,Jones,Ann\n$nul\n$utf\nA3,Smith,John\n" >f.csv
	n=$(py_records f.csv)
	[ "$n" -eq 7 ]	# 3 good, 4 bad
	run -1 vawg-dedupe --role suspect --rejects rej.csv -o out.csv f.csv
	assert_output --partial "read $n, written 3, rejected 4 (read = written + rejected)"
	printf "ref,suspect_surname,suspect_forename,reject_file,reject_line,reject_reasons\n$short,f.csv,3,record: fewer fields than the header\n$afterq,f.csv,4,record: text after a closing quote\n$nul,f.csv,6,record: NUL byte\n$utf,f.csv,9,record: invalid UTF-8\n" >want.csv
	cmp want.csv rej.csv
	run cut -d, -f1 out.csv
	assert_output "$(printf 'ref\nA1\nA2\nA3')"
}

@test "dedupe: two columns of one name are bad data (65), named by number" {
	printf 'ref,v,ref\nA1,Smith,x\n' >dup.csv
	run -65 vawg-dedupe --key ref dup.csv
	assert_output "vawg-dedupe: dup.csv:1: columns 1 and 3 have the same name"
	printf 'suspect_surname,v,suspect_surname\nSmith,1,Jones\n' >dup2.csv
	run -65 vawg-dedupe --role suspect dup2.csv
	assert_output "vawg-dedupe: dup2.csv:1: columns 1 and 3 have the same name"
}

@test "dedupe: inputs with other columns are bad data (65) naming the file" {
	printf 'ref,v\nA1,1\n' >a.csv
	printf 'ref,v,extra\nA2,2,Smith\n' >b.csv
	printf 'ref\nA3\n' >c.csv
	run -65 vawg-dedupe --key ref a.csv b.csv
	assert_output "vawg-dedupe: b.csv:1: header differs from the first input's: column 3 is not in it"
	run -65 vawg-dedupe --key ref a.csv c.csv
	assert_output "vawg-dedupe: c.csv:1: header differs from the first input's: no column named as its column 2"
	printf 'suspect_surname,v\nSmith,1\n' >p1.csv
	printf 'suspect_surname,v,w\nJones,1,2\n' >p2.csv
	run -65 vawg-dedupe --role suspect p1.csv p2.csv
	assert_output --partial "vawg-dedupe: p2.csv:1: header differs"
	# The same columns in another order are mapped by name.
	printf 'v,ref\n2,A2\n3,A1\n' >d.csv
	run -0 vawg-dedupe --key ref -o out.csv a.csv d.csv
	printf 'ref,v\nA1,1\nA2,2\n' >want.csv
	cmp want.csv out.csv
}

@test "dedupe: CR-only line ends are line ends" {
	printf 'ref,v\rA1,"x\ry"\rA2,b\rA1,c\r' >mac.csv
	n=$(py_records mac.csv)
	run -0 vawg-dedupe --key ref -o out.csv mac.csv
	assert_output --partial "read $n, written 2, dropped 1, rejected 0"
	# By hand: the first A1 (its CR inside quotes is data) and A2.
	printf 'ref,v\nA1,"x\ry"\nA2,b\n' >want.csv
	cmp want.csv out.csv
}

@test "dedupe: a missing input warns, goes on and exits 66" {
	run -66 vawg-dedupe --key crime_ref nothere.csv "$D/keys.csv"
	assert_output --partial "vawg-dedupe: nothere.csv: No such file or directory"
	assert_output --partial "A3,2024-01-07,"
}

@test "dedupe: a full disk exits 74" {
	run -74 vawg-dedupe --key crime_ref "$D/keys.csv" -o /dev/full
	run -74 bash -c "vawg-dedupe --role suspect '$D/persons.csv' >/dev/full"
}

@test "dedupe: -o writes a file of mode 0600" {
	vawg-dedupe --role suspect -o out.csv "$D/persons.csv" 2>/dev/null
	[ "$(file_mode out.csv)" = 600 ]
}

@test "dedupe: person mode keeps every row unchanged and adds id and weight" {
	vawg-dedupe --role suspect "$D/persons.csv" >out.csv 2>/dev/null
	$PY - "$D/persons.csv" out.csv <<'PY'
import csv, sys
a = list(csv.reader(open(sys.argv[1], newline="")))
b = list(csv.reader(open(sys.argv[2], newline="")))
assert len(a) == len(b), (len(a), len(b))
assert b[0] == a[0] + ["suspect_id", "suspect_match_weight"]
for x, y in zip(a[1:], b[1:]):
    assert y[:-2] == x, (x, y)
PY
}

@test "dedupe: person mode groups spellings, nicknames, swapped DOB, SMITH, J" {
	vawg-dedupe --role suspect "$D/persons.csv" >out.csv 2>/dev/null
	# By hand: C1 Jon SMITH, C2 John Smith (day and month swapped) and
	# C3 "SMITH, J" are one man; C4 and C5 (Sarah/Sara) one woman; C6
	# and C8 share a PNC ID (long and short form); C9 has another PNC
	# ID and DOB; C7 names nobody.
	run $PY -c '
import csv, sys
r = list(csv.DictReader(open("out.csv", newline="")))
g = {}
for x in r:
    g.setdefault(x["suspect_id"], []).append(x["crime_ref"])
print(" ".join(sorted(",".join(v) for v in g.values())))'
	assert_output "C1,C2,C3 C4,C5 C6,C8 C7 C9"
	run $PY -c '
import csv
r = {x["crime_ref"]: x for x in csv.DictReader(open("out.csv", newline=""))}
print(r["C7"]["suspect_id"] + "|" + r["C7"]["suspect_match_weight"] + "|" + r["C9"]["suspect_match_weight"])'
	assert_output "||"
}

@test "dedupe: --pairs gives each field's contribution, adding up to the weight" {
	vawg-dedupe --role suspect --pairs pairs.csv "$D/persons.csv" >/dev/null 2>&1
	[ "$(file_mode pairs.csv)" = 600 ]
	head -1 pairs.csv | grep -q '^row_a,row_b,id_a,id_b,match_weight,basis,prior,w_forename,w_surname,w_dob,w_pnc,w_postcode,w_address,w_town,w_phone,w_email,w_sex$'
	$PY - pairs.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert rows
seen = set()
for r in rows:
    s = float(r["prior"]) + sum(float(v) for k, v in r.items()
                               if k.startswith("w_") and v != "")
    assert abs(s - float(r["match_weight"])) < 0.05, r
    seen.add((r["row_a"], r["row_b"]))
# Rows 1 and 2: Jon/John SMITH with day and month swapped.
b = [r for r in rows if (r["row_a"], r["row_b"]) == ("1", "2")][0]
assert b["basis"].startswith("forename:nickname+surname:exact+dob:swap"), b
assert b["id_a"] == b["id_b"]
# Rows 6 and 9: two different PNC IDs weigh against.
b = [r for r in rows if (r["row_a"], r["row_b"]) == ("6", "9")]
assert not b or float(b[0]["w_pnc"]) < 0
PY
}

@test "dedupe: --explain prints one person's records and evidence" {
	run -0 vawg-dedupe --role suspect --explain P0000001 "$D/persons.csv"
	assert_output --partial "person P0000001: 3 records"
	assert_output --partial "row 3: forename=J surname=SMITH dob=1985-02-01 sex=M"
	assert_output --regexp "rows 1 and 2: weight \+[0-9.]+ \(linked\), forename:nickname\+surname:exact\+dob:swap"
	assert_output --regexp "  dob +swap +\+"
}

@test "dedupe: --truth prints precision, recall, F1 and blocking reach" {
	run -0 vawg-dedupe --role suspect --truth note "$D/persons.csv" -o /dev/null
	assert_output --regexp "truth: [0-9]+ true pairs, [0-9]+ found, [0-9]+ correct; precision [0-9.]+ recall [0-9.]+ F1 [0-9.]+; blocking reaches [0-9.]+ of true pairs"
	run -65 vawg-dedupe --role suspect --truth nope "$D/persons.csv"
}

@test "dedupe: no ROLE_* columns is bad data (65)" {
	run -65 vawg-dedupe --role victim "$D/persons.csv"
	assert_output --partial "persons.csv:1: no victim_* columns"
}

@test "dedupe: --index keeps ids across runs, gives new ids, records merges" {
	head -4 "$D/persons.csv" >a.csv		# C1, C2, C3
	vawg-dedupe --role suspect --index idx.csv a.csv >run1.csv 2>/dev/null
	[ "$(file_mode idx.csv)" = 600 ]
	head -1 idx.csv | grep -q '^person_id,merged_into,forename,surname,dob,pnc,postcode,address,town,phone,email,sex$'
	# Run 2 puts new people first: the known man keeps his id anyway.
	{ head -1 "$D/persons.csv"; tail -n +5 "$D/persons.csv"; tail -n +2 a.csv; } >b.csv
	vawg-dedupe --role suspect --index idx.csv b.csv >run2.csv 2>/dev/null
	run $PY - run1.csv run2.csv <<'PY'
import csv, sys
one = {r["crime_ref"]: r["suspect_id"] for r in csv.DictReader(open(sys.argv[1]))}
two = {r["crime_ref"]: r["suspect_id"] for r in csv.DictReader(open(sys.argv[2]))}
assert set(one.values()) == {"P0000001"}, one
for k, v in one.items():
    assert two[k] == v, (k, v, two[k])
new = {two[k] for k in ("C4", "C6", "C9")}
assert "P0000001" not in new and len(new) == 3, two
print("ok")
PY
	assert_output "ok"
	# Two persons known apart, then a record that is plainly both.
	printf 'suspect_forename,suspect_surname,suspect_dob,suspect_pnc\nAnn,Lee,1970-01-01,\nAnne,Lee,,1990/0012345M\n' >c.csv
	vawg-dedupe --role suspect --index idx2.csv --threshold 50 c.csv >/dev/null 2>&1
	printf 'suspect_forename,suspect_surname,suspect_dob,suspect_pnc\nAnn,Lee,1970-01-01,1990/0012345M\n' >d.csv
	run -0 vawg-dedupe --role suspect --index idx2.csv d.csv
	assert_output --partial "1 merges"
	grep -q '^P0000002,P0000001,' idx2.csv
	assert_output --partial "P0000001"
}

@test "dedupe: a file that is not an index is refused (65)" {
	run -65 vawg-dedupe --role suspect --index "$D/keys.csv" "$D/persons.csv"
	assert_output --partial "not a persons index"
}

@test "dedupe: FEBRL 1 and 2 with the defaults reach F1 0.995" {
	for n in 1 2; do
		run -0 vawg-dedupe --role person --truth person_true_id \
			-o /dev/null "$D/febrl$n-person.csv"
		f1=$(printf '%s\n' "$output" | sed -n 's/.* F1 \([0-9.]*\);.*/\1/p')
		$PY -c "import sys; sys.exit(0 if float('$f1') >= 0.995 else 1)"
	done
}

@test "dedupe: names in every script: Romanian, Polish, Vietnamese, Cyrillic" {
	vawg-dedupe --role suspect "$D/scripts.csv" >out.csv 2>/dev/null
	# By hand: U1 Ștefan Țurcanu and U2 Stefan Turcanu are one man
	# (same DOB); U3 Иван Петров and U4 ИВАН ПЕТРОВ one man; U5 Сергей
	# Сидоров, born the same day as U3, is someone else; U6/U7 Łukasz
	# and Lukasz Nowak one; U8/U9 Thị Lan Nguyễn and Thi Lan Nguyen one.
	run $PY -c '
import csv
r = list(csv.DictReader(open("out.csv", newline="", encoding="utf-8")))
assert all(x["suspect_id"] for x in r), "a record has no id"
g = {}
for x in r:
    g.setdefault(x["suspect_id"], []).append(x["crime_ref"])
print(" ".join(sorted(",".join(v) for v in g.values())))'
	assert_output "U1,U2 U3,U4 U5 U6,U7 U8,U9"
	# The matching keys lose no letter.
	run -0 vawg-dedupe --role suspect --explain P0000001 "$D/scripts.csv"
	assert_output --partial "row 1: forename=STEFAN surname=TURCANU dob=1990-01-02"
	run -0 vawg-dedupe --role suspect --explain P0000002 "$D/scripts.csv"
	assert_output --partial "row 3: forename=ИВАН surname=ПЕТРОВ dob=1985-03-04"
	assert_output --partial "row 4: forename=ИВАН surname=ПЕТРОВ dob=1985-03-04"
}
