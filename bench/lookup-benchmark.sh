#!/usr/bin/env bash
# Crisis lookup benchmark: seeds published plans into PostgreSQL, drives the authenticated, audited lookup by NHS
# number with wrk, and measures pgbench select-only on the same server in the same run as the physical baseline.
# Usage: bash bench/lookup-benchmark.sh [patients=100000] [seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS=${1:-100000}
SECONDS_PER_RUN=${2:-30}
CONNECTIONS=${CONNECTIONS:-16}
# Two shared cores need about half a minute of load before the JIT compilers settle.
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
export BENCH_DIR="$PWD/local-stack/target/bench"

command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null; }
command -v pgbench >/dev/null || { echo "installing pgbench (Debian package)"; apt-get install -y postgresql-client >/dev/null; }

./mvnw -B -q package -DskipTests
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR"
java -cp "$(ls local-stack/target/local-stack-*.jar)" org.openucp.stack.bench.LookupBenchmarkStack \
  "$PATIENTS" "$BENCH_DIR" > "$BENCH_DIR/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do [ -f "$BENCH_DIR/ready" ] && break; kill -0 $STACK || { cat "$BENCH_DIR/stack.log"; exit 1; }; sleep 1; done
[ -f "$BENCH_DIR/ready" ] || { echo "stack not ready"; cat "$BENCH_DIR/stack.log"; exit 1; }
# shellcheck disable=SC1091
source "$BENCH_DIR/stack.env"
export PGPASSWORD=$PG_PASSWORD
grep -h "Seeded\|rendered" "$BENCH_DIR/stack.log" || true

run_wrk() { wrk -t2 -c"$1" -d"$2"s --latency -s bench/lookup.lua "$CLINICAL_URL" | grep RESULT; }

pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -i -s 10 -q bench >/dev/null 2>&1
run_pgbench() {
  pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -S -c "$1" -j 2 -T "$SECONDS_PER_RUN" bench 2>/dev/null \
    | grep -E "^tps" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/'
}
# pgbench -S peaks at a few clients or at about 16 depending on the machine's phase (fewer clients, fewer context
# switches), so the baseline is the better of 4 and $CONNECTIONS clients each time.
FEW_CLIENTS=4
best_pgbench() {
  local few many
  few=$(run_pgbench "$FEW_CLIENTS"); many=$(run_pgbench "$CONNECTIONS")
  echo "pgbench tps=$few ($FEW_CLIENTS clients), $many ($CONNECTIONS clients)" >&2
  printf '%s\n%s\n' "$few" "$many" | sort -g | tail -1
}

echo "== warm-up (${WARMUP_SECONDS} s)"; run_wrk "$CONNECTIONS" "$WARMUP_SECONDS" >/dev/null
# This shared machine's speed drifts by tens of per cent within minutes, so the baseline is measured right before
# and right after the lookups, and the ratio taken against their mean.
echo "== pgbench select-only over TCP, same server, before"
PG_TPS_BEFORE=$(best_pgbench)
# The service answers the lookups waiting together in one statement, so it needs more requests in flight than
# pgbench needs clients to be saturated: three counts are measured, and the highest rate is the saturating rate.
MANY_CONNECTIONS=$((CONNECTIONS * 4))
echo "== saturation: $CONNECTIONS connections, ${SECONDS_PER_RUN} s"
SATURATED=$(run_wrk "$CONNECTIONS" "$SECONDS_PER_RUN"); echo "$SATURATED"
echo "== saturation: $MANY_CONNECTIONS connections, ${SECONDS_PER_RUN} s"
SATURATED_MANY=$(run_wrk "$MANY_CONNECTIONS" "$SECONDS_PER_RUN"); echo "$SATURATED_MANY"
MOST_CONNECTIONS=$((CONNECTIONS * 8))
echo "== saturation: $MOST_CONNECTIONS connections, ${SECONDS_PER_RUN} s"
SATURATED_MOST=$(run_wrk "$MOST_CONNECTIONS" "$SECONDS_PER_RUN"); echo "$SATURATED_MOST"
RSS_KB=$(ps -o rss= -p "$CLINICAL_PID" | tr -d ' ')
echo "== pgbench select-only over TCP, same server, after"
PG_TPS_AFTER=$(best_pgbench)
PG_TPS=$(awk -v a="$PG_TPS_BEFORE" -v b="$PG_TPS_AFTER" 'BEGIN { printf "%.1f", (a + b) / 2 }')
SAT_RPS=$(printf '%s\n%s\n%s\n' "$SATURATED" "$SATURATED_MANY" "$SATURATED_MOST" | sed -E 's/.*rps=([0-9.]+).*/\1/' | sort -g | tail -1)
# Half the saturating rate: each connection pauses between a response and its next request. A connection's cycle
# is its response time plus its pause, so two short paced runs measure the response time and set the pause that
# makes the cycle connections / (half the rate).
pace() {
  local connections=$1 cycle_ms pause_ms got
  cycle_ms=$(awk -v r="$SAT_RPS" -v c="$connections" 'BEGIN { printf "%.3f", c * 1000 / (r / 2) }')
  pause_ms=$cycle_ms
  for _ in 1 2; do
    got=$(PAUSE_MS=$pause_ms run_wrk "$connections" 8 | sed -E 's/.*rps=([0-9.]+).*/\1/')
    pause_ms=$(awk -v cycle="$cycle_ms" -v p="$pause_ms" -v c="$connections" -v got="$got" \
      'BEGIN { response = c * 1000 / got - p; pause = cycle - response; printf "%.3f", (pause > 0 ? pause : 0) }')
  done
  echo "$pause_ms"
}
HALF_PAUSE=$(pace "$CONNECTIONS")
echo "== half the saturating rate: $CONNECTIONS connections, each pausing ${HALF_PAUSE} ms"
HALF=$(PAUSE_MS=$HALF_PAUSE run_wrk "$CONNECTIONS" "$SECONDS_PER_RUN"); echo "$HALF"
# The same rate from four times as many clients, each sending a quarter as often: burstier arrivals.
MANY_PAUSE=$(pace "$MANY_CONNECTIONS")
echo "== half the saturating rate from $MANY_CONNECTIONS connections, each pausing ${MANY_PAUSE} ms"
HALF_MANY=$(PAUSE_MS=$MANY_PAUSE run_wrk "$MANY_CONNECTIONS" "$SECONDS_PER_RUN"); echo "$HALF_MANY"

RATIO=$(awk -v a="$SAT_RPS" -v b="$PG_TPS" 'BEGIN { printf "%.3f", a / b }')

echo "== one lookup per SQL statement (read + audit insert) driven by pgbench, no HTTP, token or JVM"
psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" clinical \
  -c "DROP TABLE IF EXISTS bench_patient" -c "CREATE TABLE bench_patient (i SERIAL PRIMARY KEY, nhs_number CHAR(10))" \
  -c "\\copy bench_patient (nhs_number) FROM '$BENCH_DIR/nhs-numbers.txt'"
STATEMENT=$(pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -n -M prepared -D patients="$PATIENTS" \
  -f bench/audited-lookup.sql -c "$CONNECTIONS" -j 2 -T "$SECONDS_PER_RUN" clinical 2>/dev/null)
STATEMENT_TPS=$(grep -E "^tps" <<<"$STATEMENT" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
echo "audited lookup statement tps=$STATEMENT_TPS"
CEILING=$(awk -v a="$STATEMENT_TPS" -v b="$PG_TPS" 'BEGIN { printf "%.3f", a / b }')

RESULT="bench/results/lookup-$(date -u +%Y%m%dT%H%MZ).md"
{
  echo "# Crisis lookup benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB;"\
       "load generator, PostgreSQL and the service share it."
  echo "- Java: $(java -version 2>&1 | head -1); PostgreSQL: embedded $(sed -n 's/.*<postgres-binaries.version>\(.*\)<.*/\1/p' pom.xml)"
  echo "- Data: $PATIENTS published plans; lookups by random NHS number, each authenticated (RS256 token),"\
       "access-checked (role, agreement, roster) and audited (hash-chained append)."
  echo "- Load: wrk, 2 threads, ${SECONDS_PER_RUN} s per run after a ${WARMUP_SECONDS} s warm-up; saturated with"\
       "$CONNECTIONS, $MANY_CONNECTIONS and $MOST_CONNECTIONS connections (the highest rate is the saturating"\
       "rate); the half-rate runs pace $CONNECTIONS, then $MANY_CONNECTIONS connections."
  echo
  echo "| measure | value |"
  echo "| --- | --- |"
  echo "| lookup, saturated, $CONNECTIONS connections | $SATURATED |"
  echo "| lookup, saturated, $MANY_CONNECTIONS connections | $SATURATED_MANY |"
  echo "| lookup, saturated, $MOST_CONNECTIONS connections | $SATURATED_MOST |"
  echo "| lookup, at half the saturating rate ($CONNECTIONS connections) | $HALF |"
  echo "| lookup, at half the saturating rate from $MANY_CONNECTIONS connections | $HALF_MANY |"
  echo "| pgbench -S (TCP, the better of $FEW_CLIENTS and $CONNECTIONS clients), just before and just after the"\
       "saturated lookups | tps=$PG_TPS_BEFORE and $PG_TPS_AFTER, mean $PG_TPS |"
  echo "| ratio lookup (saturating rate, rps=$SAT_RPS) ÷ pgbench (mean) | $RATIO |"
  echo "| one lookup per SQL statement, read + audit insert, no HTTP/token/JVM (pgbench, $CONNECTIONS clients) | tps=$STATEMENT_TPS |"
  echo "| ratio of that ÷ pgbench -S (the ceiling without batching lookups) | $CEILING |"
  echo "| clinical API RSS after the saturated run | $((RSS_KB / 1024)) MiB |"
} > "$RESULT"
cat "$RESULT"
