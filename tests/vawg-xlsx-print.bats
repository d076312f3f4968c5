#!/usr/bin/env bats
# The monthly workbook on paper: the demo-size report (vawg-synth --all,
# seed 1, 36 months, as make demo) printed to PDF by LibreOffice takes at
# most 25 pages, every page marked and numbered.

load helper

setup_file() {
	command -v soffice >/dev/null && command -v pdfinfo >/dev/null || return 0
	export W="$BATS_FILE_TMPDIR"
	vawg-synth --all "$W/synth" --seed 1 --end 2026-10
	mkdir -p "$W/exports"
	cp "$W"/synth/raw/* "$W/synth/marac-list.csv" "$W/exports/"
	monthly-report --month 2026-09 --in "$W/exports" --out "$W/reports" \
		--state "$W/state" >/dev/null
	HOME="$W" timeout 300 soffice --headless --convert-to pdf --outdir "$W" \
		"$W/reports/2026-09/vawg-report-2026-09.xlsx" >/dev/null 2>&1
}

@test "xlsx print: the demo-size monthly workbook prints on at most 25 pages, each marked and numbered" {
	command -v soffice >/dev/null || skip "soffice (LibreOffice) not installed"
	command -v pdfinfo >/dev/null || skip "pdfinfo (poppler-utils) not installed"
	pdf="$W/vawg-report-2026-09.pdf"
	[ -f "$pdf" ]
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
	echo "pages: $pages"
	[ "$pages" -ge 2 ] && [ "$pages" -le 25 ]
	# Every page: the marking at the top, "Page N of M" at the foot.
	# (Text order, not layout: a chart's labels may share the footer's
	# line; blanks and line ends squeezed to one space.)
	for pg in $(seq 1 "$pages"); do
		text=$(pdftotext -f "$pg" -l "$pg" "$pdf" - | tr -s ' \n' '  ')
		[[ $text == *OFFICIAL-SENSITIVE* ]] || { echo "page $pg: no marking"; false; }
		[[ $text == *"Page $pg of $pages"* ]] || { echo "page $pg: no number: $text"; false; }
	done
}
