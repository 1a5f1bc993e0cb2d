#!/usr/bin/env bash
# Benchmark of `import facilities` against `sqlite3 .import` of the same CSV file into a plain
# table, in the same run. Usage: tests/bench/bench-import.sh PLANNER [ROWS...]
# (default 100000 300000 1000000). For each size: a sample database of 20 counties (about 4,000
# communities), a CSV of ROWS facilities spread over them with unique names, then wall seconds
# and peak memory of both, and the ratio planner / sqlite3. Goal: peak under 100 MB whatever the
# size, at most 3x the bare import's time. REPEAT=N (default 1) measures each size N times, one
# line each, for a range on a busy machine.
set -euo pipefail
planner=$1
shift
sizes=("${@:-100000 300000 1000000}")
[ $# -eq 0 ] && sizes=(100000 300000 1000000)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # prints "seconds peak_kib"
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null
  cat "$work/time"
}

"$planner" init "$work/base.db" --sample --scale 20
sqlite3 "$work/base.db" "SELECT code FROM community ORDER BY code" > "$work/codes"

printf '%-9s %10s %10s %10s %10s %7s\n' rows "import s" "peak MB" "sqlite3 s" "peak MB" ratio
for rows in "${sizes[@]}"; do
  csv="$work/facilities-$rows.csv"
  python3 - "$work/codes" "$rows" "$csv" <<'PY'
import sys
codes = open(sys.argv[1]).read().split()
rows, path = int(sys.argv[2]), sys.argv[3]
kinds = ["childcare", "elderly_care", "reading", "culture_sports", "fitness", "market", "express"]
statuses = ["planned", "building", "in_use", "closed"]
with open(path, "w", encoding="utf-8") as out:
    out.write("community,name,kind,total_area_m2,service_area_m2,office_area_m2,"
              "independent_offices,provision,status,year,government_invested,accessible\n")
    for i in range(rows):
        total = 100 + i % 900
        out.write(f"{codes[i % len(codes)]},导入设施{i},{kinds[i % len(kinds)]},{total},"
                  f"{total * 0.8:.1f},{i % 50},{i % 4},new,{statuses[i % 4]},{2010 + i % 16},"
                  f"{'是' if i % 2 else '否'},{'yes' if i % 3 else 'no'}\n")
PY
  for _ in $(seq "${REPEAT:-1}"); do
    cp "$work/base.db" "$work/import.db"
    rm -f "$work/import.db-wal" "$work/import.db-shm" "$work/plain.db"
    cat "$csv" > /dev/null
    read -r p_s p_kib < <(measure "$planner" import facilities "$work/import.db" "$csv")
    read -r s_s s_kib < <(measure sqlite3 "$work/plain.db" ".mode csv" ".import $csv plain")
    printf '%-9s %10s %10.1f %10s %10.1f %7.2f\n' "$rows" "$p_s" \
           "$(echo "$p_kib / 1024" | bc -l)" "$s_s" "$(echo "$s_kib / 1024" | bc -l)" \
           "$(echo "$p_s / $s_s" | bc -l)"
  done
done
