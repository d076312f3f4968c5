# vawg-stats hotspots and profile on BENCH_ROWS crime rows of
# vawg-synth (easting, northing, committed_time), beside the same
# group-by in sqlite3 (import + GROUP BY on the 250 m cell) and, when
# node has @duckdb/node-api, DuckDB (read_csv + GROUP BY); then
# BENCH_BIG rows (peak memory must not grow with rows).  Sourced by
# tests/bench/run.

pl_f=$(bench_data crime "$BENCH_ROWS")
bench_job "hotspots grid:250 $BENCH_ROWS" "$BENCH_ROWS" "$(stat -c %s "$pl_f")"
bench_cmd vawg-stats "vawg-stats hotspots --place grid:250 '$pl_f' >/dev/null"
bench_cmd "libcsv-bare (parse only)" "libcsv-bare '$pl_f' >/dev/null"
bench_cmd "sqlite3 import+GROUP BY" "sqlite3 :memory: '.import --csv $pl_f c' 'SELECT CAST(easting / 250 AS INT) * 250, CAST(northing / 250 AS INT) * 250, count(*) AS n FROM c WHERE easting <> \"\" GROUP BY 1, 2 ORDER BY n DESC;' >/dev/null"
# A global npm install is found through NODE_PATH.
NODE_PATH=${NODE_PATH:-$(npm root -g 2>/dev/null)}
export NODE_PATH
if node -e "require('@duckdb/node-api')" 2>/dev/null; then
	bench_cmd "duckdb read_csv+GROUP BY" "node -e '
const { DuckDBInstance } = require(\"@duckdb/node-api\");
(async () => {
  const c = await (await DuckDBInstance.create(\":memory:\")).connect();
  const r = await c.runAndReadAll(\"SELECT floor(easting / 250) * 250 AS e, floor(northing / 250) * 250 AS n, count(*) AS k FROM read_csv(\$\$$pl_f\$\$) WHERE easting IS NOT NULL GROUP BY 1, 2 ORDER BY k DESC\");
  process.stdout.write(String(r.getRows().length) + \"\\n\");
})();'"
else
	echo "# place: DuckDB skipped (node has no @duckdb/node-api)"
fi
bench_job "hotspots lsoa yoy $BENCH_ROWS" "$BENCH_ROWS" "$(stat -c %s "$pl_f")"
bench_cmd vawg-stats "vawg-stats hotspots --place lsoa --period year --compare yoy '$pl_f' >/dev/null"
bench_cmd "sqlite3 import+GROUP BY" "sqlite3 :memory: '.import --csv $pl_f c' 'SELECT lsoa, substr(reported_date, 1, 4), count(*) FROM c GROUP BY 1, 2;' >/dev/null"
bench_job "profile $BENCH_ROWS" "$BENCH_ROWS" "$(stat -c %s "$pl_f")"
bench_cmd vawg-stats "vawg-stats profile --window 14:00-24:00 '$pl_f' >/dev/null"
bench_cmd "sqlite3 import+GROUP BY" "sqlite3 :memory: '.import --csv $pl_f c' 'SELECT strftime(\"%w\", committed_date), substr(committed_time, 1, 2), count(*) FROM c GROUP BY 1, 2;' >/dev/null"
pl_f=$(bench_data crime "$BENCH_BIG")
bench_job "hotspots grid:250 $BENCH_BIG" "$BENCH_BIG" "$(stat -c %s "$pl_f")"
bench_cmd vawg-stats "vawg-stats hotspots --place grid:250 '$pl_f' >/dev/null"
unset pl_f
