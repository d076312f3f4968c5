#!/usr/bin/env bats
# End-to-end tests of vawg-marac-pack.  Expected figures are worked out by
# hand from the fixtures in tests/data/vawg-marac-pack (the working is in
# each test) and read back from our CSV with Python's csv module.
load helper

D="$DATA/vawg-marac-pack"

# get FILE KEYCOL KEY COL: the value of COL in the row whose KEYCOL is KEY.
get() {
	"$PY" - "$@" <<'EOF'
import csv, sys
path, keycol, key, col = sys.argv[1:5]
with open(path, newline='') as f:
    for row in csv.DictReader(f):
        if row[keycol] == key:
            print(row[col])
            break
    else:
        print('<no row>')
EOF
}

# rows FILE COND...: how many rows have every COL=VALUE in COND.
rows() {
	"$PY" - "$@" <<'EOF'
import csv, sys
path, conds = sys.argv[1], [c.split('=', 1) for c in sys.argv[2:]]
with open(path, newline='') as f:
    print(sum(all(r[k] == v for k, v in conds) for r in csv.DictReader(f)))
EOF
}

all_sources() {
	vawg-marac-pack --cases "$D/cases.csv" --crimes "$D/crimes.csv" \
		--orders "$D/orders.csv" --wanted "$D/wanted.csv" \
		--disclosures "$D/disclosures.csv" --marac "$D/marac.csv" \
		--engagement "$D/engagement.csv" "$@"
}

@test "marac-pack: --help and --version" {
	run -0 vawg-marac-pack --help
	[[ "$output" == usage:* ]]
	[[ "$output" == *--redact* ]]
	[[ "$output" == *Memory* ]]
	run -0 vawg-marac-pack --version
	[[ "$output" =~ ^vawg-marac-pack\ [0-9] ]]
}

@test "marac-pack: usage errors exit 64" {
	run -64 vawg-marac-pack
	[[ "$output" == *"--cases is required"* ]]
	run -64 vawg-marac-pack --cases "$D/cases.csv" --bogus
	run -64 vawg-marac-pack --cases "$D/cases.csv" --lookback 12
	run -64 vawg-marac-pack --cases "$D/cases.csv" --as-of 2026-02-30
	run -64 vawg-marac-pack --cases "$D/cases.csv" extra.csv
	run -64 vawg-marac-pack --cases "$D/cases.csv" --summary a -o b
	run -64 vawg-marac-pack --cases - --crimes -
	[[ "$output" == *usage:* ]]
}

@test "marac-pack: DA crimes as victim and as suspect, escalation, last incident" {
	all_sources -o s.csv
	# M-001 meeting 2026-09-10, 12-month lookback from 2025-09-11.
	# Anna as victim in DA crimes C1 (08-01), C2 (03-01), C3 (01-10);
	# C4 (2024) is before the lookback, C7 after the meeting: 3.
	[ "$(get s.csv marac_ref M-001 victim_da_as_victim)" = 3 ]
	# Anna as suspect in C5 (a counter-allegation): 1.
	[ "$(get s.csv marac_ref M-001 victim_da_as_suspect)" = 1 ]
	# Brian as suspect: C1 (PNC), C3 (PNC, name given as "B"); C2 has
	# "Bryan" and no PNC: not an exact match.  As victim: C5.
	[ "$(get s.csv marac_ref M-001 perpetrator_da_as_suspect)" = 2 ]
	[ "$(get s.csv marac_ref M-001 perpetrator_da_as_victim)" = 1 ]
	# Distinct DA crimes of either person: last 3 months (2026-06-11 ..
	# 09-10) C1; the 9 before (2025-09-11 .. 2026-06-10) C5, C2, C3.
	# Monthly rates 1/3 against 3/9: equal, not escalating.
	[ "$(get s.csv marac_ref M-001 da_last_3m)" = 1 ]
	[ "$(get s.csv marac_ref M-001 da_prev_9m)" = 3 ]
	[ "$(get s.csv marac_ref M-001 escalating)" = N ]
	[ "$(get s.csv marac_ref M-001 last_incident_date)" = 2026-08-01 ]
	# M-002: C6 (2026-07-01) only, in the last 3 months: escalating.
	[ "$(get s.csv marac_ref M-002 da_last_3m)" = 1 ]
	[ "$(get s.csv marac_ref M-002 da_prev_9m)" = 0 ]
	[ "$(get s.csv marac_ref M-002 escalating)" = Y ]
	# Sexual offences (C3 rape) and stalking/harassment (C2).
	[ "$(get s.csv marac_ref M-001 sexual_offences)" = 1 ]
	[ "$(get s.csv marac_ref M-001 stalking_harassment)" = 1 ]
	[ "$(get s.csv marac_ref M-002 stalking_harassment)" = 1 ]
	# DASH score passes through from the case list.
	[ "$(get s.csv marac_ref M-003 dash_score)" = 20 ]
}

@test "marac-pack: a victim who appears as a suspect is flagged" {
	all_sources --findings f.csv -o /dev/null
	[ "$(rows f.csv marac_ref=M-001 subject=victim record_ref=C5 \
		role_in_record=suspect 'note=victim recorded as suspect')" = 1 ]
	[ "$(rows f.csv marac_ref=M-001 subject=perpetrator record_ref=C5 \
		role_in_record=victim)" = 1 ]
}

@test "marac-pack: orders in force at the meeting date and their breaches" {
	all_sources -o s.csv --findings f.csv
	# O1 DVPO expired 2026-09-09, the day before the meeting: not in
	# force.  O2 SPO no expiry (2 breaches) and O3 NMO expiring on the
	# meeting day (1 breach) are; O4 was refused; O5 starts after.
	[ "$(get s.csv marac_ref M-001 orders_in_force)" = 2 ]
	[ "$(get s.csv marac_ref M-001 order_types_in_force)" = "NMO;SPO" ]
	[ "$(get s.csv marac_ref M-001 order_breaches)" = 3 ]
	[ "$(rows f.csv record_ref=O1 'note=in force')" = 0 ]
	[ "$(rows f.csv record_ref=O3 subject=perpetrator 'note=in force')" = 1 ]
	[ "$(rows f.csv record_ref=O5)" = 0 ]
	[ "$(get s.csv marac_ref M-002 orders_in_force)" = 0 ]
}

@test "marac-pack: wanted now and since when" {
	all_sources -o s.csv --findings f.csv
	# W1 open since 2026-07-01; W3 (by PNC) since 2026-05-01, arrested
	# only after the meeting; W2 arrested 2026-03-01.  Earliest open:
	# 2026-05-01.  Dave (W4) was arrested on the meeting day: not wanted.
	[ "$(get s.csv marac_ref M-001 perpetrator_wanted)" = Y ]
	[ "$(get s.csv marac_ref M-001 perpetrator_wanted_since)" = 2026-05-01 ]
	[ "$(get s.csv marac_ref M-001 victim_wanted)" = N ]
	[ "$(get s.csv marac_ref M-002 perpetrator_wanted)" = N ]
	[ "$(rows f.csv record_ref=W2 decision=arrested)" = 1 ]
}

@test "marac-pack: Clare's Law requests and disclosures" {
	all_sources -o s.csv
	# D1 (disclosed; Anna applicant, Brian subject: one request) and D2
	# (refused); D3 was received after the meeting.
	[ "$(get s.csv marac_ref M-001 clares_law_requests)" = 2 ]
	[ "$(get s.csv marac_ref M-001 clares_law_disclosures)" = 1 ]
}

@test "marac-pack: previous MARACs, repeat 11 months after but not 13" {
	all_sources -o s.csv --findings f.csv
	# M-001 referred 2026-09-01; Anna's last MARAC referral 2025-10-01,
	# 11 months before: a repeat.  This very MARAC in the file is left out.
	[ "$(get s.csv marac_ref M-001 previous_maracs)" = 1 ]
	[ "$(get s.csv marac_ref M-001 last_marac_date)" = 2025-10-01 ]
	[ "$(get s.csv marac_ref M-001 repeat_marac)" = Y ]
	[ "$(rows f.csv marac_ref=M-001 source=marac record_ref=M-001)" = 0 ]
	# M-002 referred 2026-08-20; Carol's last 2025-07-20, 13 months
	# before: a new referral, not a repeat.
	[ "$(get s.csv marac_ref M-002 previous_maracs)" = 1 ]
	[ "$(get s.csv marac_ref M-002 repeat_marac)" = N ]
	# Brian was the perpetrator at M-000A and M-000C (another victim).
	[ "$(get s.csv marac_ref M-001 perpetrator_previous_maracs)" = 2 ]
}

@test "marac-pack: possible matches are listed apart, never counted" {
	all_sources -o s.csv --findings f.csv
	# C8: Frank Green's name and DOB, but another PNC ID.
	[ "$(rows f.csv marac_ref=M-003 record_ref=C8 match=possible \
		'match_basis=name+dob;pnc_differs')" = 1 ]
	[ "$(get s.csv marac_ref M-003 perpetrator_da_as_suspect)" = 0 ]
	[ "$(get s.csv marac_ref M-003 possible_matches)" = 1 ]
	# Engagement at Anna's postcode (written "ab12cd") is possible.
	[ "$(rows f.csv marac_ref=M-001 source=engagement record_ref=E1 \
		match=possible match_basis=postcode)" = 1 ]
	[ "$(rows f.csv record_ref=E2)" = 0 ]
}

@test "marac-pack: findings columns, order and match basis" {
	all_sources -o /dev/null --findings f.csv
	run -0 head -1 f.csv
	[ "$output" = "marac_ref,subject,source,record_ref,date,role_in_record,offence_group,detail,decision,note,record_forename,record_surname,record_dob,record_pnc,match_weight,match_basis,match" ]
	[ "$(rows f.csv marac_ref=M-001 subject=perpetrator record_ref=C3 \
		match_basis=pnc record_forename=B)" = 1 ]
	[ "$(rows f.csv marac_ref=M-001 subject=victim record_ref=C2 \
		match_basis=name+dob record_surname=SMITH)" = 1 ]
	# Confirmed rows of a case come before its possible ones.
	run -0 "$PY" -c '
import csv
seen = {}
for r in csv.DictReader(open("f.csv")):
    if r["match"] == "confirmed" and seen.get(r["marac_ref"]):
        print("confirmed after possible"); break
    seen[r["marac_ref"]] = r["match"] == "possible"
'
	[ -z "$output" ]
}

@test "marac-pack: --lookback all and 24m, --as-of" {
	all_sources --lookback all -o s.csv
	# C4 (2024-01-10) now counts too.
	[ "$(get s.csv marac_ref M-001 victim_da_as_victim)" = 4 ]
	[ "$(get s.csv marac_ref M-001 lookback_from)" = "" ]
	all_sources --lookback 24m -o s.csv
	# 24 months back from 2026-09-10: from 2024-09-11, C4 still out.
	[ "$(get s.csv marac_ref M-001 lookback_from)" = 2024-09-11 ]
	[ "$(get s.csv marac_ref M-001 victim_da_as_victim)" = 3 ]
	all_sources --as-of 2026-09-09 -o s.csv
	# O1 expires on 2026-09-09: in force on that day.
	[ "$(get s.csv marac_ref M-001 as_of)" = 2026-09-09 ]
	[ "$(get s.csv marac_ref M-001 orders_in_force)" = 3 ]
	[ "$(get s.csv marac_ref M-001 order_types_in_force)" = "DVPO;NMO;SPO" ]
}

@test "marac-pack: person ids decide where both sides carry one" {
	vawg-marac-pack --cases "$D/cases-ids.csv" --crimes "$D/crimes-ids.csv" \
		--findings f.csv
	# I1: victim id P0000001 as in the case (name and DOB differ): id.
	[ "$(rows f.csv subject=victim record_ref=I1 match_basis=id)" = 1 ]
	# I2: same name and DOB but another id: no match.
	[ "$(rows f.csv subject=victim record_ref=I2)" = 0 ]
	# I3: no id on the record: name and DOB.
	[ "$(rows f.csv subject=victim record_ref=I3 match_basis=name+dob)" = 1 ]
	# The perpetrator has no id in the case list: I1, I2, I3 by name.
	[ "$(rows f.csv subject=perpetrator)" = 3 ]
}

@test "marac-pack: HTML pages validate, escape hostile values, safe names" {
	run -0 vawg-marac-pack --cases "$D/hostile.csv" --html out
	[ -f out/index.html ]
	# Sanitised names: no path out of DIR, no hidden file, no clash with
	# the index page (case-blind).
	[ -f "out/_script_alert_1___script_.html" ]
	[ -f "out/_._.._evil.html" ]
	[ -f "out/_hidden.html" ]
	[ -f "out/index-2.html" ]
	[ -f "out/INDEX-3.html" ]
	[ "$(ls -A out | wc -l)" = 6 ]
	[ ! -e evil.html ] && [ ! -e ../evil.html ]
	for f in out/*.html; do
		[ "$(file_mode "$f")" = 600 ]
		run -0 tidy -errors -q "$f"
	done
	[ "$(file_mode out)" = 700 ]
	run -1 grep -r '<script>' out
	run -1 grep -r '<b>bold' out
	grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' out/index.html
	grep -q 'O&#39;Brien &amp; &quot;Sons&quot;' out/_script_alert_1___script_.html
	grep -q '&lt;b&gt;bold&lt;/b&gt;' out/_script_alert_1___script_.html
	# Self-contained: no external references.
	run -1 grep -rE '(src|href)="(https?:|//)' out
	grep -q '@page{size:A4' out/index.html
}

@test "marac-pack: a page renders to PDF with headless Chromium" {
	command -v chromium >/dev/null ||
		skip "chromium is not installed (scripts/deps/marac.txt)"
	all_sources --html out
	run timeout 120 chromium --headless --no-sandbox --disable-gpu \
		--user-data-dir="$T/chromium" --print-to-pdf="$T/p.pdf" \
		"file://$T/out/M-001.html"
	[ -s p.pdf ]
	[ "$(head -c 5 p.pdf)" = "%PDF-" ]
}

@test "marac-pack: --redact blanks the named columns in every output" {
	all_sources --redact victim_forename,perpetrator_forename,record_forename \
		--redact perpetrator_pnc,record_pnc -o s.csv --findings f.csv \
		--html out
	[ "$(get s.csv marac_ref M-001 victim_forename)" = "" ]
	[ "$(get s.csv marac_ref M-001 perpetrator_pnc)" = "" ]
	[ "$(get s.csv marac_ref M-001 victim_surname)" = Smith ]
	[ "$(rows f.csv record_forename=)" = "$(($(wc -l <f.csv) - 1))" ]
	# Forenames and the PNC ID appear nowhere in any output.
	run -1 grep -rE 'Anna|Brian|Carol|2008/0056560Z' s.csv f.csv out
	# A column named in no output is refused before anything is written.
	run -64 all_sources --redact victim_forname -o s2.csv
	[[ "$output" == *"no column victim_forname"* ]]
	[ ! -e s2.csv ]
}

@test "marac-pack: --audit appends time, user, inputs with SHA-256, outputs" {
	all_sources -o s.csv --findings f.csv --html out --audit audit.csv
	vawg-marac-pack --cases - --crimes "$D/crimes.csv" --audit audit.csv \
		-o s2.csv <"$D/cases.csv"
	[ "$(file_mode audit.csv)" = 600 ]
	run -0 "$PY" - "$D" "$(id -un)" <<'EOF'
import csv, hashlib, sys, datetime
d, user = sys.argv[1], sys.argv[2]
rows = list(csv.DictReader(open('audit.csv')))
assert len(rows) == 2, rows
sha = lambda p: hashlib.sha256(open(p, 'rb').read()).hexdigest()
a, b = rows
t = datetime.datetime.strptime(a['time_utc'], '%Y-%m-%dT%H:%M:%SZ')
assert abs((datetime.datetime.utcnow() - t).total_seconds()) < 300
assert a['user'] == user and a['cases'] == '3' and a['lookback'] == '12m'
for k, f in [('cases', 'cases'), ('crimes', 'crimes'), ('orders', 'orders'),
             ('wanted', 'wanted'), ('disclosures', 'disclosures'),
             ('marac', 'marac'), ('engagement', 'engagement')]:
    assert a[k + '_file'] == f'{d}/{f}.csv', k
    assert a[k + '_sha256'] == sha(f'{d}/{f}.csv'), k
assert a['findings'] == 'f.csv' and a['summary'] == 's.csv'
assert a['html_dir'] == 'out' and a['html_pages'] == '4'
assert b['cases_file'] == '<stdin>' and b['cases_sha256'] == sha(f'{d}/cases.csv')
assert b['orders_file'] == '' and b['html_pages'] == '0'
print('ok')
EOF
	[ "$output" = ok ]
}

@test "marac-pack: every output file is 0600" {
	all_sources -o s.csv --findings f.csv --html out
	[ "$(file_mode s.csv)" = 600 ]
	[ "$(file_mode f.csv)" = 600 ]
	[ "$(file_mode out/M-001.html)" = 600 ]
}

@test "marac-pack: bad rows are rejected with file:line, --strict fails" {
	run -1 vawg-marac-pack --cases "$D/cases.csv" --crimes "$D/crimes-bad.csv" \
		--findings f.csv -o s.csv
	[[ "$output" == *"vawg-marac-pack: $D/crimes-bad.csv:3: bad date in committed_date"* ]]
	[[ "$output" == *"crimes-bad.csv:4: wrong number of fields"* ]]
	[[ "$output" != *Anna* ]]
	[ "$(rows f.csv marac_ref=M-001 subject=victim)" = 1 ]
	run -65 vawg-marac-pack --strict --cases "$D/cases.csv" \
		--crimes "$D/crimes-bad.csv" -o s2.csv
	[ ! -e s2.csv ]
}

@test "marac-pack: bad case lists and sources exit 65" {
	printf 'marac_ref,meeting_date\nM1,2026-09-10\nM2,10/09/2026\n' >c.csv
	run -65 vawg-marac-pack --cases c.csv
	[ "$output" = "vawg-marac-pack: c.csv:3: bad date in meeting_date" ]
	printf 'ref,meeting_date\nM1,2026-09-10\n' >c2.csv
	run -65 vawg-marac-pack --cases c2.csv
	[[ "$output" == *"c2.csv: no column marac_ref"* ]]
	printf 'ref,victim_surname\nX,Smith\n' >cr.csv
	run -65 vawg-marac-pack --cases "$D/cases.csv" --crimes cr.csv
	[[ "$output" == *"cr.csv: no column crime_ref"* ]]
	printf 'crime_ref,borough\nX,North\n' >cr2.csv
	run -65 vawg-marac-pack --cases "$D/cases.csv" --crimes cr2.csv
	[[ "$output" == *"no person columns"* ]]
}

@test "marac-pack: a missing input warns, goes on, exits 66" {
	run -66 vawg-marac-pack --cases nope.csv
	[[ "$output" == *"nope.csv: No such file or directory"* ]]
	run -66 vawg-marac-pack --cases "$D/cases.csv" --crimes nope.csv \
		--orders "$D/orders.csv" -o s.csv
	[[ "$output" == *"nope.csv: No such file or directory"* ]]
	[ ! -e s.csv ]
}

@test "marac-pack: a full disk exits 74" {
	run -74 all_sources -o /dev/full
	run -74 all_sources --findings /dev/full
}

@test "marac-pack: quoted commas, embedded newlines, CRLF and BOM" {
	vawg-marac-pack --cases "$D/cases.csv" --crimes "$D/crimes-crlf.csv" \
		--findings f.csv -o s.csv
	[ "$(rows f.csv record_ref=Q1 subject=victim)" = 1 ]
	[ "$(get f.csv record_ref Q1 detail)" = "Assault, with injury
second line" ]
	[ "$(get s.csv marac_ref M-001 victim_da_as_victim)" = 1 ]
}

@test "marac-pack: empty and header-only inputs" {
	: >empty.csv
	run -65 vawg-marac-pack --cases empty.csv
	[[ "$output" == *"empty.csv: empty case list"* ]]
	head -1 "$D/cases.csv" >hdr.csv
	run -0 vawg-marac-pack --cases hdr.csv --crimes "$D/crimes.csv" --html out
	[ -f out/index.html ]
	run -0 vawg-marac-pack --cases hdr.csv
	[ "${#lines[@]}" = 1 ]
	[[ "${lines[0]}" == marac_ref,*,possible_matches ]]
	head -1 "$D/crimes.csv" >chdr.csv
	run -0 vawg-marac-pack --cases "$D/cases.csv" --crimes chdr.csv \
		--crimes empty.csv
	[ "${#lines[@]}" = 4 ]
}
