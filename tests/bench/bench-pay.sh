#!/usr/bin/env bash
# Benchmark of `pay --json` (every person's pay slip of one month, one pass over the database)
# against a bare query in the sqlite3 shell reading the same rows, on the same file in the same
# run. Usage: tests/bench/bench-pay.sh PLANNER DB [YEAR [MONTH]]
# Prints wall seconds and peak memory (/usr/bin/time) of both, and the ratio planner / bare query.
# REPEAT=N runs each side N times (a range on a busy machine).
set -euo pipefail
planner=$1 db=$2 year=${3:-2025} month=${4:-6}
repeat=${REPEAT:-1}

# The query of the staff store's one pass (STAFF_ROW_SELECT in src/core/staff/cp-staff-store.c):
# each person with township and community, the levels up to the year, the grades of the year and
# the year before, the latest agreement, in township, community, post, identity number order.
read -r -d '' sql <<SQL || true
SELECT s.id, s.community_id, s.id_number, s.name, s.post, s.role, s.education, s.qualification,
       s.work_start, s.service_start, s.status, s.status_date, s.grid_role, s.phone,
       s.special_deduction_fen, t.id, t.code, t.name, c.code, c.name,
       (SELECT group_concat (l.year * 100 + l.level) FROM staff_level l
         WHERE l.staff_id = s.id AND l.year <= $year),
       (SELECT g.grade FROM staff_grade g WHERE g.staff_id = s.id AND g.year = $year),
       (SELECT g.grade FROM staff_grade g WHERE g.staff_id = s.id AND g.year = $year - 1),
       (SELECT a.start_date || ' ' || coalesce (a.end_date, '') FROM staff_agreement a
         WHERE a.staff_id = s.id ORDER BY a.start_date DESC LIMIT 1)
FROM township t JOIN community c ON c.township_id = t.id JOIN staff s ON s.community_id = c.id
ORDER BY t.code, c.code, s.post, s.id_number;
SQL

timing=$(mktemp)
trap 'rm -f "$timing"' EXIT
measure() { # prints "seconds peak_kib"
  /usr/bin/time -f '%e %M' -o "$timing" "$@" > /dev/null
  cat "$timing"
}

# Warm the page cache once so that neither side pays for the first read from disk.
cat "$db" > /dev/null
staff=$(sqlite3 "$db" 'SELECT count(*) FROM staff')
size=$(du -h "$db" | cut -f1)
printf 'database: %s (%s, %s people on the roster), %s-%02d\n' "$db" "$size" "$staff" "$year" \
  "$month"
for ((i = 1; i <= repeat; i++)); do
  read -r planner_s planner_kib < <(measure "$planner" pay "$db" --year "$year" --month "$month" \
                                    --json)
  read -r bare_s bare_kib < <(measure sqlite3 "$db" "$sql")
  printf 'pay --json:   %7.2f s, peak %8d KiB\n' "$planner_s" "$planner_kib"
  printf 'sqlite3 bare: %7.2f s, peak %8d KiB\n' "$bare_s" "$bare_kib"
  awk -v a="$planner_s" -v b="$bare_s" \
    'BEGIN { printf "ratio pay/bare: %.2f\n", (b > 0 ? a / b : 0) }'
done
paid=$("$planner" pay "$db" --year "$year" --month "$month" --json | grep -c '"id_masked"' || true)
printf 'people paid in the month: %s\n' "$paid"
