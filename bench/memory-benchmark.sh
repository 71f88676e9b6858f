#!/usr/bin/env bash
# Memory benchmark: the clinical API's resident memory (RSS) idle and under the saturating crisis-lookup load, with
# different JVM options side by side in one run, and what each costs in lookups a second. One clinical API per
# variant, all on the same database (100,000 published plans), driven in turn with wrk; pgbench select-only on the
# same server before and after as the machine's baseline.
# Usage: VARIANTS="g1=;serial=-XX:+UseSerialGC;serial_128m=-XX:+UseSerialGC -Xmx128m" bash bench/memory-benchmark.sh
#   [patients=100000] [seconds=20] [rounds=2]
#   The first variant is the reference the others' throughput is compared with.
#   BENCH_LOCK=/tmp/openucp-maven.lock  take the build lock for the measurements only (see lookup-benchmark.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS=${1:-100000}
SECONDS_PER_RUN=${2:-20}
ROUNDS=${3:-2}
CONNECTIONS=${CONNECTIONS:-128}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
export BENCH_DIR="$PWD/local-stack/target/bench-memory"
: "${VARIANTS:?name the JVM options to compare: VARIANTS=\"g1=;serial=-XX:+UseSerialGC\"}"
command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null; }
command -v pgbench >/dev/null || { echo "installing pgbench (Debian package)"; apt-get install -y postgresql-client >/dev/null; }
lock() { [ -z "${BENCH_LOCK:-}" ] || { exec 9>"$BENCH_LOCK"; flock 9; echo "holding $BENCH_LOCK"; }; }
unlock() { [ -z "${BENCH_LOCK:-}" ] || { flock -u 9; exec 9>&-; }; }
if [ "${SKIP_BUILD:-}" != 1 ]; then lock; ./mvnw -B -q -o package -DskipTests; unlock; fi

SPEC=$VARIANTS
declare -A OPTIONS
IFS=';' read -r -a ENTRIES <<<"$SPEC"
for entry in "${ENTRIES[@]}"; do [ -n "${entry// /}" ] && OPTIONS[$(xargs <<<"${entry%%=*}")]=${entry#*=}; done
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR"
# The stack's own service stays idle here; the variants are the services measured.
VARIANTS="$VARIANTS" java -cp "$(ls local-stack/target/local-stack-*.jar)" org.openucp.stack.bench.LookupBenchmarkStack \
  "$PATIENTS" "$BENCH_DIR" 0 0 > "$BENCH_DIR/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 900); do [ -f "$BENCH_DIR/ready" ] && break; kill -0 $STACK || { cat "$BENCH_DIR/stack.log"; exit 1; }; sleep 1; done
[ -f "$BENCH_DIR/ready" ] || { echo "stack not ready"; cat "$BENCH_DIR/stack.log"; exit 1; }
# shellcheck disable=SC1091
source "$BENCH_DIR/stack.env"
# shellcheck disable=SC1091
source "$BENCH_DIR/variants.env"
export PGPASSWORD=$PG_PASSWORD
read -r -a NAMES <<<"$VARIANTS"
url() { local v="VARIANT_URL_$1"; echo "${!v}"; }
pid() { local v="VARIANT_PID_$1"; echo "${!v}"; }
rss() { echo $(( $(ps -o rss= -p "$(pid "$1")" | tr -d ' ') / 1024 )); }
# The service's own CPU time (user + system, clock ticks): what a lookup costs the service alone, without the load
# generator's and PostgreSQL's share of the machine.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$(pid "$1")/stat"; }
TICKS_PER_SECOND=$(getconf CLK_TCK)
run_wrk() { wrk -t2 -c"$2" -d"$3"s --latency -s bench/lookup.lua "$(url "$1")" | grep RESULT; }
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }

pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -i -s 10 -q bench >/dev/null 2>&1
# shellcheck disable=SC1091
source bench/baseline.sh

lock
declare -A IDLE PEAK AFTER RPS P99 PER_CPU
for name in "${NAMES[@]}"; do IDLE[$name]=$(rss "$name"); done
for name in "${NAMES[@]}"; do echo "== warm-up $name"; run_wrk "$name" 64 "$WARMUP_SECONDS" >/dev/null; done
PG_BEFORE=$(best_pgbench "$SECONDS_PER_RUN"); echo "pgbench before: $PG_BEFORE"
for round in $(seq 1 "$ROUNDS"); do
  for name in "${NAMES[@]}"; do
    # The highest RSS seen during the run, sampled every half second.
    ( peak=0; while kill -0 "$(pid "$name")" 2>/dev/null; do r=$(rss "$name"); [ "$r" -gt "$peak" ] && peak=$r;
        echo "$peak" > "$BENCH_DIR/peak-$name"; sleep 0.5; done ) &
    SAMPLER=$!
    ticks_before=$(cpu_ticks "$name")
    result=$(run_wrk "$name" "$CONNECTIONS" "$SECONDS_PER_RUN")
    ticks=$(( $(cpu_ticks "$name") - ticks_before ))
    PER_CPU[$name]="${PER_CPU[$name]:-} $(awk -v r="$(field requests "$result")" -v t="$ticks" -v hz="$TICKS_PER_SECOND" \
      'BEGIN { printf "%.0f", r / (t / hz) }')"
    kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null || true
    echo "$name round $round: $result peak_rss=$(cat "$BENCH_DIR/peak-$name") MiB"
    RPS[$name]="${RPS[$name]:-} $(field rps "$result")"
    P99[$name]="${P99[$name]:-} $(field p99_ms "$result")"
    peak=$(cat "$BENCH_DIR/peak-$name" 2>/dev/null); peak=${peak:-0}; [ "$peak" -gt "${PEAK[$name]:-0}" ] && PEAK[$name]=$peak
  done
done
PG_AFTER=$(best_pgbench "$SECONDS_PER_RUN"); echo "pgbench after: $PG_AFTER"
for name in "${NAMES[@]}"; do AFTER[$name]=$(rss "$name"); done
declare -A NMT
for name in "${NAMES[@]}"; do
  if ps -o args= -p "$(pid "$name")" | grep -q NativeMemoryTracking; then
    NMT[$name]=$(jcmd "$(pid "$name")" VM.native_memory summary 2>/dev/null | grep -E "^(Total|-)" | sed -E 's/ +/ /g')
  fi
done
unlock

mean() { tr ' ' '\n' <<<"$1" | awk 'NF { s += $1; n++ } END { printf "%.1f", s / n }'; }
REFERENCE=$(mean "${RPS[${NAMES[0]}]}")
RESULT="bench/results/memory-$(date -u +%Y%m%dT%H%MZ).md"
{
  echo "# Memory benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, shared by load generator, PostgreSQL and the services."
  echo "- Java: $(java -version 2>&1 | head -1) (no container limit: the JVM sizes its default heap from the machine's memory); PostgreSQL: embedded $(sed -n 's/.*<postgres-binaries.version>\(.*\)<.*/\1/p' pom.xml)"
  echo "- $PATIENTS published plans; one clinical API per variant on the same database; each saturated in turn with"\
       "the crisis lookup ($CONNECTIONS connections, ${SECONDS_PER_RUN} s, $ROUNDS rounds, after ${WARMUP_SECONDS} s of warm-up each)."
  echo "- pgbench -S (the better of 4 and 16 clients) before and after: tps=$PG_BEFORE and $PG_AFTER"
  echo
  echo "| variant | JVM options | RSS idle (MiB) | RSS peak under load | RSS after | lookups/s per round | mean | ÷ ${NAMES[0]} | p99 per round (ms) | lookups per CPU-second of the service, per round |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for name in "${NAMES[@]}"; do
    m=$(mean "${RPS[$name]}")
    echo "| $name | \`${OPTIONS[$name]:-}\` |"\
         "${IDLE[$name]} | ${PEAK[$name]} | ${AFTER[$name]} | ${RPS[$name]# } | $m |"\
         "$(awk -v a="$m" -v b="$REFERENCE" 'BEGIN { printf "%.3f", a / b }') | ${P99[$name]# } | ${PER_CPU[$name]# } |"
  done
  for name in "${!NMT[@]}"; do
    echo
    echo "Native memory of $name after the runs (jcmd VM.native_memory summary, committed):"
    echo
    echo '```'
    echo "${NMT[$name]}"
    echo '```'
  done
} > "$RESULT"
cat "$RESULT"
