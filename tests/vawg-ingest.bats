#!/usr/bin/env bats
# End-to-end tests of vawg-ingest.  Expected outputs were written by
# hand from the fixtures (tests/data/vawg-ingest/); counts are computed
# independently with Python's csv module.
load helper

D="$TOP/tests/data/vawg-ingest"
ASOF="--as-of 2026-11-27"

# Python: rows and a Counter of one column of a CSV file.
pycount() {
	"$PY" - "$@" <<'EOF'
import csv, sys, collections
path, col = sys.argv[1], sys.argv[2]
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
c = collections.Counter(r[col] for r in rows)
print(len(rows))
for k in sorted(c):
    print("%s\t%d" % (k, c[k]))
EOF
}

@test "ingest: --help prints the synopsis, options and memory" {
	run -0 vawg-ingest --help
	assert_line --partial "usage: vawg-ingest"
	assert_output --partial "--rejects"
	assert_output --partial "Memory:"
}

@test "ingest: --version" {
	run -0 vawg-ingest --version
	assert_output --regexp '^vawg-ingest [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "ingest: usage errors exit 64" {
	run -64 vawg-ingest "$D/engagement.csv"
	assert_output --partial "usage: vawg-ingest"
	run -64 vawg-ingest -k nosuchkind "$D/engagement.csv"
	run -64 vawg-ingest -k crime --date-order ymd "$D/engagement.csv"
	run -64 vawg-ingest -k crime --encoding ebcdic "$D/engagement.csv"
	run -64 vawg-ingest -k crime --as-of 2026-02-30 "$D/engagement.csv"
	run -64 vawg-ingest -k crime --ref-pattern '([0-9' "$D/engagement.csv"
	assert_output --partial "offset"
	run -64 vawg-ingest -k crime --no-such-option
	run -64 vawg-ingest --profile police-uk-nothing
}

@test "ingest: CP1252, semicolons, CRLF, blank line, quoted newline, trailing empty columns, mixed dates" {
	run -0 vawg-ingest -k crime $ASOF -r rej.csv -o out.csv \
		"$D/crime-cp1252.csv"
	diff out.csv "$D/crime-cp1252.out.csv"
	assert_line --partial "read 10, written 4, rejected 6 (read = written + rejected)"
	assert_line --partial "1 blank lines skipped"
	assert_line --partial "4 lines converted to UTF-8 from cp1252"
	assert_line "vawg-ingest: rejected: reported_date: impossible date: 1"
	assert_line "vawg-ingest: rejected: record: fewer fields than the header: 1"
	# No value reaches stderr: names and dates of the rows stay out.
	refute_output --partial "Siobh"
	refute_output --partial "31/02/2023"
}

@test "ingest: rejects are the input bytes, with file, line and reasons added" {
	run -0 vawg-ingest -k crime $ASOF -r rej.csv -o out.csv \
		"$D/crime-cp1252.csv"
	# Expected: the raw lines cut from the input by Python, by line
	# number, each with ;file;line;reasons before its own line end.
	"$PY" - "$D/crime-cp1252.csv" rej.csv <<'EOF'
import sys
src, rej = sys.argv[1], sys.argv[2]
lines = open(src, "rb").read().split(b"\r\n")
def rec(first, last):
    return b"\r\n".join(lines[first - 1:last])
f = src.encode()
want = [
    lines[0] + b";reject_file;reject_line;reject_reasons",
    rec(5, 5) + b";" + f + b";5;reported_date: impossible date",
    rec(6, 7) + b";" + f + b";6;suspect_pnc: wrong PNC check letter",
    rec(9, 9) + b";" + f + b";9;reported_date: date after the as-of date",
    rec(10, 10) + b";" + f + b";10;record: value under an empty header",
    rec(12, 12) + b";" + f + b";12;record: fewer fields than the header",
    rec(13, 13) + b";" + f + b";13;crime_ref: empty",
]
got = open(rej, "rb").read()
exp = b"\r\n".join(want) + b"\r\n"
if got != exp:
    sys.exit("rejects differ:\n%r\n%r" % (got, exp))
EOF
	[ "$(file_mode rej.csv)" = 600 ]
}

@test "ingest: without --rejects, rejected rows make exit 1 and are named by line" {
	run -1 vawg-ingest -k crime $ASOF "$D/crime-cp1252.csv"
	assert_line --partial "crime-cp1252.csv:5: reported_date: impossible date"
	assert_line --partial "crime-cp1252.csv:6: suspect_pnc: wrong PNC check letter"
	assert_line --partial "rejected 6"
}

@test "ingest: --strict stops at the first reject with 65 and writes nothing" {
	run -65 vawg-ingest -k crime $ASOF --strict -o out.csv \
		"$D/crime-cp1252.csv"
	assert_line --partial "crime-cp1252.csv:5: reported_date: impossible date"
	[ ! -e out.csv ]
	[ -z "$(ls -A)" ]
}

@test "ingest: --strict with clean input exits 0" {
	run -0 vawg-ingest -k engagement --strict "$D/engagement.csv"
}

@test "ingest: a date after --as-of is a reject, and the default is today" {
	printf 'crime_ref,reported_date,offence_code\nA1,2026-11-28,8N\nA2,2026-11-27,8N\n' >f.csv
	run -1 vawg-ingest -k crime $ASOF f.csv
	assert_line --partial "f.csv:2: reported_date: date after the as-of date"
	assert_line "A2,2026-11-27,,8N,,violence_with_injury,N,,,,,,,,,,,,,,,,,,,,,pending,,"
	tomorrow=$("$PY" -c 'import datetime; print(datetime.date.today() + datetime.timedelta(1))')
	printf 'crime_ref,reported_date,offence_code\nA1,%s,8N\n' "$tomorrow" >g.csv
	run -1 vawg-ingest -k crime g.csv
	assert_line --partial "date after the as-of date"
}

@test "ingest: --date-order mdy reads month first" {
	printf 'crime_ref,reported_date,offence_code\nA1,03/04/2023,8N\nA2,3/15/2023 2:05 PM,8N\nA3,15-Mar-2023,8N\n' >f.csv
	run -0 vawg-ingest -k crime --date-order mdy f.csv
	assert_line --regexp '^A1,2023-03-04,'
	assert_line --regexp '^A2,2023-03-15,'
	assert_line --regexp '^A3,2023-03-15,'
	run -1 vawg-ingest -k crime f.csv
	assert_line --regexp '^A1,2023-04-03,'
	assert_line --partial "f.csv:3: reported_date: impossible date"
}

@test "ingest: UTF-8 with BOM, quoted commas and an embedded newline" {
	run -1 vawg-ingest -k wanted -o out.csv "$D/wanted-bom.csv"
	assert_line --partial "wanted-bom.csv:5: da_flag: not Y or N"
	cat >want.csv <<'EOF'
wanted_ref,person_forename,person_surname,person_dob,person_pnc,person_postcode,person_sex,offence_code,offence_desc,offence_group,da_flag,high_harm,forensic_live,wanted_date,arrest_date,bcu,borough,ward,person_title
W0001,John,"Smith, Jr",1980-06-03,1979/0163001B,,M,8N,"Assault, with injury",violence_with_injury,Y,Y,N,2024-01-05,,NA,Haringey,,
W0002,Pádraig,Ó Súilleabháin,1975-07-15,,,M,8L,Harassment (repeat),harassment,N,N,N,2024-02-05,2024-02-10,NA,Enfield,,
EOF
	diff out.csv want.csv
}

@test "ingest: a forced --encoding" {
	run -1 vawg-ingest -k crime $ASOF --encoding utf-8 "$D/crime-cp1252.csv"
	assert_line --partial "crime-cp1252.csv:2: record: cannot convert the line's encoding"
	printf 'crime_ref,reported_date,offence_code,victim_surname\nA1,2023-01-01,8N,M\xfcller\n' >l.csv
	run -0 vawg-ingest -k crime --encoding latin1 l.csv
	assert_line --partial ",Müller,"
	# UTF-8 that is forced through CP1252 is converted byte by byte.
	printf 'crime_ref,reported_date,offence_code,offence_desc\nA1,2023-01-01,8N,M\xc3\xbcller\n' >u.csv
	run -0 vawg-ingest -k crime --encoding cp1252 u.csv
	assert_line --partial ",MÃ¼ller,"
}

@test "ingest: a map file maps the source's own headers; tab delimiter sniffed" {
	run -0 vawg-ingest -k order -m "$D/order.map" -r rej.tsv -o out.csv \
		"$D/order-tab.tsv"
	cat >want.csv <<'EOF'
order_ref,order_type,respondent_forename,respondent_surname,respondent_dob,respondent_pnc,respondent_postcode,protected_forename,protected_surname,protected_dob,applied_date,decision,granted_date,expiry_date,breach_count,bcu,borough,respondent_title,protected_title
SPO-1,SPO,Adam,Black,1979-03-02,,,Eve,White,,2024-06-01,granted,2024-06-15,2026-06-14,2,,Haringey,,
DVPO-2,DVPO,Bob,Grey,,,,Cat,Green,,2024-07-03,pending,,,,,Enfield,,
EOF
	diff out.csv want.csv
	[ "$(sed -n 2p rej.tsv)" = "$(printf 'NMO-3\tnmo\tBrown\tDan\t\tRed\tFay\t04/07/2024\tlost\t\t\tnone\tEnfield\t%s\t4\tdecision: not granted, refused, withdrawn or pending; breach_count: not a whole number' "$D/order-tab.tsv")" ]
}

@test "ingest: without the map, a missing required column names it and counts the headers (65)" {
	run -65 vawg-ingest -k order "$D/order-tab.tsv"
	assert_output --partial "order-tab.tsv:1: no column order_type among the 13 columns of the header; is the header line missing?"
	refute_output --partial OrderNo
}

@test "ingest: bad map files" {
	printf 'order_ref OrderNo\n' >bad.map
	run -65 vawg-ingest -k order -m bad.map "$D/order-tab.tsv"
	assert_output --partial "bad.map:1: expected"
	printf '# x\nnot_a_column = OrderNo\n' >bad.map
	run -65 vawg-ingest -k order -m bad.map "$D/order-tab.tsv"
	assert_output --partial "bad.map:2: not_a_column is not a column of kind order"
	printf 'order_ref = A\norder_ref = B\n' >bad.map
	run -65 vawg-ingest -k order -m bad.map "$D/order-tab.tsv"
	assert_output --partial "bad.map:2: order_ref is mapped twice"
	run -66 vawg-ingest -k order -m nosuch.map "$D/order-tab.tsv"
}

@test "ingest: duplicate headers are an error, not a guess" {
	printf 'crime_ref,reported_date,offence_code,Notes,Notes\nA1,2023-01-01,8N,a,b\n' >f.csv
	run -65 vawg-ingest -k crime f.csv
	assert_output --partial "f.csv:1: columns 4 and 5 of the header have the same name"
	refute_output --partial Notes
	printf 'Crime Ref,CRIME_REF,reported_date,offence_code\nA1,A1,2023-01-01,8N\n' >g.csv
	run -65 vawg-ingest -k crime g.csv
	assert_output --partial "g.csv:1: columns 1 and 2 could both be crime_ref"
}

@test "ingest: aliases ignore case, spaces and punctuation; unknown columns pass through in order" {
	printf 'CRIME-REF,date reported,H.O. Code,Zeta,Alpha\nA1,2023-01-01,19c,z,a\n' >f.csv
	run -0 vawg-ingest -k crime f.csv
	assert_line --regexp '^crime_ref,.*,suspect_title,Zeta,Alpha$'
	assert_line --regexp '^A1,2023-01-01,,19C,,rape,Y,.*,z,a$'
}

@test "ingest: --aliases lists the spellings" {
	run -0 vawg-ingest -k crime --aliases
	assert_line --regexp '^crime_ref: \(required\) crimeref .*crimereference'
	assert_line --regexp '^victim_forename: victimforename .*ipforename'
}

@test "ingest: pipe-delimited MARAC list; DASH score range" {
	run -1 vawg-ingest -k marac $ASOF "$D/marac-pipe.csv"
	assert_line "M1,2026-09-02,2026-09-10,Ann,Lee,1990-01-01,N17 9AA,Ben,Cole,1988-02-02,2002/0073319Z,17,high,visible_high_risk,police,Haringey,,"
	assert_line --partial "marac-pipe.csv:3: dash_score: not a DASH score (0 to 27)"
}

@test "ingest: disclosure routes, channels and decisions" {
	run -1 vawg-ingest -k disclosure $ASOF "$D/disclosure.csv"
	assert_line "D1,ask,portal,2026-08-01,2026-08-20,disclose,Gail,Hart,,Ian,Jack,1985-05-05,,Haringey,,"
	assert_line "D2,know,other,2026-08-02,,,,,,Kim,Lowe,,,Enfield,,"
	assert_line "D3,ask,portal,2026-08-03,2026-08-04,no_disclose,Amy,Bell,,Carl,Dunn,,,Enfield,,"
	assert_line --partial "disclosure.csv:5: route: not ask or know"
}

@test "ingest: engagement types as slugs, population numbers" {
	run -0 vawg-ingest -k engagement $ASOF "$D/engagement.csv"
	assert_line "E1,2026-10-12,walk_and_talk,NA,Haringey,Bruce Grove,N17 6RD,poor_lighting,reported_to_council,open"
	run -1 vawg-ingest -k population "$D/population.csv"
	assert_line "Haringey,2021,264200,110000"
	assert_line "Enfield,2021,330000,"
	assert_line --partial "population.csv:4: year: not a year"
}

@test "ingest: names cleaned, honorifics to their own column" {
	printf 'crime_ref,reported_date,offence_code,victim_forename,victim_surname,suspect_title,suspect_forename,suspect_surname\nA1,2023-01-01,8N,  MRS.   mary  ann ,mcdonald-O'"'"'NEILL,,DR john,macdonald\nA2,2023-01-01,8N,ann,smith,Mr,dr bob,BLACK\n' >f.csv
	run -0 vawg-ingest -k crime f.csv
	assert_line --regexp '^A1,.*,Mary Ann,McDonald-O'"'"'Neill,.*,John,MacDonald,.*,Mrs,Dr$'
	# A title column of the source wins over one found in the name.
	assert_line --regexp '^A2,.*,Ann,Smith,.*,Bob,Black,.*,,Mr$'
}

@test "ingest: identifiers normalised and checked" {
	printf 'crime_ref,reported_date,offence_code,victim_pnc,victim_postcode,suspect_pnc\nA1,2023-01-01,8N,20030011985X,ec1a1bb,033Y\nA2,2023-01-01,8N,1923/1Z34567A,,\nA3,2023-01-01,8N,,N17,\n' >f.csv
	run -1 vawg-ingest -k crime f.csv
	assert_line --regexp '^A1,.*,2003/0011985X,EC1A 1BB,.*,2003/0000003Y,.*'
	assert_line --partial "f.csv:3: victim_pnc: not a PNC ID"
	assert_line --partial "f.csv:4: victim_postcode: not a postcode"
}

@test "ingest: --ref-pattern checks the reference" {
	printf 'crime_ref,reported_date,offence_code\n4201234/23,2023-01-01,8N\nX-1,2023-01-01,8N\n' >f.csv
	run -1 vawg-ingest -k crime --ref-pattern '^[0-9]{7}/[0-9]{2}$' f.csv
	assert_line --regexp '^4201234/23,'
	assert_line --partial "f.csv:3: crime_ref: does not match the reference pattern"
}

@test "ingest: --offences and --outcomes replace the built-in tables" {
	printf 'code,offence_group,vawg,description\n8N,stalking,Y,test\n' >off.csv
	printf 'code,outcome_group,description\n1,no_suspect,test\n' >out.csv
	printf 'crime_ref,reported_date,offence_code,outcome_code\nA1,2023-01-01,8N,1\nA2,2023-01-01,19C,01\n' >f.csv
	run -0 vawg-ingest -k crime --offences off.csv --outcomes out.csv f.csv
	assert_line --regexp '^A1,2023-01-01,,8N,,stalking,Y,.*,1,,no_suspect,,$'
	assert_line --regexp '^A2,2023-01-01,,19C,,other,N,.*,1,,no_suspect,,$'
	run -0 vawg-ingest -k crime f.csv
	assert_line --regexp '^A1,.*,violence_with_injury,N,.*,1,,charge_summons,,$'
	printf 'nothing\n' >bad.csv
	run -65 vawg-ingest -k crime --offences bad.csv f.csv
}

@test "ingest: -d sets the delimiter" {
	printf 'crime_ref;reported_date;offence_code;note\nA1;2023-01-01;8N;a,b\n' >f.csv
	run -0 vawg-ingest -k crime -d ';' f.csv
	assert_line --regexp '^A1,.*,"a,b"$'
	run -65 vawg-ingest -k crime -d '|' f.csv
	assert_output --partial "no column crime_ref among the 1 column of the header"
	run -64 vawg-ingest -k crime -d ';;' f.csv
}

@test "ingest: ragged rows and stray quotes are rejects, not fatal" {
	printf 'crime_ref,reported_date,offence_code\nA1,2023-01-01,8N,,\nA2,2023-01-01,8N,x\nA3,2023-01-01,8"N\nA4,2023-01-01,8N\n' >f.csv
	run -0 vawg-ingest -k crime -r rej.csv f.csv
	assert_line --regexp '^A1,'
	assert_line --regexp '^A4,'
	assert_line --partial "read 4, written 2, rejected 2"
	run grep -c . rej.csv
	assert_output 3
	run grep -F 'A3,2023-01-01,8"N,f.csv,4,record: stray quote' rej.csv
	[ "$status" -eq 0 ]
}

@test "ingest: empty input is an error; header-only input gives the header" {
	: >empty.csv
	run -65 vawg-ingest -k crime empty.csv
	assert_output --partial "empty.csv: empty input"
	printf '\xef\xbb\xbfcrime_ref,reported_date,offence_code\r\n' >h.csv
	run -0 vawg-ingest -k crime -o out.csv h.csv
	run head -c 30 out.csv
	assert_output "crime_ref,reported_date,commit"
	[ "$(wc -l <out.csv)" -eq 1 ]
}

@test "ingest: an unterminated quote at the end is bad data (65)" {
	printf 'crime_ref,reported_date,offence_code\nA1,2023-01-01,"8N\n' >f.csv
	run -65 vawg-ingest -k crime f.csv
	assert_output --partial "f.csv:2: unterminated quoted field"
}

@test "ingest: stdin, and several inputs with one missing (66)" {
	printf 'crime_ref,reported_date,offence_code\nA1,2023-01-01,8N\n' >a.csv
	printf 'crime_ref,reported_date,offence_code\nA2,2023-01-02,8L\n' >b.csv
	run -0 vawg-ingest -k crime <a.csv
	assert_line --partial "<stdin>: read 1, written 1"
	run -66 vawg-ingest -k crime -o out.csv a.csv nosuch.csv b.csv
	assert_line --partial "nosuch.csv: No such file or directory"
	assert_line --partial "total: read 2, written 2, rejected 0"
	[ "$(grep -c '^A' out.csv)" -eq 2 ]
	run -66 vawg-ingest -k crime nosuch.csv
}

@test "ingest: inputs with different extra columns" {
	printf 'crime_ref,reported_date,offence_code,x\nA1,2023-01-01,8N,1\n' >a.csv
	printf 'crime_ref,reported_date,offence_code\nA2,2023-01-02,8L\n' >b.csv
	printf 'crime_ref,reported_date,offence_code,y\nA3,2023-01-02,8L,2\n' >c.csv
	run -0 vawg-ingest -k crime a.csv b.csv
	assert_line --regexp '^A1,.*,1$'
	assert_line --regexp '^A2,.*,,$'
	run -65 vawg-ingest -k crime a.csv c.csv
	assert_output --partial "c.csv:1: column 4 is not in the first input"
}

@test "ingest: -o writes mode 0600; /dev/full is a write error (74)" {
	run -0 vawg-ingest -k engagement $ASOF -o out.csv "$D/engagement.csv"
	[ "$(file_mode out.csv)" = 600 ]
	run -74 vawg-ingest -k engagement $ASOF -o /dev/full "$D/engagement.csv"
	run -74 bash -c "vawg-ingest -k engagement $ASOF '$D/engagement.csv' >/dev/full"
}

@test "ingest: police.uk street file: every row reconciles, counts by crime type match" {
	src="$D/2016-01-city-of-london-street.csv"
	run -0 vawg-ingest --profile police-uk-street $ASOF -o out.csv "$src"
	n=$("$PY" -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline=""))))' "$src")
	assert_line --partial "read $n, written $n, rejected 0"
	# Crime types in the source (Python csv) against offence_desc out.
	"$PY" - "$src" >want.txt <<'EOF'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
c = collections.Counter(r["Crime type"] for r in rows)
print(len(rows))
for k in sorted(c):
    print("%s\t%d" % (k, c[k]))
EOF
	pycount out.csv offence_desc >got.txt
	diff got.txt want.txt
	# Anti-social behaviour rows are kept and marked: as many as blank ids.
	asb=$("$PY" -c 'import csv,sys; print(sum(1 for r in csv.DictReader(open(sys.argv[1], newline="")) if r["Crime ID"] == ""))' "$src")
	[ "$(pycount out.csv asb | grep '^Y' | cut -f2)" -eq "$asb" ]
	[ "$(pycount out.csv crime_ref | grep -c '^	')" -eq 1 ]
	# Borough from the LSOA name, month as the first day.
	run head -2 out.csv
	assert_line --regexp '^,2016-01-01,,,Anti-social behaviour,anti_social_behaviour,,,,Camden,,,E01000914,'
}

@test "ingest: police.uk street file with CRLF line ends gives the same rows" {
	src="$D/2016-01-city-of-london-street.csv"
	sed 's/$/\r/' "$src" >crlf.csv
	vawg-ingest --profile police-uk-street $ASOF -o a.csv "$src"
	vawg-ingest --profile police-uk-street $ASOF -o b.csv crlf.csv
	cmp a.csv b.csv
}

@test "ingest: police.uk outcomes file: every row reconciles, outcome counts match" {
	src="$D/2016-01-city-of-london-outcomes.csv"
	run -0 vawg-ingest --profile police-uk-outcomes $ASOF -o out.csv "$src"
	"$PY" - "$src" >want.txt <<'EOF'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
c = collections.Counter(r["Outcome type"] for r in rows)
print(len(rows))
for k in sorted(c):
    print("%s\t%d" % (k, c[k]))
EOF
	n=$(head -1 want.txt)
	assert_line --partial "read $n, written $n, rejected 0"
	pycount out.csv outcome_desc >got.txt
	diff got.txt want.txt
	# Every outcome category is in the table: none is "unknown".
	run grep -c ',unknown,' out.csv
	assert_output 0
}

@test "ingest: police.uk profile without its columns (65)" {
	run -65 vawg-ingest --profile police-uk-street "$D/engagement.csv"
	assert_output --partial "no column \"Crime ID\" for --profile"
	run -64 vawg-ingest --profile police-uk-street -k order "$D/engagement.csv"
}

@test "ingest: every raw export of vawg-synth --all reconciles with its manifest" {
	command -v vawg-synth >/dev/null || skip "vawg-synth is not built"
	vawg-synth --all ds --seed 7 --scale 0.1 --end 2026-10
	# Planted future dates are 30 to 700 days after the extract day,
	# 2026-10-01; real dates are on or before it.
	while IFS=, read -r file kind rows bad; do
		vawg-ingest --kind "$kind" --as-of 2026-10-01 \
			-r "rej-$kind.csv" -o "ing-$kind.csv" "ds/$file" \
			2>"err-$kind.txt"
		grep -q "read $rows, written $((rows - bad)), rejected $bad (read = written + rejected)" "err-$kind.txt"
	done < <("$PY" -c '
import csv
for r in csv.DictReader(open("ds/manifest.csv", newline="")):
    if r["file"].startswith("raw/"):
        print("%s,%s,%s,%s" % (r["file"], r["kind"], r["rows"], r["bad_rows"]))')
	# Reasons per file against the manifest's bad_reasons, and the rows
	# written against the canonical files: every column but the names
	# (which vawg-ingest tidies and vawg-synth leaves as typed) equal.
	"$PY" - <<'EOF2'
import csv, collections, re, sys
names = {"impossible_date": "impossible date",
         "future_date": "date after the as-of date",
         "bad_pnc_check": "wrong PNC check letter"}
keys = {"crime": ["crime_ref"], "wanted": ["wanted_ref"], "order": ["order_ref"],
        "marac": ["marac_ref"], "disclosure": ["dvds_ref"],
        "engagement": ["engagement_ref"], "population": ["area", "year"]}
fail = []
for m in csv.DictReader(open("ds/manifest.csv", newline="")):
    if not m["file"].startswith("raw/"):
        continue
    k = m["kind"]
    want = collections.Counter()
    for part in filter(None, m["bad_reasons"].split(";")):
        name, n = part.split("=")
        want[names[name]] += int(n)
    got = collections.Counter()
    for line in open("err-%s.txt" % k):
        r = re.match(r"vawg-ingest: rejected: [a-z_]+: (.*): (\d+)$", line.strip())
        if r:
            got[r.group(1)] += int(r.group(2))
    if got != want:
        fail.append("%s: reasons %s, manifest %s" % (k, dict(got), dict(want)))
    key = keys[k]
    can = {tuple(r[c] for c in key): r
           for r in csv.DictReader(open("ds/canonical/%s.csv" % k, newline=""))}
    n = 0
    for r in csv.DictReader(open("ing-%s.csv" % k, newline="")):
        c = can[tuple(r[x] for x in key)]
        for col, v in c.items():
            if col in r and not re.search(r"_(forename|surname)$", col) and r[col] != v:
                fail.append("%s %s %s differs" % (k, key, col))
        n += 1
    if n != int(m["rows"]) - int(m["bad_rows"]):
        fail.append("%s: %d rows written" % (k, n))
if fail:
    sys.exit("\n".join(fail[:20]))
EOF2
	# The rejects hold exactly the planted rows, plus their header.
	for k in crime wanted order marac disclosure engagement; do
		bad=$(grep -c . "rej-$k.csv")
		[ "$bad" -ge 1 ]
	done
}
