# Sourced by the benchmarks: builds the server (and, with --client, the benchmark clients' classpath), starts
# it on a fresh embedded database under $work, stops it on exit, and sets $server, $key and $cp.
# Usage: start_server WORK PORT [--client] [java options...]
start_server() {
  work=$1 port=$2; shift 2
  local client=false
  if [ "${1:-}" = --client ]; then client=true; shift; fi
  rm -rf "$work" && mkdir -p "$work"
  ./mvnw -B -q package -DskipTests
  if $client; then
    ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
      -Dmdep.includeScope=test
    cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
  fi
  java -Dquarkus.http.port="$port" -Dservicegrade.data-dir="$work/data" "$@" \
    -jar target/quarkus-app/quarkus-run.jar > "$work/server.log" 2>&1 &
  server=$!
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -fs "localhost:$port/q/health/ready" > /dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "localhost:$port/q/health/ready" > /dev/null || { echo "the server did not start: $work/server.log"; exit 1; }
  key=$(cat "$work/data/admin-api-key")
}
