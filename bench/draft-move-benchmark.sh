#!/usr/bin/env bash
# Draft move benchmark: patients submit their drafts through two portal replicas, and each draft is timed until it is
# in the clinical store and gone from the portal (the outbox relay's move, exactly once). Both databases are counted
# at the end: none lost, none twice. pgbench select-only on the same server before and after is the machine's
# baseline of the same run.
# Usage: bash bench/draft-move-benchmark.sh [drafts=5000] [concurrency=32] [rate=0 (as fast as they go) or drafts/s]
#   PORTAL_CONFIG="portal.transfer.batch-size=50;portal.transfer.interval=1s"   settings for both portal replicas
#   WARMUP=3000   drafts moved the whole way before the timed ones, so that the JIT has compiled the hot paths
#   SKIP_BUILD=1   use the packaged jars as they are
# Run it under the build lock: flock /tmp/openucp-maven.lock bash bench/draft-move-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DRAFTS=${1:-5000}
CONCURRENCY=${2:-32}
RATE=${3:-0}
export BENCH_DIR="$PWD/local-stack/target/bench-drafts"
export WARMUP=${WARMUP:-3000}
command -v pgbench >/dev/null || { echo "installing pgbench (Debian package)"; apt-get install -y postgresql-client >/dev/null; }
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q -o package -DskipTests
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR"
java -cp "$(ls local-stack/target/local-stack-*.jar)" org.openucp.stack.bench.DraftMoveBenchmark \
  "$DRAFTS" "$CONCURRENCY" "$RATE" "$BENCH_DIR" > "$BENCH_DIR/stack.log" 2>&1 &
STACK=$!
trap 'touch "$BENCH_DIR/done"; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do [ -f "$BENCH_DIR/ready" ] && break; kill -0 $STACK || { cat "$BENCH_DIR/stack.log"; exit 1; }; sleep 1; done
[ -f "$BENCH_DIR/ready" ] || { echo "stack not ready"; tail -20 "$BENCH_DIR/stack.log"; exit 1; }
# shellcheck disable=SC1091
source "$BENCH_DIR/stack.env"
export PGPASSWORD=$PG_PASSWORD
pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -i -s 10 -q bench >/dev/null 2>&1
# shellcheck disable=SC1091
source bench/baseline.sh
PG_BEFORE=$(best_pgbench)
# CPU time (user + system, in clock ticks) of each part of the stack while the timed drafts move.
ticks() { local sum=0 p; for p in "$@"; do sum=$(( sum + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; echo $sum; }
postgres_pids() { pgrep -d ' ' -x postgres || true; }
# shellcheck disable=SC2086
CPU_BEFORE=("$(ticks $CLINICAL_PID)" "$(ticks $PORTAL_PIDS)" "$(ticks $(postgres_pids))" "$(ticks $STACK)")
touch "$BENCH_DIR/go"
for _ in $(seq 1 9000); do [ -f "$BENCH_DIR/timed" ] && break; kill -0 $STACK || { cat "$BENCH_DIR/stack.log"; exit 1; }; sleep 0.1; done
# shellcheck disable=SC2086
CPU_AFTER=("$(ticks $CLINICAL_PID)" "$(ticks $PORTAL_PIDS)" "$(ticks $(postgres_pids))" "$(ticks $STACK)")
PG_AFTER=$(best_pgbench)
sleep 2
RSS=$(for p in $CLINICAL_PID $PORTAL_PIDS; do echo -n "$(( $(ps -o rss= -p "$p" | tr -d ' ') / 1024 )) "; done)
touch "$BENCH_DIR/done"
wait $STACK || true
LINES=$(grep -E '^(RESULT|FAILED)' "$BENCH_DIR/stack.log")
echo "$LINES"
value() { grep "phase=$1 " <<<"$LINES" | sed -E "s/.* $2=([0-9.]+).*/\1/"; }
# Deliveries the portals gave up on after portal.transfer.delivery-timeout, and all that failed and were retried.
GIVEN_UP=$(cat "$BENCH_DIR"/portal-api-*.log | grep -c "did not finish within" || true)
RETRIED=$(cat "$BENCH_DIR"/portal-api-*.log | grep -c "failed, will retry" || true)

# CPU milliseconds per timed draft: clinical, both portals, PostgreSQL, the load generator.
HZ=$(getconf CLK_TCK)
CPU_PER_DRAFT=$(for i in 0 1 2 3; do
  awk -v t=$(( CPU_AFTER[i] - CPU_BEFORE[i] )) -v hz="$HZ" -v n="$DRAFTS" 'BEGIN { printf "%.1f ", t * 1000 / hz / n }'
done)
RESULT="bench/results/draft-move-$(date -u +%Y%m%dT%H%MZ).md"
{
  echo "# Draft move benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, shared by the load generator, PostgreSQL, the clinical API and two portal replicas."
  echo "- Java: $(java -version 2>&1 | head -1); PostgreSQL: embedded $(sed -n 's/.*<postgres-binaries.version>\(.*\)<.*/\1/p' pom.xml) (fsync off)"
  echo "- $DRAFTS patients, each with their own NHS login token, start a draft and submit it through the portal"\
       "(alternating replicas), $CONCURRENCY requests in flight$( [ "$RATE" != 0 ] && echo ", submissions paced at $RATE a second")."
  echo "- Warm-up: $WARMUP drafts moved the whole way before the timed ones (the JIT compiles the hot paths meanwhile)"
  echo "- Portal settings: ${PORTAL_CONFIG:-the defaults (portal.transfer.batch-size 20, interval 10s, relay-on-submit true)}"
  echo "- pgbench -S (the better of 4 and 16 clients, 10 s) before and after the submissions: tps=$PG_BEFORE and $PG_AFTER"
  echo "- RSS after the run (clinical, portal 1, portal 2): $RSS MiB"
  echo
  echo "| measure | value |"
  echo "| --- | --- |"
  echo "| drafts started (POST /drafts), per second | $(value create per_second) ($(value create failures) failed) |"
  echo "| submissions accepted (202), per second | $(value submit per_second) ($(value submit failures) failed) |"
  echo "| **moved end to end** (first submission → last draft in the clinical store and gone from the portal), per second | **$(value move per_second)** ($(value move drafts) drafts in $(value move seconds) s) |"
  echo "| the same from the receipts (first submitted_at → last delivered_at) | $(value latency receipts_per_second) |"
  echo "| submission → moved, p50 / p90 / p99 / max | $(value latency move_p50_ms) / $(value latency move_p90_ms) / $(value latency move_p99_ms) / $(value latency move_max_ms) ms |"
  echo "| CPU per timed draft: clinical / both portals / PostgreSQL / load generator | $(sed 's/ / \/ /g; s/ \/ $//' <<<"$CPU_PER_DRAFT") ms |"
  echo "| deliveries given up after the delivery timeout / all failed deliveries retried (portal logs) | $GIVEN_UP / $RETRIED |"
  echo "| check | $(grep 'phase=check' <<<"$LINES" | sed 's/RESULT phase=check //') |"
} > "$RESULT"
cat "$RESULT"
