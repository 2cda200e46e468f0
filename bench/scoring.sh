#!/usr/bin/env bash
# Scorings per second of the postal counter preset on one thread (JMH).
# Usage: bench/scoring.sh [iterations]   (default 5 measured iterations of 5 s, after 3 warm-ups).
# Prints the JMH summary and writes it to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations=${1:-5}
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
out="bench/results/scoring-$(date -u +%Y%m%d-%H%M%S).txt"
java -cp "$cp" org.openjdk.jmh.Main ScoringBenchmark -f 1 -t 1 -wi 3 -w 5s -i "$iterations" -r 5s \
  | tee "$out.full" | sed -n '/^Benchmark/,$p' | tee "$out"
echo "($(nproc) cores, $(java -version 2>&1 | head -1)); full log in $out.full"
