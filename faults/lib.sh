# Sourced by the fault runs: starts the packaged server on a fresh embedded database as bench/run does
# (bench/server.sh), and gives the runs the writer load (Writers), the check (FaultCheck) and control of the
# embedded PostgreSQL (stop and start, with the options it was started with). Figures are appended to $results.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/server.sh
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
mkdir -p faults/results
results=${FAULTS_RESULTS:-faults/results/$(date -u +%Y%m%d-%H%M%S)-$commit.txt}
port=${FAULTS_PORT:-18095}

say() { echo "$*" | tee -a "$results"; }
machine_load() { echo "machine: $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg)"; }
now_ms() { date +%s%3N; }

# The server and its embedded PostgreSQL, with the admin key; $1 names the run's folder under faults/work.
start() {
  start_server "faults/work/$1" "$port" --client -Dservicegrade.demo.enabled=false "${@:2}"
  pgdata="$work/data/pg"
  # The embedded PostgreSQL's passwords (libpq and pgJDBC read them from this file; pg_pass ROLE prints one).
  export PGPASSFILE="$work/data/pg.password"
  trap cleanup EXIT
}

cleanup() {
  kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [ -n "${proxy:-}" ] && kill "$proxy" 2>/dev/null || true
  if pg_running; then pg_stop || true; fi
}

# The embedded PostgreSQL, stopped and started as pg_ctl would: stop is a fast shutdown (SIGINT to the postmaster,
# which ends the sessions and checkpoints, as pg_ctl stop -m fast), start runs the postmaster again with the
# options it was started with (postmaster.opts). PostgreSQL refuses to run as root; like zonky, these runs start
# it in a user namespace of its own (unshare -U), where it is not root.
pg_running() { [ -f "$pgdata/postmaster.pid" ] && kill -0 "$(head -1 "$pgdata/postmaster.pid")" 2>/dev/null; }
pg_stop() {
  local pid
  pid=$(head -1 "$pgdata/postmaster.pid")
  kill -INT "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}
pg_start() {
  local -a command
  eval "command=($(cat "$pgdata/postmaster.opts"))"
  setsid nohup unshare -U "${command[@]}" >> "$work/pg.log" 2>&1 < /dev/null &
  for _ in $(seq 1 600); do
    [ "$(sed -n 8p "$pgdata/postmaster.pid" 2>/dev/null | tr -d ' ')" = ready ] && return 0
    sleep 0.05
  done
  echo "PostgreSQL did not start again: $work/pg.log"
  return 1
}
pg_port() { sed -n 4p "$pgdata/postmaster.pid"; }
pg_pass() { awk -F: -v role="$1" '$4 == role { print $5 }' "$PGPASSFILE"; }
jdbc() { echo "jdbc:postgresql://localhost:${1:-$(pg_port)}/servicegrade"; }

# The writer load generator against the server; its files go to the folder given by --out.
# IDEMPOTENCY_KEYS=false sends the batches without an Idempotency-Key (resends are still idempotent by externalId).
writers() {
  java -cp "$cp" io.servicegrade.bench.Writers --base "http://localhost:$port" --key "$key" \
    --idempotency-keys "${IDEMPOTENCY_KEYS:-true}" "$@"
}
# Waits until the writers writing into $1 have $2 batches acknowledged (at most 120 s).
await_progress() {
  local _ n
  for _ in $(seq 1 1200); do
    n=$(cat "$1/progress" 2>/dev/null || true)
    [ "${n:-0}" -ge "$2" ] && return 0
    sleep 0.1
  done
}
# The organisation (500 windows) and the scheme the writes fold into.
set_up() { writers --setup true --windows 500 --writers 1 --seconds 0 --out "$work/setup" > /dev/null; }
# The server log's warnings and errors, counted by message (time and thread left out).
log_summary() {
  say "server log, warnings and errors (count, message):"
  grep -E "^[0-9-]+ [0-9:,]+ (ERROR|WARN)" "$work/server.log" | sed -E 's/^[0-9-]+ [0-9:,]+ //; s/ \([^)]*\) / /' \
    | sed -E 's/[0-9a-f]{8}-[0-9a-f-]{27}/<id>/; s/:[0-9]{4,5}/:<port>/g; s/blocked for [0-9]+ ms/blocked for <n> ms/' \
    | cut -c1-200 | sort | uniq -c | sort -rn | head -10 | sed 's/^/  /' | tee -a "$results"
}
check() {
  java -cp "$cp" io.servicegrade.bench.FaultCheck "$@" | tee -a "$results"
}
