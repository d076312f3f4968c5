#!/usr/bin/env bats
# Honest figures: what each row covers (months_covered, complete,
# rate_annualised, comparable), windows outside the data, an honest
# before/after (comparison area, season, dispersion, notes, Holm), rank
# among areas and the 12-month headline.  Expected values come from
# Python (csv, datetime, math, statistics; intervals-ref.py for exact
# tests) following vawg-stats(1), or from hand arithmetic.
load helper

D="$DATA/vawg-stats"

# ---- coverage ----------------------------------------------------------------

@test "honest: a part financial year says so, and its rate per year is annualised" {
	# marac.csv: meeting dates from 2024-01 to 2025-12, so FY 2023-24 has 3
	# months, 2024-25 12, 2025-26 9.  rate_annualised = cases / women *
	# 10,000 * 12 / months covered, only for a part year.
	run --separate-stderr -0 vawg-stats marac --by borough --period fy --population "$D/population.csv" "$D/marac.csv"
	printf '%s\n' "$output" >got.csv
	"$PY" - "$D/marac.csv" got.csv <<-'PY'
	import csv, sys
	import re
	ds = [r["meeting_date"] for r in csv.DictReader(open(sys.argv[1]))
	      if re.match(r"\d{4}-\d{2}-\d{2}$", r["meeting_date"] or "")]
	mi = lambda s: int(s[:4]) * 12 + int(s[5:7]) - 1
	m0, m1 = mi(min(ds)), mi(max(ds))
	n = 0
	for r in csv.DictReader(open(sys.argv[2])):
	    y = int(r["period"][:4])
	    p0 = y * 12 + 3
	    cov = max(0, min(p0 + 11, m1) - max(p0, m0) + 1)
	    assert r["months_covered"] == str(cov), (r, cov)
	    assert r["complete"] == ("Y" if cov == 12 else "N"), r
	    want = "" if cov == 12 else "%.2f" % (int(r["cases"]) / float(r["female_16plus"]) * 1e4 * 12 / cov)
	    assert r["rate_annualised"] == want, (r, want)
	    n += cov < 12
	assert n == 4, n
	PY
}

@test "honest: --compare marks a comparison with a part year on either side" {
	# crimes.csv: reported 2023-01 to 2025-12.  FY 2022-23 has 3 months,
	# 2025-26 9: only 2024-25 against 2023-24 is comparable.
	run --separate-stderr -0 vawg-stats count --period fy --compare yoy "$D/crimes.csv"
	printf '%s\n' "$output" >got.csv
	"$PY" - "$D/crimes.csv" got.csv <<-'PY'
	import csv, sys
	import re
	ds = [r["reported_date"][:7] for r in csv.DictReader(open(sys.argv[1]))
	      if re.match(r"\d{4}-\d{2}", r["reported_date"] or "")]
	mi = lambda s: int(s[:4]) * 12 + int(s[5:7]) - 1
	m0, m1 = mi(min(ds)), mi(max(ds))
	cov = lambda p0: max(0, min(p0 + 11, m1) - max(p0, m0) + 1)
	rows = list(csv.DictReader(open(sys.argv[2])))
	for r in rows:
	    if r["period"] == "unknown": continue
	    p0 = int(r["period"][:4]) * 12 + 3
	    assert r["months_covered"] == str(cov(p0)), r
	    want = "Y" if cov(p0) == 12 and cov(p0 - 12) == 12 else "N"
	    assert r["comparable"] == want, (r, want)
	assert [r["comparable"] for r in rows if r["period"] != "unknown"] == ["N", "N", "Y", "N"]
	PY
}

# ---- windows -------------------------------------------------------------------

@test "honest: a change window past the data's end or before its start exits 65 naming the range" {
	# Data 2026-01-05 to 2026-09-30: an after window to December, a before
	# window from 2025, or --from/--to outside, are no figures.
	"$PY" -c '
import datetime
print("crime_ref,reported_date")
d = datetime.date(2026, 1, 5)
i = 0
while d <= datetime.date(2026, 9, 30):
    print("c%d,%s" % (i, d)); i += 1; d += datetime.timedelta(days=3)
print("z,%s" % datetime.date(2026, 9, 30))' >w.csv
	run --separate-stderr -65 vawg-stats change --before 2026-01-01..2026-06-30 --after 2026-07-01..2026-12-31 w.csv
	[ "$stderr" = "vawg-stats: --after 2026-07-01..2026-12-31: outside the data, which cover 2026-01-01..2026-09-30 (whole months); --allow-partial to count it anyway" ]
	[ -z "$output" ]
	run --separate-stderr -65 vawg-stats change --before 2025-07-01..2025-12-31 --after 2026-01-01..2026-06-30 w.csv
	[[ "$stderr" == *"--before 2025-07-01..2025-12-31: outside the data"* ]]
	run --separate-stderr -65 vawg-stats count --from 2025-12-01 w.csv
	[[ "$stderr" == *"--from 2025-12-01: outside the data"* ]]
	run --separate-stderr -65 vawg-stats count --to 2026-10-31 w.csv
	[[ "$stderr" == *"--to 2026-10-31: outside the data"* ]]
	# --data-to declares a longer extract: no error.
	run -0 vawg-stats count --to 2026-10-31 --data-to 2026-10-31 w.csv
	# --allow-partial: the row says 9 of the 12 months are covered.
	run -0 vawg-stats change --allow-partial --before 2026-01-01..2026-06-30 --after 2026-07-01..2026-12-31 w.csv
	[[ "${lines[1]}" == *,9,N ]]
	run -0 vawg-stats change --before 2026-01-01..2026-04-30 --after 2026-05-01..2026-08-31 w.csv
	[[ "${lines[1]}" == *,8,Y ]]
}

# ---- change ----------------------------------------------------------------------

# area WARD BEFORE AFTER [YEAR]: rows of a ward, BEFORE in Jan-Mar and AFTER
# in Apr-Jun of YEAR (default 2026), spread over the days.
area() {
	"$PY" -c '
import sys, datetime
w, b, a = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
y = int(sys.argv[4]) if len(sys.argv) > 4 else 2026
for k, (n, d0) in enumerate([(b, datetime.date(y, 1, 1)), (a, datetime.date(y, 4, 1))]):
    for i in range(n):
        print("%s-%d-%d-%d,%s,%s,North" % (w, y, k, i, d0 + datetime.timedelta(days=i * 89 // max(n, 1)), w))' "$@"
}

@test "honest: change --control gives the ratio of rate ratios with the log-linear Poisson Wald interval" {
	# N22 falls 40 -> 20; the rest of the BCU (N21, N23) 50 -> 45.
	{
		echo crime_ref,reported_date,ward,bcu
		area N22 40 20; area N21 30 25; area N23 20 20
	} >c.csv
	run -0 vawg-stats change --where ward=N22 --control ward='*' --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 c.csv
	printf '%s\n' "$output" >got.csv
	"$PY" - got.csv <<-'PY'
	import csv, math, sys
	from statistics import NormalDist
	r = next(csv.DictReader(open(sys.argv[1])))
	a, b, c, d = 20, 40, 45, 50
	tb, ta = 90, 91
	rrr = (a / ta) / (b / tb) / ((c / ta) / (d / tb))
	se = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
	z = NormalDist().inv_cdf(0.975)
	p = 2 * (1 - NormalDist().cdf(abs(math.log(rrr)) / se))
	want = {"comparison": "control", "comparison_before_count": "50",
	        "comparison_after_count": "45", "comparison_rate_ratio": "%.4f" % (45 / 50),
	        "ratio_of_rate_ratios": "%.4f" % rrr,
	        "ratio_of_rate_ratios_lower": "%.4f" % (rrr * math.exp(-z * se)),
	        "ratio_of_rate_ratios_upper": "%.4f" % (rrr * math.exp(z * se)),
	        "ratio_of_rate_ratios_p_value": "%.4f" % p,
	        "dispersion": "", "dispersion_applied": "N",
	        "before_count": "40", "after_count": "20"}
	for k, v in want.items():
	    assert r[k] == v, (k, r[k], v)
	PY
	# A named comparison ward: N21 alone, 30 -> 25.
	run -0 vawg-stats change --where ward=N22 --control ward=N21 --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 c.csv
	[[ "${lines[1]}" == *,control,30,25,0.8333,* ]]
	# --by ward: each ward against the others (never itself).
	run -0 vawg-stats change --by ward --control ward='*' --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 c.csv
	[[ "${lines[1]}" == N21,*,control,60,40,* ]]
	[[ "${lines[2]}" == N22,*,control,50,45,* ]]
}

@test "honest: change --seasonal compares with the same windows a year earlier" {
	# The ward falls 30 -> 18 in 2026; in 2025 it fell 30 -> 20 with no
	# operation: the season explains most of the fall.
	{
		echo crime_ref,reported_date,ward,bcu
		area N22 30 20 2025; area N22 30 18 2026
	} >s.csv
	run -0 vawg-stats change --seasonal --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 s.csv
	printf '%s\n' "$output" >got.csv
	"$PY" - got.csv <<-'PY'
	import csv, math, sys
	from statistics import NormalDist
	r = next(csv.DictReader(open(sys.argv[1])))
	a, b, c, d = 18, 30, 20, 30
	rrr = (a / 91) / (b / 90) / ((c / 91) / (d / 90))
	# Monthly counts 2025-01..2026-03 (the data's months before the after
	# window): 10 a month Jan-Mar, then 20 over Apr-Jun, then none.
	from collections import Counter
	ds = Counter(x["reported_date"][:7] for x in csv.DictReader(open("s.csv")))
	ys = [ds["%d-%02d" % (2025 + (m >= 12), m % 12 + 1)] for m in range(15)]
	mean = sum(ys) / len(ys)
	phi = sum((y - mean) ** 2 / mean for y in ys) / (len(ys) - 1)
	assert phi > 1 and r["dispersion"] == "%.2f" % phi, (phi, r)
	assert r["dispersion_applied"] == "Y"
	se = math.sqrt(phi * (1 / a + 1 / b + 1 / c + 1 / d))
	z = NormalDist().inv_cdf(0.975)
	assert r["comparison"] == "seasonal"
	assert (r["comparison_before_count"], r["comparison_after_count"]) == ("30", "20"), r
	assert r["ratio_of_rate_ratios"] == "%.4f" % rrr, (r, rrr)
	assert r["ratio_of_rate_ratios_lower"] == "%.4f" % (rrr * math.exp(-z * se)), r
	assert r["ratio_of_rate_ratios_upper"] == "%.4f" % (rrr * math.exp(z * se)), r
	PY
	run -64 vawg-stats change --seasonal --control ward=N21 --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 s.csv
	run -64 vawg-stats count --seasonal s.csv
}

@test "honest: change widens its interval by the quasi-Poisson dispersion of 12 or more monthly counts" {
	# Monthly counts 2025-01..2025-12 that swing (5, 35, 5, 35, ...), then
	# the windows in 2026: before Jan-Mar 2026 (60), after Apr-Jun (40).
	"$PY" -c '
import datetime
print("crime_ref,reported_date")
k = 0
for m in range(1, 13):
    for i in range(5 if m % 2 else 35):
        print("h%d,2025-%02d-%02d" % (k, m, 1 + i % 28)); k += 1
for m, n in ((1, 20), (2, 20), (3, 20), (4, 14), (5, 13), (6, 13)):
    for i in range(n):
        print("h%d,2026-%02d-%02d" % (k, m, 1 + i % 28)); k += 1' >o.csv
	run -0 vawg-stats change --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 o.csv
	printf '%s\n' "$output" >got.csv
	"$PY" - o.csv got.csv <<-'PY'
	import csv, math, sys
	from collections import Counter
	from statistics import NormalDist
	ds = [r["reported_date"][:7] for r in csv.DictReader(open(sys.argv[1]))]
	c = Counter(ds)
	months = ["2025-%02d" % m for m in range(1, 13)] + ["2026-01", "2026-02", "2026-03"]
	ys = [c[m] for m in months]
	mean = sum(ys) / len(ys)
	phi = sum((y - mean) ** 2 / mean for y in ys) / (len(ys) - 1)
	r = next(csv.DictReader(open(sys.argv[2])))
	a, b = 40, 60
	rr = (a / 91) / (b / 90)
	se = math.sqrt(phi * (1 / a + 1 / b))
	z = NormalDist().inv_cdf(0.975)
	assert phi > 1
	assert r["dispersion"] == "%.2f" % phi, (r["dispersion"], phi)
	assert r["dispersion_applied"] == "Y"
	assert r["rate_ratio"] == "%.4f" % rr
	assert r["rate_ratio_lower"] == "%.4f" % (rr * math.exp(-z * se)), (r, rr * math.exp(-z * se))
	assert r["rate_ratio_upper"] == "%.4f" % (rr * math.exp(z * se)), r
	assert r["p_value"] == "%.4f" % (2 * (1 - NormalDist().cdf(abs(math.log(rr)) / se))), r
	PY
	# Fewer than 12 months before the after window: the exact interval.
	grep -v ',2025-0[1-6]' o.csv >short.csv
	run -0 vawg-stats change --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 short.csv
	[ "$(printf '%s\n' "${lines[1]}" | cut -d, -f9-12)" = "$("$PY" -c "
import sys; sys.path.insert(0, '$D'); r = __import__('intervals-ref')
x = r.rate_ratio(40, 91, 60, 90); print('%.4f,%.4f,%.4f,%.4f' % x)")" ]
	[[ "${lines[1]}" == *,,N,,* ]]
}

@test "honest: change notes small numbers, an area chosen for being high, and Holm's p over areas" {
	# Five wards; N1 is the highest before (60) and falls most.
	{
		echo crime_ref,reported_date,ward,bcu
		area N1 60 35; area N2 30 28; area N3 25 27; area N4 12 9; area N5 22 21
	} >h.csv
	run --separate-stderr -0 vawg-stats change --by ward --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 h.csv
	printf '%s\n' "$output" >got.csv
	"$PY" - "$D" got.csv <<-'PY'
	import csv, sys
	sys.path.insert(0, sys.argv[1]); ref = __import__("intervals-ref")
	rows = list(csv.DictReader(open(sys.argv[2])))
	counts = {"N1": (60, 35), "N2": (30, 28), "N3": (25, 27), "N4": (12, 9), "N5": (22, 21)}
	p = {w: ref.rate_ratio(a, 91, b, 90)[3] for w, (b, a) in counts.items()}
	order = sorted(p, key=p.get)
	holm, run = {}, 0
	for i, w in enumerate(order):
	    run = max(run, min(1, (len(order) - i) * p[w]))
	    holm[w] = run
	for r in rows:
	    w = r["ward"]
	    assert r["p_value"] == "%.4f" % p[w], (w, r["p_value"], p[w])
	    assert r["p_holm"] == "%.4f" % holm[w], (w, r["p_holm"], holm[w])
	    small = min(counts[w]) < 20
	    assert ("fewer than 20 events" in r["notes"]) == small, r
	    assert ("regression to the mean" in r["notes"]) == (w == "N1"), r
	    assert "5 areas tested" in r["notes"], r
	PY
	# One area: no Holm, no regression-to-the-mean note; 3 + 3 months covered.
	run -0 vawg-stats change --where ward=N1 --before 2026-01-01..2026-03-31 --after 2026-04-01..2026-06-30 h.csv
	[[ "${lines[1]}" == *,N,,,6,Y ]]
}

# ---- rank ----------------------------------------------------------------------------

@test "honest: --rank ranks areas by count and per capita, ties sharing a rank (1,2,2,4)" {
	run --separate-stderr -0 vawg-stats orders --by borough --period all --at 2025-12-31 --rank --rank-by in_force_at --population "$D/population.csv" "$D/orders.csv"
	printf '%s\n' "$output" >got.csv
	"$PY" - got.csv <<-'PY'
	import csv, sys
	rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["borough"] != "unknown"]
	def comp(vals):
	    return [1 + sum(1 for w in vals if w > v) for v in vals]
	want = comp([int(r["in_force_at"]) for r in rows])
	wantpc = comp([float(r["granted_per_100k"]) for r in rows])
	assert [int(r["rank"]) for r in rows] == want, want
	assert [int(r["rank_per_capita"]) for r in rows] == wantpc, wantpc
	PY
	# Ties: counts 5, 3, 3, 1 rank 1, 2, 2, 4; each quarter ranked apart.
	{
		echo crime_ref,reported_date,borough
		for b in A:5 B:3 C:3 D:1; do
			for i in $(seq 1 "${b#*:}"); do echo "${b%:*}$i,2026-02-0$i,${b%:*}"; done
		done
		echo Q,2026-04-01,D
	} >t.csv
	run -0 vawg-stats count --by borough --period quarter --rank t.csv
	[ "$(printf '%s\n' "$output" | awk -F, '$2 == "2026-Q1" { print $1 $NF }' | tr '\n' ' ')" = "A1 B2 C2 D4 " ]
	[ "$(printf '%s\n' "$output" | awk -F, '$2 == "2026-Q2" { print $1 $NF }' | tr '\n' ' ')" = "A2 B2 C2 D1 " ]
	run -64 vawg-stats count --rank-by nosuch t.csv
}

# ---- headline -------------------------------------------------------------------------

@test "honest: headline gives the change of two counts a Poisson interval and never sets a part period against a whole one" {
	cat >r12.csv <<-'CSV'
	period,charges,months_covered,complete
	2024-10..2025-09,150,12,Y
	2025-09..2026-08,371,12,Y
	2025-10..2026-09,379,12,Y
	2023-10..2024-09,80,7,N
	CSV
	cat >spec.csv <<-'CSV'
	measure,numerator,denominator,where,this_12,year_before,interval
	Rape charges,charges,,,r12.csv#2025-10..2026-09,r12.csv#2024-10..2025-09,poisson
	Part,charges,,,r12.csv#2025-10..2026-09,r12.csv#2023-10..2024-09,poisson
	No interval,charges,,,r12.csv#2025-10..2026-09,r12.csv#2024-10..2025-09,
	CSV
	run --separate-stderr -0 vawg-stats headline --change more spec.csv
	# 379 - 150 = 229; 229 -+ 1.959964 * sqrt(529) = 229 -+ 45.08.
	[ "$output" = "measure,this_12,year_before,more,change_lower,change_upper
Rape charges,379,150,229,184,274
Part,379,,,,
No interval,379,150,229,," ]
	[[ "$stderr" == *"r12.csv#2023-10..2024-09: a period the data cover in part"* ]]
}

@test "honest: the monthly summary holds the rape and VAWG charges of the last 12 months against the 12 before" {
	vawg-synth --all sy --seed 7 --scale 0.05 --end 2026-10 >/dev/null 2>&1
	mkdir ex
	cp sy/raw/* ex/
	monthly-report --month 2026-09 --in ex --out rep --state st >/dev/null 2>&1
	"$PY" - rep/2026-09 <<-'PY'
	import csv, math, os, sys
	r = sys.argv[1]
	crimes = list(csv.DictReader(open(os.path.join(r, "data", "crime.csv"))))
	def charges(keep, m0, m1):
	    return sum(1 for c in crimes if keep(c) and m0 <= c["outcome_date"][:7] <= m1
	               and c["outcome_group"] == "charge_summons")
	got = {x["measure"]: x for x in csv.DictReader(open(os.path.join(r, "tables", "summary.csv")))}
	for label, keep in (("Rape", lambda c: c["offence_group"] == "rape"),
	                    ("VAWG", lambda c: c["vawg"] == "Y")):
	    row = got["%s charges in the 12 months to the month end" % label]
	    a = charges(keep, "2025-10", "2026-09")
	    p = charges(keep, "2025-09", "2026-08")
	    b = charges(keep, "2024-10", "2025-09")
	    d = a - b
	    h = 1.959963984540054 * math.sqrt(a + b)
	    want = [str(a), str(p), str(b), str(d), str(round(d - h)), str(round(d + h))]
	    have = [row[k] for k in ("this_month", "last_month", "same_month_last_year",
	                             "change_on_last_year", "change_lower", "change_upper")]
	    assert have == want, (label, have, want)
	    assert label == "Rape" or (a > 0 and b > 0)
	PY
}
