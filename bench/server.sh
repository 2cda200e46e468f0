# Sourced by the benchmarks: builds the server (and, with --client, the benchmark clients' classpath), starts
# it on a fresh embedded database under $work, stops it on exit, and sets $server (its pid), $key, $cp and
# $ready_s (seconds from launching the JVM to the first ready answer of /q/health/ready).
# Usage: start_server WORK PORT [--client] [java options...]; then restart_server starts it again on its data.
# With SKIP_BUILD=1 it uses the server and classpath already built (faults/run builds once for its three runs).
# The server's JVM options: a bounded heap, as every start command sets it (docs/operations.md, "Memory"), and an
# exit rather than a limp on OutOfMemoryError, so that a run that needs more heap fails. SERVER_HEAP overrides.
read -ra server_heap <<< "${SERVER_HEAP:--Xmx256m -XX:+ExitOnOutOfMemoryError}"

start_server() {
  work=$1 port=$2; shift 2
  local client=false
  if [ "${1:-}" = --client ]; then client=true; shift; fi
  rm -rf "$work" && mkdir -p "$work"
  if [ "${SKIP_BUILD:-}" != 1 ]; then
    ./mvnw -B -q package -DskipTests
  fi
  if $client; then
    if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f target/bench-classpath.txt ]; then
      ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
        -Dmdep.includeScope=test
    fi
    cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
  fi
  server_options=("$@")
  trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
  launch_server
  key=$(cat "$work/data/admin-api-key")
}

restart_server() {
  kill "$server"
  wait "$server" 2>/dev/null || true
  launch_server
}

launch_server() {
  local launched
  launched=$(date +%s%N)
  # the collector's log beside the server's: what the heap held after each collection, when a run ends short of
  # memory (issue 21)
  java "${server_heap[@]}" -Xlog:gc:file="$work/gc.log":uptime -Dquarkus.http.port="$port" -Dservicegrade.data-dir="$work/data" "${server_options[@]}" \
    -jar target/quarkus-app/quarkus-run.jar >> "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 1200); do
    curl -fs --max-time 2 "localhost:$port/q/health/ready" > /dev/null 2>&1 && break
    sleep 0.05
  done
  curl -fs "localhost:$port/q/health/ready" > /dev/null || { echo "the server did not start: $work/server.log"; exit 1; }
  local centis=$(( ($(date +%s%N) - launched) / 10000000 ))
  ready_s=$(printf '%d.%02d' $((centis / 100)) $((centis % 100)))
}
