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
	run -64 vawg-dedupe --role suspect,
	run -64 vawg-dedupe --role ,victim
	run -64 vawg-dedupe --role suspect,victim,suspect
	assert_output --partial "named twice"
	for o in --pairs --explain --truth --model --identifier; do
		run -64 vawg-dedupe --role suspect,victim "$o" x
		assert_output --partial "one --role"
	done
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

@test "dedupe: --keep last and latest write each row as Python's csv module does, however it came" {
	# Plain rows (copied whole), quoted ones, spaces, a quote inside, a
	# line break inside; CRLF line ends, an empty field; a third input's
	# columns in another order (written in the first's).
	printf 'ref,d,v\nA,2024-01-01,plain\nB,2024-01-02,"x, y"\nA,2024-01-03, sp ace \nC,2024-01-04,"say ""hi"""\nE,2024-01-04,"two\nlines"\n' >a.csv
	printf 'ref,d,v\r\nB,2024-01-05,crlf\r\nD,2024-01-06,"q,"\r\nF,2024-01-06,\r\n' >b.csv
	printf 'v,ref,d\nmoved,C,2024-01-07\nlast,A,2023-12-31\n' >c.csv
	for keep in last latest:d; do
		$PY - "$keep" a.csv b.csv c.csv >want.csv <<'PY'
import csv, sys
keep, paths = sys.argv[1], sys.argv[2:]
rows = []
for p in paths:
    rows += list(csv.DictReader(open(p, newline="")))
head = list(csv.DictReader(open(paths[0], newline="")).fieldnames)
win = {}
for i, r in enumerate(rows):
    k = r["ref"]
    if keep == "last" or k not in win or r["d"] >= rows[win[k]]["d"]:
        win[k] = i
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(head)
for i, r in enumerate(rows):
    if win[r["ref"]] == i:
        out.writerow([r[c] for c in head])
PY
		vawg-dedupe --key ref --keep "$keep" -o got.csv a.csv b.csv c.csv 2>/dev/null
		cmp want.csv got.csv
	done
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
	printf 'suspect_surname,v,suspect_id,suspect_match_weight,suspect_match_probability\n' >want.csv
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

@test "dedupe: person mode keeps every row unchanged and adds id, weight and probability" {
	vawg-dedupe --role suspect "$D/persons.csv" >out.csv 2>/dev/null
	$PY - "$D/persons.csv" out.csv <<'PY'
import csv, sys
a = list(csv.reader(open(sys.argv[1], newline="")))
b = list(csv.reader(open(sys.argv[2], newline="")))
assert len(a) == len(b), (len(a), len(b))
assert b[0] == a[0] + ["suspect_id", "suspect_match_weight",
                      "suspect_match_probability"]
for x, y in zip(a[1:], b[1:]):
    assert y[:-3] == x, (x, y)
    # The probability is 1 / (1 + 2^-weight).
    if y[-2]:
        assert abs(float(y[-1]) - 1 / (1 + 2 ** -float(y[-2]))) < 1e-4, y
    else:
        assert y[-1] == "", y
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
	head -1 pairs.csv | grep -q '^row_a,row_b,id_a,id_b,match_weight,match_probability,basis,prior,w_forename,w_surname,w_dob,w_pnc,w_postcode,w_address,w_town,w_phone,w_email,w_sex,w_cro,w_nino,w_other_id$'
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
	vawg-dedupe --role suspect --index idx.db a.csv >run1.csv 2>/dev/null
	[ "$(file_mode idx.db)" = 600 ]
	# Ours: the application id "VAWG" and schema version 6.
	[ "$(sqlite3 idx.db 'PRAGMA application_id')" = $((0x56415747)) ]
	[ "$(sqlite3 idx.db 'PRAGMA user_version')" = 6 ]
	[ "$(sqlite3 idx.db 'PRAGMA journal_mode')" = wal ]
	# Run 2 puts new people first: the known man keeps his id anyway.
	{ head -1 "$D/persons.csv"; tail -n +5 "$D/persons.csv"; tail -n +2 a.csv; } >b.csv
	vawg-dedupe --role suspect --index idx.db b.csv >run2.csv 2>/dev/null
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
	# The records of person P0000001: the three variants of run 1.
	run sqlite3 idx.db "SELECT forename FROM person_records WHERE person_id = 'P0000001' ORDER BY forename"
	assert_output "$(printf 'J\nJOHN\nJON')"
	# Two persons known apart, then a record that is plainly both.
	printf 'suspect_forename,suspect_surname,suspect_dob,suspect_pnc\nAnn,Lee,1970-01-01,\nAnne,Lee,,1990/0012345M\n' >c.csv
	vawg-dedupe --role suspect --index idx2.db --threshold 50 c.csv >/dev/null 2>&1
	printf 'suspect_forename,suspect_surname,suspect_dob,suspect_pnc\nAnn,Lee,1970-01-01,1990/0012345M\n' >d.csv
	run -0 vawg-dedupe --role suspect --index idx2.db d.csv
	assert_output --partial "1 merges"
	assert_output --partial "P0000001"
	# The merge: in the log, the view and the earlier CSV form.
	run -0 vawg-dedupe --index idx2.db --index-log
	assert_line --index 0 "merged_id,into_id,current_id,at,weight,role"
	assert_line --index 1 --regexp '^P0000002,P0000001,P0000001,20[0-9-]+T[0-9:]+Z,[0-9.]+,suspect$'
	[ "$(sqlite3 idx2.db "SELECT current_id FROM person_ids WHERE id = 'P0000002'")" = P0000001 ]
	vawg-dedupe --index idx2.db --index-export old.csv
	grep -q '^P0000002,P0000001,' old.csv
	[ "$(sqlite3 idx2.db "SELECT count(*) FROM records WHERE person = 2")" = 0 ]
}

# not_ours FILE WORD: vawg-dedupe refuses FILE as an index (65) with a
# message holding WORD and leaves it byte for byte as it was.
not_ours() {
	cp "$1" before
	run -65 vawg-dedupe --role suspect --index "$1" "$D/persons.csv"
	assert_output --partial "$2"
	cmp "$1" before
	[ ! -e "$1-wal" ]
}

@test "dedupe: a file that is not our database, or is damaged, is refused (65) and left as it was" {
	cp "$D/keys.csv" keys.csv
	not_ours keys.csv "not a persons database"
	sqlite3 other.db 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
	not_ours other.db "not a persons database"
	# A persons database, truncated; then with its schema page overwritten.
	vawg-dedupe --role suspect --index good.db "$D/persons.csv" >/dev/null 2>&1
	[ "$(stat -c %s good.db)" -gt 8192 ]
	head -c 8192 good.db >cut.db
	not_ours cut.db "damaged persons database"
	cp good.db bad.db
	$PY - bad.db <<'PY'
import sys
with open(sys.argv[1], "r+b") as f:
    f.seek(100)
    f.write(bytes(range(256)) * 15)
PY
	not_ours bad.db "damaged persons database"
	# The earlier CSV form: import it once, the message says how.
	printf 'person_id,merged_into,forename,surname\nP0000001,,ANN,LEE\n' >persons.csv
	not_ours persons.csv "--index-import"
	run -64 vawg-dedupe --index-log
	run -64 vawg-dedupe --role suspect --index x.db --index-log "$D/persons.csv"
}

# vlimit KB CMD...: runs CMD in an address space of KB kilobytes; a
# sanitizer or valgrind build, which reserves far more itself, runs it
# without the limit.
vlimit() {
	local kb=$1
	shift
	case "${VAWG_BUILD:-}:${VAWG_VALGRIND:-}" in
	*asan*|*:1) "$@" ;;
	*) (ulimit -v "$kb" && "$@") ;;
	esac
}

@test "dedupe: an index of the earlier CSV form is imported once, ids and merges kept" {
	cat >persons.csv <<'CSV'
person_id,merged_into,forename,surname,dob,pnc,postcode,address,town,phone,email,sex
P0000042,,ANN,LEE,1970-01-01,,,,,,,F
P0000042,,ANNE,LEE,1970-01-01,,,,,,,F
P3000000000,,ZEB,QUARTERMAINE,1961-05-05,,,,,,,M
P0000007,P0000042,,,,,,,,,,
CSV
	# Ids as large as 3000000000 cost nothing: a 200 MB address space.
	vlimit 200000 vawg-dedupe --index persons.db --index-import persons.csv
	run -0 sqlite3 persons.db "SELECT id, current_id FROM person_ids ORDER BY id"
	assert_output "$(printf 'P0000007|P0000042\nP0000042|P0000042\nP3000000000|P3000000000')"
	# Known people keep their ids; a new one gets the next after the largest.
	printf 'ref,suspect_forename,suspect_surname,suspect_dob,suspect_sex\nA,Ann,Lee,1970-01-01,F\nB,Zeb,Quartermaine,1961-05-05,M\nC,Olu,Adeyemi,1988-08-08,M\n' >new.csv
	vlimit 400000 vawg-dedupe --role suspect --index persons.db new.csv >out.csv
	run -0 cut -d, -f1,6 out.csv
	assert_output "$(printf 'ref,suspect_id\nA,P0000042\nB,P3000000000\nC,P3000000001')"
	# A second import into a database with persons is refused.
	run -65 vawg-dedupe --index persons.db --index-import persons.csv
	assert_output --partial "already holds persons"
	# The export gives the CSV form back: every imported row is in it.
	vawg-dedupe --index persons.db --index-export back.csv
	run $PY - persons.csv back.csv <<'PY'
import csv, sys
rd = csv.DictReader(open(sys.argv[1]))
old = {tuple(r.values()) for r in rd}
# The export has the identifier columns too: compared on the old ones.
new = {tuple(r[k] for k in rd.fieldnames)
       for r in csv.DictReader(open(sys.argv[2]))}
assert old <= new, old - new
assert len(new - old) == 1, new - old	# Olu Adeyemi
print("ok")
PY
	assert_output "ok"
}

# shared_ok FILE ROLE_A ROLE_B: of the ids given to both roles, the share
# that name one true person (the most frequent true id of the ROLE_A
# rows is that of the ROLE_B rows), as "N shared, share S".
shared_ok() {
	$PY - "$@" <<'PY'
import csv, sys
from collections import Counter, defaultdict
path, roles = sys.argv[1], sys.argv[2:]
seen = defaultdict(lambda: {r: Counter() for r in roles})
for f in path.split(":"):
    for row in csv.DictReader(open(f, newline="")):
        for r in roles:
            if r + "_id" in row and row[r + "_id"] and row[r + "_true_id"]:
                seen[row[r + "_id"]][r][row[r + "_true_id"]] += 1
shared = [i for i, c in seen.items() if all(c[r] for r in roles)]
good = sum(1 for i in shared
           if len({seen[i][r].most_common(1)[0][0] for r in roles}) == 1)
print("%d shared, share %.4f" % (len(shared), good / max(len(shared), 1)))
PY
}

@test "dedupe: the README's step 3 on vawg-synth --all: ids shared by suspects and victims name one person" {
	vawg-synth --all syn --seed 1 >/dev/null 2>&1
	cp syn/canonical/crime.csv crimes1.csv
	# Step 3 of the README's tour, verbatim: both run at once.
	vawg-dedupe --role suspect --index persons.db crimes1.csv |
	    vawg-dedupe --role victim --index persons.db > linked.csv
	run -0 shared_ok linked.csv suspect victim
	n=$(printf '%s\n' "$output" | sed -n 's/^\([0-9]*\) shared.*/\1/p')
	s=$(printf '%s\n' "$output" | sed -n 's/.*share \([0-9.]*\)$/\1/p')
	[ "$n" -ge 200 ]
	$PY -c "import sys; sys.exit(0 if float('$s') >= 0.98 else 1)"
	# Every row's ids are in the index.
	run -0 $PY - linked.csv persons.db <<'PY'
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
known = {r[0] for r in db.execute("SELECT id FROM person_ids")}
ids = set()
for row in csv.DictReader(open(sys.argv[1], newline="")):
    ids |= {row[c] for c in ("suspect_id", "victim_id") if row[c]}
assert ids and ids <= known, len(ids - known)
print("ok")
PY
	assert_output "ok"
}

# dump_db DB: the database's rows as SQL, the times of day left out.
dump_db() {
	sqlite3 "$1" .dump | sed 's/20[0-9][0-9]-[0-9-]*T[0-9:]*Z/T/g'
}

@test "dedupe: --role suspect,victim reads the rows once and gives what the pipe of two runs gives" {
	vawg-synth --all syn --seed 4 >/dev/null 2>&1
	# Rows as an analyst's file may hold them: a note with a line break
	# and a quote, a formula-like value, and a row without a suspect.
	$PY - syn/canonical/crime.csv crimes.csv <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
h = rows[0]
h.append("note")
for i, r in enumerate(rows[1:]):
    r.append('said "no"\nthen left' if i % 7 == 0 else ("=1+1" if i % 11 == 0 else ""))
    if i % 13 == 0:
        for c, name in enumerate(h):
            if name.startswith("suspect_") and not name.endswith("true_id"):
                r[c] = ""
csv.writer(open(sys.argv[2], "w", newline=""), lineterminator="\n").writerows(rows)
PY
	vawg-dedupe --role suspect --index a.db crimes.csv 2>/dev/null |
	    vawg-dedupe --role victim --index a.db >pipe.csv 2>/dev/null
	run -0 vawg-dedupe --role suspect,victim --index b.db -o one.csv crimes.csv
	assert_line --partial "suspect: "
	assert_line --partial "victim: "
	cmp pipe.csv one.csv
	[ "$(dump_db a.db)" = "$(dump_db b.db)" ]
	# Each row as it came, then the suspect's three columns and the
	# victim's; a row without a suspect has no suspect id (Python's csv).
	run -0 $PY - crimes.csv one.csv <<'PY'
import csv, sys
a = list(csv.reader(open(sys.argv[1], newline="")))
b = list(csv.reader(open(sys.argv[2], newline="")))
assert len(a) == len(b) and len(a) > 1000
assert b[0] == a[0] + [r + "_" + c for r in ("suspect", "victim")
                       for c in ("id", "match_weight", "match_probability")]
n = len(a[0])
for i, (x, y) in enumerate(zip(a[1:], b[1:])):
    assert y[:n] == x, i
    assert bool(y[n]) == any(v for c, v in zip(a[0], x)
                             if c.startswith("suspect_") and not c.endswith("true_id")), i
    assert y[n + 3], i
print("ok")
PY
	assert_output "ok"
	# Without a database, and again over its own output (the columns in
	# their places), and with --excel-safe: as the pipe.
	vawg-dedupe --role suspect crimes.csv 2>/dev/null |
	    vawg-dedupe --role victim >pipe2.csv 2>/dev/null
	vawg-dedupe --role suspect,victim crimes.csv >one2.csv 2>/dev/null
	cmp pipe2.csv one2.csv
	vawg-dedupe --role suspect --index a.db one.csv 2>/dev/null |
	    vawg-dedupe --role victim --index a.db >pipe3.csv 2>/dev/null
	vawg-dedupe --role suspect,victim --index b.db one.csv >one3.csv 2>/dev/null
	cmp pipe3.csv one3.csv
	[ "$(head -n 1 one3.csv)" = "$(head -n 1 one.csv)" ]
	vawg-dedupe --excel-safe --role suspect crimes.csv 2>/dev/null |
	    vawg-dedupe --excel-safe --role victim >pipe4.csv 2>/dev/null
	vawg-dedupe --excel-safe --role suspect,victim crimes.csv >one4.csv 2>/dev/null
	# (The same values: the pipe's second run writes a value the first
	# made safe without the quotes the first put round it.)
	$PY -c 'import csv, sys; a, b = (list(csv.reader(open(f, newline=""))) for f in sys.argv[1:]); sys.exit(a != b)' pipe4.csv one4.csv
	grep -q "'=1+1" one4.csv
	# A role the file does not have is bad data, and nothing is written.
	run -65 vawg-dedupe --role suspect,witness --index b.db -o bad.csv crimes.csv
	assert_output --partial "no witness_* columns"
	[ ! -e bad.csv ]
}

@test "dedupe: two unrelated runs started together on one index both land in it" {
	vawg-synth --all syn --seed 2 >/dev/null 2>&1
	vawg-dedupe --role person --index persons.db -o w.csv syn/canonical/wanted.csv 2>w.err &
	a=$!
	vawg-dedupe --role respondent --index persons.db -o o.csv syn/canonical/order.csv 2>o.err &
	b=$!
	wait $a || { cat w.err; false; }
	wait $b || { cat o.err; false; }
	# The same person in both files has one id.
	run -0 shared_ok w.csv:o.csv person respondent
	n=$(printf '%s\n' "$output" | sed -n 's/^\([0-9]*\) shared.*/\1/p')
	s=$(printf '%s\n' "$output" | sed -n 's/.*share \([0-9.]*\)$/\1/p')
	[ "$n" -ge 20 ]
	$PY -c "import sys; sys.exit(0 if float('$s') >= 0.98 else 1)"
	# Neither run's persons were lost: every id of both is in the index,
	# and the index holds no other person.
	run -0 $PY - persons.db w.csv:person o.csv:respondent <<'PY'
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
cur = dict(db.execute("SELECT id, current_id FROM person_ids"))
held = {r[0] for r in db.execute("SELECT DISTINCT person_id FROM person_records")}
ids = set()
for spec in sys.argv[2:]:
    f, role = spec.split(":")
    for row in csv.DictReader(open(f, newline="")):
        if row[role + "_id"]:
            ids.add(cur[row[role + "_id"]])
assert ids == held, (len(ids), len(held))
print("ok")
PY
	assert_output "ok"
}

@test "dedupe: a run killed with SIGKILL mid-way leaves the previous index intact" {
	head -6 "$D/persons.csv" >a.csv
	vawg-dedupe --role suspect --index idx.db a.csv >/dev/null 2>&1
	vawg-dedupe --index idx.db --index-export before.csv
	cp idx.db idx.copy
	# Killed with its changes written but not committed (a test hook).
	run -137 env VAWG_PERSONDB_TEST_KILL=1 vawg-dedupe --role suspect \
	    --index idx.db "$D/persons.csv"
	cmp idx.db idx.copy
	vawg-dedupe --index idx.db --index-export after.csv
	cmp before.csv after.csv
	# The next run goes on from there.
	run -0 vawg-dedupe --role suspect --index idx.db "$D/persons.csv"
	[ "$(sqlite3 idx.db "SELECT count(*) FROM persons")" -gt "$(($(wc -l <before.csv) / 3))" ]
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
