#!/usr/bin/env bash
# Evaluations per second through the REST API on the embedded database (fsync on): several clients post
# batches of postal-rubric inspections at once. Usage: bench/ingestion.sh [clients] [batches per client] [batch size]
# (defaults 4, 10, 1000). Prints the figures and writes them to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-4}
batches=${2:-10}
size=${3:-1000}
. bench/server.sh
start_server bench/work/ingestion "${BENCH_PORT:-18081}" --client
windows=$(curl -fs "localhost:$port/api/v1/units?kind=window&limit=500" | grep -o '"code":"[^"]*"' | cut -d'"' -f4 | paste -sd, -)

out="bench/results/ingestion-$(date -u +%Y%m%d-%H%M%S).txt"
{
  echo "POST /api/v1/evaluations, postal rubric, embedded PostgreSQL (fsync on), $(nproc) cores, $(java -version 2>&1 | head -1)"
  java -cp "$cp" io.servicegrade.bench.IngestionBenchmark "http://localhost:$port" "$key" "$clients" "$batches" "$size" "$windows"
} | tee "$out"
echo "written to $out"
