#!/usr/bin/env bats
# vawg-stats headline: a numerator of several columns (A+B), a ratio
# per N (the spec's per column) and one row per value of a column
# (where COLUMN=*).  Expected values from Python's csv module or by hand.
load helper

# A table as vawg-stats writes it: two boroughs, two snapshots.
snapshots() {
	cat >t.csv <<'CSV'
borough,period,in_force_at,population,days_29_90,days_91_365,days_over_365,rank
North,2026-08,27,276315,3,7,2,1
South,2026-08,31,322742,4,5,0,2
North,2026-09,28,276315,1,2,,2
South,2026-09,40,322742,0,3,1,1
CSV
}

@test "headline: a numerator of several columns sums them all (worked by hand)" {
	snapshots
	cat >spec.csv <<'CSV'
measure,numerator,denominator,where,sep,aug
Over 28 days,days_29_90+days_91_365+days_over_365,,,t.csv#2026-09,t.csv#2026-08
CSV
	# September: 1 + 2 + (empty) + 0 + 3 + 1 = 7; August 3+7+2+4+5+0 = 21.
	run -0 vawg-stats headline --change d spec.csv
	[ "$output" = "$(printf 'measure,sep,aug,d\nOver 28 days,7,21,-14')" ]
}

@test "headline: the per column scales a ratio, and COLUMN=* gives a row per value" {
	snapshots
	cat >spec.csv <<'CSV'
measure,numerator,denominator,where,per,sep,aug
In force per 100000,in_force_at,population,,100000,t.csv#2026-09,t.csv#2026-08
In force per 100000,in_force_at,population,borough=*,100000,t.csv#2026-09,t.csv#2026-08
Rank,rank,,borough=*,,t.csv#2026-09,t.csv#2026-08
CSV
	run -0 vawg-stats headline spec.csv
	expected=$("$PY" - t.csv <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
def per(m, b=None):
    rs = [r for r in rows if r["period"] == m and (b is None or r["borough"] == b)]
    return sum(int(r["in_force_at"]) for r in rs) / sum(int(r["population"]) for r in rs) * 100000
print("measure,sep,aug")
print("In force per 100000,%.4f,%.4f" % (per("2026-09"), per("2026-08")))
for b in ("North", "South"):
    print("In force per 100000: %s,%.4f,%.4f" % (b, per("2026-09", b), per("2026-08", b)))
for b in ("North", "South"):
    rk = {r["period"]: r["rank"] for r in rows if r["borough"] == b}
    print("Rank: %s,%s,%s" % (b, rk["2026-09"], rk["2026-08"]))
PY
)
	[ "$output" = "$expected" ]
}

@test "headline: bad numerator and per columns name the spec's line" {
	snapshots
	printf 'measure,numerator,denominator,where,per,a\nx,in_force_at,population,,-5,t.csv\n' >spec.csv
	run -65 vawg-stats headline spec.csv
	[[ $output == *"spec.csv:2: column per: not a positive number"* ]]
	printf 'measure,numerator,denominator,where,a\nx,rank+,,,t.csv\n' >spec.csv
	run -65 vawg-stats headline spec.csv
	[[ $output == *"spec.csv:2: column numerator: expected COLUMN"* ]]
	printf 'measure,numerator,denominator,where,a\nx,rank,,nosuch=*,t.csv\n' >spec.csv
	run -65 vawg-stats headline spec.csv
	[[ $output == *"t.csv:1: missing column nosuch"* ]]
}
