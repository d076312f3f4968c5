# vawg-marac-pack: a 50-case MARAC list against BENCH_ROWS (1 million)
# crimes and 100,000 each of orders, wanted records and Clare's Law
# disclosures, with findings, summary and HTML pages (target: under 30
# seconds on 2 cores).  Peer: the exact name and date-of-birth join an
# analyst would run by hand in sqlite3 (crimes only: victims and
# suspects), indexed.
mp_crimes=$(bench_data crime "$BENCH_ROWS")
mp_orders=$(bench_data order 100000)
mp_wanted=$(bench_data wanted 100000)
mp_disc=$(bench_data disclosure 100000)
mp_cases="$BENCH_DATA/marac-cases-50.csv"
if [ ! -s "$mp_cases" ]; then
	# Cases with a meeting date (the third column), as on a real list.
	vawg-synth --kind marac --rows 400 --seed 1 |
		awk -F, 'NR == 1 || ($3 != "" && n++ < 50)' >"$mp_cases.tmp" &&
		mv "$mp_cases.tmp" "$mp_cases"
fi
mp_rows=$(($(cat "$mp_crimes" "$mp_orders" "$mp_wanted" "$mp_disc" | wc -l) - 4))
mp_bytes=$(cat "$mp_crimes" "$mp_orders" "$mp_wanted" "$mp_disc" | wc -c)
bench_job "marac-pack 50 cases" "$mp_rows" "$mp_bytes"
bench_cmd vawg-marac-pack "vawg-marac-pack --cases '$mp_cases' \
	--crimes '$mp_crimes' --orders '$mp_orders' --wanted '$mp_wanted' \
	--disclosures '$mp_disc' --findings '$BENCH_TMP/mp-f.csv' \
	--summary '$BENCH_TMP/mp-s.csv' --html '$BENCH_TMP/mp-html'"
cat >"$BENCH_TMP/mp.sql" <<SQL
.mode csv
.import '$mp_cases' cases
.import '$mp_crimes' crimes
create index iv on crimes(victim_surname collate nocase, victim_dob);
create index isu on crimes(suspect_surname collate nocase, suspect_dob);
select c.marac_ref, k.crime_ref from cases c join crimes k
    on k.victim_surname = c.victim_surname collate nocase
    and k.victim_dob = c.victim_dob
    and k.victim_forename = c.victim_forename collate nocase
union all
select c.marac_ref, k.crime_ref from cases c join crimes k
    on k.suspect_surname = c.perpetrator_surname collate nocase
    and k.suspect_dob = c.perpetrator_dob
    and k.suspect_forename = c.perpetrator_forename collate nocase;
SQL
bench_cmd "sqlite3 indexed exact join" "rm -f '$BENCH_TMP/mp.db' && \
	sqlite3 '$BENCH_TMP/mp.db' <'$BENCH_TMP/mp.sql'"
