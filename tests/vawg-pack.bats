#!/usr/bin/env bats
# End-to-end tests of vawg-pack --for marac|dvds|spo|nominal.  The
# hand-made sources (tests/data/vawg-pack) hold one couple, Jane Doe
# (1990-03-04) and Mark Jones (1985-07-12), spelt wrongly in places
# (Jayne, Marc, Jonnes), with a date of birth's day and month swapped
# (C2: 1985-12-07, O1: 1990-04-03), and decoys of the same or a similar
# name with another date of birth (C3, O2, W2: Mark Jones 1979-02-20,
# Jane Dowe 1971-10-30), among filler records of other people.  The
# expected findings are worked out by hand from the dates in the files.
load helper

D="$DATA/vawg-pack"

srcs() {
	echo --crimes "$D/crimes.csv" --orders "$D/orders.csv" \
		--wanted "$D/wanted.csv" --disclosures "$D/disclosures.csv" \
		--marac "$D/marac.csv"
}

# confirmed FILE: "subject source record_ref role" of each confirmed
# finding, sorted, one a line.
confirmed() {
	"$PY" - "$1" <<'EOF2'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], newline=''))
        if r['match'] == 'confirmed']
for r in sorted(' '.join((r['subject'], r['source'], r['record_ref'],
                          r['role_in_record'])) for r in rows):
    print(r)
EOF2
}

# rows FILE COND...: how many rows have every COL=VALUE in COND.
rows() {
	"$PY" - "$@" <<'EOF2'
import csv, sys
path, conds = sys.argv[1], [c.split('=', 1) for c in sys.argv[2:]]
with open(path, newline='') as f:
    print(sum(all(r[k] == v for k, v in conds) for r in csv.DictReader(f)))
EOF2
}

# dvds_with_filler: the crimes of standard input after the hard case's
# filler records, into crimes.csv; then the Clare's Law packs of
# cases.csv on them, findings into f.csv.
dvds_with_filler() {
	{ head -1 "$D/hard/crimes.csv"; grep '^F0' "$D/hard/crimes.csv"; cat; } \
		> crimes.csv
	vawg-pack --for dvds --cases cases.csv --crimes crimes.csv \
		--lookback all --findings f.csv -o /dev/null
}

# get FILE COL: COL of the first row.
get() {
	"$PY" -c 'import csv,sys; print(next(csv.DictReader(open(sys.argv[1], newline="")))[sys.argv[2]])' "$@"
}

@test "pack: --help, --version and usage errors" {
	run -0 vawg-pack --help
	[[ "$output" == *"--for PURPOSE"* ]]
	run -0 vawg-pack --version
	[[ "$output" =~ ^vawg-pack\ [0-9] ]]
	run -64 vawg-pack --cases "$D/cases-dvds.csv"
	[[ "$output" == *"--for is required"* ]]
	run -64 vawg-pack --for bogus --cases "$D/cases-dvds.csv"
	[[ "$output" == *"--for: not marac, dvds, spo or nominal"* ]]
	run -64 vawg-marac-pack --for dvds --cases "$D/cases-marac.csv"
	run -64 vawg-pack --for dvds
	run -65 vawg-pack --for nominal --cases "$D/rank.csv"
	[[ "$output" == *"no column as_of (or give --as-of)"* ]]
	run -65 vawg-pack --for spo --cases "$D/cases-dvds.csv"
	[[ "$output" == *"no column order_ref"* ]]
}

@test "pack: --for marac is vawg-marac-pack" {
	vawg-pack --for marac --cases "$D/cases-marac.csv" $(srcs) \
		--findings f1.csv -o s1.csv
	vawg-marac-pack --cases "$D/cases-marac.csv" $(srcs) \
		--findings f2.csv -o s2.csv
	cmp f1.csv f2.csv
	cmp s1.csv s2.csv
	# Meeting 2026-05-01: every record of the couple dated by then, the
	# decoys C3, O2, W2 left out, C4 (2026-06-01) too late.
	run -0 confirmed f1.csv
	[ "$output" = "perpetrator crime C1 suspect
perpetrator crime C2 suspect
perpetrator disclosure DV-0 subject
perpetrator disclosure DV-1 subject
perpetrator marac M-9 perpetrator
perpetrator order O1 respondent
perpetrator order SPO-1 respondent
perpetrator wanted W1 person
victim crime C1 victim
victim disclosure DV-0 applicant
victim disclosure DV-1 applicant
victim marac M-9 victim
victim order O1 protected
victim order SPO-1 protected" ]
}

@test "pack: dvds finds the subject and the applicant, not the decoy; the 28-day deadline" {
	vawg-pack --for dvds --cases "$D/cases-dvds.csv" $(srcs) \
		--findings f.csv -o s.csv
	# Received 2026-05-01: the application itself (DV-1) left out.
	run -0 confirmed f.csv
	[ "$output" = "applicant crime C1 victim
applicant disclosure DV-0 applicant
applicant marac M-9 victim
applicant order O1 protected
applicant order SPO-1 protected
subject crime C1 suspect
subject crime C2 suspect
subject disclosure DV-0 subject
subject marac M-9 perpetrator
subject order O1 respondent
subject order SPO-1 respondent
subject wanted W1 person" ]
	run -1 grep -E ',(C3|O2|W2),' f.csv
	[ "$(head -1 f.csv | cut -d, -f1-2)" = "dvds_ref,subject" ]
	# 2026-05-01 + 28 days; as of the received date, 28 days left.
	[ "$(get s.csv deadline_28_days)" = 2026-05-29 ]
	[ "$(get s.csv days_to_deadline)" = 28 ]
	# Records naming both: C1, O1, SPO-1, DV-0, M-9.
	[ "$(get s.csv shared_records)" = 5 ]
	# C1 (DA stalking) and C2 (DA violence), the subject as suspect.
	[ "$(get s.csv subject_da_as_suspect)" = 2 ]
	[ "$(get s.csv violent_offences)" = 1 ]
	[ "$(get s.csv subject_wanted)" = Y ]
	[ "$(get s.csv clares_law_requests)" = 1 ]
	[ "$(get s.csv clares_law_disclosures)" = 1 ]
	[ "$(get s.csv applicant_previous_maracs)" = 1 ]
	vawg-pack --for dvds --cases "$D/cases-dvds.csv" $(srcs) \
		--as-of 2026-05-20 -o s2.csv
	[ "$(get s2.csv days_to_deadline)" = 9 ]
}

@test "pack: spo finds both people, not the decoy; the bundle lists what is between them, oldest first" {
	vawg-pack --for spo --cases "$D/cases-spo.csv" $(srcs) \
		--findings f.csv -o s.csv --html out
	run -0 confirmed f.csv
	[ "$output" = "protected crime C1 victim
protected disclosure DV-0 applicant
protected disclosure DV-1 applicant
protected marac M-9 victim
protected order O1 protected
respondent crime C1 suspect
respondent crime C2 suspect
respondent disclosure DV-0 subject
respondent disclosure DV-1 subject
respondent marac M-9 perpetrator
respondent order O1 respondent
respondent wanted W1 person" ]
	run -1 grep -E ',(C3|O2|W2),' f.csv
	[ "$(get s.csv stalking_harassment)" = 1 ]
	[ "$(get s.csv order_breaches)" = 2 ]
	# The bundle: O1 (2025-05-01), then C1 (2026-01-10); not M-9 nor
	# DV-0 (between them, but neither an order nor stalking), nor C2.
	"$PY" - out/SPO-1.html <<'EOF2'
import re, sys
page = open(sys.argv[1]).read()
bundle = page.split('Court bundle')[1].split('<h2>')[0]
refs = re.findall(r'<td>(C\d|O\d|M-9|DV-\d|SPO-1)</td>', bundle)
assert refs == ['O1', 'C1'], refs
assert '<td>1</td>' in bundle and '<td>2</td>' in bundle
EOF2
}

@test "pack: nominal sheets from vawg-rank output: findings, victims, postcode; a nominal who left is skipped" {
	vawg-pack --for nominal --cases "$D/rank.csv" --as-of 2026-06-30 \
		$(srcs) --findings f.csv -o s.csv --html out
	run -0 confirmed f.csv
	[ "$output" = "nominal crime C1 suspect
nominal crime C2 suspect
nominal crime C4 suspect
nominal disclosure DV-0 subject
nominal disclosure DV-1 subject
nominal marac M-9 perpetrator
nominal order O1 respondent
nominal order SPO-1 respondent
nominal wanted W1 person" ]
	run -1 grep -E ',(C3|O2|W2|C5),' f.csv
	[ "$(head -1 f.csv | cut -d, -f1)" = suspect_id ]
	[ "$(wc -l <s.csv)" = 2 ]
	# Victims: Jayne Doe (C1), Lucy Gray (C2 and C4): two.
	[ "$(get s.csv victims_found)" = 2 ]
	# The latest record with the nominal's postcode: C4.
	[ "$(get s.csv last_known_postcode)" = "EF5 6GH" ]
	[ "$(get s.csv nominal_previous_maracs)" = 1 ]
	[ "$(get s.csv nominal_wanted_since)" = 2026-02-01 ]
	grep -q 'Lucy Gray' out/N-7.html
	grep -q 'Movement since the last list' out/N-7.html
	[ ! -e out/N-8.html ]
}

@test "pack: --redact name,dob hides names in every purpose's HTML and CSV" {
	for p in marac dvds spo nominal; do
		c="$D/cases-$p.csv"
		[ $p != nominal ] || c="$D/rank.csv"
		vawg-pack --for $p --cases "$c" --as-of 2026-06-30 $(srcs) \
			--redact name,dob --findings "f$p.csv" -o "s$p.csv" \
			--html "h$p"
		run -1 grep -rE 'Jane|Jayne|Mark|Marc|Jones|Jonnes|Doe|Lucy|Gray|1990-03-04|1985-07-12|1992-02-02' \
			"f$p.csv" "s$p.csv" "h$p"
		grep -q 'redacted' "h$p/index.html"
	done
}

@test "pack: no person's details on standard error" {
	run -0 --separate-stderr vawg-pack --for dvds --cases "$D/cases-dvds.csv" \
		$(srcs) -o s.csv
	run -1 grep -E 'Jane|Mark|Jones|Doe' <<<"$stderr"
}

@test "pack: pages of every purpose validate; risk flags at the top, chronology newest first" {
	for p in marac dvds spo; do
		vawg-pack --for $p --cases "$D/cases-$p.csv" $(srcs) --html "h$p"
		for f in "h$p"/*.html; do
			run -0 tidy -errors -q "$f"
		done
	done
	page=hmarac/M-10.html
	"$PY" - "$page" <<'EOF2'
import re, sys
page = open(sys.argv[1]).read()
# Risk flags come before the summary and the chronology.
assert page.index('Risk flags') < page.index('<h2>Summary') < page.index('Chronology')
flags = page.split('Risk flags')[1].split('</ul>')[0]
for want in ('Orders in force', 'Perpetrator wanted now', 'Earlier MARACs of the victim',
             'Clare&#39;s Law requests'):
    assert want in flags, want
# Plain labels, not field names, in the summary.
summary = page.split('<h2>Summary')[1].split('<h2>')[0]
assert 'DA crimes, victim as victim' in summary
assert 'victim_da_as_victim' not in summary
# The chronology: dated, newest first.
chron = page.split('Chronology')[1].split('<h2>')[0]
dates = re.findall(r'<td class="date">(\d{4}-\d\d-\d\d)</td>', chron)
assert len(dates) >= 6 and dates == sorted(dates, reverse=True), dates
# The marking, and page numbers when printed.
assert 'OFFICIAL-SENSITIVE' in page and 'counter(pages)' in page
EOF2
	vawg-pack --for marac --cases "$D/cases-marac.csv" $(srcs) --html m2 \
		--marking 'OFFICIAL "X"'
	grep -q 'OFFICIAL &quot;X&quot;:' m2/M-10.html
	grep -q 'content:"OFFICIAL \\22 X\\22 "' m2/M-10.html
}

@test "pack: a page of every purpose prints on A4 through Chromium" {
	command -v chromium >/dev/null ||
		skip "chromium is not installed (scripts/deps/marac.txt)"
	command -v pdfinfo >/dev/null ||
		skip "pdfinfo is not installed (scripts/deps/marac.txt)"
	vawg-pack --for dvds --cases "$D/cases-dvds.csv" $(srcs) --html hd
	vawg-pack --for nominal --cases "$D/rank.csv" --as-of 2026-06-30 \
		$(srcs) --html hn
	for f in hd/DV-1.html hn/N-7.html; do
		run timeout 120 chromium --headless --no-sandbox --disable-gpu \
			--user-data-dir="$T/chromium" --print-to-pdf="$T/p.pdf" \
			"file://$T/$f"
		[ "$(head -c 5 p.pdf)" = "%PDF-" ]
		# A4 is 595 x 842 points.
		pdfinfo p.pdf | grep -qE 'Page size: .*\(A4\)'
		pdftotext p.pdf - | grep -q 'Page 1 of'
		pdftotext p.pdf - | grep -q 'OFFICIAL-SENSITIVE'
	done
}

@test "pack: precision and recall against vawg-synth's ground truth, every purpose" {
	# vawg-synth --all writes <role>_true_id columns; the truth of a
	# case is every record (dated on or before its reference date, its
	# own record left out) whose true id is a case person's.  Case lists:
	# marac-list.csv; the Clare's Law applications and SPO applications
	# of the last 6 months of the data; vawg-rank's top 100 (ids from
	# suspect_true_id, which the pack does not read: the id column is
	# the rank list's key, not a person id of the sources).
	for s in 1 2; do
		vawg-synth --all "ds$s" --seed "$s"
		c="ds$s/canonical"
		"$PY" - "$c" "ds$s" <<'EOF2'
import csv, sys
c, ds = sys.argv[1:]
def cut(kind, out, keep):
    rows = list(csv.DictReader(open(f'{c}/{kind}.csv', newline='')))
    w = csv.DictWriter(open(f'{ds}/{out}', 'w', newline=''), rows[0].keys())
    w.writeheader()
    w.writerows(r for r in rows if keep(r))
cut('disclosure', 'dvds-list.csv', lambda r: r['received_date'] >= '2026-03-01')
cut('order', 'spo-list.csv', lambda r: r['order_type'] == 'SPO' and r['applied_date'] >= '2025-09-01')
EOF2
		vawg-rank --as-of 2026-08-31 --top 100 --id suspect_true_id \
			-o "ds$s/rank.csv" -- "$c/crime.csv"
		a=(--crimes "$c/crime.csv" --orders "$c/order.csv"
			--wanted "$c/wanted.csv" --disclosures "$c/disclosure.csv"
			--marac "$c/marac.csv" --lookback all)
		vawg-pack --for marac --cases "ds$s/marac-list.csv" "${a[@]}" \
			--findings "marac$s.csv" -o /dev/null
		vawg-pack --for dvds --cases "ds$s/dvds-list.csv" "${a[@]}" \
			--findings "dvds$s.csv" -o /dev/null
		vawg-pack --for spo --cases "ds$s/spo-list.csv" "${a[@]}" \
			--findings "spo$s.csv" -o /dev/null
		vawg-pack --for nominal --cases "ds$s/rank.csv" "${a[@]}" \
			--as-of 2026-08-31 --findings "nominal$s.csv" -o /dev/null
	done
	run "$PY" - <<'EOF2'
import csv
src = {
    'crime': ('crime_ref', ['victim', 'suspect'], ['committed_date', 'reported_date']),
    'order': ('order_ref', ['respondent', 'protected'], ['granted_date', 'applied_date']),
    'wanted': ('wanted_ref', ['person'], ['wanted_date']),
    'disclosure': ('dvds_ref', ['applicant', 'subject'], ['received_date', 'decision_date']),
    'marac': ('marac_ref', ['victim', 'perpetrator'], ['referral_date', 'meeting_date']),
}
# Floors: 0.97 for precision and recall, every purpose.
MINP = {'marac': 0.97, 'dvds': 0.97, 'spo': 0.97, 'nominal': 0.97}
MINR = {'marac': 0.97, 'dvds': 0.97, 'spo': 0.97, 'nominal': 0.97}
# purpose: case list, key, [(case role, subject name)], reference date, own source
purposes = {
    'marac': ('marac-list.csv', 'marac_ref', [('victim', 'victim'), ('perpetrator', 'perpetrator')], 'meeting_date', 'marac'),
    'dvds': ('dvds-list.csv', 'dvds_ref', [('applicant', 'applicant'), ('subject', 'subject')], 'received_date', 'disclosure'),
    'spo': ('spo-list.csv', 'order_ref', [('protected', 'protected'), ('respondent', 'respondent')], 'applied_date', 'order'),
    'nominal': ('rank.csv', 'suspect_true_id', [('suspect', 'nominal')], None, None),
}
bad = []
for purpose, (lst, key, roles, refcol, own) in purposes.items():
    truth, found = set(), set()
    for seed in (1, 2):
        ds = f'ds{seed}'
        cases = [c for c in csv.DictReader(open(f'{ds}/{lst}', newline='')) if c.get('rank', '1')]
        who = {}
        for c in cases:
            for crole, subj in roles:
                tid = c['suspect_true_id'] if purpose == 'nominal' else c[crole + '_true_id']
                if tid:
                    who.setdefault(tid, []).append((c, subj))
        for kind, (k, rroles, dates) in src.items():
            for r in csv.DictReader(open(f'{ds}/canonical/{kind}.csv', newline='')):
                d = next((r[x] for x in dates if r.get(x)), '')
                for role in rroles:
                    for c, subj in who.get(r.get(role + '_true_id'), []):
                        ref = '2026-08-31' if refcol is None else c[refcol]
                        if d and d > ref:
                            continue
                        if kind == own and r[k] == c[key]:
                            continue
                        truth.add((seed, c[key], subj, kind, r[k], role))
        for r in csv.DictReader(open(f'{purpose}{seed}.csv', newline='')):
            if r['match'] == 'confirmed':
                found.add((seed, r[key], r['subject'], r['source'],
                           r['record_ref'], r['role_in_record']))
    ok = len(found & truth)
    p, rc = ok / max(len(found), 1), ok / max(len(truth), 1)
    print(f'{purpose}: precision {p:.3f} recall {rc:.3f} ({ok} of {len(found)} found correct, {len(truth)} true)')
    if len(truth) < 100 or p < MINP[purpose] or rc < MINR[purpose]:
        bad.append(purpose)
assert not bad, bad
EOF2
	echo "# $output" >&3
	[ "$status" -eq 0 ]
}

@test "pack: --cases-from and --cases-to keep the cases whose own date is within" {
	# disclosures.csv: DV-0 received 2025-06-01, DV-1 2026-05-01, the
	# others 2025-09-01.
	vawg-pack --for dvds --cases "$D/disclosures.csv" \
		--cases-from 2026-05-01 --cases-to 2026-05-31 -o s.csv
	[ "$(cut -d, -f1 s.csv | tr '\n' ' ')" = "dvds_ref DV-1 " ]
	vawg-pack --for dvds --cases "$D/disclosures.csv" \
		--cases-to 2025-08-31 -o s.csv
	[ "$(cut -d, -f1 s.csv | tr '\n' ' ')" = "dvds_ref DV-0 " ]
	run -64 vawg-pack --for dvds --cases "$D/disclosures.csv" \
		--cases-from 2026-02-30
	run -64 vawg-marac-pack --cases "$D/cases-marac.csv" \
		--cases-from 2026-01-01
}

@test "pack: hard case in every purpose: a maiden name, no date of birth, decoys of the same name" {
	# tests/data/vawg-pack/hard: Sarah Hill (1988-06-17) and Daniel
	# Price (1984-02-20), neither with a PNC ID or postcode on the case
	# lists.  H1 names both exactly (Daniel with his PNC ID, both at
	# HX1 1AA); H2 names her under her maiden name Baker (same forename
	# and date of birth, HX1 1AA, Daniel the suspect); H3 names her with
	# no date of birth at HX1 1AA; H5 names him with no date of birth and
	# H1's PNC ID.  Decoys: H4 a Sarah Hill with no date of birth at
	# another postcode and another suspect, H6 a Daniel Price with no date
	# of birth and another PNC ID, HO2 a Sarah Hill with the 1900-01-01
	# placeholder protected from another man.  Every Sarah Hill with a
	# date of birth is born on 1988-06-17 (the placeholder is none): her
	# full name is one person's, and H3, at her postcode, is hers.
	H="$D/hard"
	for p in marac dvds spo nominal; do
		c="$H/cases-$p.csv"
		[ "$p" = nominal ] && c="$H/rank.csv"
		vawg-pack --for "$p" --cases "$c" --as-of 2026-03-01 \
			--crimes "$H/crimes.csv" --orders "$H/orders.csv" \
			--lookback all --findings "f-$p.csv" -o /dev/null
	done
	run -0 confirmed f-marac.csv
	[ "$output" = "perpetrator crime H1 suspect
perpetrator crime H2 suspect
perpetrator crime H5 suspect
perpetrator order HO1 respondent
victim crime H1 victim
victim crime H2 victim
victim crime H3 victim" ]
	run -0 confirmed f-dvds.csv
	[ "$output" = "applicant crime H1 victim
applicant crime H2 victim
applicant crime H3 victim
subject crime H1 suspect
subject crime H2 suspect
subject crime H5 suspect
subject order HO1 respondent" ]
	run -0 confirmed f-spo.csv
	[ "$output" = "protected crime H1 victim
protected crime H2 victim
protected crime H3 victim
respondent crime H1 suspect
respondent crime H2 suspect
respondent crime H5 suspect
respondent order HO1 respondent" ]
	run -0 confirmed f-nominal.csv
	[ "$output" = "nominal crime H1 suspect
nominal crime H2 suspect
nominal crime H5 suspect
nominal order HO1 respondent" ]
	# H4, a Sarah Hill with nothing else of hers, is only listed to check.
	for p in marac dvds spo; do
		[ "$(rows "f-$p.csv" record_ref=H4 match=possible)" = 1 ]
	done
	# The decoys are never confirmed.
	run -1 grep -E ',(H4|H6|HO2),.*,confirmed$' f-*.csv
}

@test "pack: dvds flag of a request already decided: the decision date, days after receipt, within or over the 28 days" {
	{
		head -1 "$D/cases-dvds.csv"
		sed -n 2p "$D/cases-dvds.csv"
		echo "DV-2,ask,online,2026-05-01,2026-05-20,disclose,Jane,Doe,1990-03-04,Mark,Jones,1985-07-12,"
		echo "DV-3,ask,online,2026-03-01,2026-04-10,no_disclose,Jane,Doe,1990-03-04,Mark,Jones,1985-07-12,"
	} >cases.csv
	vawg-pack --for dvds --cases cases.csv $(srcs) -o s.csv --html out
	# DV-1 is not decided: the deadline as before.
	grep -q 'Decision due: 2026-05-29, days left: 28' out/DV-1.html
	# 2026-05-01 to 2026-05-20: 19 days; 2026-03-01 to 2026-04-10:
	# 30 + 10 = 40 days.
	grep -q 'Decided on 2026-05-20 (19 days after receipt, within the 28 days)' out/DV-2.html
	grep -q 'Decided on 2026-04-10 (40 days after receipt, over the 28 days)' out/DV-3.html
	run -1 grep -l '<li>Decision due' out/DV-2.html out/DV-3.html
	# In the summary, a request decided has no days left to count; its
	# deadline stays (received + 28 days).
	run -0 "$PY" -c '
import csv, sys
rows = {r["dvds_ref"]: r for r in csv.DictReader(open("s.csv", newline=""))}
assert rows["DV-1"]["days_to_deadline"] == "28", rows["DV-1"]
for ref, due in (("DV-2", "2026-05-29"), ("DV-3", "2026-03-29")):
    assert rows[ref]["days_to_deadline"] == "", rows[ref]
    assert rows[ref]["deadline_28_days"] == due, rows[ref]
'
}

@test "pack: an exact full name weighs by how many people carry it; the other party's record lends its details" {
	# Clare's Law requests DV-30 (applicant Zuzana Mitchell 1971-05-04)
	# and DV-31 (applicant Dean Edwards 2004-03-21), both with subjects
	# found nowhere; DV-32: applicant Sarah Miler with no date of birth,
	# subject Mohammed Clarke 1979-08-16.  Among the hard case's filler
	# records:
	#   R1 Zuzana Mitchell, no date of birth, at HX9 9ZZ; R2 her, born
	#   1971-05-04, at HX9 9ZZ: every Zuzana Mitchell is one person, so R1
	#   is hers.  R3 and R4 the same for Dean Edwards at HX8 8ZZ, but R5
	#   is a Dean Edwards born 1994-08-08: two people carry the name and
	#   R3 is only possible.
	#   L1 Sarah Miller 1950-12-22 at NF6 2QT, the suspect Mohammed Clarke
	#   1979-08-16 (the other party); L2 Sarah Miller 1950-12-22 at NF6
	#   2QT with another suspect: L1 lends L2 its date of birth and
	#   postcode; L3, a Sarah Miller 1990-01-01 elsewhere, is not hers.
	cat > cases.csv <<'EOF2'
dvds_ref,received_date,applicant_forename,applicant_surname,applicant_dob,subject_forename,subject_surname,subject_dob
DV-30,2026-03-01,Zuzana,Mitchell,1971-05-04,Quentin,Zabriskie,1960-01-01
DV-31,2026-03-01,Dean,Edwards,2004-03-21,Ulrich,Yarrow,1961-02-02
DV-32,2026-03-01,Sarah,Miler,,Mohammed,Clarke,1979-08-16
EOF2
	dvds_with_filler <<'EOF2'
R1,2025-01-10,2025-01-10,,,harassment,Y,,Zuzana,Mitchell,,,HX9 9ZZ,Paul,Gray,1970-01-01,,,charged
R2,2025-02-10,2025-02-10,,,harassment,Y,,Zuzana,Mitchell,1971-05-04,,HX9 9ZZ,Paul,Gray,1970-01-01,,,charged
R3,2025-03-10,2025-03-10,,,harassment,Y,,Dean,Edwards,,,HX8 8ZZ,Ian,Lamb,1972-03-03,,,charged
R4,2025-04-10,2025-04-10,,,harassment,Y,,Dean,Edwards,2004-03-21,,HX8 8ZZ,Ian,Lamb,1972-03-03,,,charged
R5,2025-05-10,2025-05-10,,,harassment,Y,,Dean,Edwards,1994-08-08,,,Ian,Lamb,1972-03-03,,,charged
L1,2025-06-10,2025-06-10,,,harassment,Y,,Sarah,Miller,1950-12-22,,NF6 2QT,Mohammed,Clarke,1979-08-16,,,charged
L2,2025-07-10,2025-07-10,,,harassment,Y,,Sarah,Miller,1950-12-22,,NF6 2QT,Neil,Moss,1973-04-04,,,charged
L3,2025-08-10,2025-08-10,,,harassment,Y,,Sarah,Miller,1990-01-01,,KX1 1AA,Neil,Moss,1973-04-04,,,charged
EOF2
	run -0 confirmed f.csv
	[ "$output" = "applicant crime L1 victim
applicant crime L2 victim
applicant crime R1 victim
applicant crime R2 victim
applicant crime R4 victim
subject crime L1 suspect" ]
	[ "$(rows f.csv record_ref=R1 match_basis=forename:exact+surname:exact+postcode:other_record+name:one_person)" = 1 ]
	[ "$(rows f.csv record_ref=R3 match=possible)" = 1 ]
	[ "$(rows f.csv record_ref=L3 match=confirmed)" = 0 ]
}

@test "pack: the other person of the other party's record is searched, blocked or not" {
	# Clare's Law request DV-40: applicant Rebecca Hartley 1988-02-14,
	# subject Gavin Thorne 1983-06-30.  Among the hard case's filler:
	#   T1 the victim Becca Hartley, no date of birth, the suspect Gavin
	#   Thorne 1983-06-30: the subject beyond doubt, so the victim is
	#   weighed against the applicant though no blocking key brings a
	#   Becca to a Rebecca; the nickname, the surname and the other
	#   party confirm her.
	#   T2 Becca Hartley with another suspect: nothing beyond the name.
	#   T3 Becca Hartley with a Gavin Thorne born 1979-01-15, who cannot
	#   be the subject: no other party.
	#   T4 Sarah Thorne, another victim of the subject: not the applicant.
	cat > cases.csv <<'EOF2'
dvds_ref,received_date,applicant_forename,applicant_surname,applicant_dob,subject_forename,subject_surname,subject_dob
DV-40,2026-03-01,Rebecca,Hartley,1988-02-14,Gavin,Thorne,1983-06-30
EOF2
	dvds_with_filler <<'EOF2'
T1,2025-04-10,2025-04-10,,,harassment,Y,,Becca,Hartley,,,,Gavin,Thorne,1983-06-30,,,charged
T2,2025-05-10,2025-05-10,,,harassment,Y,,Becca,Hartley,,,,Neil,Moss,1973-04-04,,,charged
T3,2025-06-10,2025-06-10,,,harassment,Y,,Becca,Hartley,,,,Gavin,Thorne,1979-01-15,,,charged
T4,2025-07-10,2025-07-10,,,harassment,Y,,Sarah,Thorne,1990-09-09,,,Gavin,Thorne,1983-06-30,,,charged
EOF2
	run -0 confirmed f.csv
	[ "$output" = "applicant crime T1 victim
subject crime T1 suspect
subject crime T4 suspect" ]
	[ "$(rows f.csv record_ref=T1 subject=applicant match_basis=forename:nickname+surname:exact+other_party)" = 1 ]
	[ "$(rows f.csv subject=applicant role_in_record=victim match=confirmed record_ref=T3)" = 0 ]
}
