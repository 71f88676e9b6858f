#!/usr/bin/env bash
# Start-up benchmark: each packaged service (JVM) started alone, from process start to /q/health/ready answering 200,
# on a fresh database (migrations run) and on a migrated one, repeated; pgbench select-only on the same server before
# and after as the machine's baseline of the same run.
# Usage: bash bench/startup-benchmark.sh [repetitions=3]
#   SERVICE_JAVA_OPTS   JVM options for the services (e.g. "-XX:+UseSerialGC -XX:MaxRAMPercentage=75")
#   SKIP_BUILD=1        use the packaged jars as they are
# Run it under the build lock: flock /tmp/openucp-maven.lock bash bench/startup-benchmark.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPETITIONS=${1:-3}
export BENCH_DIR="$PWD/local-stack/target/bench-startup"
command -v pgbench >/dev/null || { echo "installing pgbench (Debian package)"; apt-get install -y postgresql-client >/dev/null; }
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q -o package -DskipTests
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR"
java -cp "$(ls local-stack/target/local-stack-*.jar)" org.openucp.stack.bench.StartupBenchmark \
  "$REPETITIONS" "$BENCH_DIR" > "$BENCH_DIR/stack.log" 2>&1 &
STACK=$!
trap 'touch "$BENCH_DIR/done"; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do [ -f "$BENCH_DIR/ready" ] && break; kill -0 $STACK || { cat "$BENCH_DIR/stack.log"; exit 1; }; sleep 1; done
# shellcheck disable=SC1091
source "$BENCH_DIR/stack.env"
export PGPASSWORD=$PG_PASSWORD
pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -i -s 10 -q bench >/dev/null 2>&1
# shellcheck disable=SC1091
source bench/baseline.sh
PG_BEFORE=$(best_pgbench)
touch "$BENCH_DIR/go"
for _ in $(seq 1 1800); do [ -f "$BENCH_DIR/timed" ] && break; kill -0 $STACK || { cat "$BENCH_DIR/stack.log"; exit 1; }; sleep 1; done
PG_AFTER=$(best_pgbench)
LINES=$(grep '^STARTUP' "$BENCH_DIR/stack.log")
echo "$LINES"

RESULT="bench/results/startup-$(date -u +%Y%m%dT%H%MZ).md"
{
  echo "# Start-up benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, shared."
  echo "- Java: $(java -version 2>&1 | head -1); PostgreSQL: embedded $(sed -n 's/.*<postgres-binaries.version>\(.*\)<.*/\1/p' pom.xml); JVM options: ${SERVICE_JAVA_OPTS:-none}"
  echo "- Each service started alone (\`java -jar quarkus-run.jar\`, the packaged fast-jar), timed from process start to"\
       "\`/q/health/ready\` answering 200 (polled every 200 ms); Quarkus's own \"started in\" from its log."
  echo "- pgbench -S (the better of 4 and 16 clients, 10 s) before and after: tps=$PG_BEFORE and $PG_AFTER"
  echo
  echo "| service | database | repetition | process start → ready (s) | Quarkus \"started in\" (s) |"
  echo "| --- | --- | --- | --- | --- |"
  sed -E 's/STARTUP service=([^ ]+) repetition=([0-9]+) state=([^ ]+) ready_s=([0-9.]+) quarkus_started_s=([^ ]+)/| \1 | \3 | \2 | \4 | \5 |/; s/_/ /g' <<<"$LINES" | sort
  echo
  echo "| service | database | median ready (s) | min | max |"
  echo "| --- | --- | --- | --- | --- |"
  for service in clinical-api portal-api; do
    for state in fresh migrated; do
      grep "service=$service " <<<"$LINES" | grep "state=$state" | sed -E 's/.*ready_s=([0-9.]+).*/\1/' | sort -g \
        | awk -v s="$service" -v st="$state" '{ v[NR] = $1 } END { printf "| %s | %s | %.2f | %.2f | %.2f |\n", s, st, v[int((NR + 1) / 2)], v[1], v[NR] }'
    done
  done
} > "$RESULT"
cat "$RESULT"
