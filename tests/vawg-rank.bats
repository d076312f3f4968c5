#!/usr/bin/env bats
# End-to-end tests of vawg-rank.  Expected scores are worked out by hand
# below (default weights: recency 10, frequency 2, harm_per_day 0.01,
# victims 5, order_breach 10, wanted 10; harm days from data/harm.csv:
# 19C 2555, 20A 182.25, 8L/8Q/105A 10) or by ref_rank.py, an independent
# Python reference written from the man page.
load helper

D=$DATA/vawg-rank
ASOF=--as-of=2026-10-31

# col FILE NAME...: prints the named columns of a CSV, comma-separated,
# through Python's csv module.
col() {
	local f=$1
	shift
	"$PY" - "$f" "$@" <<'EOF'
import csv, sys
rows = csv.DictReader(open(sys.argv[1], newline=""))
for r in rows:
    print(",".join(r[c] for c in sys.argv[2:]))
EOF
}

@test "rank: --help and --version" {
	run -0 vawg-rank --help
	assert_line --index 0 --partial "usage: vawg-rank"
	assert_output --partial "--previous FILE"
	assert_output --partial "Memory:"
	run -0 vawg-rank --version
	assert_output "vawg-rank 0.1.0"
}

@test "rank: usage errors exit 64" {
	run -64 vawg-rank --no-such-option
	assert_output --partial "usage: vawg-rank"
	run -64 vawg-rank --window 0d "$D/basic.csv"
	run -64 vawg-rank --window 365x "$D/basic.csv"
	run -64 vawg-rank --top -1 "$D/basic.csv"
	run -64 vawg-rank --as-of 31/10/2026 "$D/basic.csv"
	run -64 vawg-rank --as-of 2026-02-30 "$D/basic.csv"
	run -64 vawg-rank --min-da 0 "$D/basic.csv"
	run -64 vawg-rank --id "" "$D/basic.csv"
	run -64 vawg-rank --top
}

# P1: 19C on 2026-10-19, 8L on 2026-09-30 (DA), 105A on 2026-06-01 (DA);
#     victims Ann Able twice (case differs: one victim) and Cath Cole.
#     days since 2026-10-19 = 12
#     recency   10 * (365 - 12) / 365 = 9.671 -> 9.67
#     frequency 2 * 3                 = 6
#     harm      0.01 * (2555+10+10)   = 25.75
#     victims   5 * 2                 = 10
#     score     51.421                -> 51.42
# P2: 105A (DA) on 2025-12-01 and 2025-11-20, one victim.
#     days since 2025-12-01 = 334
#     recency   10 * (365 - 334) / 365 = 0.849 -> 0.85
#     frequency 2 * 2 = 4; harm 0.01 * 20 = 0.20; victims 5 * 1 = 5
#     score     10.049                 -> 10.05
# P3: 9A, not VAWG and not DA: not counted.  C7 has no suspect_id.
@test "rank: hand-computed scores" {
	run -0 vawg-rank $ASOF -o out.csv "$D/basic.csv"
	run -0 col out.csv rank suspect_id suspect_forename suspect_surname \
	    suspect_dob suspect_pnc score recency_points frequency_points \
	    harm_points victim_points offence_count da_offence_count \
	    victim_count harm_days last_offence_date days_since_last flags
	assert_output - <<'EOF'
1,P1,Bob,Baker,1980-02-02,2001/0171310W,51.42,9.67,6.00,25.75,10.00,3,2,2,2575,2026-10-19,12,
2,P2,Carl,Cross,1975-05-05,,10.05,0.85,4.00,0.20,5.00,2,2,1,20,2025-12-01,334,
EOF
}

@test "rank: --explain shows the arithmetic" {
	run -0 vawg-rank $ASOF --explain -o out.csv "$D/basic.csv"
	run -0 col out.csv suspect_id explain
	assert_line --index 0 "P1,recency 10 * (365 - 12) / 365 = 9.67; frequency 2 * 3 = 6.00; harm 0.01 * 2575 = 25.75; victims 5 * 2 = 10.00; order_breach 10 * 0 = 0.00; wanted 10 * 0 = 0.00; score 51.42"
	assert_line --index 1 --partial "P2,recency 10 * (365 - 334) / 365 = 0.85;"
}

# RECENT: one rape 5 days before as-of, one victim:
#   10 * 360 / 365 + 2 + 0.01 * 2555 + 5 = 9.863 + 2 + 25.55 + 5 = 42.41
# MINOR: three common assaults (DA), the last 305 days before, one victim:
#   10 * 60 / 365 + 6 + 0.01 * 30 + 5 = 1.644 + 6 + 0.3 + 5 = 12.94
@test "rank: a recent serious offender outranks an old minor one" {
	run -0 vawg-rank $ASOF -o out.csv "$D/serious.csv"
	run -0 col out.csv rank suspect_id score offence_count
	assert_output - <<'EOF'
1,RECENT,42.41,1
2,MINOR,12.94,3
EOF
}

# Two harassments each, on the same days (last 30 days before as-of):
#   10 * 335 / 365 + 4 + 0.2 = 13.378; AAA one victim (+5) = 18.38,
#   ZED two victims (+10) = 23.38.  ZED would come last on the id.
@test "rank: more victims rank higher, all else equal" {
	run -0 vawg-rank $ASOF -o out.csv "$D/victims.csv"
	run -0 col out.csv rank suspect_id score victim_count
	assert_output - <<'EOF'
1,ZED,23.38,2
2,AAA,18.38,1
EOF
}

@test "rank: victims named in any script are counted once each" {
	# By hand: AAA's victims are Ștefan Țurcanu (written three ways),
	# Иван Петров (two ways) and Сергей Сидоров, born on one day: 3.
	cat >v.csv <<'EOF'
crime_ref,reported_date,committed_date,offence_code,victim_forename,victim_surname,victim_dob,suspect_id
W1,2026-10-01,2026-10-01,8L,Ștefan,Țurcanu,1990-01-02,AAA
W2,2026-10-01,2026-10-01,8L,ȘTEFAN,ȚURCANU,1990-01-02,AAA
W3,2026-10-01,2026-10-01,8L,Stefan,Turcanu,1990-01-02,AAA
W4,2026-10-01,2026-10-01,8L,Иван,Петров,1990-01-02,AAA
W5,2026-10-01,2026-10-01,8L,ИВАН,ПЕТРОВ,1990-01-02,AAA
W6,2026-10-01,2026-10-01,8L,Сергей,Сидоров,1990-01-02,AAA
EOF
	run -0 vawg-rank $ASOF -o out.csv v.csv
	run -0 col out.csv suspect_id victim_count
	assert_output "AAA,3"
	"$PY" "$D/ref_rank.py" "$TOP/data/harm.csv" 2026-10-31 365 0 \
	    <v.csv | tail -n +2 >want.txt
	col out.csv rank suspect_id score offence_count da_offence_count \
	    victim_count harm_days last_offence_date >got.txt
	run -0 diff want.txt got.txt
}

# EXACT365: 2025-10-31 is 365 days before: counted, recency 0:
#   0 + 2 + 0.1 + 5 = 7.10.  ASOF: on the as-of date: 10 + 2 + 0.1 + 5 =
#   17.10.  DAY366 (2025-10-30) and AFTER (2026-11-01) are outside.
@test "rank: the window and the as-of date at their edges" {
	run -0 vawg-rank $ASOF --window 365d -o out.csv "$D/edges.csv"
	run -0 col out.csv rank suspect_id score recency_points days_since_last
	assert_output - <<'EOF'
1,ASOF,17.10,10.00,0
2,EXACT365,7.10,0.00,365
EOF
	# One day later, EXACT365 is out; the day after, AFTER is in.
	run -0 vawg-rank --as-of 2026-11-01 -o out2.csv "$D/edges.csv"
	run -0 col out2.csv suspect_id
	assert_output - <<'EOF'
AFTER
ASOF
EOF
	# A window given without the d.
	run -0 vawg-rank $ASOF --window 364 -o out3.csv "$D/edges.csv"
	run -0 col out3.csv suspect_id
	assert_output "ASOF"
}

# Weights: frequency 1, all else 0, so every score is 1.00: the tie
# order is harm days (T-Z, a rape), then last date (T-A and T-B on
# 2026-10-01 before T-C on 2026-09-01), then id (T-A before T-B).
@test "rank: ties in the documented order" {
	printf 'weight,value\nrecency,0\nfrequency,1\nharm_per_day,0\nvictims,0\norder_breach,0\nwanted,0\n' >w.csv
	run -0 vawg-rank $ASOF --weights w.csv -o out.csv "$D/ties.csv"
	run -0 col out.csv rank suspect_id score
	assert_output - <<'EOF'
1,T-Z,1.00
2,T-A,1.00
3,T-B,1.00
4,T-C,1.00
EOF
	# The order does not depend on the order of the input.
	(head -1 "$D/ties.csv"; tail -n +2 "$D/ties.csv" | tac) >rev.csv
	run -0 vawg-rank $ASOF --weights w.csv -o out2.csv rev.csv
	run -0 cmp out.csv out2.csv
}

# P5 (extra.csv): stalking 11 days before, one victim:
#   10 * 354 / 365 + 2 + 0.1 + 5 = 16.80, between P1 (51.42) and P2.
# Last list: 1 P2, 2 P1, 3 GONE (LEFTBEFORE had left already).
@test "rank: --previous marks new, left and movement" {
	run -0 vawg-rank $ASOF --previous "$D/previous.csv" -o out.csv \
	    "$D/basic.csv" "$D/extra.csv"
	run -0 col out.csv rank suspect_id suspect_forename score \
	    previous_rank rank_change movement
	assert_output - <<'EOF'
1,P1,Bob,51.42,2,1,up
2,P5,Eli,16.80,,,new
3,P2,Carl,10.05,1,-2,down
,GONE,Gary,,3,,left
EOF
	# Against itself, nobody moves.
	run -0 vawg-rank $ASOF --previous out.csv -o again.csv \
	    "$D/basic.csv" "$D/extra.csv"
	run -0 col again.csv suspect_id movement rank_change
	assert_output - <<'EOF'
P1,same,0
P5,same,0
P2,same,0
EOF
}

@test "rank: a previous list without a rank column is bad data" {
	run -65 vawg-rank $ASOF --previous "$D/basic.csv" "$D/basic.csv"
	assert_output --partial "basic.csv:1: no rank column"
}

# --da-only counts only crimes with da_flag Y: P1 keeps 8L and 105A:
#   10 * (365 - 31) / 365 + 4 + 0.2 + 5 * 2 = 9.151 + 14.2 = 23.35
#   (Ann Able and Cath Cole); P2 as before, 10.05.
# --min-da 2 lists only persons with two or more DA offences.
@test "rank: --da-only and --min-da (Op Dauntless)" {
	run -0 vawg-rank $ASOF --da-only -o out.csv "$D/basic.csv" "$D/extra.csv"
	run -0 col out.csv rank suspect_id score da_offence_count
	assert_output - <<'EOF'
1,P1,23.35,2
2,P2,10.05,2
EOF
	run -0 vawg-rank $ASOF --min-da 2 -o out2.csv "$D/basic.csv" "$D/extra.csv"
	run -0 col out2.csv suspect_id
	assert_output - <<'EOF'
P1
P2
EOF
	run -0 vawg-rank $ASOF --min-da 3 -o out3.csv "$D/basic.csv"
	run -0 col out3.csv suspect_id
	assert_output ""
}

# P2 breaches an SPO and is wanted: 10.05 + 10 + 10 = 30.05.  P5 was
# arrested after the as-of date, so was wanted then: 16.80 + 10 = 26.80.
# P1's order has no breach and P1 was arrested before as-of (W4 came
# after it); O3's order was granted after as-of.
@test "rank: --orders and --wanted aggravators" {
	run -0 vawg-rank $ASOF --orders "$D/orders.csv" --wanted "$D/wanted.csv" \
	    -o out.csv "$D/basic.csv" "$D/extra.csv"
	run -0 col out.csv rank suspect_id score order_breach_points \
	    wanted_points flags
	assert_output - <<'EOF'
1,P1,51.42,0.00,0.00,
2,P2,30.05,10.00,10.00,order_breach;wanted
3,P5,26.80,0.00,10.00,wanted
EOF
}

@test "rank: --top N keeps the best N" {
	run -0 vawg-rank $ASOF --top 1 -o out.csv "$D/basic.csv" "$D/extra.csv"
	run -0 col out.csv rank suspect_id
	assert_output "1,P1"
	run -0 vawg-rank $ASOF --top 0 -o all.csv "$D/basic.csv" "$D/extra.csv"
	run -0 col all.csv suspect_id
	assert_output - <<'EOF'
P1
P5
P2
EOF
}

# A harm table that lists only 8Q, at 1000 days, and has no "*" row:
#   P5: 10 * 354 / 365 + 2 + 0.01 * 1000 + 5 = 9.699 + 17 = 26.70
#   P1: 19C, 8L and 105A unlisted, harm 0: 9.671 + 6 + 0 + 10 = 25.67
#   P2: 105A unlisted: 0.849 + 4 + 0 + 5 = 9.85
@test "rank: --harm replaces the harm table" {
	printf 'offence_code,harm_days\n8q,1000\n' >h.csv
	run -0 vawg-rank $ASOF --harm h.csv -o out.csv "$D/basic.csv" "$D/extra.csv"
	run -0 col out.csv rank suspect_id score harm_days flags
	assert_output - <<'EOF'
1,P5,26.70,1000,
2,P1,25.67,0,unknown_code
3,P2,9.85,0,unknown_code
EOF
	printf 'offence_code,harm_days\n8Q,lots\n' >bad.csv
	run -65 vawg-rank $ASOF --harm bad.csv "$D/basic.csv"
	assert_output "vawg-rank: bad.csv:2: harm_days is not a number of days from 0 to 100000"
	run -66 vawg-rank --harm nothere.csv "$D/basic.csv"
	printf 'weight,value\nspeed,1\n' >w.csv
	run -65 vawg-rank --weights w.csv "$D/basic.csv"
	assert_output "vawg-rank: w.csv:2: unknown weight name"
}

@test "rank: --print-harm and --print-weights give the shipped tables" {
	run -0 vawg-rank --print-harm -o harm.csv
	run -0 cmp harm.csv "$TOP/data/harm.csv"
	run -0 vawg-rank --print-weights
	assert_output "$(cat "$TOP/data/rank-weights.csv")"
	# Every offence code of the harm table is a code lib/classify knows,
	# or "*".
	run -0 "$PY" -c '
import csv, sys
codes = [r["offence_code"] for r in csv.DictReader(open(sys.argv[1]))]
assert codes[-1] == "*" and len(codes) == len(set(codes)), codes
print(len(codes))' harm.csv
	assert_output "50"
}

@test "rank: quoted commas, embedded newlines, CRLF and a BOM" {
	# Q1: two 20A, last 10 days before:
	#   10 * 355 / 365 + 4 + 0.01 * 364.5 + 5 = 9.726 + 4 + 3.645 + 5 = 22.37
	run -0 vawg-rank $ASOF -o out.csv "$D/messy.csv"
	run -0 "$PY" -c '
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(repr((r["suspect_id"], r["suspect_forename"], r["suspect_surname"], r["score"], r["victim_count"])))' out.csv
	assert_output "('Q1', \"O'Neil, Jr\", 'Two\\nLines', '22.37', '1')"
}

@test "rank: bad dates are rejected with their line, the rest ranked" {
	# R1: D1 and D4, last 29 days before, no victim named:
	#   10 * 336 / 365 + 4 + 0.2 = 9.205 + 4.2 = 13.41
	run -1 --separate-stderr vawg-rank $ASOF -o out.csv "$D/bad-date.csv"
	assert_equal "${stderr_lines[0]}" "vawg-rank: $D/bad-date.csv:3: reported_date is not a date"
	assert_equal "${stderr_lines[1]}" "vawg-rank: $D/bad-date.csv:4: no offence date"
	run -0 col out.csv suspect_id score offence_count
	assert_output "R1,13.41,2"
	run -65 vawg-rank $ASOF --strict -o strict.csv "$D/bad-date.csv"
	[ ! -e strict.csv ]
}

@test "rank: a file without the id column is bad data (65)" {
	run -65 vawg-rank $ASOF "$D/no-id.csv"
	assert_output "vawg-rank: $D/no-id.csv:1: no suspect_id column"
	run -0 vawg-rank $ASOF --id person_id -o out.csv "$D/no-id.csv"
	run -0 col out.csv person_id offence_count
	assert_output "R1,1"
}

@test "rank: a missing input is reported, the others ranked, exit 66" {
	run -66 --separate-stderr vawg-rank $ASOF nothere.csv "$D/serious.csv"
	assert_equal "$stderr" "vawg-rank: nothere.csv: No such file or directory"
	assert_line --index 1 --partial "1,RECENT,"
}

@test "rank: stdin, empty and header-only input" {
	run -0 vawg-rank $ASOF <"$D/serious.csv"
	assert_line --index 1 --partial "1,RECENT,"
	run -0 vawg-rank $ASOF - <"$D/serious.csv"
	assert_line --index 2 --partial "2,MINOR,"
	: >empty.csv
	run -0 vawg-rank $ASOF empty.csv
	assert_output --partial "rank,suspect_id,suspect_forename"
	assert_equal "${#lines[@]}" 1
	head -1 "$D/basic.csv" >hdr.csv
	run -0 vawg-rank $ASOF hdr.csv
	assert_equal "${#lines[@]}" 1
}

@test "rank: write errors exit 74; -o makes a 0600 file" {
	run -74 vawg-rank $ASOF -o /dev/full "$D/basic.csv"
	assert_output --partial "write error"
	run -74 bash -c "vawg-rank $ASOF '$D/basic.csv' >/dev/full"
	umask 022
	run -0 vawg-rank $ASOF -o out.csv "$D/basic.csv"
	[ "$(file_mode out.csv)" = 600 ]
}

@test "rank: --id suspect_true_id uses respondent_true_id and person_true_id" {
	sed 's/suspect_id/suspect_true_id/' "$D/basic.csv" >t.csv
	sed 's/respondent_id/respondent_true_id/' "$D/orders.csv" >o.csv
	sed 's/person_id/person_true_id/' "$D/wanted.csv" >w.csv
	run -0 vawg-rank $ASOF --id suspect_true_id --orders o.csv --wanted w.csv \
	    -o out.csv t.csv
	run -0 col out.csv suspect_true_id suspect_surname score flags
	assert_output - <<'EOF'
P1,Baker,51.42,
P2,Cross,30.05,order_breach;wanted
EOF
}

# 600 random crimes: the whole list agrees with ref_rank.py.
@test "rank: agrees with an independent Python reference" {
	"$PY" - >crimes.csv <<'EOF'
import csv, datetime, random, sys
rnd = random.Random(7)
codes = ["19C", "20A", "8L", "8Q", "8U", "3B", "105A", "8N", "9A", "4.1",
         "99Z", "88E"]
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["crime_ref", "reported_date", "committed_date", "offence_code",
            "vawg", "da_flag", "victim_id", "victim_forename",
            "victim_surname", "victim_dob", "suspect_id"])
base = datetime.date(2026, 10, 31)
for i in range(600):
    d = base - datetime.timedelta(days=rnd.randint(-10, 420))
    vid = "V%d" % rnd.randint(1, 60) if rnd.random() < 0.5 else ""
    vf, vs = rnd.choice([("Ann", "Ash"), ("ann", "ASH"), ("Bea", "Bell"),
                         ("Cy", "Cox"), ("", "")])
    sid = "S%02d" % rnd.randint(1, 45) if rnd.random() < 0.95 else ""
    rep = d.isoformat() if rnd.random() < 0.9 else ""
    w.writerow(["R%d" % i, rep, d.isoformat(), rnd.choice(codes),
                rnd.choice(["", "", "Y", "N"]), rnd.choice(["Y", "N", ""]),
                vid, vf, vs, "1990-01-01", sid])
EOF
	"$PY" "$D/ref_rank.py" "$TOP/data/harm.csv" 2026-10-31 365 20 \
	    <crimes.csv >want.csv
	run -0 vawg-rank $ASOF --top 20 -o got.csv crimes.csv
	col got.csv rank suspect_id score offence_count da_offence_count \
	    victim_count harm_days last_offence_date >got.txt
	tail -n +2 want.csv >want.txt
	run -0 diff want.txt got.txt
	[ "$(wc -l <got.txt)" -eq 20 ]
	"$PY" "$D/ref_rank.py" "$TOP/data/harm.csv" 2026-10-31 365 0 \
	    --da-only --min-da 2 <crimes.csv | tail -n +2 >want2.txt
	run -0 vawg-rank $ASOF --top 0 --da-only --min-da 2 -o got2.csv crimes.csv
	col got2.csv rank suspect_id score offence_count da_offence_count \
	    victim_count harm_days last_offence_date >got2.txt
	run -0 diff want2.txt got2.txt
}

@test "rank: a missing previous list is reported, everyone new, exit 66" {
	vawg-rank $ASOF --previous nothere.csv "$D/serious.csv" >out.csv \
	    2>err.txt || echo $? >rc.txt
	[ "$(cat rc.txt)" = 66 ]
	[ "$(cat err.txt)" = "vawg-rank: nothere.csv: No such file or directory" ]
	run -0 col out.csv suspect_id movement
	assert_output - <<'EOF2'
RECENT,new
MINOR,new
EOF2
}

@test "rank: after 20 rejected rows only a count is given" {
	{
		echo "crime_ref,reported_date,offence_code,suspect_id"
		for i in $(seq 1 25); do echo "B$i,2026-13-01,8L,R1"; done
		echo "G1,2026-10-01,8L,R1"
	} >many.csv
	run -1 --separate-stderr vawg-rank $ASOF -o out.csv many.csv
	assert_equal "${#stderr_lines[@]}" 21
	assert_equal "${stderr_lines[19]}" "vawg-rank: many.csv:21: reported_date is not a date"
	assert_equal "${stderr_lines[20]}" "vawg-rank: 5 more rows rejected"
	run -0 col out.csv suspect_id offence_count
	assert_output "R1,1"
}

# The whole chain on the synthetic data set: raw exports ingested, crime
# references deduplicated, suspects, victims, respondents and wanted
# persons linked through one persons index, then ranked.  The list from
# linked ids must agree with the list from the true identities, scored
# independently by ref_rank.py on the canonical crimes: at least 8 of
# the top 10 scores are the same.
@test "rank: end to end, ingest -> dedupe -> rank on synthetic data" {
	vawg-synth --all set --scale 0.05 --seed 3
	run -1 vawg-ingest --kind crime --as-of 2026-10-31 -o c1.csv \
	    set/raw/crime-export.csv
	run -0 vawg-dedupe --key crime_ref --keep last -o c2.csv c1.csv
	run -0 vawg-dedupe --role suspect --index persons.csv -o c3.csv c2.csv
	run -0 vawg-dedupe --role victim --index persons.csv -o crime.csv c3.csv
	run vawg-ingest --kind order --as-of 2026-10-31 -o o1.csv \
	    set/raw/orders-export.csv
	[ "$status" -le 1 ]
	run -0 vawg-dedupe --role respondent --index persons.csv -o order.csv o1.csv
	run vawg-ingest --kind wanted --as-of 2026-10-31 -o w1.csv \
	    set/raw/wanted-export.csv
	[ "$status" -le 1 ]
	run -0 vawg-dedupe --role person --index persons.csv -o wanted.csv w1.csv
	run -0 vawg-rank --as-of 2026-09-30 --orders order.csv \
	    --wanted wanted.csv --explain -o list.csv crime.csv
	[ "$(col list.csv rank | wc -l)" -eq 100 ]
	run -0 vawg-rank --as-of 2026-09-30 --top 10 -o top.csv crime.csv
	"$PY" "$D/ref_rank.py" "$TOP/data/harm.csv" 2026-09-30 365 10 \
	    --id suspect_true_id --victim-id victim_true_id \
	    <set/canonical/crime.csv >truth.csv
	run -0 "$PY" - top.csv truth.csv <<'EOF2'
import csv, sys
got = [r["score"] for r in csv.DictReader(open(sys.argv[1]))]
want = [r["score"] for r in csv.DictReader(open(sys.argv[2]))]
same = sum(min(got.count(s), want.count(s)) for s in set(want))
print(len(got), len(want), same)
assert len(got) == len(want) == 10 and same >= 8
EOF2
}
