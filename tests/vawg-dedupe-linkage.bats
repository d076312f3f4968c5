#!/usr/bin/env bats
# vawg-dedupe person linkage on data it was not built on: variants of the
# FEBRL sets (tests/bench/linkage-variants.py derives them with a fixed
# seed and scores them pairwise in Python from the truth column), rows
# without names, identifiers, and chains of weak links.
load helper

V="$TOP/tests/bench/linkage-variants.py"
F="/work/shared/data/linkage"

# f1_ok FILE: links FILE with the defaults; F1 (Python) at least 0.995.
f1_ok() {
	vawg-dedupe --role person -o "$1.out" "$1" 2>/dev/null
	read -r p r f n < <($PY "$V" score "$1.out")
	echo "$(basename "$1"): precision $p recall $r F1 $f rows $n"
	$PY -c "import sys; sys.exit(0 if $f >= 0.995 else 1)"
}

@test "linkage: FEBRL 1 variants (swapped, blanked, email only, a field dropped, three per person) reach F1 0.995" {
	[ -s "$F/febrl1.csv" ] || skip "no FEBRL data"
	mkdir v
	$PY "$V" make "$F/febrl1.csv" v 1
	for x in base swap5 blank5 email nodob noid three; do
		f1_ok "v/$x.csv"
	done
}

@test "linkage: 1,000 rows of FEBRL 2 and its swapped-name variant reach F1 0.995" {
	[ -s "$F/febrl2.csv" ] || skip "no FEBRL data"
	mkdir v
	$PY "$V" make "$F/febrl2.csv" v 1
	f1_ok v/small.csv
	# The swapped-name rows of the first 1,000 rows' persons.
	$PY - v/swap5.csv v/small.csv >v/swap-small.csv <<'PY'
import csv, sys
keep = {r["person_true_id"] for r in csv.DictReader(open(sys.argv[2]))}
rd = csv.DictReader(open(sys.argv[1]))
w = csv.DictWriter(sys.stdout, rd.fieldnames, lineterminator="\n")
w.writeheader()
w.writerows(r for r in rd if r["person_true_id"] in keep)
PY
	f1_ok v/swap-small.csv
}

@test "linkage: the bench's ceiling counts the pairs of one person that share only names against those of two that look the same" {
	# Ann Lee four times: rows 1 to 3 one person (a name alone, with a
	# date of birth, with a postcode), row 4 another with both.  Pairs
	# with no other field on both: 1-2, 1-3, 2-3 (one person) and 1-4
	# (two); 2-4 share a date of birth, 3-4 a postcode.  One class (the
	# same names, a name 3 to 5 times in the file): 3 true, 1 false, so
	# 1 error at least; 3 true pairs, F1 at most 6 / (6 + 1).  Bobby and
	# Bobbi Ray (one slip), a postcode each: more than names.
	cat >c.csv <<'CSV'
person_forename,person_surname,person_dob,person_postcode,person_sex,person_true_id
Ann,Lee,,,F,P1
Ann,LEE,1980-01-01,,F,P1
Ann,Lee,,AB1 2CD,F,P1
Ann,Lee,1990-02-02,ZZ9 9ZZ,F,P2
Bobby,Ray,,AB1 2CD,M,P4
Bobbi,Ray,,ZZ9 9ZZ,M,P5
CSV
	run -0 $PY "$V" ceiling c.csv
	assert_output "3 3 1 0.8571"
	# Row 2 of another sex does not look the same: 1-3 and 1-4 remain.
	sed -i '3s/,F,P1/,M,P1/' c.csv
	run -0 $PY "$V" ceiling c.csv
	assert_output "3 1 1 0.8571"
}

@test "linkage: every row with person data gets an id; a row with none keeps an empty one" {
	cat >p.csv <<'CSV'
ref,person_forename,person_surname,person_dob,person_postcode,person_email,person_phone,person_sex,person_other_id
R1,Ann,Lee,,,,,,
R2,,,,,ann@example.org,,,
R3,,,,,,07700 900123,,
R4,,,1981-03-14,SQ1 2AB,,,,
R5,,,,,,,F,
R6,,,,,,,,X1234567
R7,,,,,,,,
CSV
	vawg-dedupe --role person p.csv >out.csv 2>/dev/null
	run $PY - out.csv <<'PY'
import csv, sys
r = {x["ref"]: x["person_id"] for x in csv.DictReader(open(sys.argv[1]))}
assert all(r["R%d" % i] for i in range(1, 7)), r
assert r["R7"] == "", r
assert len({r["R%d" % i] for i in range(1, 7)}) == 6, r
print("ok")
PY
	assert_output "ok"
}

@test "linkage: --identifier COL links on a person number; the column must exist" {
	[ -s "$F/febrl1.csv" ] || skip "no FEBRL data"
	mkdir v
	$PY "$V" make "$F/febrl1.csv" v 1
	# The person number under a name of the source's own, names blanked
	# in 5% of rows: those rows link on it.
	sed '1s/person_other_id/ssn/' v/blank5.csv >v/ssn.csv
	vawg-dedupe --role person --identifier ssn -o v/ssn.out v/ssn.csv 2>/dev/null
	read -r p r f n < <($PY "$V" score v/ssn.out)
	$PY -c "import sys; sys.exit(0 if $f >= 0.995 else 1)"
	run -65 vawg-dedupe --role person --identifier nosuch v/ssn.csv
	assert_output --partial "no column nosuch"
	run -64 vawg-dedupe --key rec_id --identifier ssn v/ssn.csv
}

@test "linkage: a chain A-B-C where A and C disagree is not merged" {
	[ -s "$F/febrl1.csv" ] || skip "no FEBRL data"
	mkdir v
	$PY "$V" make "$F/febrl1.csv" v 1
	# FEBRL 1 as the population, then A and C, the same name but
	# nothing else in common (DOB, address, person number, sex,
	# email), and B with the name alone, which matches either.
	$PY - v/base.csv >chain.csv <<'PY'
import csv, sys
rd = csv.DictReader(open(sys.argv[1]))
cols = rd.fieldnames + ["person_sex", "person_email"]
w = csv.DictWriter(sys.stdout, cols, lineterminator="\n", restval="")
w.writeheader()
w.writerows(rd)
name = {"person_forename": "zelda", "person_surname": "quartermaine"}
w.writerow(dict(name, rec_id="A", person_dob="19810314",
                person_postcode="2600", person_town="canberra",
                person_address="12 mort street", person_other_id="1234567",
                person_sex="F", person_email="zq@example.org",
                person_true_id="A"))
w.writerow(dict(name, rec_id="B", person_true_id="B"))
w.writerow(dict(name, rec_id="C", person_dob="19951102",
                person_postcode="4000", person_town="brisbane",
                person_address="3 queen street", person_other_id="7654321",
                person_sex="M", person_email="zelda.q@example.net",
                person_true_id="C"))
PY
	vawg-dedupe --role person --pairs pairs.csv -o out.csv chain.csv 2>/dev/null
	run $PY - out.csv pairs.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
at = {r["rec_id"]: i + 1 for i, r in enumerate(rows)}
ids = {r["rec_id"]: r["person_id"] for r in rows}
w = {(int(p["row_a"]), int(p["row_b"])): float(p["match_weight"])
     for p in csv.DictReader(open(sys.argv[2]))}
# The chain: A-B and B-C are links (at or above 0 bits).
assert w[(at["A"], at["B"])] >= 0 and w[(at["B"], at["C"])] >= 0, w
# A and C are not one person, whatever B is.
assert ids["A"] != ids["C"], ids
assert ids["B"] in (ids["A"], ids["C"]), ids
print("ok")
PY
	assert_output "ok"
}

@test "linkage: --threshold takes a probability; rows carry it beside the weight" {
	[ -s "$F/febrl1.csv" ] || skip "no FEBRL data"
	mkdir v
	$PY "$V" make "$F/febrl1.csv" v 1
	# 0.5 is even odds: the default weight of 0 bits, the same groups.
	vawg-dedupe --role person -o a.csv v/base.csv 2>/dev/null
	vawg-dedupe --role person --threshold 0.5 -o b.csv v/base.csv 2>/dev/null
	cmp a.csv b.csv
	# 0.999: log2(0.999 / 0.001) = 9.96 bits; every link kept weighs as
	# much, and the probability column is 1 / (1 + 2^-weight).
	vawg-dedupe --role person --threshold 0.999 -o c.csv v/base.csv 2>/dev/null
	run $PY - c.csv <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["person_match_weight"]:
        w = float(r["person_match_weight"])
        assert abs(float(r["person_match_probability"]) -
                   1 / (1 + 2 ** -w)) < 1e-4, r
        assert w >= 9.96, r
print("ok")
PY
	assert_output "ok"
}

# Versions 1 to 4 had no tables of rows (OLD_ROWS); the persons table as
# versions 1 to 3 had it: each person's last sighting in it, no runs or
# seen (OLD_PERSONS).
OLD_ROWS="DROP VIEW person_rows; DROP TABLE source_rows; DROP TABLE sources;"
OLD_PERSONS="$OLD_ROWS DROP VIEW person_seen;
    ALTER TABLE persons ADD COLUMN last_seen TEXT NOT NULL DEFAULT '';
    ALTER TABLE persons ADD COLUMN role TEXT;
    UPDATE persons SET last_seen = (SELECT r.at FROM seen s JOIN runs r
      ON r.run = s.run WHERE s.person = persons.id), role = (SELECT r.role
      FROM seen s JOIN runs r ON r.run = s.run WHERE s.person = persons.id);
    DROP TABLE seen; DROP TABLE runs;"

@test "linkage: a persons database of version 1 is migrated: identifier columns, every record's blocking keys" {
	printf 'ref,person_forename,person_surname,person_dob,person_postcode\nA,Ann,Lee,1981-03-14,SQ1 2AB\n' >a.csv
	vawg-dedupe --role person --index p.db a.csv >/dev/null 2>&1
	# Made into a version 1 database: no identifier columns, and no
	# blocking keys at all (version 1 had fewer rules).
	sqlite3 p.db "$OLD_PERSONS DROP VIEW person_records;
	    ALTER TABLE records DROP COLUMN cro;
	    ALTER TABLE records DROP COLUMN nino;
	    ALTER TABLE records DROP COLUMN other_id;
	    CREATE VIEW person_records AS SELECT p.pid AS person_id, r.role,
	      r.seen, r.forename, r.surname, r.dob, r.pnc, r.postcode,
	      r.address, r.town, r.phone, r.email, r.sex FROM records r
	      JOIN persons p ON p.id = r.person;
	    DROP TABLE blocks_new; DELETE FROM meta WHERE key LIKE 'blocks%';
	    DELETE FROM blocks; PRAGMA user_version=1;"
	# Names swapped, the same DOB and postcode: found through the keys
	# the migration wrote.
	printf 'ref,person_forename,person_surname,person_dob,person_postcode,person_nino\nB,Lee,Ann,1981-03-14,SQ1 2AB,QQ123456C\n' >b.csv
	vawg-dedupe --role person --index p.db b.csv >out.csv 2>/dev/null
	run -0 cut -d, -f1,7 out.csv
	assert_output "$(printf 'ref,person_id\nB,P0000001')"
	[ "$(sqlite3 p.db 'PRAGMA user_version')" = 6 ]
	[ "$(sqlite3 p.db "SELECT nino FROM person_records WHERE nino IS NOT NULL")" = QQ123456C ]
	[ "$(sqlite3 p.db "SELECT count(DISTINCT rid) FROM (SELECT rid FROM blocks UNION ALL SELECT rid FROM blocks_new)")" = 2 ]
}

@test "linkage: a persons database of version 2 is migrated: the table of recent blocking keys, the counts" {
	printf 'ref,person_forename,person_surname,person_dob,person_postcode\nA,Ann,Lee,1981-03-14,SQ1 2AB\nB,Carl,Brown,1975-06-01,SQ2 3CD\n' >a.csv
	vawg-dedupe --role person --index p.db a.csv >/dev/null 2>&1
	n=$(sqlite3 p.db "SELECT count(*) FROM blocks")
	[ "$n" -gt 4 ]
	sqlite3 p.db "$OLD_PERSONS DROP TABLE blocks_new; DELETE FROM meta WHERE key LIKE 'blocks%'; PRAGMA user_version=2;"
	# A third person: a new record, its keys written.
	printf 'ref,person_forename,person_surname,person_dob,person_postcode\nC,Dee,Khan,1990-12-24,SQ3 4EF\n' >b.csv
	vawg-dedupe --role person --index p.db b.csv >out.csv 2>/dev/null
	run -0 cut -d, -f1,6 out.csv
	assert_output "$(printf 'ref,person_id\nC,P0000003')"
	[ "$(sqlite3 p.db 'PRAGMA user_version')" = 6 ]
	# The counts as the tables hold them: the new record's keys in one
	# of the two tables.
	[ "$(sqlite3 p.db "SELECT value FROM meta WHERE key = 'blocks'")" = "$(sqlite3 p.db "SELECT count(*) FROM blocks")" ]
	[ "$(sqlite3 p.db "SELECT value FROM meta WHERE key = 'blocks_new'")" = "$(sqlite3 p.db "SELECT count(*) FROM blocks_new")" ]
	[ "$(sqlite3 p.db "SELECT count(DISTINCT rid) FROM (SELECT rid FROM blocks UNION ALL SELECT rid FROM blocks_new)")" = 3 ]
}

@test "linkage: a persons database of version 3 is migrated: last seen and role kept, in runs and seen" {
	printf 'ref,person_forename,person_surname,person_dob,person_postcode\nA,Ann,Lee,1981-03-14,SQ1 2AB\nB,Carl,Brown,1975-06-01,SQ2 3CD\n' >a.csv
	vawg-dedupe --role person --index p.db a.csv >/dev/null 2>&1
	# Made into a version 3 database: each person's last sighting in
	# the persons table.
	sqlite3 p.db "$OLD_PERSONS
	    UPDATE persons SET last_seen = '2025-01-01T00:00:00Z', role = 'victim' WHERE id = 1;
	    UPDATE persons SET last_seen = '2025-02-01T00:00:00Z', role = 'suspect' WHERE id = 2;
	    PRAGMA user_version=3;"
	# Ann again, and a new person.
	printf 'ref,person_forename,person_surname,person_dob,person_postcode\nC,Ann,Lee,1981-03-14,SQ1 2AB\nD,Dee,Khan,1990-12-24,SQ3 4EF\n' >b.csv
	vawg-dedupe --role person --index p.db b.csv >out.csv 2>/dev/null
	run -0 cut -d, -f1,6 out.csv
	assert_output "$(printf 'ref,person_id\nC,P0000001\nD,P0000003')"
	[ "$(sqlite3 p.db 'PRAGMA user_version')" = 6 ]
	run -0 sqlite3 p.db "SELECT person_id, role, last_seen > '2026' FROM person_seen ORDER BY person_id"
	assert_output "$(printf 'P0000001|person|1\nP0000002|suspect|0\nP0000003|person|1')"
	[ "$(sqlite3 p.db "SELECT last_seen FROM person_seen WHERE person_id = 'P0000002'")" = 2025-02-01T00:00:00Z ]
	run -0 sqlite3 p.db "SELECT name FROM pragma_table_info('persons') ORDER BY cid"
	assert_output "$(printf 'id\npid\ncreated\nmerged_into')"
}

@test "linkage: a persons database of version 4 is migrated: the rows' tables added, ids kept" {
	printf 'ref,person_forename,person_surname\nA,Ann,Lee\n' >a.csv
	vawg-dedupe --role person --index p.db a.csv >/dev/null 2>&1
	sqlite3 p.db "$OLD_ROWS PRAGMA user_version=4;"
	vawg-dedupe --role person --index p.db --row-key ref a.csv >out.csv 2>/dev/null
	[ "$(sqlite3 p.db 'PRAGMA user_version')" = 6 ]
	# Ann, named only, was new to the database's rows: linked afresh
	# once more (a person of her own), then known by her row.
	vawg-dedupe --role person --index p.db --row-key ref a.csv >again.csv 2>/dev/null
	run -0 cut -d, -f1,4 again.csv
	assert_output "$(cut -d, -f1,4 out.csv)"
	run -0 sqlite3 p.db "SELECT person_id, key_column, key, role FROM person_rows"
	assert_output "$(cut -d, -f4 out.csv | tail -n 1)|ref|A|person"
}

@test "linkage: a list without ROLE_* columns is read by its columns' usual names: FEBRL as published" {
	[ -s "$F/febrl1.csv" ] || skip "no FEBRL data"
	# FEBRL's own header (" given_name, surname, street_number,
	# address_1, address_2, suburb, postcode, state, date_of_birth,
	# soc_sec_id"), fields after ", ": no renaming.
	run -0 vawg-dedupe --role person -o out.csv "$F/febrl1.csv"
	assert_line "vawg-dedupe: $F/febrl1.csv: no person_* columns: the person read from columns 2 forename, 3 surname, 10 dob, 8 postcode, 5 address, 7 town, 11 other_id"
	# Pairwise against rec-N-..., in Python.
	run -0 $PY - out.csv <<'PY'
import collections, csv, itertools, sys
rows = list(csv.DictReader(open(sys.argv[1], newline=""), skipinitialspace=True))
def pairs(key):
    g = collections.defaultdict(list)
    for i, r in enumerate(rows):
        g[key(r)].append(i)
    return {p for v in g.values() for p in itertools.combinations(v, 2)}
t = pairs(lambda r: r["rec_id"].split("-")[1])
f = pairs(lambda r: r["person_id"])
print(len(t), len(f & t), len(f), all(r["person_id"] for r in rows))
PY
	# 500 true pairs; at least 498 found, no more than 2 wrong.
	read -r t c n full <<<"$output"
	[ "$t" = 500 ] && [ "$c" -ge 498 ] && [ $((n - c)) -le 2 ] && [ "$full" = True ]
}

@test "linkage: plain column names: First Name, Last Name, DOB, City; the role person only; nothing of the header on stderr" {
	cat >a.csv <<'CSV'
Ref,First Name,Last Name,DOB,City,Note
1,Anneliese,Okonkwo-Barnes,1981-03-14,Wolverhampton,a
2,ANNELIESE,OKONKWO-BARNES,14/03/1981,Wolverhampton,b
3,Peter,Lee,1990-07-01,Dudley,c
CSV
	run -0 vawg-dedupe --role person -o out.csv a.csv
	assert_line "vawg-dedupe: a.csv: no person_* columns: the person read from columns 2 forename, 3 surname, 4 dob, 5 town"
	run -0 cut -d, -f1,7 out.csv
	assert_output "$(printf 'Ref,person_id\n1,P0000001\n2,P0000001\n3,P0000002')"
	# A place alone is no person's: a crime's postcode and town.
	printf 'crime_ref,Postcode,Town\nC1,SQ1 2AB,Dudley\n' >place.csv
	run -65 vawg-dedupe --role person place.csv
	assert_output --partial "place.csv:1: no person_* columns"
	# A victim is never read from plain columns (a name there may be
	# anyone's), nor two roles from one set of them.
	run -65 vawg-dedupe --role victim a.csv
	assert_output --partial "a.csv:1: no victim_* columns"
	run -65 vawg-dedupe --role suspect,victim a.csv
	assert_output --partial "a.csv:1: no suspect_* columns"
	# No header line: the first record stands where the header goes and
	# names no column; nothing of it is written to stderr.
	tail -n +2 a.csv >nohead.csv
	run -65 vawg-dedupe --role person nohead.csv
	assert_output --partial "nohead.csv:1: no person_* columns"
	refute_output --partial "Anneliese"
	refute_output --partial "1981"
}

@test "linkage: --index: a record that shares only a rare value with the database is weighed, as in one run" {
	# Siobhan Okonkwo, then "Sibohan Oknokwo" (two letters swapped in
	# each name, other sound codes) born the same day, no postcode: the
	# date of birth is the one key they share.  The database holds that
	# date once, so the record is fetched and weighed; Peter Lee shares
	# nothing.
	printf 'ref,person_forename,person_surname,person_dob,person_postcode\nA,Siobhan,Okonkwo,1981-03-14,SQ1 2AB\nB,Peter,Lee,1990-07-01,SQ3 4CD\n' >a.csv
	printf 'ref,person_forename,person_surname,person_dob,person_postcode\nC,Sibohan,Oknokwo,1981-03-14,\n' >b.csv
	vawg-dedupe --role person --index p.db a.csv >/dev/null 2>&1
	vawg-dedupe --role person --index p.db b.csv >out.csv 2>/dev/null
	run -0 cut -d, -f1,6 out.csv
	assert_output "$(printf 'ref,person_id\nC,P0000001')"
	# The same records in one run: the same person.
	{ cat a.csv; tail -n +2 b.csv; } >ab.csv
	vawg-dedupe --role person ab.csv >one.csv 2>/dev/null
	run -0 cut -d, -f1,6 one.csv
	assert_output "$(printf 'ref,person_id\nA,P0000001\nB,P0000002\nC,P0000001')"
}

@test "linkage: a persons database of version 5 is migrated: every record's keys under the rules added since" {
	# Charlotte Mazurek of Yagoona, then as Charlotte Mazuerk (a slip
	# that changes the surname's sound code) born 1935-01-28 (the year's
	# digits swapped): of the older rules' keys the two share one only
	# (the forename and the surname's initial), and a database record is
	# fetched for two; the town with the forename's sound and the names'
	# first letters make three.  Ann Lee of Yagoona shares the town only.
	printf 'ref,person_forename,person_surname,person_town,person_dob\nA,Charlotte,Mazurek,Yagoona,1953-01-28\nE,Ann,Lee,Yagoona,1981-03-14\n' >a.csv
	vawg-dedupe --role person --index p.db a.csv >/dev/null 2>&1
	# Made into a version 5 database that has no key of the new rules
	# (here, no key at all).
	sqlite3 p.db "DELETE FROM blocks; DELETE FROM blocks_new;
	    UPDATE meta SET value = 0 WHERE key LIKE 'blocks%'; PRAGMA user_version=5;"
	printf 'ref,person_forename,person_surname,person_town,person_dob\nB,Charlotte,Mazuerk,Yagoona,1935-01-28\n' >b.csv
	vawg-dedupe --role person --index p.db b.csv >out.csv 2>/dev/null
	run -0 cut -d, -f1,6 out.csv
	assert_output "$(printf 'ref,person_id\nB,P0000001')"
	[ "$(sqlite3 p.db 'PRAGMA user_version')" = 6 ]
	[ "$(sqlite3 p.db "SELECT count(DISTINCT rid) FROM (SELECT rid FROM blocks UNION ALL SELECT rid FROM blocks_new)")" = 3 ]
	[ "$(sqlite3 p.db "SELECT value FROM meta WHERE key = 'blocks'")" = "$(sqlite3 p.db "SELECT count(*) FROM blocks")" ]
	[ "$(sqlite3 p.db "SELECT value FROM meta WHERE key = 'blocks_new'")" = "$(sqlite3 p.db "SELECT count(*) FROM blocks_new")" ]
}

@test "linkage: names swapped with a slip past their third letter, no date: compared through the names' first letters" {
	# B is A with forename and surname swapped and the surname's "re"
	# turned "er" (Mazurek, Mazuerk: other NYSIIS codes), no date of
	# birth; they share no identifier, date, postcode or sound code.
	# D is C with a slip in each name and no date (the town and the
	# names' first letters shared): not compared before, compared now.
	cat >a.csv <<'CSV'
ref,person_forename,person_surname,person_town,person_dob
A,Charlotte,Mazurek,Yagoona,1953-01-28
B,Mazuerk,Charlotte,Yagoona,
C,Nathan,Morrison,Eaglehawk,1947-12-03
E,Ann,Lee,Yagoona,1981-03-14
CSV
	vawg-dedupe --role person --pairs pairs.csv --pairs-min -99 a.csv >out.csv 2>err.txt
	run -0 cut -d, -f1,6 out.csv
	assert_output "$(printf 'ref,person_id\nA,P0000001\nB,P0000001\nC,P0000002\nE,P0000003')"
	# The pair was compared, and on the crossed names.
	run -0 $PY - pairs.csv <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(r["row_a"], r["row_b"], r["w_forename"] != "" and float(r["w_forename"]) > 0,
          "forename:swapped" in r["basis"])
PY
	assert_line "1 2 True True"
	refute_line --partial "2 3 "
}

@test "linkage: --row-key: a row read again keeps its person however little it says; a changed row is linked afresh" {
	# Two crimes, each with a suspect named and nothing else: a name
	# alone is no person's (namesakes), so each is a person of its own,
	# and the same row in next month's full extract is not taken as
	# held by its data: without the rows' keys it gets a new id.
	cat >a.csv <<'CSV'
crime_ref,suspect_forename,suspect_surname,suspect_dob,suspect_postcode,victim_forename,victim_surname,victim_dob
C1,Christopher,Smith,,,Jane,Doe,
C2,Christopher,Smith,,,Ann,Lee,
C3,Mary,Jones,1980-02-03,AB1 2CD,Ruth,Khan,1990-05-06
CSV
	vawg-dedupe -r suspect,victim --index bare.db a.csv >b1.csv 2>/dev/null
	vawg-dedupe -r suspect,victim --index bare.db a.csv >b2.csv 2>/dev/null
	ids() { $PY -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(r["crime_ref"], r["suspect_id"], r["victim_id"])' "$1"; }
	[ "$(ids b1.csv | sed -n 1p)" != "$(ids b2.csv | sed -n 1p)" ]
	# With them: every row its person again, no person added.
	vawg-dedupe -r suspect,victim --index p.db --row-key crime_ref a.csv >r1.csv 2>/dev/null
	vawg-dedupe -r suspect,victim --index p.db --row-key crime_ref a.csv >r2.csv 2>/dev/null
	run -0 ids r1.csv
	assert_output "$(printf 'C1 P0000001 P0000004\nC2 P0000002 P0000005\nC3 P0000003 P0000006')"
	run -0 ids r2.csv
	assert_output "$(ids r1.csv)"
	[ "$(sqlite3 p.db 'SELECT count(*) FROM persons')" = 6 ]
	run -0 sqlite3 p.db "SELECT person_id, key, role FROM person_rows WHERE key_column = 'crime_ref' ORDER BY role, key"
	assert_output "$(printf 'P0000001|C1|suspect\nP0000002|C2|suspect\nP0000003|C3|suspect\nP0000004|C1|victim\nP0000005|C2|victim\nP0000006|C3|victim')"
	# C1's suspect now has a date of birth: another record, linked
	# afresh (here a new person); C2's row is read as before.
	sed 's/^C1,Christopher,Smith,,/C1,Christopher,Smith,1985-07-08,/' a.csv >c.csv
	vawg-dedupe -r suspect,victim --index p.db --row-key crime_ref c.csv >r3.csv 2>/dev/null
	run -0 ids r3.csv
	assert_output "$(printf 'C1 P0000007 P0000004\nC2 P0000002 P0000005\nC3 P0000003 P0000006')"
	# A person merged since: the row gets the surviving id.
	sqlite3 p.db "UPDATE persons SET merged_into = 3 WHERE id = 2"
	vawg-dedupe -r suspect --index p.db --row-key crime_ref a.csv >r4.csv 2>/dev/null
	run -0 $PY -c 'import csv
print(" ".join(r["suspect_id"] for r in csv.DictReader(open("r4.csv", newline=""))))'
	assert_output "P0000001 P0000003 P0000003"
}

@test "linkage: --row-key: rows read again among many keep their persons, near each other or far apart, whatever their keys' order" {
	# 400 crimes, each suspect a name alone (each a person of its own);
	# keys that order by bytes, not numbers ("R1" < "R10" < "R2"), one
	# a prefix of another, one not ASCII.  The next run reads ten rows
	# side by side, every 45th, three changed and two new: each row
	# read again has its first run's id, each changed or new row a new
	# person (Python checks it from the two outputs).
	$PY - <<'PY'
import csv
keys = ["R%d" % i for i in range(1, 398)] + ["R1a", "R\u00e9", "R10 "]
w = csv.writer(open("a.csv", "w", newline=""), lineterminator="\n")
w.writerow(["crime_ref", "suspect_forename", "suspect_surname"])
rows = [(k, "Fore%03d" % i, "Sur%03d" % (i * 7 % 400)) for i, k in enumerate(keys)]
w.writerows(rows)
w = csv.writer(open("b.csv", "w", newline=""), lineterminator="\n")
w.writerow(["crime_ref", "suspect_forename", "suspect_surname"])
pick = [r for i, r in enumerate(rows) if 100 <= i < 110 or i % 45 == 0]
changed = {pick[1][0], pick[12][0], "R\u00e9"}
for k, f, s in pick + [r for r in rows if r[0] == "R\u00e9"]:
    w.writerow([k, f + ("x" if k in changed else ""), s])
w.writerow(["N1", "Newa", "Newb"])
w.writerow(["N2", "Newc", "Newd"])
open("changed.txt", "w").write("\n".join(sorted(changed)) + "\n")
PY
	vawg-dedupe -r suspect --index p.db --row-key crime_ref -o r1.csv a.csv 2>/dev/null
	vawg-dedupe -r suspect --index p.db --row-key crime_ref -o r2.csv b.csv 2>/dev/null
	run -0 $PY - <<'PY'
import csv
first = {r["crime_ref"]: r["suspect_id"] for r in csv.DictReader(open("r1.csv", newline=""))}
changed = set(open("changed.txt").read().split("\n")) - {""}
assert len(set(first.values())) == 400, len(set(first.values()))
again = new = 0
for r in csv.DictReader(open("r2.csv", newline="")):
    k, pid = r["crime_ref"], r["suspect_id"]
    if k in first and k not in changed:
        assert pid == first[k], (k, pid, first[k])
        again += 1
    else:
        assert pid not in first.values(), (k, pid)
        new += 1
print(again, new)
PY
	assert_output "17 5"
	[ "$(sqlite3 p.db 'SELECT count(*) FROM persons')" = 405 ]
	# A person merged into another since (as a merge leaves it: the
	# person marked, its records moved): the row gets the survivor's id.
	id=$(sed -n 's/^R301,.*,\(P[0-9]*\),.*/\1/p' r1.csv)
	sqlite3 p.db "UPDATE records SET person = 1 WHERE person = (SELECT id FROM persons WHERE pid = '$id');
	    UPDATE persons SET merged_into = 1 WHERE pid = '$id'"
	vawg-dedupe -r suspect --index p.db --row-key crime_ref -o r3.csv a.csv 2>/dev/null
	run -0 sed -n 's/^R301,[^,]*,[^,]*,\(P[0-9]*\),.*/\1/p' r3.csv
	assert_output P0000001
	cmp <(grep -v '^R301,' r1.csv | cut -d, -f1-4) <(grep -v '^R301,' r3.csv | cut -d, -f1-4)
}

@test "linkage: --row-key: a key column's first run keeps every row, those held already by their data too" {
	# Ann's record is in the database (a crime's suspect); the wanted
	# file's first run holds her row by its data, and keeps the row.
	printf 'crime_ref,suspect_forename,suspect_surname,suspect_dob,suspect_postcode\nC1,Ann,Lee,1981-03-14,SQ1 2AB\n' >c.csv
	vawg-dedupe -r suspect --index p.db --row-key crime_ref c.csv >/dev/null 2>&1
	printf 'wanted_ref,person_forename,person_surname,person_dob,person_postcode\nW1,Ann,Lee,1981-03-14,SQ1 2AB\nW2,Carl,Brown,1975-06-01,SQ2 3CD\n' >w.csv
	vawg-dedupe -r person --index p.db --row-key wanted_ref w.csv >w1.csv 2>/dev/null
	run -0 sqlite3 p.db "SELECT key_column, key, role, person_id FROM person_rows ORDER BY key"
	assert_output "$(printf 'crime_ref|C1|suspect|P0000001\nwanted_ref|W1|person|P0000001\nwanted_ref|W2|person|P0000002')"
	# A later run keeps the rows of new records only: W3 (new), not
	# W1 and W2 read again (held by their data, their rows kept).
	printf 'W3,Dee,Khan,1990-12-24,SQ3 4EF\n' >>w.csv
	vawg-dedupe -r person --index p.db --row-key wanted_ref w.csv >/dev/null 2>&1
	[ "$(sqlite3 p.db "SELECT group_concat(key) FROM (SELECT key FROM person_rows WHERE key_column = 'wanted_ref' ORDER BY key)")" = W1,W2,W3 ]
}

@test "linkage: --row-key: two rows of one key with the same person data are not known by it, an empty key is none; the key's column must be there" {
	printf 'ref,person_forename,person_surname\nK1,Ann,Lee\nK1,Ann,Lee\nK2,Ann,Lee\n,Bob,Stone\n' >a.csv
	vawg-dedupe -r person --index p.db --row-key ref a.csv >out.csv 2>/dev/null
	run -0 sqlite3 p.db "SELECT key FROM person_rows"
	assert_output K2
	# A row with an empty key has no key: linked as ever, not kept.
	[ "$(sqlite3 p.db 'SELECT count(*) FROM persons')" = 4 ]
	[ "$(sed -n 5p out.csv | cut -d, -f4)" = P0000004 ]
	run -65 vawg-dedupe -r person --index p.db --row-key crime_ref a.csv
	assert_output --partial "no column crime_ref"
	run -64 vawg-dedupe -r person --row-key ref a.csv
	assert_output --partial "--row-key goes with --role and --index"
	run -64 vawg-dedupe -k ref --row-key ref a.csv
	assert_output --partial "--row-key goes with --role and --index"
}

@test "linkage: vawg-ingest keeps a National Insurance and a passport number as person_nino and person_other_id, and rows without names link on them" {
	printf 'Wanted Ref,Date Wanted,Forename,Surname,NI Number,Passport No\nW1,2024-01-05,Ann,Smith,AB123456C,P1234567\nW2,2024-01-06,,,AB123456C,\nW3,2024-01-07,Carl,Brown,ZX987654A,Q7654321\nW4,2024-01-08,,,,Q7654321\n' >id.csv
	run -0 vawg-ingest -k wanted --as-of 2026-11-27 -o in.csv id.csv
	vawg-dedupe -r person -o out.csv in.csv 2>/dev/null
	$PY - <<'PY'
import csv
rows = {r["wanted_ref"]: r for r in csv.DictReader(open("out.csv", newline=""))}
assert rows["W1"]["person_nino"] == "AB123456C", rows["W1"]
assert rows["W4"]["person_other_id"] == "Q7654321", rows["W4"]
ids = {k: r["person_id"] for k, r in rows.items()}
assert all(ids.values()), ids
assert ids["W1"] == ids["W2"] and ids["W3"] == ids["W4"], ids
assert ids["W1"] != ids["W3"], ids
PY
}

# ids_of FILE: the person_id column of FILE, one a line (Python's csv).
ids_of() {
	$PY -c 'import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(r["person_id"])' "$1"
}

@test "linkage: a record read again alone keeps its id, in an index of one, two or sixty" {
	vawg-synth --kind wanted --rows 60 --seed 3 >w.csv 2>/dev/null
	# Rows with a forename, a surname and a date of birth.
	$PY -c 'import csv, sys
rows = list(csv.DictReader(open("w.csv", newline="")))
w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
w.writeheader()
w.writerows(r for r in rows if r["person_forename"] and r["person_surname"]
            and r["person_dob"])' >full.csv
	for n in 1 2 60; do
		rm -f p.db*
		head -n $((n + 1)) full.csv >idx.csv
		vawg-dedupe --role person --index p.db -o first.csv -- idx.csv 2>/dev/null
		ids_of first.csv >want
		: >got
		for i in $(seq 2 $((n + 1 < 9 ? n + 1 : 9))); do
			{ head -n 1 idx.csv; sed -n "${i}p" idx.csv; } >one.csv
			vawg-dedupe --role person --index p.db -o again.csv -- one.csv 2>/dev/null
			ids_of again.csv >>got
		done
		head -n "$(wc -l <got)" want | diff - got
	done
}

@test "linkage: two copies of one record in a file of two are one person, in a run and in an index" {
	vawg-synth --kind wanted --rows 20 --seed 3 >w.csv 2>/dev/null
	{ sed -n 1,2p w.csv; sed -n 2p w.csv | sed 's/^[^,]*,/COPY,/'; } >two.csv
	vawg-dedupe --role person -o out.csv -- two.csv 2>/dev/null
	[ "$(ids_of out.csv | sort -u | wc -l)" -eq 1 ]
	vawg-dedupe --role person --index p.db -o out.csv -- two.csv 2>/dev/null
	[ "$(ids_of out.csv | sort -u | wc -l)" -eq 1 ]
}

@test "linkage: a small file does not link people on a name alone, or on a surname, an initial and sex" {
	vawg-synth --kind wanted --rows 40 --seed 3 >w.csv 2>/dev/null
	for n in 1 5 39; do
		{ head -n $((n + 1)) w.csv
		  sed -n 2p w.csv | $PY -c 'import csv, sys
r = next(csv.reader(sys.stdin))
h = next(csv.reader(open("w.csv", newline="")))
w = csv.writer(sys.stdout, lineterminator="\n")
for ref, fn, sn, sex in (("X1", "John", "Smith", ""),
                         ("X2", "John", "Smith", ""),
                         ("X3", "J", "Okafor", "M"),
                         ("X4", "James", "Okafor", "M")):
    v = dict(zip(h, r), wanted_ref=ref, person_forename=fn,
             person_surname=sn, person_dob="", person_pnc="",
             person_postcode="", person_sex=sex)
    w.writerow([v[c] for c in h])'
		} >small.csv
		vawg-dedupe --role person -o out.csv -- small.csv 2>/dev/null
		[ "$(ids_of out.csv | tail -n 4 | sort -u | wc -l)" -eq 4 ]
	done
}
