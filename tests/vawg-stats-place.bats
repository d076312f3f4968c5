#!/usr/bin/env bats
# End-to-end tests of time and place: the place and time columns of
# vawg-ingest, vawg-stats hotspots and profile, their GeoJSON and SVG.
# Expected figures come from tests/data/vawg-stats-place/check.py (csv
# module, datetime, and the Ordnance Survey's formulae for the National
# Grid typed in from its guide) and from hand-worked fixtures below.
load helper

D="$DATA/vawg-stats-place"
UKP="$DATA/vawg-stats/2016-01-city-of-london-street.csv"
ASOF="--as-of 2026-11-28"

ukp() {
	vawg-ingest --profile police-uk-street $ASOF -o ukp.csv "$UKP" 2>/dev/null
}

@test "place: ingest derives time, grid reference, postcode district and sector" {
	printf '%s\n' 'crime_ref,reported_date,committed_date,offence_code,postcode,lat,lng' \
	    'A1,2024-03-02,2024-03-01 21:15,8N,n22 6xy,51.518226,-0.111497' \
	    'A2,2024-03-02,01/03/2024,8N,N22 6XY,48.85,2.35' >f.csv
	printf '%s\n' 'crime_ref,reported_date,offence_code,Time of offence,Easting,Northing' \
	    'B1,2024-03-02,8N,9:05pm,531129,181613' \
	    'B2,2024-03-02,8N,25:00,5,5' >g.csv
	run -0 vawg-ingest -k crime $ASOF f.csv
	# A1: 21:15 from the date-time; the OS formulae give 531129.03
	# 181613.05 for the point (check.py); N22 and N22 6 by hand.
	assert_line --regexp '^A1,2024-03-02,2024-03-01,21:15,8N,.*,N22 6XY,,51\.518226,-0\.111497,531129\.0,181613\.0,N22,N22 6,'
	# A2: Paris is outside the UK: a field fault, the row kept.
	assert_line --regexp '^A2,2024-03-02,2024-03-01,,8N,.*,N22 6XY,,,,,,N22,N22 6,.*latitude:outside_uk;longitude:outside_uk$'
	run -0 vawg-ingest -k crime $ASOF g.csv
	assert_line --regexp '^B1,2024-03-02,,21:05,8N,.*,,,51\.5182[0-9]+,-0\.1114[0-9]+,531129\.0,181613\.0,'
	assert_line --regexp '^B2,.*committed_time:format;easting:outside_uk;northing:outside_uk$'
}

@test "place: coordinates written as Python's '%.6f' and '%.1f' print them, however they came" {
	printf '%s\n' 'crime_ref,reported_date,offence_code,lat,lng,Easting,Northing' \
	    'C1,2024-03-02,8N,51.518226,-0.111497,531129.0,181613.0' \
	    'C2,2024-03-02,8N,+51.5182264,-0.1114970,531129,181613.04' \
	    'C3,2024-03-02,8N,051.5,-00.111497,0531129.0,181613.' \
	    'C4,2024-03-02,8N, 51.5182255 ,-.1114965,531129.05,181613.95' \
	    'C5,2024-03-02,8N,51.51822649999999999,-0.11149700000000001,531129.449999999999,181613.0000000000001' >c.csv
	run -0 vawg-ingest -k crime $ASOF -o out.csv c.csv
	run -0 "$PY" - c.csv out.csv <<'PY'
import csv, sys
raw = {r["crime_ref"]: r for r in csv.DictReader(open(sys.argv[1], newline=""))}
n = 0
for r in csv.DictReader(open(sys.argv[2], newline="")):
    src = raw[r["crime_ref"]]
    for col, raw_col, fmt in (("latitude", "lat", "%.6f"), ("longitude", "lng", "%.6f"),
                              ("easting", "Easting", "%.1f"), ("northing", "Northing", "%.1f")):
        want = fmt % float(src[raw_col].strip())
        assert r[col] == want, (r["crime_ref"], col, r[col], want)
        n += 1
print(n)
PY
	assert_output 20
}

@test "place: hotspots --place lsoa on a police.uk street file matches Python" {
	ukp
	run -0 vawg-stats hotspots --place lsoa -o t.csv ukp.csv
	run -0 "$PY" "$D/check.py" hotspots "$UKP" ukp.csv t.csv lsoa
}

@test "place: hotspots --place grid:250 on police.uk: counts, shares, each point in its square" {
	ukp
	run -0 vawg-stats hotspots --place grid:250 -o t.csv ukp.csv
	run -0 "$PY" "$D/check.py" hotspots "$UKP" ukp.csv t.csv grid:250
	run -0 "$PY" "$D/check.py" cells ukp.csv t.csv 250
}

@test "place: --geojson parses, counts as the table, coordinates in the data's box" {
	ukp
	run -0 vawg-stats hotspots --place grid:250 --geojson g.json -o t.csv ukp.csv
	[ "$(file_mode g.json)" = 600 ]
	run -0 "$PY" "$D/check.py" geojson g.json t.csv "$UKP" grid
	run -0 vawg-stats hotspots --place lsoa --geojson p.json -o p.csv ukp.csv
	run -0 "$PY" "$D/check.py" geojson p.json p.csv "$UKP" point
}

@test "place: --svg draws one shaded square per cell" {
	ukp
	run -0 vawg-stats hotspots --place grid:500 --svg m.svg -o t.csv ukp.csv
	"$PY" -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(sum(1 for e in r if e.tag.endswith("rect") and e.find("{http://www.w3.org/2000/svg}title") is not None))' m.svg >n
	[ "$(cat n)" -eq "$(($(wc -l <t.csv) - 1))" ]
	run -64 vawg-stats hotspots --place lsoa --svg m.svg ukp.csv
}

@test "place: rate per 1,000 residents from --population" {
	printf '%s\n' crime_ref,reported_date,lsoa A1,2024-01-05,X1 A2,2024-02-05,X1 \
	    A3,2024-02-06,X1 A4,2024-02-07,X2 A5,2024-02-08, >c.csv
	printf '%s\n' area,year,population X1,2024,1500 X2,2023,400 >pop.csv
	run -0 vawg-stats hotspots --population pop.csv c.csv
	# X1: 3 of 4 placed rows, 3 / 1500 * 1000 = 2.00; X2 the latest
	# year before: 1 / 400 * 1000 = 2.50.  Top 5% and 10% of two
	# places: one place, 3 / 4.
	assert_line "all,X1,1,3,0.7500,0.7500,2,0.7500,0.7500,1500,2.00"
	assert_line "all,X2,2,1,0.2500,1.0000,2,0.7500,0.7500,400,2.50"
	assert_line --partial "note: 1 rows without a place"
}

@test "place: --compare yoy: persistent, emerging, fading by hand" {
	# 2023: P 3, Q 2, R 1; 2024: P 2, S 3.  --top 2: P hot both years
	# (persistent), S hot now only (emerging), Q hot before only and
	# absent now (fading, count 0), R never hot.
	printf '%s\n' crime_ref,reported_date,lsoa A1,2023-01-01,P A2,2023-02-01,P \
	    A3,2023-03-01,P A4,2023-01-01,Q A5,2023-01-02,Q A6,2023-01-03,R \
	    B1,2024-01-01,P B2,2024-01-02,P B3,2024-01-03,S B4,2024-01-04,S \
	    B5,2024-01-05,S >c.csv
	run -0 vawg-stats hotspots --period year --compare yoy --top 2 c.csv
	assert_line "2024,S,1,3,0.6000,0.6000,2,0.6000,0.6000,2023,,0,emerging"
	assert_line "2024,P,2,2,0.4000,1.0000,2,0.6000,0.6000,2023,1,3,persistent"
	assert_line "2024,Q,,0,0.0000,,2,0.6000,0.6000,2023,2,2,fading"
	assert_line "2023,R,3,1,0.1667,1.0000,3,0.5000,0.5000,,,,"
}

@test "place: on vawg-synth data the planted persistent hot spots come out persistent" {
	vawg-synth -k crime -n 40000 -s 11 -o c.csv
	run -0 vawg-stats hotspots --place grid:250 --period year --compare yoy -o t.csv c.csv
	run -0 "$PY" "$D/check.py" planted t.csv
}

@test "place: profile matches an independent hour x weekday count" {
	vawg-synth -k crime -n 20000 -s 3 -o c.csv
	run --separate-stderr -0 vawg-stats profile --window 14:00-24:00 -o t.csv c.csv
	[[ "$stderr" == *"rows without a time of day (counted as untimed)"* ]]
	run -0 "$PY" "$D/check.py" profile c.csv t.csv
}

@test "place: a window past midnight; rows without a time apart" {
	printf '%s\n' crime_ref,reported_date,committed_date,committed_time \
	    A1,2024-01-01,2024-01-05,23:30 A2,2024-01-01,2024-01-05,03:59 \
	    A3,2024-01-01,2024-01-05,04:00 A4,2024-01-01,2024-01-05, \
	    A5,2024-01-01,,12:00 >c.csv
	run -0 vawg-stats profile --window 22:00-04:00 c.csv
	# 2024-01-05 was a Friday: 3 timed in hours 23, 3 and 4 (23:30 and
	# 03:59 inside, 04:00 the end, outside), 1
	# untimed; A5 has no committed date: weekday unknown.
	assert_line "all,Friday,0,0,0,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,3,1,4,22:00-04:00,2,0.6667"
	assert_line "all,unknown,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,1,0,1,22:00-04:00,0,0.0000"
}

@test "place: usage and data errors" {
	printf 'crime_ref,reported_date,lsoa\nA1,2024-01-01,X\n' >c.csv
	run -64 vawg-stats hotspots --place grid:0 c.csv
	run -64 vawg-stats count --place lsoa c.csv
	run -64 vawg-stats count --window 14:00-24:00 c.csv
	run -64 vawg-stats profile --window 14:00 c.csv
	run -64 vawg-stats hotspots --period year --compare prev c.csv
	run -65 vawg-stats hotspots --place grid:250 c.csv
	assert_output --partial "no easting and northing, nor latitude and longitude"
	run -65 vawg-stats hotspots --place ward c.csv
	assert_output --partial "missing column ward"
	run -74 vawg-stats hotspots --geojson /dev/full c.csv
	run -73 vawg-stats hotspots --geojson nodir/g.json c.csv
}

@test "place: rolling12 against a year earlier equals two runs over each twelve months" {
	vawg-synth -k crime -n 30000 -s 5 -o c.csv
	run -0 vawg-stats hotspots --where vawg=Y --period rolling12 --compare yoy \
	    --from 2025-10-01 --to 2026-09-30 -o r.csv c.csv
	vawg-stats hotspots --where vawg=Y --from 2025-10-01 --to 2026-09-30 -o now.csv c.csv
	vawg-stats hotspots --where vawg=Y --from 2024-10-01 --to 2025-09-30 -o then.csv c.csv
	"$PY" - r.csv now.csv then.csv <<'PY'
import csv, sys
r = [x for x in csv.DictReader(open(sys.argv[1])) if x["rank"]]
now = {x["place"]: x for x in csv.DictReader(open(sys.argv[2]))}
then = {x["place"]: x for x in csv.DictReader(open(sys.argv[3]))}
assert len(r) == len(now), (len(r), len(now))
for x in r:
    assert x["period"] == "2025-10..2026-09" and x["prev_period"] == "2024-10..2025-09"
    assert (x["rank"], x["count"]) == (now[x["place"]]["rank"], now[x["place"]]["count"])
    p = then.get(x["place"])
    assert x["prev_rank"] == (p["rank"] if p else ""), x
    assert int(x["prev_count"]) == (int(p["count"]) if p else 0), x
PY
}
