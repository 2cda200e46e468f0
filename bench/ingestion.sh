#!/usr/bin/env bash
# Evaluations per second through the REST API on the embedded database (fsync on): several clients post
# batches of postal-rubric inspections at once. Usage: bench/ingestion.sh [clients] [batches per client] [batch size]
# (defaults 4, 10, 1000). Prints the figures and writes them to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-4}
batches=${2:-10}
size=${3:-1000}
port=${BENCH_PORT:-18081}
work=bench/work/ingestion
rm -rf "$work" && mkdir -p "$work"

./mvnw -B -q package -DskipTests
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -Dquarkus.http.port="$port" -Dservicegrade.data-dir="$work/data" \
  -jar target/quarkus-app/quarkus-run.jar > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "localhost:$port/q/health/ready" > /dev/null 2>&1 && break
  sleep 0.5
done
key=$(cat "$work/data/admin-api-key")
windows=$(curl -fs "localhost:$port/api/v1/units?kind=window&limit=500" | grep -o '"code":"[^"]*"' | cut -d'"' -f4 | paste -sd, -)

out="bench/results/ingestion-$(date -u +%Y%m%d-%H%M%S).txt"
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
{
  echo "POST /api/v1/evaluations, postal rubric, embedded PostgreSQL (fsync on), $(nproc) cores, $(java -version 2>&1 | head -1)"
  java -cp "$cp" io.servicegrade.bench.IngestionBenchmark "http://localhost:$port" "$key" "$clients" "$batches" "$size" "$windows"
} | tee "$out"
echo "written to $out"
