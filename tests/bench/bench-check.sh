#!/usr/bin/env bash
# Benchmark of `check --json` against the bare aggregate query in the sqlite3 shell, on the same
# file in the same run. Usage: tests/bench/bench-check.sh PLANNER DB [YEAR]
# Prints wall seconds and peak memory of both, and the ratio planner / bare query.
set -euo pipefail
planner=$1 db=$2 year=${3:-2025}

# The same single pass that the facility store (src/core/facility/cp-facility-store.c) runs: households latest at or before the year,
# comprehensive in-use facilities aggregated per community, one row per community.
read -r -d '' sql <<SQL || true
WITH tally AS (
  SELECT community_id, count(*) AS counted, sum(total_area_m2) AS area, min(total_area_m2),
         min(service_area_m2 / total_area_m2), sum(independent_offices),
         sum(government_invested AND NOT property_registered)
  FROM facility WHERE kind = 'comprehensive' AND status = 'in_use' AND year <= $year
  GROUP BY community_id)
SELECT c.id, c.code, c.name, t.code, t.name, c.kind, c.relocation_site,
       coalesce((SELECT households FROM community_year y WHERE y.community_id = c.id
                 AND y.year <= $year ORDER BY y.year DESC LIMIT 1), 0), f.*
FROM community c JOIN township t ON t.id = c.township_id
LEFT JOIN tally f ON f.community_id = c.id ORDER BY t.code, c.code;
SQL

measure() { # prints "seconds peak_kib"
  /usr/bin/time -f '%e %M' -o /tmp/bench-check.time "$@" > /dev/null
  cat /tmp/bench-check.time
}

# Warm the page cache once so that neither side pays for the first read from disk.
cat "$db" > /dev/null
read -r planner_s planner_kib < <(measure "$planner" check "$db" --year "$year" --json)
read -r bare_s bare_kib < <(measure sqlite3 "$db" "$sql")
communities=$(sqlite3 "$db" 'SELECT count(*) FROM community')
size=$(du -h "$db" | cut -f1)
printf 'database: %s (%s, %s communities), year %s\n' "$db" "$size" "$communities" "$year"
printf 'check --json: %6.2f s, peak %7d KiB\n' "$planner_s" "$planner_kib"
printf 'sqlite3 bare: %6.2f s, peak %7d KiB\n' "$bare_s" "$bare_kib"
awk -v a="$planner_s" -v b="$bare_s" 'BEGIN { printf "ratio check/bare: %.2f\n", (b > 0 ? a / b : 0) }'
