#!/usr/bin/env bash
# Times bulk upserts of 10,000 units through the real server on its embedded PostgreSQL:
# creating them, sending them again unchanged, renaming them all, and moving a subtree of 10,000.
# Usage: bench/unit-upsert.sh [rounds]   (default 5). Prints the figures and writes bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
. bench/server.sh
start_server bench/work/unit-upsert "${BENCH_PORT:-18080}" -Dservicegrade.demo.enabled=false

# 10,000 units: 1 region, 99 outlets, 9,900 windows; parents listed after their children.
units() { # prefix name-suffix
  local p=$1 s=$2
  {
    printf '['
    for o in $(seq 1 99); do
      for w in $(seq 1 100); do printf '{"code":"%s.%d.%d","name":"窗口 %s","kind":"window","parent":"%s.%d","serviceLine":"counter"},' "$p" "$o" "$w" "$s" "$p" "$o"; done
      printf '{"code":"%s.%d","name":"网点 %s","kind":"outlet","parent":"%s"},' "$p" "$o" "$s" "$p"
    done
    printf '{"code":"%s","name":"区 %s","kind":"region","area":"urban"}]' "$p" "$s"
  }
}
put() { # file -> "millis body"
  curl -s -o "$work/answer.json" -w '%{time_total}' -X PUT "localhost:$port/api/v1/units" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' --data-binary @"$1" \
    | awk '{printf "%.0f", $1 * 1000}'
}

declare -a create unchanged update move
for r in $(seq 1 "$rounds"); do
  p="B$r$RANDOM"
  units "$p" a > "$work/a.json"
  units "$p" b > "$work/b.json"
  create+=("$(put "$work/a.json")"); grep -q '"created":10000' "$work/answer.json"
  unchanged+=("$(put "$work/a.json")"); grep -q '"unchanged":10000' "$work/answer.json"
  update+=("$(put "$work/b.json")"); grep -q '"updated":10000' "$work/answer.json"
  # Move the whole 10,000-unit region under a new root: every path is rewritten.
  printf '[{"code":"%s.root","name":"root","kind":"region"}]' "$p" > "$work/root.json"; put "$work/root.json" > /dev/null
  move+=("$(curl -s -o "$work/answer.json" -w '%{time_total}' -X PATCH "localhost:$port/api/v1/units/$p" \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "{\"parent\":\"$p.root\"}" \
    | awk '{printf "%.0f", $1 * 1000}')")
  grep -q "\"parent\":\"$p.root\"" "$work/answer.json"
done

stats() { # name values...
  local name=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v n="$name" '{v[NR]=$1} END {printf "%-34s median %6d ms   min %6d ms   max %6d ms   (n=%d)\n", n, v[int((NR+1)/2)], v[1], v[NR], NR}'
}
out="bench/results/unit-upsert-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "PUT /api/v1/units, 10,000 units per request, embedded PostgreSQL (fsync on), $(nproc) cores, $(java -version 2>&1 | head -1)"
  stats "create 10,000 new units" "${create[@]}"
  stats "same 10,000 again (unchanged)" "${unchanged[@]}"
  stats "rename all 10,000 (updated)" "${update[@]}"
  stats "PATCH-move a 10,000-unit subtree" "${move[@]}"
} | tee "$out"
echo "written to $out"
