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
	assert_line --partial "read 10, written 5, rejected 5 (read = written + rejected)"
	assert_line --partial "1 blank lines skipped"
	assert_line --partial "4 lines converted to UTF-8 from cp1252"
	assert_line "vawg-ingest: rejected: reported_date: impossible date: 1"
	assert_line "vawg-ingest: rejected: record: fewer fields than the header: 1"
	# The wrong PNC check letter on line 6 costs the field, not the crime.
	assert_line "vawg-ingest: flagged: suspect_pnc:check_character: 1"
	assert_line --partial "crime-cp1252.csv: 1 written rows with field faults blanked"
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
	refute_output --partial "crime-cp1252.csv:6:"
	assert_line --partial "rejected 5"
}

@test "ingest: --strict-fields rejects a row for a field fault, as before" {
	run -0 vawg-ingest -k crime $ASOF --strict-fields -r rej.csv -o out.csv \
		"$D/crime-cp1252.csv"
	assert_line --partial "read 10, written 4, rejected 6 (read = written + rejected)"
	assert_line "vawg-ingest: rejected: suspect_pnc: wrong PNC check letter: 1"
	refute_output --partial "flagged:"
	# The rejected record is the input's two lines, byte for byte.
	"$PY" - "$D/crime-cp1252.csv" rej.csv <<'EOF'
import sys
src, rej = sys.argv[1], sys.argv[2]
lines = open(src, "rb").read().split(b"\r\n")
want = b"\r\n".join(lines[5:7]) + b";" + src.encode() + \
    b";6;suspect_pnc: wrong PNC check letter\r\n"
got = open(rej, "rb").read()
if want not in got:
    sys.exit("line 6 is not in the rejects:\n%r" % got)
EOF
	run grep -c '^4201004/23,' out.csv
	assert_output 0
	run -1 vawg-ingest -k crime $ASOF --strict-fields "$D/crime-cp1252.csv"
	assert_line --partial "crime-cp1252.csv:6: suspect_pnc: wrong PNC check letter"
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
	assert_line "A2,2026-11-27,,,8N,,violence_with_injury,N,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,pending,,,,,,"
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
	run -0 vawg-ingest -k wanted -o out.csv "$D/wanted-bom.csv"
	assert_line "vawg-ingest: flagged: da_flag:unknown_value: 1"
	cat >want.csv <<'EOF'
wanted_ref,person_forename,person_surname,person_dob,person_pnc,person_cro,person_nino,person_other_id,person_postcode,person_sex,person_phone,person_email,offence_code,offence_desc,offence_group,da_flag,high_harm,forensic_live,wanted_date,arrest_date,bcu,borough,ward,person_title,quality_flags
W0001,John,"Smith, Jr",1980-06-03,1979/0163001B,,,,,M,,,8N,"Assault, with injury",violence_with_injury,Y,Y,N,2024-01-05,,NA,Haringey,,,
W0002,Pádraig,Ó Súilleabháin,1975-07-15,,,,,,M,,,8L,Harassment (repeat),harassment,N,N,N,2024-02-05,2024-02-10,NA,Enfield,,,
W0003,Tom,Jones,1970-01-01,,,,,,,,,8N,Assault,violence_with_injury,,N,N,2024-02-05,,NA,Enfield,,,da_flag:unknown_value
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
order_ref,order_type,respondent_forename,respondent_surname,respondent_dob,respondent_pnc,respondent_cro,respondent_nino,respondent_other_id,respondent_postcode,respondent_phone,respondent_email,protected_forename,protected_surname,protected_dob,protected_phone,protected_email,applied_date,decision,granted_date,expiry_date,breach_count,bcu,borough,pnc_upload_date,respondent_title,protected_title,quality_flags
SPO-1,SPO,Adam,Black,1979-03-02,,,,,,,,Eve,White,,,,2024-06-01,granted,2024-06-15,2026-06-14,2,,Haringey,,,,
DVPO-2,DVPO,Bob,Grey,,,,,,,,,Cat,Green,,,,2024-07-03,pending,,,,,Enfield,,,,
NMO-3,NMO,Dan,Brown,,,,,,,,,Fay,Red,,,,2024-07-04,,,,,,Enfield,,,,decision:unknown_value;breach_count:format
EOF
	diff out.csv want.csv
	[ "$(wc -l <rej.tsv)" -eq 1 ]
	run -0 vawg-ingest -k order -m "$D/order.map" --strict-fields -r rej.tsv \
		-o out.csv "$D/order-tab.tsv"
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
	assert_line --regexp '^crime_ref,.*,suspect_title,quality_flags,Zeta,Alpha$'
	assert_line --regexp '^A1,2023-01-01,,,19C,,rape,Y,.*,z,a$'
}

@test "ingest: --aliases lists the spellings" {
	run -0 vawg-ingest -k crime --aliases
	assert_line --regexp '^crime_ref: \(required\) crimeref .*crimereference'
	assert_line --regexp '^victim_forename: victimforename .*ipforename'
}

@test "ingest: pipe-delimited MARAC list; DASH score range" {
	run -0 vawg-ingest -k marac $ASOF "$D/marac-pipe.csv"
	assert_line "M1,2026-09-02,2026-09-10,Ann,Lee,1990-01-01,N17 9AA,,,Ben,Cole,1988-02-02,2002/0073319Z,,,,,,17,high,visible_high_risk,police,Haringey,,,"
	assert_line "M2,2026-09-03,2026-09-10,Cara,Diaz,,,,,Dev,Evans,,,,,,,,,standard,professional_judgement,idva,Enfield,,,dash_score:out_of_range"
	run -1 vawg-ingest -k marac $ASOF --strict-fields "$D/marac-pipe.csv"
	assert_line --partial "marac-pipe.csv:3: dash_score: not a DASH score (0 to 27)"
}

@test "ingest: disclosure routes, channels and decisions" {
	run -0 vawg-ingest -k disclosure $ASOF "$D/disclosure.csv"
	assert_line "D1,ask,portal,2026-08-01,2026-08-20,disclose,Gail,Hart,,,,Ian,Jack,1985-05-05,,,,,,,Haringey,,,,"
	assert_line "D2,know,other,2026-08-02,,,,,,,,Kim,Lowe,,,,,,,,Enfield,,,,"
	assert_line "D3,ask,portal,2026-08-03,2026-08-04,no_disclose,Amy,Bell,,,,Carl,Dunn,,,,,,,,Enfield,,,,"
	assert_line "D4,,other,2026-08-05,,,,,,,,Max,Nash,,,,,,,,Haringey,,,,route:unknown_value"
	run -1 vawg-ingest -k disclosure $ASOF --strict-fields "$D/disclosure.csv"
	assert_line --partial "disclosure.csv:5: route: not ask or know"
}

@test "ingest: engagement types as slugs, population numbers" {
	run -0 vawg-ingest -k engagement $ASOF "$D/engagement.csv"
	assert_line "E1,2026-10-12,walk_and_talk,NA,Haringey,Bruce Grove,N17 6RD,,,,,N17,N17 6,poor_lighting,reported_to_council,open,"
	run -1 vawg-ingest -k population "$D/population.csv"
	assert_line "Haringey,2021,264200,110000,"
	assert_line "Enfield,2021,330000,,"
	assert_line --partial "population.csv:4: year: not a year"
}

@test "ingest: names cleaned, honorifics to their own column" {
	printf 'crime_ref,reported_date,offence_code,victim_forename,victim_surname,suspect_title,suspect_forename,suspect_surname\nA1,2023-01-01,8N,  MRS.   mary  ann ,mcdonald-O'"'"'NEILL,,DR john,macdonald\nA2,2023-01-01,8N,ann,smith,Mr,dr bob,BLACK\n' >f.csv
	run -0 vawg-ingest -k crime f.csv
	assert_line --regexp '^A1,.*,Mary Ann,McDonald-O'"'"'Neill,.*,John,MacDonald,.*,Mrs,Dr,$'
	# A title column of the source wins over one found in the name.
	assert_line --regexp '^A2,.*,Ann,Smith,.*,Bob,Black,.*,,Mr,$'
}

@test "ingest: identifiers normalised and checked" {
	printf 'crime_ref,reported_date,offence_code,victim_pnc,victim_postcode,suspect_pnc\nA1,2023-01-01,8N,20030011985X,ec1a1bb,033Y\nA2,2023-01-01,8N,1923/1Z34567A,,\nA3,2023-01-01,8N,,N17,\n' >f.csv
	run -0 vawg-ingest -k crime f.csv
	assert_line --regexp '^A1,.*,2003/0011985X,,,,EC1A 1BB,.*,2003/0000003Y,.*,$'
	assert_line --regexp '^A2,2023-01-01,,,8N,.*,victim_pnc:format$'
	assert_line --regexp '^A3,2023-01-01,,,8N,.*,victim_postcode:format$'
	run -1 vawg-ingest -k crime --strict-fields f.csv
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
	assert_line --regexp '^A1,2023-01-01,,,8N,,stalking,Y,.*,1,,no_suspect,,,,,,$'
	assert_line --regexp '^A2,2023-01-01,,,19C,,other,N,.*,1,,no_suspect,,,,,,$'
	run -0 vawg-ingest -k crime f.csv
	assert_line --regexp '^A1,.*,violence_with_injury,N,.*,1,,charge_summons,,,,,,$'
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
	printf 'crime_ref,reported_date,offence_code\nA1,2023-01-01,8N,,\nA2,2023-01-01,8N,x\nA3,2023-01-01,"8"N\nA4,2023-01-01,8N\n' >f.csv
	run -0 vawg-ingest -k crime -r rej.csv f.csv
	assert_line --regexp '^A1,'
	assert_line --regexp '^A4,'
	assert_line --partial "read 4, written 2, rejected 2"
	run grep -c . rej.csv
	assert_output 3
	run grep -F 'A3,2023-01-01,"8"N,f.csv,4,record: text after a closing quote' rej.csv
	[ "$status" -eq 0 ]
}

# py_col FILE COL: column COL of FILE, one value a line (newlines in a
# value shown as \n), as Python's csv module reads the file.
py_col() {
	$PY - "$@" <<'PY'
import csv, sys
rows = csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))
for r in rows:
    print(r[sys.argv[2]].replace("\r", "\\r").replace("\n", "\\n"))
PY
}

@test "ingest: a quote inside an unquoted field is text, as Python reads it" {
	printf 'crime_ref,reported_date,offence_code,notes\nA1,2023-01-01,8N,say "hi" now\nA2,2023-01-01,8N,6'"'"' 2"\nA3,2023-01-01,8N,b"c\nA4,2023-01-01,8N,"quoted ""as usual"""\n' >f.csv
	py_col f.csv notes >want.txt
	run -0 vawg-ingest -k crime -o out.csv f.csv
	assert_output --partial "read 4, written 4, rejected 0"
	py_col out.csv notes >got.txt
	cmp want.txt got.txt
	[ "$(wc -l <got.txt)" -eq 4 ]
}

@test "ingest: CR-only line ends (old Mac exports) are line ends" {
	printf 'crime_ref,reported_date,offence_code,notes\rA1,2023-01-01,8N,"two\rlines"\rA2,2023-01-01,8N,x\rA3,2023-01-02,8N,y\r' >mac.csv
	n=$($PY -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=""))) - 1)' mac.csv)
	[ "$n" -eq 3 ]
	run -0 vawg-ingest -k crime -o out.csv mac.csv
	assert_output --partial "read $n, written $n, rejected 0"
	py_col mac.csv crime_ref >want.txt
	py_col out.csv crime_ref >got.txt
	cmp want.txt got.txt
	py_col mac.csv notes >want.txt
	py_col out.csv notes >got.txt
	cmp want.txt got.txt
}

@test "ingest: a NUL or bad UTF-8 in a multi-line quoted field rejects that record only" {
	head='crime_ref,reported_date,offence_code,notes'
	bad1='A1,2023-01-01,8N,"one\ntwo \0 three\nA8,2023-01-01,8N,x"'
	good2='A2,2023-01-01,8N,"fine\nA7,2023-01-01,8N,y"'
	bad3='A3,2023-01-01,8N,"\xff\xfe\nA9,2023-01-01,8N,z"'
	good4='A4,2023-01-01,8N,ok'
	printf "$head\n$bad1\n$good2\n$bad3\n$good4\n" >f.csv
	# Records as Python's csv module counts them (bytes read as Latin-1).
	n=$($PY -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="latin-1"))) - 1)' f.csv)
	[ "$n" -eq 4 ]
	run -0 vawg-ingest --encoding utf-8 -k crime -r rej.csv -o out.csv f.csv
	assert_output --partial "read $n, written 2, rejected 2"
	printf "$head,reject_file,reject_line,reject_reasons\n$bad1,f.csv,2,record: NUL byte\n$bad3,f.csv,7,record: cannot convert the line's encoding\n" >want.csv
	cmp want.csv rej.csv
	py_col out.csv crime_ref >got.txt
	printf 'A2\nA4\n' >want.txt
	cmp want.txt got.txt
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
	assert_line --regexp '^,2016-01-01,,,,Anti-social behaviour,anti_social_behaviour,,,,Camden,,,E01000914,'
}

@test "ingest: police.uk street file with CRLF line ends gives the same rows" {
	src="$D/2016-01-city-of-london-street.csv"
	sed 's/$/\r/' "$src" >crlf.csv
	vawg-ingest --profile police-uk-street $ASOF -o a.csv "$src"
	vawg-ingest --profile police-uk-street $ASOF -o b.csv crlf.csv
	cmp a.csv b.csv
}

@test "ingest: police.uk outcomes file: one row per crime, every row reconciles" {
	src="$D/2016-01-city-of-london-outcomes.csv"
	U="$TOP/tests/data/vawg-stats/ukp-outcomes.py"
	run -0 vawg-ingest --profile police-uk-outcomes $ASOF -o out.csv "$src"
	n=$("$PY" -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], newline=""))))' "$src")
	crimes=$("$PY" "$U" count "$src" | cut -d, -f1)
	[ "$crimes" -lt "$n" ]
	assert_line --partial "read $n, kept $n, rejected 0 (read = kept + rejected)"
	assert_line --partial "$n rows kept, $crimes written, one per Crime ID ($((n - crimes)) repeated"
	# One row per Crime ID, each with the outcome Python chooses.
	[ "$(pycount out.csv crime_ref | sed 1d | cut -f2 | sort -u)" = 1 ]
	"$PY" "$U" chosen "$src" | sort >want.txt
	"$PY" -c 'import csv,sys; [print(r["outcome_desc"]) for r in csv.DictReader(open(sys.argv[1], newline=""))]' out.csv | sort >got.txt
	diff got.txt want.txt
	# Every outcome category is in the table: none is "unknown".
	run grep -c ',unknown,' out.csv
	assert_output 0
	# --every-outcome writes every row as published.
	run -0 vawg-ingest --profile police-uk-outcomes --every-outcome $ASOF -o all.csv "$src"
	assert_line --partial "read $n, written $n, rejected 0"
	"$PY" - "$src" >want.txt <<'EOF'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
c = collections.Counter(r["Outcome type"] for r in rows)
print(len(rows))
for k in sorted(c):
    print("%s\t%d" % (k, c[k]))
EOF
	pycount all.csv outcome_desc >got.txt
	diff got.txt want.txt
	run -64 vawg-ingest --profile police-uk-street --every-outcome "$src"
}

@test "ingest: police.uk outcomes over several files: the latest month, a charge stays a charge" {
	src="$D/2016-01-city-of-london-outcomes.csv"
	U="$TOP/tests/data/vawg-stats/ukp-outcomes.py"
	"$PY" "$U" later "$src" later.csv
	run -0 vawg-ingest --profile police-uk-outcomes $ASOF -o out.csv "$src" later.csv
	crimes=$("$PY" "$U" count "$src" later.csv | cut -d, -f1)
	[ "$(($(wc -l <out.csv) - 1))" -eq "$crimes" ]
	"$PY" "$U" chosen "$src" later.csv | sort >want.txt
	"$PY" -c 'import csv,sys; [print(r["outcome_desc"]) for r in csv.DictReader(open(sys.argv[1], newline=""))]' out.csv | sort >got.txt
	diff got.txt want.txt
	# Both months are in the output (a later outcome moves its crime).
	[ "$(grep -c ',2016-02-01,' out.csv)" -gt 0 ]
	# The same with the files the other way round.
	vawg-ingest --profile police-uk-outcomes $ASOF -o rev.csv later.csv "$src" 2>/dev/null
	"$PY" -c 'import csv,sys; [print(r["outcome_desc"]) for r in csv.DictReader(open(sys.argv[1], newline=""))]' rev.csv | sort >got.txt
	diff got.txt want.txt
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
	# 2026-10-01; real dates are on or before it.  Planted bad PNC check
	# letters are field faults: those rows are kept, flagged.  Planted
	# bad key dates are record faults: those rows are rejected.
	"$PY" - "$DATA" >expect.csv <<'EOF2'
import csv, datetime, sys
sys.path.insert(0, sys.argv[1])
from raw_rows import rows as rows_of
# Each raw file is read and checked here, independently of vawg-ingest:
# the key date of each kind, every other date, every PNC ID's check letter.
KEY = {"crime": "Date Reported", "wanted": "Date Circulated",
       "order": "Date Applied", "marac": "Date Referred",
       "disclosure": "Date Received", "engagement": "Date"}
AHEAD = {"Expiry Date", "Meeting Date"}
ASOF = datetime.date(2026, 10, 1)
LETTERS = "ZABCDEFGHJKLMNPQRTUVWXY"

def date_fault(v):
    v = v.strip()
    if not v:
        return None
    try:
        d = datetime.datetime.strptime(v, "%d/%m/%Y").date()
    except ValueError:
        return "impossible_date"
    return "future_date" if d > ASOF else None

def pnc_fault(v):
    v = v.strip()
    if not v:
        return None
    # YYYY/NNNNNNNL, YY/N...L, or 11 digits and the letter (FACTS 3.1).
    if "/" in v:
        y, rest = v.split("/")
    else:
        y, rest = v[:4], v[4:]
    yy, serial = int(y) % 100, int(rest[:-1])
    return None if LETTERS[(yy * 10**7 + serial) % 23] == rest[-1].upper() else "check_character"

print("file,kind,rows,rejected,flagged,check_character,refs_flagged")
for m in csv.DictReader(open("ds/manifest.csv", newline="")):
    if not m["file"].startswith("raw/"):
        continue
    table = rows_of("ds/" + m["file"], m)   # CSV or the .xlsx export
    rows = [dict(zip(table[0], r)) for r in table[1:]]
    k = m["kind"]
    rejected = flagged = pnc = 0
    refs = []
    for r in rows:
        if k in KEY and date_fault(r[KEY[k]]):
            rejected += 1
            continue
        faults = []
        for col, v in r.items():
            if "PNC" in col and "Date" not in col:
                f = pnc_fault(v)
            elif ("Date" in col or "DOB" in col) and col not in AHEAD:
                f = date_fault(v)
            else:
                f = None
            if f:
                faults.append(f)
        if faults:
            flagged += 1
            pnc += faults.count("check_character")
            refs.append(list(r.values())[0] + "=" + "+".join(sorted(faults)))
    print("%s,%s,%d,%d,%d,%d,%s" % (m["file"], k, len(rows), rejected,
                                     flagged, pnc, " ".join(refs)))
EOF2
	# The independent count agrees with what vawg-synth says it planted.
	"$PY" - <<'EOF2'
import csv, collections, sys
exp = {r["file"]: r for r in csv.DictReader(open("expect.csv", newline=""))}
fail = []
for m in csv.DictReader(open("ds/manifest.csv", newline="")):
    if not m["file"].startswith("raw/"):
        continue
    planted = collections.Counter()
    for part in filter(None, m["bad_reasons"].split(";")):
        name, n = part.split("=")
        planted[name] += int(n)
    e = exp[m["file"]]
    if int(e["rejected"]) != planted["impossible_date"] + planted["future_date"]:
        fail.append("%s: %s bad key dates, planted %s" % (m["file"], e["rejected"], dict(planted)))
    if int(e["check_character"]) != planted["bad_pnc_check"]:
        fail.append("%s: %s bad PNC IDs, planted %s" % (m["file"], e["check_character"], dict(planted)))
if fail:
    sys.exit("\n".join(fail))
EOF2
	# The crimes with a planted bad PNC check letter exist, and are kept.
	[ "$(awk -F, '$2 == "crime" { print $6 }' expect.csv)" -gt 0 ]
	while IFS=, read -r file kind rows bad flagged pnc refs; do
		vawg-ingest --kind "$kind" --as-of 2026-10-01 \
			-r "rej-$kind.csv" -o "ing-$kind.csv" "ds/$file" \
			2>"err-$kind.txt"
		grep -q "read $rows, written $((rows - bad)), rejected $bad (read = written + rejected)" "err-$kind.txt"
		if [ "$flagged" -gt 0 ]; then
			grep -q ": $flagged written rows with field faults blanked" "err-$kind.txt"
		else
			! grep -q "flagged" "err-$kind.txt"
		fi
	done < <(tail -n +2 expect.csv)
	# Reasons per file against the independent count, the flags of each
	# kept row against its own faults, and the rows written against the
	# canonical files: every column but the names (which vawg-ingest
	# tidies and vawg-synth leaves as typed) and the blanked fields equal.
	"$PY" - <<'EOF2'
import csv, collections, re, sys
keys = {"crime": ["crime_ref"], "wanted": ["wanted_ref"], "order": ["order_ref"],
        "marac": ["marac_ref"], "disclosure": ["dvds_ref"],
        "engagement": ["engagement_ref"], "population": ["area", "year"]}
fail = []
for e in csv.DictReader(open("expect.csv", newline="")):
    k = e["kind"]
    rej = flg = 0
    for line in open("err-%s.txt" % k):
        r = re.match(r"vawg-ingest: rejected: [a-z_]+: (.*): (\d+)$", line.strip())
        if r:
            rej += int(r.group(2))
        r = re.match(r"vawg-ingest: flagged: ([a-z_]+):([a-z_]+): (\d+)$", line.strip())
        if r:
            flg += int(r.group(3))
            if r.group(2) == "check_character" and not r.group(1).endswith("_pnc"):
                fail.append("%s: %s" % (k, line.strip()))
    if rej != int(e["rejected"]):
        fail.append("%s: %d rejected by reason, expected %s" % (k, rej, e["rejected"]))
    want_flags = dict(x.split("=") for x in e["refs_flagged"].split())
    if flg != sum(len(v.split("+")) for v in want_flags.values()):
        fail.append("%s: %d flags counted, expected %s" % (k, flg, want_flags))
    key = keys[k]
    can = {tuple(r[c] for c in key): r
           for r in csv.DictReader(open("ds/canonical/%s.csv" % k, newline=""))}
    n = 0
    for r in csv.DictReader(open("ing-%s.csv" % k, newline="")):
        flags = [f.split(":") for f in filter(None, r["quality_flags"].split(";"))]
        got = "+".join(sorted(f[1] for f in flags))
        if got != want_flags.pop(r[key[0]], ""):
            fail.append("%s %s: quality_flags %r" % (k, r[key[0]], r["quality_flags"]))
        blanked = {f[0] for f in flags}
        c = can[tuple(r[x] for x in key)]
        for col, v in c.items():
            if col in blanked:
                if r[col] != "":
                    fail.append("%s %s %s not blanked" % (k, key, col))
                continue
            if col in r and not re.search(r"_(forename|surname)$", col) and r[col] != v:
                fail.append("%s %s %s differs" % (k, key, col))
        n += 1
    if want_flags:
        fail.append("%s: flagged rows not written: %s" % (k, want_flags))
    if n != int(e["rows"]) - int(e["rejected"]):
        fail.append("%s: %d rows written" % (k, n))
if fail:
    sys.exit("\n".join(fail[:20]))
EOF2
	# The rejects hold exactly the rows with a bad key date, plus their header.
	for k in crime wanted order marac disclosure engagement; do
		bad=$(awk -F, -v k="$k" '$2 == k { print $4 }' expect.csv)
		[ "$(grep -c . "rej-$k.csv")" -ge $((bad + 1)) ]
	done
}

@test "ingest: a source quality_flags column is added to, never doubled; no value on stderr" {
	printf 'crime_ref,reported_date,offence_code,suspect_pnc,victim_postcode,Quality Flags\nA1,2023-01-01,8N,2003/0011985A,N17,source:legacy\nA2,2023-01-01,8N,2003/0011985X,,\nA3,2023-01-01,8N,,EC1A1BB,source:legacy\n' >f.csv
	run --separate-stderr -0 vawg-ingest -k crime -o out.csv f.csv
	[ "$(head -1 out.csv | tr , '\n' | grep -c '[Qq]uality')" -eq 1 ]
	"$PY" - out.csv <<'PYEOF'
import csv, sys
rows = {r["crime_ref"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
want = {"A1": "source:legacy;victim_postcode:format;suspect_pnc:check_character",
        "A2": "", "A3": "source:legacy"}
for ref, flags in want.items():
    if rows[ref]["quality_flags"] != flags:
        sys.exit("%s: %r" % (ref, rows[ref]["quality_flags"]))
if rows["A1"]["suspect_pnc"] or rows["A1"]["victim_postcode"]:
    sys.exit("faulty values not blanked")
PYEOF
	[[ "$stderr" == *"flagged: suspect_pnc:check_character: 1"* ]]
	[[ "$stderr" == *"flagged: victim_postcode:format: 1"* ]]
	[[ "$stderr" != *"0011985"* ]]
	[[ "$stderr" != *"N17"* ]]
}

@test "ingest: quality_flags passes through dedupe, stats, rank and xlsx" {
	printf 'crime_ref,reported_date,offence_code,suspect_forename,suspect_surname,suspect_pnc,outcome_code,outcome_date\nA1,2023-01-01,8N,Bob,Black,2003/0011985A,1,2023-02-01\nA2,2023-01-02,8N,Bob,Black,2003/0011985X,15,2023-02-01\n' >f.csv
	vawg-ingest -k crime -o in.csv f.csv
	vawg-dedupe --key crime_ref -o k.csv in.csv
	vawg-dedupe --role suspect -o p.csv k.csv
	for f in k.csv p.csv; do
		[ "$(head -1 "$f" | tr , '\n' | grep -c '^quality_flags$')" -eq 1 ]
		grep -q '^A1,.*,suspect_pnc:check_character' "$f"
	done
	# Both crimes still count: one charge of two outcomes.
	run -0 vawg-stats charge-rate --period all p.csv
	assert_line --regexp '^all,1,2,'
	run -0 vawg-rank p.csv
	vawg-xlsx -o w.xlsx p.csv
	"$PY" - w.xlsx <<'PYEOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
rows = list(ws.iter_rows(values_only=True))
i = rows[0].index("quality_flags")
if sorted(str(r[i] or "") for r in rows[1:]) != ["", "suspect_pnc:check_character"]:
    sys.exit(repr(rows))
PYEOF
}

# CRO check letters worked by hand (FACTS.md 3.2): int(YY + serial) mod 23
# in ZABCDEFGHJKLMNPQRTUVWXY, the serial padded to 6 digits except in the
# SF form: 91065656 mod 23 = 8 (H), 05482703 mod 23 = 9 (J), 08000777 mod
# 23 = 20 (W); 65085227 mod 23 = 11 (L), so 85227/65G is wrong.
@test "ingest: CRO numbers, phone numbers and email addresses are field faults; the record is kept" {
	cat >f.csv <<'EOF2'
Crime Ref,Date Reported,HO Code,Victim CRO,Victim Phone,Victim Email,Suspect CRO No,Suspect Mobile,Suspect E-mail
A1,2023-01-01,8N,65656/91H,+44 (0)20 7946 0001,Ann.Lee@Example.ORG,sf05/482703j,0044 7700-900123, bob@mail.example.co.uk 
A2,2023-01-01,8N,85227/65G,7700 900123,ann@@example.org,1234/19,(01632) 960 001,ann lee@example.org
A3,2023-01-01,8N,,01632 96000,ann@example,777/08W,07700 9001,@example.org
A4,2023-01-01,8N,,+44 7700 900124,X@Y.Z,,020 7946 000012,ann@.org
EOF2
	run --separate-stderr -0 vawg-ingest -k crime -o out.csv f.csv
	[[ "$stderr" == *"f.csv: read 4, written 4, rejected 0"* ]]
	[[ "$stderr" == *"flagged: victim_cro:check_character: 1"* ]]
	[[ "$stderr" == *"flagged: victim_phone:format: 1"* ]]
	[[ "$stderr" == *"flagged: victim_email:format: 2"* ]]
	[[ "$stderr" == *"flagged: suspect_cro:format: 1"* ]]
	[[ "$stderr" == *"flagged: suspect_phone:format: 2"* ]]
	[[ "$stderr" == *"flagged: suspect_email:format: 3"* ]]
	[[ "$stderr" != *"85227"* && "$stderr" != *"example"* && "$stderr" != *"7700"* ]]
	"$PY" - out.csv <<'PYEOF'
import csv, sys
rows = {r["crime_ref"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
cols = ["victim_cro", "victim_phone", "victim_email", "suspect_cro",
        "suspect_phone", "suspect_email", "quality_flags"]
want = {
    "A1": ["065656/91H", "02079460001", "Ann.Lee@example.org", "SF05/482703J",
           "07700900123", "bob@mail.example.co.uk", ""],
    "A2": ["", "", "", "", "01632960001", "",
           "victim_cro:check_character;victim_phone:format;victim_email:format;"
           "suspect_cro:format;suspect_email:format"],
    "A3": ["", "0163296000", "", "000777/08W", "", "",
           "victim_email:format;suspect_phone:format;suspect_email:format"],
    "A4": ["", "07700900124", "X@y.z", "", "", "",
           "suspect_phone:format;suspect_email:format"],
}
bad = ["%s %s: %r, want %r" % (ref, c, rows[ref][c], v)
       for ref, vals in want.items() for c, v in zip(cols, vals)
       if rows[ref][c] != v]
if bad:
    sys.exit("\n".join(bad))
PYEOF
	run -1 vawg-ingest -k crime --strict-fields f.csv
	assert_line --partial "f.csv:3: victim_cro: wrong CRO check letter; victim_phone: not a UK phone number; victim_email: not an email address; suspect_cro: not a CRO number; suspect_email: not an email address"
	assert_line --partial "f.csv: read 4, written 1, rejected 3"
}

@test "ingest: CRO, Tel and Email alone name the wanted person's" {
	printf 'Wanted Ref,Date Wanted,CRO,Tel,Email\nW1,2024-01-05,265416/21G,07700 900 125,w@Example.com\n' >w.csv
	run -0 vawg-ingest -k wanted w.csv
	assert_line --regexp '^wanted_ref,.*,person_cro,person_nino,person_other_id,person_postcode,person_sex,person_phone,person_email,'
	assert_line --regexp '^W1,,,,,265416/21G,,,,,07700900125,w@example.com,'
}

@test "ingest: --describe writes the kind's schema as CSV" {
	run -0 vawg-ingest --describe order
	assert_line --index 0 "column,type,required,role,field,key,key_date,period_date,link,values"
	assert_line "order_ref,key,Y,,,Y,N,N,,"
	assert_line "applied_date,date,N,,,N,Y,Y,,"
	assert_line "respondent_pnc,pnc,N,respondent,pnc,N,N,N,1,"
	assert_line "respondent_phone,phone,N,respondent,phone,N,N,N,1,"
	assert_line "protected_dob,date,N,protected,dob,N,N,N,,"
	assert_line "decision,order_decision,N,,,N,N,N,,granted|refused|withdrawn|pending"
	assert_line "quality_flags,quality_flags,N,,,N,N,N,,"
	# One line per canonical column, in the order ingest writes them.
	run -0 vawg-ingest --describe marac
	assert_line "marac_ref,key,Y,,,Y,N,N,,"
	assert_line "referral_date,date,Y,,,N,Y,N,,"
	assert_line "meeting_date,date_ahead,N,,,N,N,Y,,"
	assert_line "victim_dob,date,N,victim,dob,N,N,N,2,"
	assert_line "perpetrator_pnc,pnc,N,perpetrator,pnc,N,N,N,1,"
	printf 'marac_ref,referral_date\n' >h.csv
	vawg-ingest -k marac -o out.csv h.csv
	[ "$(vawg-ingest --describe marac | sed 1d | cut -d, -f1 | paste -sd,)" = "$(head -1 out.csv)" ]
	run -0 vawg-ingest --describe population
	assert_line "year,year,Y,,,N,Y,N,,"
	refute_output --regexp ',Y,[^,]*$'
	run -64 vawg-ingest --describe nosuchkind
	assert_output --partial "--describe: crime, wanted"
	run -74 bash -c "vawg-ingest --describe crime >/dev/full"
}

@test "ingest: coordinates without PROJ's data exit 70 naming the conversion; none needed, none made" {
	printf 'crime_ref,offence_code,reported_date,latitude,longitude\nC1,8L,2024-01-02,51.5,-0.1\n' >ll.csv
	PROJ_DATA=/nonexistent PROJ_LIB=/nonexistent run -70 vawg-ingest -k crime $ASOF -o out.csv ll.csv
	assert_output --partial "vawg-ingest: PROJ cannot convert EPSG:4326 to EPSG:27700 (is proj-data installed?)"
	[ ! -e out.csv ]
	# No coordinates in the rows: no conversion, no error.
	printf 'crime_ref,offence_code,reported_date,latitude,longitude\nC1,8L,2024-01-02,,\n' >no.csv
	PROJ_DATA=/nonexistent PROJ_LIB=/nonexistent run -0 vawg-ingest -k crime $ASOF -o out.csv no.csv
	[ -s out.csv ]
}
