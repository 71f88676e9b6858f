#!/usr/bin/env bash
# Switchover benchmark: what a restart of PostgreSQL's primary costs the crisis lookups. Lookups run at a steady pace
# through one clinical API while the database is stopped (a fast shutdown, as a CloudNativePG switchover or a
# primary's restart does) and started again after 0 s and after DOWN seconds; every response is counted by second
# and status. The rule under test: while the database is away a lookup answers 503 (cannot confirm whether a plan
# exists), never 404 or 500, and lookups succeed again as soon as the database is back. pgbench select-only on the
# same server before and after is the machine's baseline of the same run.
# Usage: bash bench/switchover-benchmark.sh [patients=20000] [outages in seconds="0 10"]
#   PAUSE_MS=4      a connection's pause between a response and its next request (16 connections)
#   SKIP_BUILD=1    use the packaged jars as they are
# Run it under the build lock: flock /tmp/openucp-maven.lock bash bench/switchover-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS=${1:-20000}
read -r -a OUTAGES <<<"${2:-0 10}"
export PAUSE_MS=${PAUSE_MS:-4}
export BENCH_DIR="$PWD/local-stack/target/bench-switchover"
command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null; }
command -v pgbench >/dev/null || { echo "installing pgbench (Debian package)"; apt-get install -y postgresql-client >/dev/null; }
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q -o package -DskipTests
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR"
java -cp "$(ls local-stack/target/local-stack-*.jar)" org.openucp.stack.bench.LookupBenchmarkStack \
  "$PATIENTS" "$BENCH_DIR" 0 0 > "$BENCH_DIR/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do [ -f "$BENCH_DIR/ready" ] && break; kill -0 $STACK || { cat "$BENCH_DIR/stack.log"; exit 1; }; sleep 1; done
[ -f "$BENCH_DIR/ready" ] || { echo "stack not ready"; tail -20 "$BENCH_DIR/stack.log"; exit 1; }
# shellcheck disable=SC1091
source "$BENCH_DIR/stack.env"
export PGPASSWORD=$PG_PASSWORD
pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -i -s 10 -q bench >/dev/null 2>&1
# shellcheck disable=SC1091
source bench/baseline.sh
echo "== warm-up"
wrk -t2 -c16 -d30s -s bench/lookup.lua "$CLINICAL_URL" >/dev/null
PG_BEFORE=$(best_pgbench)

BEFORE_SECONDS=10
AFTER_SECONDS=20
declare -A TIMELINE SUMMARY
for down in "${OUTAGES[@]}"; do
  echo "== lookups while the database is stopped for $down s"
  rm -f "$BENCH_DIR/database-restarted"
  duration=$((BEFORE_SECONDS + down + AFTER_SECONDS + 5))
  # wrk's own timeout is longer than the service's wait for a connection (3 s), so that every answer is counted.
  wrk -t2 -c16 -d"${duration}s" --timeout 10s -s bench/switchover.lua "$CLINICAL_URL" > "$BENCH_DIR/wrk-$down.txt" &
  WRK=$!
  START_S=$(date +%s)
  sleep "$BEFORE_SECONDS"
  echo "$down" > "$BENCH_DIR/restart-database"
  for _ in $(seq 1 600); do [ -f "$BENCH_DIR/database-restarted" ] && break; sleep 0.1; done
  wait $WRK
  # shellcheck disable=SC1090
  source "$BENCH_DIR/database-restarted"
  # Seconds from the start of the run; the statuses answered in each.
  TIMELINE[$down]=$(grep '^OUTCOME' "$BENCH_DIR/wrk-$down.txt" | awk -v start="$START_S" '
      { second = $2 - start; count[second, $3] += $4; seconds[second] = 1; statuses[$3] = 1 }
      END { for (s in seconds) { line = s; for (st in statuses) if (count[s, st]) line = line " " st "=" count[s, st]; print line } }' \
    | sort -n)
  SUMMARY[$down]=$(grep '^OUTCOME' "$BENCH_DIR/wrk-$down.txt" | awk \
      -v stopped="$((STOPPED_MS / 1000))" -v started="$((STARTED_MS / 1000))" -v errors="$(grep '^ERRORS' "$BENCH_DIR/wrk-$down.txt")" '
      { total[$3] += $4 }
      $3 == 503 && (first503 == "" || $2 < first503) { first503 = $2 }
      $3 == 503 && $2 > last503 { last503 = $2 }
      $3 == 200 && $2 > started && (first200 == "" || $2 < first200) { first200 = $2 }
      END {
        line = ""; for (st in total) line = line " " st "=" total[st]
        printf "answers:%s; 503 from %s s to %s s after the stop; last 503 %s s after the restart; wrk %s",
          line, first503 == "" ? "-" : first503 - stopped, last503 == "" ? "-" : last503 - stopped,
          last503 == "" ? "-" : last503 - started, errors
      }')
  SUMMARY[$down]="${SUMMARY[$down]}; stop took $((STOPPED_MS - STOPPING_MS)) ms, start $((STARTED_MS - STARTING_MS)) ms"
  echo "${SUMMARY[$down]}"
done
PG_AFTER=$(best_pgbench)

RESULT="bench/results/switchover-$(date -u +%Y%m%dT%H%MZ).md"
{
  echo "# Switchover benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, shared by load generator, PostgreSQL and the service."
  echo "- Java: $(java -version 2>&1 | head -1); PostgreSQL: embedded $(sed -n 's/.*<postgres-binaries.version>\(.*\)<.*/\1/p' pom.xml)"
  echo "- $PATIENTS published plans; one clinical API; crisis lookups from 16 connections, each pausing $PAUSE_MS ms"\
       "between a response and its next request; the database stopped (fast shutdown) ${BEFORE_SECONDS} s into"\
       "each run and started again after the outage below; ${AFTER_SECONDS} s more measured after."
  echo "- pgbench -S (the better of 4 and 16 clients, 10 s) before and after: tps=$PG_BEFORE and $PG_AFTER"
  echo
  echo "| outage | what the lookups got |"
  echo "| --- | --- |"
  for down in "${OUTAGES[@]}"; do echo "| $down s | ${SUMMARY[$down]} |"; done
  for down in "${OUTAGES[@]}"; do
    echo
    echo "Answers by second of the run with a $down s outage (stopped at second $BEFORE_SECONDS):"
    echo
    echo '```'
    echo "${TIMELINE[$down]}"
    echo '```'
  done
} > "$RESULT"
cat "$RESULT"
