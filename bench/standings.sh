#!/usr/bin/env bash
# Standings under load on the embedded database: 10,000 windows under 500 outlets and 20 branches, about
# 1,000,000 evaluations over 2025 (written with one set-based SQL statement, prepared with POST /recompute);
# then, from a client process of its own: the first page after an acknowledged evaluation, pages of 50
# standings with nested unit fields at 1, 16 and 64 concurrent clients, and the CSV export of every window.
# Usage: bench/standings.sh [windows] [evaluations] [seconds per client count]
# (defaults 10000 1000000 15). Prints the figures and writes them to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
windows=${1:-10000}
evaluations=${2:-1000000}
seconds=${3:-15}
. bench/server.sh
start_server bench/work/standings "${BENCH_PORT:-18083}" --client -Dservicegrade.demo.enabled=false
pgport=$(sed -n 4p "$work/data/pg/postmaster.pid")
curl -fs -X PUT "localhost:$port/api/v1/schemes/bench-scheme" -H "Authorization: Bearer $key" \
  -H 'Content-Type: application/yaml' --data-binary @- > /dev/null <<'YAML'
name: {zh-CN: 基准方案, en: Bench scheme}
kinds: [window]
activeFrom: 2025-01-01
period: quarter
sources:
  - {source: inspection, rubric: postal-counter-model-window}
  - {source: mystery_shop, rubric: postal-counter-model-window}
composites:
  - {key: average, name: {zh-CN: 平均分, en: Average}, weights: {inspection: 0.5, mystery_shop: 0.5}}
  - {key: weighted, name: {zh-CN: 加权分, en: Weighted}, weights: {inspection: 0.4, mystery_shop: 0.6}}
grades:
  - {key: model, name: {zh-CN: 示范窗口, en: Model window}, composite: weighted, min: 90}
  - {key: compliant, name: {zh-CN: 达标, en: Compliant}, composite: average, min: 85}
  - {key: noncompliant, name: {zh-CN: 未达标, en: Not compliant}}
rankBy: weighted
targets:
  - {level: branch, grade: compliant, urban: 100, rural: 85}
YAML

out="bench/results/standings-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "Standings, embedded PostgreSQL, commit $(git rev-parse --short HEAD), $(nproc) cores,"\
    "$(free -g | awk '/Mem:/ {print $2}') GB, $(java -version 2>&1 | head -1); server and client share the machine"
  java -cp "$cp" io.servicegrade.bench.StandingsBenchmark "http://localhost:$port" "$key" \
    "jdbc:postgresql://localhost:$pgport/servicegrade" "$windows" "$evaluations" "$seconds"
} | tee "$out"
echo "written to $out"
