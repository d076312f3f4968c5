#!/usr/bin/env bats
# End-to-end tests of vawg-stats.  Expected figures come from
#  - tests/data/vawg-stats/ref.py: an independent Python reference (csv
#    module, datetime, exact probability sums from intervals-ref.py) that
#    computes each metric from its definition in vawg-stats(1);
#  - sqlite3 GROUP BY queries, kept below;
#  - hand-worked edge cases (edges.csv), with the working in comments.
load helper

D="$DATA/vawg-stats"

# same ARGS...: vawg-stats ARGS writes what ref.py ARGS computes, in the
# columns ref.py computes (the coverage, comparison and rank columns that
# end every table are checked in vawg-stats-honest.bats).
same() {
	local expected
	run --separate-stderr vawg-stats "$@"
	if [ "$status" -ne 0 ]; then
		echo "exit $status: $stderr"
		return 1
	fi
	expected=$("$PY" "$D/ref.py" "$@")
	diff <(printf '%s\n' "$output" | project "$expected") \
		<(printf '%s\n' "$expected")
}

# project CSV: stdin's columns named in the header of CSV, in its order.
project() {
	"$PY" -c '
import csv, io, sys
want = next(csv.reader(io.StringIO(sys.argv[1])))
rows = list(csv.reader(sys.stdin))
ix = [rows[0].index(c) if c in rows[0] else None for c in want]
w = csv.writer(sys.stdout, lineterminator="\n")
for r in rows:
    w.writerow([r[i] if i is not None else "?" + c for i, c in zip(ix, want)])
' "$1"
}

@test "stats: --help lists the options and the memory use" {
	run -0 vawg-stats --help
	[[ "$output" == usage:* ]]
	[[ "$output" == *--period* ]]
	[[ "$output" == *Memory:* ]]
}

@test "stats: --version" {
	run -0 vawg-stats --version
	[[ "$output" == "vawg-stats "[0-9]* ]]
}

@test "stats: usage errors exit 64" {
	run -64 vawg-stats
	[[ "$output" == usage:* ]]
	run -64 vawg-stats nosuch "$D/crimes.csv"
	[[ "$output" == *"unknown metric"* ]]
	run -64 vawg-stats count --period weekly "$D/crimes.csv"
	run -64 vawg-stats count --level 120 "$D/crimes.csv"
	run -64 vawg-stats charge-rate --compare yoy --period all "$D/crimes.csv"
	run -64 vawg-stats change "$D/crimes.csv"
	run -64 vawg-stats change --before 2024-02-01..2024-01-01 --after 2024-03-01..2024-03-02 "$D/crimes.csv"
	run -64 vawg-stats count --from 2024-13-01 "$D/crimes.csv"
	run -64 vawg-stats count --where borough "$D/crimes.csv"
	run -64 vawg-stats count --positive 1A "$D/crimes.csv"
	run -64 vawg-stats count --bogus "$D/crimes.csv"
}

# ---- count -----------------------------------------------------------------

@test "stats: count by borough and month matches the reference" {
	same count --by borough "$D/crimes.csv"
}

@test "stats: count by borough and month matches sqlite3 GROUP BY" {
	run --separate-stderr vawg-stats count --by borough "$D/crimes.csv"
	[ "$status" -eq 0 ]
	# Our non-zero cells, without intervals, against sqlite3's.
	printf '%s\n' "$output" | awk -F, 'NR > 1 && $3 > 0 { print $1 "," $2 "," $3 }' >ours
	sqlite3 -csv :memory: \
	    ".import --csv $D/crimes.csv c" \
	    "SELECT CASE WHEN borough = '' THEN 'unknown' ELSE borough END AS b,
	            CASE WHEN reported_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'
	                 THEN substr(reported_date, 1, 7) ELSE 'unknown' END AS m,
	            count(*)
	     FROM c GROUP BY b, m ORDER BY b, m = 'unknown', m;" >theirs
	diff ours theirs
}

@test "stats: count by financial year, quarter, year and all" {
	same count --by borough --period fy "$D/crimes.csv"
	same count --period quarter "$D/crimes.csv"
	same count --period year --by borough,outcome_group "$D/crimes.csv"
	same count --period all "$D/crimes.csv"
}

@test "stats: count in rolling 12-month windows" {
	same count --period rolling12 --by borough "$D/crimes.csv"
}

@test "stats: count --compare prev and yoy" {
	same count --period year --compare prev "$D/crimes.csv"
	same count --period month --compare yoy --by borough "$D/crimes.csv"
	same count --period rolling12 --compare yoy "$D/crimes.csv"
}

@test "stats: --from, --to and --where" {
	same count --from 2024-01-01 --to 2024-12-31 --by borough "$D/crimes.csv"
	same count --where borough=Enfield --where borough=Haringey --period fy "$D/crimes.csv"
	same count --where borough=Enfield --where outcome_code=1 --period all "$D/crimes.csv"
}

@test "stats: financial years split 31 March from 1 April (worked by hand)" {
	# edges.csv: G 2022-12-01 is FY 2022-23; F 2023-05-15, D 2023-12-31,
	# E 2024-01-01, C 2024-02-29 and A 2024-03-31 are FY 2023-24 (5);
	# B 2024-04-01 is FY 2024-25.  Garwood 95% limits: 1 -> 0.0253-5.5716,
	# 5 -> 1.6235-11.6683.  The data run 2022-12 to 2024-04: FY 2022-23
	# has 4 of its months (Dec to Mar), 2023-24 all 12, 2024-25 one.
	run -0 vawg-stats count --period fy "$D/edges.csv"
	[ "$output" = "period,count,count_lower,count_upper,months_covered,complete
2022-23,1,0.03,5.57,4,N
2023-24,5,1.62,11.67,12,Y
2024-25,1,0.03,5.57,1,N" ]
}

@test "stats: 29 February is in February and in the first quarter" {
	run -0 vawg-stats count --period month --from 2024-02-01 --to 2024-03-31 "$D/edges.csv"
	[ "${lines[1]}" = "2024-02,1,0.03,5.57,1,Y" ]
	[ "${lines[2]}" = "2024-03,1,0.03,5.57,1,Y" ]
	# Q1 2024: E (1 Jan), C (29 Feb), A (31 Mar); Garwood 3 -> 0.6187-8.7673.
	run -0 vawg-stats count --period quarter "$D/edges.csv"
	[[ "$output" == *"2024-Q1,3,0.62,8.77"* ]]
	[[ "$output" == *"2024-Q2,1,0.03,5.57"* ]]
}

@test "stats: rolling windows cross the year end (worked by hand)" {
	# 17 months of data, 2022-12 to 2024-04: windows end 2023-11 to 2024-04.
	# 2022-12..2023-11: G, F = 2;  2023-01..2023-12: F, D = 2;
	# 2023-02..2024-01: F, D, E = 3;  2023-03..2024-02: + C = 4;
	# 2023-04..2024-03: + A = 5;  2023-05..2024-04: + B = 6.
	run -0 vawg-stats count --period rolling12 "$D/edges.csv"
	printf '%s\n' "$output" | cut -d, -f1,2 >got
	printf '%s\n' period,count 2022-12..2023-11,2 2023-01..2023-12,2 \
	    2023-02..2024-01,3 2023-03..2024-02,4 2023-04..2024-03,5 \
	    2023-05..2024-04,6 >want
	diff got want
}

@test "stats: a span shorter than 12 months gives one window and a note" {
	run --separate-stderr -0 vawg-stats count --period rolling12 --from 2024-01-01 --to 2024-04-30 "$D/edges.csv"
	# Only 2024-01 to 2024-04 counted (--from): 4 of the window's 12 months.
	[ "${lines[1]}" = "2023-05..2024-04,4,1.09,10.24,4,N" ]
	[[ "$stderr" == *"one rolling window"* ]]
}

@test "stats: --level 90 (worked by hand)" {
	# The year 2024: E, C, A, B = 4.  90% Garwood limits:
	# chi2(0.05, 8)/2 = 2.7326/2 = 1.366; chi2(0.95, 10)/2 = 18.307/2 = 9.154.
	# The data end in 2024-04: 4 months of the year 2024.
	run -0 vawg-stats count --period year --level 90 "$D/edges.csv"
	[ "${lines[3]}" = "2024,4,1.37,9.15,4,N" ]
}

@test "stats: --distinct counts each key once, with a note" {
	cat "$D/edges.csv" >dup.csv
	sed -n 2,3p "$D/edges.csv" >>dup.csv
	run --separate-stderr -0 vawg-stats count --distinct --period all dup.csv
	# all: the 17 months 2022-12 to 2024-04.
	[ "${lines[1]}" = "all,7,2.81,14.42,17,Y" ]
	[[ "$stderr" == *"2 rows repeating a key"* ]]
	run --separate-stderr -0 vawg-stats count --period all dup.csv
	[[ "${lines[1]}" == all,9,* ]]
}

# ---- charge-rate and outcomes ----------------------------------------------

@test "stats: charge-rate, closed basis (worked by hand)" {
	# Outcomes assigned: FY 2023-24: G (1, 2023-04-01), F (18), C (1A),
	# A (1) = 3 charges of 4; FY 2024-25: B (16) = 0 of 1.  D, E pending.
	# Wilson 3/4: (3 + 1.9208)/(4 + 3.8415) = 0.6275 -+ 1.96/7.8415 *
	# sqrt(0.75 + 0.9604) = 0.3269 -> 0.3006, 0.9544.
	# Wilson 0/1: upper = 2 * 1.9208/4.8415 = 0.7935.
	# Outcome dates run 2023-04 to 2024-04: all of FY 2023-24, one month
	# of 2024-25.
	run -0 vawg-stats charge-rate --period fy "$D/edges.csv"
	[ "$output" = "period,charges,outcomes,charge_rate,charge_rate_lower,charge_rate_upper,months_covered,complete
2023-24,3,4,0.7500,0.3006,0.9544,12,Y
2024-25,0,1,0.0000,0.0000,0.7935,1,N" ]
}

@test "stats: charge-rate, recorded basis (worked by hand)" {
	# Recorded FY 2022-23: G, charged (1 of 1); FY 2023-24: F, D, E, C, A,
	# of which C (1A) and A (1) charged: 2 of 5; FY 2024-25: B, 0 of 1.
	run -0 vawg-stats charge-rate --basis recorded --period fy "$D/edges.csv"
	[ "$(printf '%s\n' "$output" | cut -d, -f1-4)" = "period,charges,crimes,charge_rate
2022-23,1,1,1.0000
2023-24,2,5,0.4000
2024-25,0,1,0.0000" ]
}

@test "stats: charge-rate matches the reference" {
	same charge-rate --by borough --period fy "$D/crimes.csv"
	same charge-rate --basis recorded --period fy "$D/crimes.csv"
	same charge-rate --period quarter --by borough "$D/crimes.csv"
}

@test "stats: charge-rate --compare yoy and prev" {
	same charge-rate --period quarter --compare yoy "$D/crimes.csv"
	same charge-rate --period rolling12 --compare prev "$D/crimes.csv"
	same charge-rate --basis recorded --period month --compare yoy --by borough "$D/crimes.csv"
	same charge-rate --period month --compare prev --from 2024-01-01 --to 2024-12-31 --by borough "$D/crimes.csv"
}

@test "stats: --compare reads the year before --from (worked by hand)" {
	# Only FY 2024-25 is written (B: 0 of 1); its previous year, before
	# --from, still gives the comparison: FY 2023-24, 3 of 4 (as above).
	run -0 vawg-stats charge-rate --period fy --from 2024-04-01 --compare yoy "$D/edges.csv"
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == "2024-25,0,1,0.0000,0.0000,0.7935,2023-24,3,4,0.7500,0.3006,0.9544,-3,-0.7500,"* ]]
	same charge-rate --period month --compare yoy --from 2024-06-01 --by borough "$D/crimes.csv"
	same count --period quarter --compare prev --from 2024-01-01 --to 2024-12-31 "$D/crimes.csv"
	same count --period rolling12 --compare yoy --from 2024-01-01 "$D/crimes.csv"
}

@test "stats: outcomes with the positive outcome rate" {
	same outcomes --period fy "$D/crimes.csv"
	same outcomes --by borough --period all "$D/crimes.csv"
	same outcomes --period rolling12 --basis recorded "$D/crimes.csv"
	same outcomes --period year --positive 1,2,3,4,6,7,8,22 "$D/crimes.csv"
}

@test "stats: outcome codes that are not outcomes are counted in a note" {
	run --separate-stderr -0 vawg-stats charge-rate --period all "$D/crimes.csv"
	[[ "$stderr" == *"2 rows with an outcome that is not a Home Office outcome"* ]]
}

@test "stats: 1A is part of 1, never added" {
	# C is 1A, A and G are 1: three charged crimes, not more.
	run -0 vawg-stats outcomes --period all "$D/edges.csv"
	[[ "$output" == *"all,charge_summons,1,2,5,"* ]]
	[[ "$output" == *"all,charge_summons,1A,1,5,"* ]]
	[[ "$output" == *"all,positive,1 2 3 4 6 7 8,3,5,"* ]]
}

# ---- other kinds -----------------------------------------------------------

@test "stats: orders, with in force at --at and per 100,000" {
	same orders --by order_type --period fy --at 2025-06-30 "$D/orders.csv"
	same orders --by borough --period year --at 2025-06-30 --population "$D/population.csv" "$D/orders.csv"
	same orders --period all --at 2025-01-15 --population "$D/population.csv" "$D/orders.csv"
}

@test "stats: wanted snapshot at --at" {
	same wanted --at 2025-06-30 "$D/wanted.csv"
	same wanted --by borough --period year --at 2025-12-31 "$D/wanted.csv"
	same wanted --period quarter --from 2025-01-01 --to 2025-09-30 --at 2025-09-30 "$D/wanted.csv"
}

@test "stats: wanted, worked by hand" {
	# At 2025-03-31: W1 wanted 2025-03-01, not arrested: 30 days, DA.
	# W2 wanted 2024-01-01, arrested 2025-02-10 (406 days): an arrest in
	# 2025-02.  W3 wanted 2025-04-01: not yet wanted.  W4 wanted
	# 2024-12-25, not arrested: 96 days.  Median of 30 and 96: 63.0;
	# 90th percentile: 30 + 0.9 * 66 = 89.4.
	cat >w.csv <<-'CSV'
	wanted_ref,wanted_date,arrest_date,da_flag,high_harm,forensic_live
	W1,2025-03-01,,Y,N,N
	W2,2024-01-01,2025-02-10,N,N,N
	W3,2025-04-01,,Y,Y,Y
	W4,2024-12-25,,N,Y,N
	CSV
	# Wanted dates run 2024-01 to 2025-04: 16 months.
	run -0 vawg-stats wanted --at 2025-03-31 w.csv
	[ "${lines[1]}" = "all,2025-03-31,4,2,1,1,0,63.0,89.4,0,0,1,1,0,1,406.0,0,16,Y" ]
	run -0 vawg-stats wanted --period month --from 2025-02-01 --at 2025-03-31 w.csv
	[ "${lines[1]}" = "2025-02,2025-03-31,0,0,0,0,0,,,0,0,0,0,0,1,406.0,0,1,Y" ]
}

@test "stats: marac cases, repeats and cases per 10,000 women" {
	same marac --by borough --period fy "$D/marac.csv"
	same marac --period all --population "$D/population.csv" "$D/marac.csv"
	same marac --by borough --period quarter --population "$D/population.csv" --from 2025-01-01 "$D/marac.csv"
	same marac --by referral_route --period rolling12 "$D/marac.csv"
}

@test "stats: a marac repeat is within 12 months of the last referral" {
	# Gil: referred 2024-02-29 and 2025-02-28 (12 months on, clamped to
	# the month end): a repeat.  Hal: 2024-05-10 and 2025-05-11, one day
	# past 12 months: a new case.
	awk -F, 'NR == 1 || $4 == "Gil" || $4 == "Hal"' "$D/marac.csv" >gh.csv
	run -0 vawg-stats marac --period all gh.csv
	[ "$(printf '%s\n' "$output" | sed -n 2p | cut -d, -f1-3)" = "all,4,1" ]
}

@test "stats: disclosures, decisions and 28-day timeliness" {
	same disclosures --by route,channel --period quarter --at 2025-09-30 "$D/disclosures.csv"
	same disclosures --period all --at 2025-12-31 "$D/disclosures.csv"
}

@test "stats: repeat victims and suspects" {
	same repeat --by borough --period fy "$D/crimes.csv"
	same repeat --role suspect --period rolling12 "$D/crimes.csv"
	same repeat --period month --from 2024-06-01 --to 2024-12-31 "$D/crimes.csv"
}

@test "stats: repeat on the edge cases (worked by hand)" {
	# P1: A 2024-03-31, B 2024-04-01: B repeats.  P2: F 2023-05-15,
	# C 2024-02-29: C repeats.  P3: D, E: E repeats.  P4: G alone.
	# FY 2023-24: P1 (A, no), P2 (F no, C yes), P3 (D no, E yes): 3 people,
	# 2 repeat; FY 2024-25: P1 (B yes): 1 of 1; FY 2022-23: P4: 0 of 1.
	run -0 vawg-stats repeat --period fy "$D/edges.csv"
	[ "$(printf '%s\n' "$output" | cut -d, -f1-3,7)" = "period,people,repeat_people,crimes
2022-23,1,0,1
2023-24,3,2,5
2024-25,1,1,1" ]
}

@test "stats: change with an exact rate-ratio interval" {
	same change --by borough --before 2024-01-01..2024-06-30 --after 2024-07-01..2024-12-31 "$D/crimes.csv"
	same change --before 2023-01-01..2023-12-31 --after 2024-01-01..2024-12-31 --where borough=Haringey "$D/crimes.csv"
}

@test "stats: change, worked by hand" {
	# 30 before, 15 after, windows of equal length: ratio 0.5, -50%;
	# exact interval and p from R's poisson.test(c(15, 30), c(1, 1)),
	# re-derived by intervals-ref.py: 0.2515-0.9592, p = 0.0357.
	{
		echo crime_ref,reported_date
		for i in $(seq 1 30); do echo "b$i,2024-01-10"; done
		for i in $(seq 1 15); do echo "a$i,2024-02-10"; done
	} >ch.csv
	# The after window reaches into March, past the data (2024-01 to
	# 2024-02): exit 65 unless --allow-partial; then 2 of its 3 months.
	run -65 vawg-stats change --before 2024-01-01..2024-01-31 --after 2024-02-01..2024-03-02 ch.csv
	run -0 vawg-stats change --allow-partial --before 2024-01-01..2024-01-31 --after 2024-02-01..2024-03-02 ch.csv
	[ "$(printf '%s\n' "${lines[1]}" | cut -d, -f1-12)" = "2024-01-01..2024-01-31,2024-02-01..2024-03-02,30,15,31,31,-15,-50.0,0.5000,$("$PY" -c "
import sys; sys.path.insert(0, '$D'); r = __import__('intervals-ref')
x = r.rate_ratio(15, 31, 30, 31); print('%.4f,%.4f,%.4f' % x[1:])")" ]
	[[ "${lines[1]}" == *,2,N ]]
}

@test "stats: engagement against a target" {
	same engagement --by type,ward --target 6 "$D/engagement.csv"
	same engagement --by ward --period rolling12 "$D/engagement.csv"
}

# ---- input handling --------------------------------------------------------

@test "stats: empty values go to unknown, bad dates to a note" {
	run --separate-stderr -0 vawg-stats count --by borough --period fy "$D/crimes.csv"
	[[ "$output" == *"
unknown,2023-24,1,"* ]]
	[[ "$output" == *"
Haringey,unknown,1,"* ]]
	[[ "$stderr" == *"note: 1 rows with an empty or invalid reported_date (period unknown)"* ]]
}

@test "stats: a missing column is an error naming it (65)" {
	printf 'crime_ref,reported_date\nA,2024-01-01\n' >x.csv
	run -65 vawg-stats charge-rate x.csv
	[[ "$output" == "vawg-stats: x.csv:1: missing column outcome_code (or outcome_group)" ]]
	run -65 vawg-stats count --by ward x.csv
	[[ "$output" == "vawg-stats: x.csv:1: missing column ward" ]]
	run -65 vawg-stats orders "$D/crimes.csv"
	[[ "$output" == *"missing column applied_date" ]]
	printf 'a,b\n1,2\n' >y.csv
	run -65 vawg-stats count y.csv
	[[ "$output" == *"y.csv:1: no date column: name one with --date" ]]
	run -0 vawg-stats count --date b --period all y.csv
}

@test "stats: text after a closing quote rejects the row (1), --strict fails (65)" {
	printf 'crime_ref,reported_date\nA,2024-01-01\n"B"x,2024-01-02\nC,2024-01-03\n' >q.csv
	run --separate-stderr -1 vawg-stats count q.csv
	[ "$stderr" = "vawg-stats: q.csv:3: text after a closing quote; row not counted" ]
	[ "${lines[1]}" = "2024-01,2,0.24,7.22,1,Y" ]
	run --separate-stderr -65 vawg-stats --strict count q.csv
}

@test "stats: an unterminated quote is an error (65) naming the line" {
	printf 'crime_ref,reported_date\nA,2024-01-01\n"B,2024-01-02\n' >u.csv
	run -65 vawg-stats count u.csv
	[[ "$output" == "vawg-stats: u.csv:3: unterminated quoted field" ]]
}

@test "stats: a missing input is warned about, the rest counted, exit 66" {
	run --separate-stderr -66 vawg-stats count --period all nosuch.csv "$D/edges.csv"
	[[ "$stderr" == "vawg-stats: nosuch.csv: No such file or directory" ]]
	[ "${lines[1]}" = "all,7,2.81,14.42,17,Y" ]
}

@test "stats: /dev/full is an I/O error (74)" {
	run -74 vawg-stats count "$D/edges.csv" -o /dev/full
	run -74 bash -c "vawg-stats count '$D/edges.csv' >/dev/full"
}

@test "stats: quoted commas and embedded newlines" {
	run -0 vawg-stats count --by offence_desc --period all "$D/crimes.csv"
	[[ "$output" == *'"Assault, with injury",all,1,0.03,5.57'* ]]
	[[ "$output" == *'"two
lines",all,1,0.03,5.57'* ]]
}

@test "stats: CRLF and a BOM give the same figures" {
	printf '\xef\xbb\xbf' >crlf.csv
	sed 's/$/\r/' "$D/crimes.csv" >>crlf.csv
	vawg-stats count --by borough --period fy "$D/crimes.csv" >lf.out 2>/dev/null
	vawg-stats count --by borough --period fy crlf.csv >crlf.out 2>/dev/null
	diff lf.out crlf.out
	vawg-stats outcomes --period fy crlf.csv >o1 2>/dev/null
	vawg-stats outcomes --period fy "$D/crimes.csv" >o2 2>/dev/null
	diff o1 o2
}

@test "stats: empty and header-only input give the header only" {
	run -0 vawg-stats count --by borough </dev/null
	[ "$output" = "borough,period,count,count_lower,count_upper,months_covered,complete" ]
	head -1 "$D/crimes.csv" >h.csv
	run -0 vawg-stats charge-rate h.csv
	[ "$output" = "period,charges,outcomes,charge_rate,charge_rate_lower,charge_rate_upper,months_covered,complete" ]
}

@test "stats: reads standard input" {
	run -0 bash -c "vawg-stats count --period fy <'$D/edges.csv'"
	[ "${lines[2]}" = "2023-24,5,1.62,11.67,12,Y" ]
}

@test "stats: -o writes a file of mode 0600" {
	run -0 vawg-stats count --period fy -o out.csv "$D/edges.csv"
	[ "$(file_mode out.csv)" = 600 ]
	[ "$(sed -n 3p out.csv)" = "2023-24,5,1.62,11.67,12,Y" ]
}

# ---- real and synthetic data through vawg-ingest ---------------------------

@test "stats: a real police.uk street file through vawg-ingest" {
	vawg-ingest --profile police-uk-street -o ukp.csv \
	    "$D/2016-01-city-of-london-street.csv" 2>/dev/null
	# Crimes by type and month, counted on the raw file by Python.
	run -0 vawg-stats count --by offence_desc --period month ukp.csv
	printf '%s\n' "$output" | cut -d, -f1-3 >ours
	"$PY" - "$D/2016-01-city-of-london-street.csv" >theirs <<'PY'
import csv, sys
from collections import Counter
c = Counter((r["Crime type"], r["Month"]) for r in csv.DictReader(open(sys.argv[1], newline="")))
print("offence_desc,period,count")
for (t, m), n in sorted(c.items(), key=lambda kv: kv[0][0].encode()):
    print("%s,%s,%d" % (t, m, n))
PY
	diff ours theirs
	same charge-rate --basis recorded --period month --by borough ukp.csv
	same outcomes --basis recorded --period all ukp.csv
	same count --by offence_group --period all ukp.csv
}

@test "stats: charge-rate on real police.uk outcomes files counts crimes, not rows" {
	src="$D/2016-01-city-of-london-outcomes.csv"
	# The month after, made from the real file: some charged crimes later
	# "Unable to prosecute suspect" or sentenced, some crimes with no
	# suspect later charged or resolved locally, one row repeated.
	"$PY" "$D/ukp-outcomes.py" later "$src" later.csv
	for files in "$src" "$src later.csv"; do
		# shellcheck disable=SC2086
		IFS=, read -r crimes charged outcomes < <("$PY" "$D/ukp-outcomes.py" count $files)
		[ "$charged" -gt 0 ]
		# shellcheck disable=SC2086
		vawg-ingest --profile police-uk-outcomes -o ukp.csv $files 2>/dev/null
		run -0 vawg-stats charge-rate --period all ukp.csv
		assert_line --regexp "^all,$charged,$outcomes,"
		run -0 vawg-stats charge-rate --basis recorded --period all ukp.csv
		assert_line --regexp "^all,$charged,$crimes,"
	done
	# The file's own "Suspect charged" rows are fewer than the charged
	# crimes (court results follow a charge), and its rows more than its
	# crimes (a crime has several outcomes, or a row twice).
	IFS=, read -r crimes charged outcomes < <("$PY" "$D/ukp-outcomes.py" count "$src")
	[ "$(grep -c ',Suspect charged' "$src")" -lt "$charged" ]
	[ "$(($(wc -l <"$src") - 1))" -gt "$crimes" ]
}

@test "stats: the synthetic data set through vawg-ingest" {
	vawg-synth --all syn --seed 3 --scale 0.05 2>/dev/null
	for k in crime:crime-export.csv order:orders-export.csv \
	    wanted:wanted-export.csv marac:marac-export.csv \
	    disclosure:dvds-export.xlsx engagement:engagement-export.csv \
	    population:population-estimates.csv; do
		vawg-ingest -k "${k%%:*}" -o "${k%%:*}.csv" -r /dev/null \
		    "syn/raw/${k#*:}" 2>/dev/null || [ $? -eq 1 ]
	done
	same charge-rate --by borough --period fy crime.csv
	same charge-rate --basis recorded --period quarter --compare yoy crime.csv
	same count --by offence_group --period fy --where vawg=Y crime.csv
	same outcomes --period fy crime.csv
	same orders --by order_type --period fy --at 2026-09-30 order.csv
	same orders --period year --at 2026-09-30 --population population.csv order.csv
	same wanted --by borough --at 2026-09-30 wanted.csv
	same marac --by borough --period fy --population population.csv marac.csv
	same disclosures --by route --period fy --at 2026-09-30 disclosure.csv
	same engagement --by type --period quarter --target 6 engagement.csv
	same change --by borough --before 2025-01-01..2025-06-30 --after 2025-07-01..2025-12-31 crime.csv
	vawg-dedupe --role victim crime.csv >dd.csv 2>/dev/null
	same repeat --by borough --period fy dd.csv
}

@test "stats: a NUL byte or invalid UTF-8 rejects the row (1)" {
	printf 'crime_ref,reported_date\nA,2024-01-01\nB\xff,2024-01-02\nC\0,2024-01-03\nD\xc3\xa9,2024-01-04\n' >b.csv
	run --separate-stderr -1 vawg-stats count b.csv
	[ "$stderr" = "vawg-stats: b.csv:3: invalid UTF-8; row not counted
vawg-stats: b.csv:4: NUL byte; row not counted" ]
	[ "${lines[1]}" = "2024-01,2,0.24,7.22,1,Y" ]
}

@test "stats: a folder as input exits 66, the other inputs are counted" {
	mkdir adir
	run --separate-stderr -66 vawg-stats count --period all adir "$D/edges.csv"
	[ "$stderr" = "vawg-stats: adir: Is a directory" ]
	[ "${lines[1]}" = "all,7,2.81,14.42,17,Y" ]
}

# ---- headline ----------------------------------------------------------------

# A small table as vawg-stats writes it, and a spec over it.  Worked by
# hand: January's charges 3 + 2 = 5 (C's empty value left out), its
# outcomes 10 + 5 = 15 (B's empty left out), rate 5 / 15 = 0.3333;
# February 1 charge of 4 outcomes, 0.2500; March has no rows (empty);
# the change is the first figure minus the last.
headline_table() {
	cat >t.csv <<'CSV'
borough,period,charges,outcomes
A,2026-01,3,10
B,2026-01,2,
C,2026-01,,5
A,2026-02,1,4
D,2026-03,,0
CSV
}

@test "stats: headline sums the rows of each period, rates from the sums (worked by hand)" {
	headline_table
	cat >spec.csv <<'CSV'
measure,numerator,denominator,where,jan,feb
Charges,charges,,,t.csv#2026-01,t.csv#2026-02
Charge rate,charges,outcomes,,t.csv#2026-01,t.csv#2026-02
"Charges, borough A",charges,,borough=A,t.csv#2026-01,t.csv#2026-02
March charges,charges,,,t.csv#2026-03,t.csv#2026-03
March rate,outcomes,outcomes,,t.csv#2026-03,t.csv#2026-01
Every period,charges,,,t.csv,t.csv#2026-02
CSV
	run -0 vawg-stats headline --change change spec.csv
	assert_output - <<'CSV'
measure,jan,feb,change
Charges,5,1,4
Charge rate,0.3333,0.2500,0.0833
"Charges, borough A",3,1,2
March charges,,,
March rate,,1.0000,
Every period,6,1,5
CSV
}

@test "stats: headline figures agree with Python's csv module on a real table" {
	vawg-stats charge-rate --by borough --period month -o t.csv "$D/crimes.csv"
	mapfile -t months < <("$PY" -c '
import csv, sys
ps = sorted({r["period"] for r in csv.DictReader(open(sys.argv[1], newline=""))})
print("\n".join(ps[-1:] + ps[:1]))' t.csv)
	printf 'measure,numerator,denominator,where,a,b\nc,charges,,,t.csv#%s,t.csv#%s\nr,charges,outcomes,,t.csv#%s,t.csv#%s\n' \
		"${months[@]}" "${months[@]}" >spec.csv
	run -0 vawg-stats headline --tables . --change d spec.csv
	expected=$("$PY" - t.csv "${months[@]}" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
def s(col, m):
    v = [float(r[col]) for r in rows if r["period"] == m and r[col] != ""]
    return sum(v) if v else None
a, b = sys.argv[2:4]
c = [s("charges", a), s("charges", b)]
r = [s("charges", m) / s("outcomes", m) for m in (a, b)]
print("measure,a,b,d")
print("c,%d,%d,%d" % (round(c[0]), round(c[1]), round(c[0] - c[1])))
print("r,%.4f,%.4f,%.4f" % (r[0], r[1], r[0] - r[1]))
PY
)
	[ "$output" = "$expected" ]
}

@test "stats: headline rounds a sum half to even, reads tables under --tables, leaves a missing table empty" {
	mkdir tabs
	printf 'period,x\nall,1.25\nall,1.25\nall,1.75\nall,1.75\n' >tabs/h.csv
	cat >spec.csv <<'CSV'
measure,numerator,denominator,where,one,two
half,x,,,h.csv,nosuch.csv
CSV
	# 1.25 + 1.25 + 1.75 + 1.75 = 6 exactly; the halves: see below.
	run --separate-stderr -0 vawg-stats headline --tables tabs spec.csv
	[ "$output" = "$(printf 'measure,one,two\nhalf,6,')" ]
	[[ $stderr == *"nosuch.csv: no such table"* ]]
	# 2.5 rounds to 2 and 3.5 to 4 (half to even, as Python's round()).
	printf 'period,x\nall,2.5\n' >tabs/h.csv
	printf 'period,x\nall,3.5\n' >tabs/k.csv
	printf 'measure,numerator,denominator,where,one,two\nhalf,x,,,h.csv,k.csv\n' >spec.csv
	run -0 vawg-stats headline --tables tabs --change c spec.csv
	[ "$output" = "$(printf 'measure,one,two,c\nhalf,2,4,-1')" ]
}

@test "stats: headline errors: bad spec, missing column, not a number, metric options" {
	headline_table
	printf 'label,numerator,denominator,where,a\n' >bad.csv
	run -65 vawg-stats headline bad.csv
	[[ $output == *"bad.csv:1: the spec's columns begin measure"* ]]
	printf 'measure,numerator,denominator,where,a\nx,nosuch,,,t.csv\n' >spec.csv
	run -65 vawg-stats headline spec.csv
	[[ $output == *"t.csv:1: missing column nosuch"* ]]
	printf 'measure,numerator,denominator,where,a\nx,borough,,,t.csv\n' >spec.csv
	run -65 vawg-stats headline spec.csv
	[[ $output == *"t.csv:2: column borough: not a number"* ]]
	run -64 vawg-stats headline --by borough spec.csv
	run -64 vawg-stats headline
	run -64 vawg-stats count --tables . "$D/crimes.csv"
	run -66 vawg-stats headline nosuch.csv
}

@test "stats: headline -o writes a file of mode 0600" {
	headline_table
	printf 'measure,numerator,denominator,where,a\nx,charges,,,t.csv\n' >spec.csv
	run -0 vawg-stats headline -o out.csv spec.csv
	[ "$(cat out.csv)" = "$(printf 'measure,a\nx,6')" ]
	[ "$(file_mode out.csv)" = 600 ]
}
