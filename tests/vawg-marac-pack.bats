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
	run -64 vawg-marac-pack --cases "$D/cases.csv" --threshold x
	run -64 vawg-marac-pack --cases "$D/cases.csv" --grey -1
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
	# Brian as suspect: C1, C2 (spelt "Bryan", same surname and DOB),
	# C3 (PNC ID, name given as "B").  As victim: C5.
	[ "$(get s.csv marac_ref M-001 perpetrator_da_as_suspect)" = 3 ]
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
	# C8: Frank Green's name and DOB, but another PNC ID: the weight
	# falls below the threshold (0), within the grey zone.
	[ "$(rows f.csv marac_ref=M-003 record_ref=C8 match=possible \
		match_basis=forename:exact+surname:exact+dob:exact)" = 1 ]
	run -0 "$PY" -c 'import csv, sys
w = [float(r["match_weight"]) for r in csv.DictReader(open("f.csv"))
     if r["record_ref"] == "C8"]
sys.exit(not (len(w) == 1 and -4 <= w[0] < 0))'
	# With no grey zone it is not listed at all; with a threshold
	# below its weight it is confirmed and counted.
	all_sources --grey 0 -o /dev/null --findings f0.csv
	[ "$(rows f0.csv record_ref=C8)" = 0 ]
	all_sources --threshold -1 -o s1.csv
	[ "$(get s1.csv marac_ref M-003 perpetrator_da_as_suspect)" = 1 ]
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
	# The basis names the fields that agreed and how.
	[ "$(rows f.csv marac_ref=M-001 subject=perpetrator record_ref=C3 \
		match_basis=forename:initial+surname:exact+pnc:exact \
		record_forename=B)" = 1 ]
	[ "$(rows f.csv marac_ref=M-001 subject=perpetrator record_ref=C2 \
		match_basis=forename:jw80+surname:exact+dob:exact \
		record_forename=Bryan)" = 1 ]
	[ "$(rows f.csv marac_ref=M-001 subject=victim record_ref=C2 \
		record_surname=SMITH match=confirmed)" = 1 ]
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
	# I3: no id on the record: compared, name and DOB agree.
	[ "$(rows f.csv subject=victim record_ref=I3 match=confirmed \
		match_basis=forename:exact+surname:exact+dob:exact)" = 1 ]
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

@test "marac-pack: every output file is 0600, or --mode" {
	all_sources -o s.csv --findings f.csv --html out --audit a.csv
	[ "$(file_mode s.csv)" = 600 ]
	[ "$(file_mode f.csv)" = 600 ]
	[ "$(file_mode out/M-001.html)" = 600 ]
	[ "$(file_mode out)" = 700 ]
	[ "$(file_mode a.csv)" = 600 ]
	mkdir m && cd m
	(umask 022 && all_sources -o s.csv --html out --audit a.csv --mode 640)
	[ "$(file_mode s.csv)" = 640 ]
	[ "$(file_mode out/index.html)" = 640 ]
	[ "$(file_mode out)" = 750 ]
	[ "$(file_mode a.csv)" = 640 ]
}

@test "marac-pack: -o and --summary both get the summary" {
	all_sources -o s1.csv --summary s2.csv
	cmp s1.csv s2.csv
	[ "$(get s1.csv marac_ref M-001 repeat_marac)" = Y ]
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
	# The other sources are still packed; the exit status says one was
	# missing, and so does the audit line (no SHA-256).
	run -66 vawg-marac-pack --cases "$D/cases.csv" --crimes nope.csv \
		--orders "$D/orders.csv" -o s.csv --audit a.csv
	[[ "$output" == *"nope.csv: No such file or directory"* ]]
	[ "$(get s.csv marac_ref M-001 orders_in_force)" = 2 ]
	[ "$(get a.csv crimes_file nope.csv crimes_sha256)" = "" ]
	mkdir adir
	run -66 vawg-marac-pack --cases "$D/cases.csv" --crimes adir
	[[ "$output" == *"adir: Is a directory"* ]]
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

@test "marac-pack: precision and recall against vawg-synth's ground truth" {
	# vawg-synth --all writes a BCU's data with <role>_true_id columns;
	# the truth is every record (by the pack's date rules: dated on or
	# before the meeting, this MARAC itself left out) whose true id is a
	# case person's.  Pooled over four seeds for a steadier figure.
	for s in 1 2 3 4; do
		vawg-synth --all "ds$s" --seed "$s"
		c="ds$s/canonical"
		vawg-marac-pack --cases "ds$s/marac-list.csv" --crimes "$c/crime.csv" \
			--orders "$c/order.csv" --wanted "$c/wanted.csv" \
			--disclosures "$c/disclosure.csv" --marac "$c/marac.csv" \
			--lookback all --findings "f$s.csv" -o /dev/null
	done
	run -0 "$PY" - <<'EOF2'
import csv
src = {
    'crime': ('crime_ref', ['victim', 'suspect'], ['committed_date', 'reported_date']),
    'order': ('order_ref', ['respondent', 'protected'], ['granted_date', 'applied_date']),
    'wanted': ('wanted_ref', ['person'], ['wanted_date']),
    'disclosure': ('dvds_ref', ['applicant', 'subject'], ['received_date', 'decision_date']),
    'marac': ('marac_ref', ['victim', 'perpetrator'], ['referral_date', 'meeting_date']),
}
truth, found = set(), set()
for seed in (1, 2, 3, 4):
    ds = f'ds{seed}'
    cases = list(csv.DictReader(open(f'{ds}/marac-list.csv', newline='')))
    who = {}  # true id -> [(case, subject)]
    for c in cases:
        for subj in ('victim', 'perpetrator'):
            if c[subj + '_true_id']:
                who.setdefault(c[subj + '_true_id'], []).append((c, subj))
    for kind, (key, roles, dates) in src.items():
        for r in csv.DictReader(open(f'{ds}/canonical/{kind}.csv', newline='')):
            d = next((r[c] for c in dates if r.get(c)), '')
            for role in roles:
                for c, subj in who.get(r.get(role + '_true_id'), []):
                    if d and d > c['meeting_date']:
                        continue
                    if kind == 'marac' and r[key] == c['marac_ref']:
                        continue
                    truth.add((seed, c['marac_ref'], subj, kind, r[key], role))
    for r in csv.DictReader(open(f'f{seed}.csv', newline='')):
        if r['match'] == 'confirmed':
            found.add((seed, r['marac_ref'], r['subject'], r['source'],
                       r['record_ref'], r['role_in_record']))
ok = len(found & truth)
p, r = ok / len(found), ok / len(truth)
print(f'precision {p:.3f} recall {r:.3f} ({ok} of {len(found)} found '
      f'correct, {len(truth)} true)')
assert len(truth) > 100 and p >= 0.95 and r >= 0.95
EOF2
	echo "# $output" >&3
}

# absent VALUES... -- FILE...: prints each value found in a file's bytes
# (as written, or HTML-escaped), nothing when none is.
absent() {
	"$PY" - "$@" <<'EOF2'
import html, sys
i = sys.argv.index('--')
values, files = sys.argv[1:i], sys.argv[i + 1:]
assert values and files
for f in files:
    data = open(f, 'rb').read()
    for v in values:
        forms = {v, html.escape(v), html.escape(v).replace('&#x27;', '&#39;')}
        if any(x.encode() in data for x in forms):
            print(f'{f}: {v}')
EOF2
}

@test "marac-pack: --redact victim_dob,perpetrator_dob hides those dates in record_dob and the pages" {
	# The dates of birth in the case list, read with Python.
	mapfile -t dobs < <("$PY" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    for c in ("victim_dob", "perpetrator_dob"):
        if r[c]: print(r[c])' "$D/cases.csv")
	[ "${#dobs[@]}" -ge 4 ]
	# Unredacted, they are in the findings and on the pages.
	all_sources --findings f0.csv -o s0.csv --html out0
	run -0 absent "${dobs[@]}" -- f0.csv out0/M-001.html
	[[ "$output" == *"f0.csv: 1990-02-03"* ]]
	[[ "$output" == *"M-001.html: 1985-05-06"* ]]
	all_sources --redact victim_dob,perpetrator_dob --findings f.csv \
	    -o s.csv --html out
	run -0 absent "${dobs[@]}" -- f.csv s.csv out/*.html
	[ "$output" = "" ]
	# record_dob is blank for every victim and perpetrator finding, and
	# the other record columns are kept.
	[ "$(rows f.csv record_dob=)" = "$(($(wc -l <f.csv) - 1))" ]
	[ "$(get f.csv record_ref C1 record_surname)" = Smith ]
	# A page says what it withheld, rather than leaving a blank.
	grep -q '<th>victim_dob</th><td>\[redacted\]</td>' out/M-001.html
	grep -q 'Anna Smith, dob \[redacted\]' out/M-001.html
}

@test "marac-pack: --redact by family: every role, record_* and the pages" {
	all_sources --redact name,dob --findings f.csv -o s.csv --html out
	"$PY" - "$D" <<'EOF2'
import csv, sys
d = sys.argv[1]
cases = list(csv.DictReader(open(f'{d}/cases.csv', newline='')))
summ = list(csv.DictReader(open('s.csv', newline='')))
for c, s in zip(cases, summ):
    for col in c:
        blank = col.split('_')[-1] in ('forename', 'surname', 'dob')
        assert (s[col] == '') if blank else (s[col] == c[col]), col
for r in csv.DictReader(open('f.csv', newline='')):
    for col in ('record_forename', 'record_surname', 'record_dob'):
        assert r[col] == '', (r['record_ref'], col)
    assert r['record_ref'] != ''
EOF2
	grep -q 'name \[redacted\], dob \[redacted\]' out/M-001.html
	grep -q '<td>\[redacted\]</td>' out/index.html
	run -1 grep -l -e Anna -e Brian -e Jones -e 1990-02-03 -r out
}

@test "marac-pack: the --html folder holds exactly the last run's pages" {
	all_sources --html out
	[ "$(ls out | wc -l)" = 4 ]
	# The partner copy into the same folder, of two of the cases.
	head -3 "$D/cases.csv" >two.csv
	vawg-marac-pack --cases two.csv --crimes "$D/crimes.csv" --html out \
	    --redact victim_forename,perpetrator_forename,record_forename
	[ "$(ls -A out | tr '\n' ' ')" = "M-001.html M-002.html index.html " ]
	run -1 grep -rl -e Anna -e Brian -e Carol out
	[ "$(file_mode out)" = 700 ]
	# Nothing left beside it.
	[ "$(ls -A | tr '\n' ' ')" = "out two.csv " ]
}

@test "marac-pack: an --html folder holding other files is refused, nothing changed" {
	all_sources --findings f.csv -o s.csv --html out --audit a.csv
	echo notes >out/notes.txt
	sha256sum f.csv s.csv a.csv out/* >sums
	run -73 all_sources --findings f.csv -o s.csv --html out --audit a.csv \
	    --as-of 2026-09-01
	[ "$output" = "vawg-marac-pack: out: holds 1 file that vawg-marac-pack did not write; not replaced (move it, or choose another --html folder)" ]
	sha256sum -c --quiet sums
	# A page-like file that is not one of ours counts too.
	rm out/notes.txt && echo '<p>mine</p>' >out/mine.html
	run -73 all_sources --html out
	[ "$(cat out/mine.html)" = "<p>mine</p>" ]
	rm out/mine.html && mkdir out/sub
	run -73 all_sources --html out
	[ -d out/sub ]
	rmdir out/sub
	: >file
	run -73 all_sources --html file
	[[ "$output" == *"file: not a folder"* ]]
	# Another output inside the folder would be swapped away with it.
	run -64 all_sources --html out --findings out/f.csv
	[[ "$output" == *"--findings out/f.csv is inside --html out"* ]]
	run -73 all_sources --html .
	[ "$(ls -A | tr '\n' ' ')" = "a.csv f.csv file out s.csv sums " ]
}

@test "marac-pack: a disk that fills up in the pages changes no output" {
	all_sources --findings f.csv -o s.csv --html out --audit a.csv
	sha256sum f.csv s.csv a.csv out/* >sums
	# A file size limit of 8 KiB: M-001.html (larger) cannot be written.
	run -74 bash -c 'trap "" XFSZ; ulimit -f 8; "$@"' sh \
	    vawg-marac-pack --cases "$D/cases.csv" --crimes "$D/crimes.csv" \
	    --orders "$D/orders.csv" --wanted "$D/wanted.csv" \
	    --disclosures "$D/disclosures.csv" --marac "$D/marac.csv" \
	    --findings f.csv -o s.csv --html out --audit a.csv \
	    --as-of 2026-09-01
	[[ "$output" == "vawg-marac-pack: out/M-001.html: write error: File too large" ]]
	sha256sum -c --quiet sums
	[ "$(ls -A | tr '\n' ' ')" = "a.csv f.csv out s.csv sums " ]
	[ "$(ls -A out | wc -l)" = 4 ]
}

@test "marac-pack: a killed run's staging folder is removed by the next run" {
	mkdir .out.tmp.999999999.AbCdEf
	echo '<p>by vawg-marac-pack</p>' >.out.tmp.999999999.AbCdEf/M-001.html
	all_sources --html out
	[ ! -e .out.tmp.999999999.AbCdEf ]
	[ "$(ls -A)" = out ]
}

@test "marac-pack: sources given as FIFOs are read once, never hang" {
	all_sources --findings f0.csv -o s0.csv
	run -0 timeout 60 vawg-marac-pack --cases <(cat "$D/cases.csv") \
	    --crimes <(cat "$D/crimes.csv") --orders <(cat "$D/orders.csv") \
	    --wanted <(cat "$D/wanted.csv") \
	    --disclosures <(cat "$D/disclosures.csv") \
	    --marac <(cat "$D/marac.csv") \
	    --engagement <(cat "$D/engagement.csv") --findings f.csv -o s.csv
	cmp f0.csv f.csv
	cmp s0.csv s.csv
}
