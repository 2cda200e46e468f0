# Sourced by bench/run after bench/server.sh: the two figures that ready_s reads against.
#   ready_external WORK PORT  a second server on the first one's database (its embedded PostgreSQL, reached as an
#                             external one: URL, role and password given), started on that existing data; sets
#                             $ready_s_external and stops it again.
#   ready_empty WORK PORT     an empty Quarkus application (bench/empty-app: the same Quarkus platform, only
#                             /q/health/ready) on the same JVM options; sets $ready_s_empty, the floor under ready_s.
# Both are timed like ready_s (launch_server): from launching the JVM to the first ready answer.

ready_external() {
  local dir=$1 port=$2 pgport owner app pid
  pgport=$(sed -n 4p "$work/data/pg/postmaster.pid")
  owner=$(sed -n 's/^\*:\*:\*:postgres://p' "$work/data/pg.password")
  app=$(sed -n 's/^\*:\*:\*:servicegrade_app://p' "$work/data/pg.password")
  mkdir -p "$dir"
  QUARKUS_DATASOURCE_PASSWORD="$app" QUARKUS_FLYWAY_PASSWORD="$owner" \
    timed_ready "$port" "$dir/server.log" "${server_heap[@]}" -Dquarkus.http.port="$port" \
    -Dservicegrade.data-dir="$dir/data" -Dservicegrade.demo.enabled=false \
    -Dquarkus.datasource.reactive.url="postgresql://localhost:$pgport/servicegrade" \
    -Dquarkus.datasource.username=servicegrade_app -Dquarkus.flyway.username=postgres \
    -jar target/quarkus-app/quarkus-run.jar
  ready_s_external=$timed_s
}

ready_empty() {
  local dir=$1 port=$2
  if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f bench/empty-app/target/quarkus-app/quarkus-run.jar ]; then
    ./mvnw -B -q -f bench/empty-app/pom.xml package
  fi
  mkdir -p "$dir"
  timed_ready "$port" "$dir/server.log" "${server_heap[@]}" -Dquarkus.http.port="$port" \
    -jar bench/empty-app/target/quarkus-app/quarkus-run.jar
  ready_s_empty=$timed_s
}

# timed_ready PORT LOG JAVA-ARGS...: launches java, waits for /q/health/ready, stops it; sets $timed_s.
timed_ready() {
  local port=$1 log=$2 launched pid centis; shift 2
  launched=$(date +%s%N)
  java "$@" >> "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1200); do
    curl -fs --max-time 2 "localhost:$port/q/health/ready" > /dev/null 2>&1 && break
    sleep 0.05
  done
  if ! curl -fs "localhost:$port/q/health/ready" > /dev/null; then
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
    echo "a start-up reference did not start: $log"; exit 1
  fi
  centis=$(( ($(date +%s%N) - launched) / 10000000 ))
  timed_s=$(printf '%d.%02d' $((centis / 100)) $((centis % 100)))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
}
