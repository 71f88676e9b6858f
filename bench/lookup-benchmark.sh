#!/usr/bin/env bash
# Crisis lookup benchmark at two sizes in one run: a clinical API over 100,000 published plans with nothing else in
# its audit trail (the small case), and a second one over 1,000,000 published plans with 20,000,000 sealed audit
# events already in the trail (the large case), each on a database of its own in the same PostgreSQL server. Both are
# driven with wrk, interleaved, and pgbench select-only on the same server is the physical baseline of the same run.
# It also times the audit chain's verification at the large size: the whole trail, and the events since.
#
# Usage: bash bench/lookup-benchmark.sh [patients=100000] [seconds=20]
#   LARGE_PATIENTS=1000000 AUDIT_EVENTS=20000000  the large case (LARGE_PATIENTS=0: the small case only)
#   WARMUP_SECONDS=30     per service, before anything is measured
#   SKIP_BUILD=1          use the packaged jars as they are (build them first, under the build lock)
#   BENCH_SHARED_BUFFERS=4GB  PostgreSQL's shared_buffers: enough for the large case's published plans and the audit
#                         trail's patient index, as a production server needs (with 1GB the large case reads them from
#                         the OS on most lookups)
#   CLINICAL_JAVA_OPTS    JVM options for both clinical APIs (e.g. "-XX:+UseSerialGC -Xmx128m")
#   BENCH_LOCK=/tmp/openucp-maven.lock  take this lock (flock) for the build and for the measurements only, not while
#                         seeding (minutes at the large size); without it, run the whole script under the lock:
#   flock /tmp/openucp-maven.lock bash bench/lookup-benchmark.sh
# Either way no build shares the cores while it measures.
set -euo pipefail
cd "$(dirname "$0")/.."
PATIENTS=${1:-100000}
SECONDS_PER_RUN=${2:-20}
LARGE_PATIENTS=${LARGE_PATIENTS:-1000000}
AUDIT_EVENTS=${AUDIT_EVENTS:-20000000}
# Two shared cores need about half a minute of load before the JIT compilers settle.
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
export BENCH_DIR="$PWD/local-stack/target/bench"
export BENCH_SHARED_BUFFERS=${BENCH_SHARED_BUFFERS:-4GB}

command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null; }
command -v pgbench >/dev/null || { echo "installing pgbench (Debian package)"; apt-get install -y postgresql-client >/dev/null; }

lock() { [ -z "${BENCH_LOCK:-}" ] || { exec 9>"$BENCH_LOCK"; flock 9; echo "holding $BENCH_LOCK"; }; }
unlock() { [ -z "${BENCH_LOCK:-}" ] || { flock -u 9; exec 9>&-; }; }
if [ "${SKIP_BUILD:-}" != 1 ]; then lock; ./mvnw -B -q -o package -DskipTests; unlock; fi
rm -rf "$BENCH_DIR" && mkdir -p "$BENCH_DIR"
STARTED=$(date +%s)
java -cp "$(ls local-stack/target/local-stack-*.jar)" org.openucp.stack.bench.LookupBenchmarkStack \
  "$PATIENTS" "$BENCH_DIR" "$LARGE_PATIENTS" "$AUDIT_EVENTS" > "$BENCH_DIR/stack.log" 2>&1 &
STACK=$!
trap 'kill $STACK 2>/dev/null; wait $STACK 2>/dev/null || true' EXIT
for _ in $(seq 1 1800); do [ -f "$BENCH_DIR/ready" ] && break; kill -0 $STACK || { cat "$BENCH_DIR/stack.log"; exit 1; }; sleep 1; done
[ -f "$BENCH_DIR/ready" ] || { echo "stack not ready"; cat "$BENCH_DIR/stack.log"; exit 1; }
# shellcheck disable=SC1091
source "$BENCH_DIR/stack.env"
export PGPASSWORD=$PG_PASSWORD
SEEDING=$(grep -h "Seeded\|rendered\|Vacuumed" "$BENCH_DIR/stack.log" || true)
echo "$SEEDING"
echo "stack ready after $(( $(date +%s) - STARTED )) s"

SIZES=(small)
[ "$LARGE_PATIENTS" -gt 0 ] && SIZES+=(large)
declare -A URL=([small]=$CLINICAL_URL [large]=$LARGE_URL) NUMBERS=([small]=nhs-numbers.txt [large]=nhs-numbers-large.txt)
declare -A PID=([small]=$CLINICAL_PID [large]=$LARGE_PID) DB=([small]=clinical [large]=$LARGE_DATABASE)
declare -A PLANS=([small]=$PATIENTS [large]=$LARGE_PATIENTS)

run_wrk() { # size connections seconds
  NHS_NUMBERS=${NUMBERS[$1]} wrk -t2 -c"$2" -d"$3"s --latency -s bench/lookup.lua "${URL[$1]}" | grep RESULT
}
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }
# The first occurrence: the response's own field, not the one of the verification it continued from.
json_field() { grep -o "\"$1\":[^,}]*" <<<"$2" | head -1 | sed -E 's/^[^:]*:"?([^"]*)"?$/\1/'; }

pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -i -s 10 -q bench >/dev/null 2>&1
lock
MEASURING=$(date +%s)
run_pgbench() {
  pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -S -c "$1" -j 2 -T "$SECONDS_PER_RUN" bench 2>/dev/null \
    | grep -E "^tps" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/'
}
# pgbench -S peaks at a few clients or at about 16 depending on the machine's phase (fewer clients, fewer context
# switches), so the baseline is the better of 4 and 16 clients each time.
best_pgbench() {
  local few many
  few=$(run_pgbench 4); many=$(run_pgbench 16)
  echo "pgbench tps=$few (4 clients), $many (16 clients)" >&2
  printf '%s\n%s\n' "$few" "$many" | sort -g | tail -1
}

# The audit chain at the large size, before any load: the whole trail, then (after the runs) the events since.
verify_chain() { # full|default
  local query="" started response
  [ "$1" = full ] && query="?full=true"
  started=$(date +%s.%N)
  response=$(curl -sf -H "Authorization: Bearer $(cat "$BENCH_DIR/admin-token.txt")" \
    "$LARGE_URL/v1/audit/chain/verification$query") || { echo "the request failed"; return; }
  echo "intact=$(json_field intact "$response") scope=$(json_field scope "$response")" \
    "events=$(json_field eventsChecked "$response") service_ms=$(json_field durationMs "$response")" \
    "wall_s=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
}
TRAIL_EVENTS=""
if [ "$LARGE_PATIENTS" -gt 0 ]; then
  TRAIL_EVENTS=$(psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$LARGE_DATABASE" -c "SELECT count(*) FROM audit_event")
  echo "== audit chain verification, whole trail ($TRAIL_EVENTS events)"
  # PROFILE=1: a flight recording of the service during the walk (verify.jfr), and the plan of one batch's query.
  [ "${PROFILE:-}" = 1 ] && jcmd "$LARGE_PID" JFR.start name=verify settings=profile filename="$BENCH_DIR/verify.jfr" >/dev/null
  VERIFY_FULL=$(verify_chain full); echo "$VERIFY_FULL"
  if [ "${PROFILE:-}" = 1 ]; then
    jcmd "$LARGE_PID" JFR.stop name=verify >/dev/null
    psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$LARGE_DATABASE" -c "EXPLAIN (ANALYZE, BUFFERS)
      SELECT e.seq, e.occurred_at, e.actor_id, e.actor_name, e.role_code, e.organisation, e.nhs_number, e.plan_id,
          e.plan_version, e.action, e.outcome, e.http_status, e.reason, s.previous_hash, s.hash, s.event_count
      FROM audit_event e LEFT JOIN audit_seal s ON s.seq = e.seq WHERE e.seq > 10000000 AND e.seq <= 20000000
      ORDER BY e.seq LIMIT 1000" > "$BENCH_DIR/verify-batch-plan.txt"
  fi
fi

for size in "${SIZES[@]}"; do
  echo "== warm-up $size (${WARMUP_SECONDS} s)"; run_wrk "$size" 64 "$WARMUP_SECONDS" >/dev/null
done
# This shared machine's speed drifts by tens of per cent within minutes: the sizes are measured alternately, and the
# baseline right before and right after them.
echo "== pgbench select-only over TCP, same server, before"
PG_TPS_BEFORE=$(best_pgbench)
declare -A SAT
for connections in 64 128; do
  for size in "${SIZES[@]}"; do
    echo "== saturation: $size, $connections connections, ${SECONDS_PER_RUN} s"
    SAT[$size,$connections]=$(run_wrk "$size" "$connections" "$SECONDS_PER_RUN"); echo "${SAT[$size,$connections]}"
  done
done
declare -A RSS
for size in "${SIZES[@]}"; do RSS[$size]=$(( $(ps -o rss= -p "${PID[$size]}" | tr -d ' ') / 1024 )); done
echo "== pgbench select-only over TCP, same server, after"
PG_TPS_AFTER=$(best_pgbench)
PG_TPS=$(awk -v a="$PG_TPS_BEFORE" -v b="$PG_TPS_AFTER" 'BEGIN { printf "%.1f", (a + b) / 2 }')

# The saturating rate of each size: the better of 64 and 128 connections, and the p99 of that run.
declare -A BEST BEST_P99 BEST_CONN
for size in "${SIZES[@]}"; do
  for connections in 64 128; do
    rps=$(field rps "${SAT[$size,$connections]}")
    if [ -z "${BEST[$size]:-}" ] || awk -v a="$rps" -v b="${BEST[$size]}" 'BEGIN { exit !(a > b) }'; then
      BEST[$size]=$rps; BEST_P99[$size]=$(field p99_ms "${SAT[$size,$connections]}"); BEST_CONN[$size]=$connections
    fi
  done
done

# The same offered load for both sizes: half the small case's saturating rate, from 16 connections each pausing
# between a response and its next request. Two short paced runs on the small case set the pause, and both sizes use
# that pause (calibrating each size apart once paced the large case 8 % faster), two rounds alternating.
HALF_RATE=$(awk -v r="${BEST[small]}" 'BEGIN { printf "%.0f", r / 2 }')
pace() { # size connections
  local cycle_ms pause_ms got
  cycle_ms=$(awk -v r="$HALF_RATE" -v c="$2" 'BEGIN { printf "%.3f", c * 1000 / r }')
  pause_ms=$cycle_ms
  for _ in 1 2; do
    got=$(field rps "$(PAUSE_MS=$pause_ms run_wrk "$1" "$2" 8)")
    pause_ms=$(awk -v cycle="$cycle_ms" -v p="$pause_ms" -v c="$2" -v got="$got" \
      'BEGIN { response = c * 1000 / got - p; pause = cycle - response; printf "%.3f", (pause > 0 ? pause : 0) }')
  done
  echo "$pause_ms"
}
declare -A HALF
PAUSE=$(pace small 16)
for round in 1 2; do
  for size in "${SIZES[@]}"; do
    echo "== $size, paced round $round: 16 connections each pausing ${PAUSE} ms (about $HALF_RATE lookups/s)"
    HALF[$size,$round]=$(PAUSE_MS=$PAUSE run_wrk "$size" 16 "$SECONDS_PER_RUN"); echo "${HALF[$size,$round]}"
  done
done

# The lookup's own SQL statement, one lookup per statement, driven by pgbench: the database alone at each size.
declare -A STATEMENT EXPLAIN AUDIT_SIZE PLAN_SIZE BLOCKS
for size in "${SIZES[@]}"; do
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "${DB[$size]}" \
    -c "DROP TABLE IF EXISTS bench_patient" -c "CREATE TABLE bench_patient (i SERIAL PRIMARY KEY, nhs_number CHAR(10))" \
    -c "\\copy bench_patient (nhs_number) FROM '$BENCH_DIR/${NUMBERS[$size]}'"
  echo "== one lookup per SQL statement (read + audit insert), $size, pgbench 16 clients"
  # Where the statement's pages come from: shared buffers (hit) or the OS (read), per lookup and relation.
  STATIO="SELECT relname AS relation, heap_blks_read AS reads, heap_blks_hit AS hits FROM pg_statio_user_tables
      WHERE relname IN ('audit_event', 'published_plan')
    UNION ALL SELECT indexrelname, idx_blks_read, idx_blks_hit FROM pg_statio_user_indexes
      WHERE relname IN ('audit_event', 'published_plan')"
  psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "${DB[$size]}" \
    -c "DROP TABLE IF EXISTS bench_statio" -c "CREATE TABLE bench_statio AS $STATIO"
  OUTPUT=$(pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -n -M prepared -D patients="${PLANS[$size]}" \
    -f bench/audited-lookup.sql -c 16 -j 2 -T "$SECONDS_PER_RUN" "${DB[$size]}" 2>/dev/null)
  STATEMENT[$size]=$(grep -E "^tps" <<<"$OUTPUT" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
  TRANSACTIONS=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' <<<"$OUTPUT")
  echo "tps=${STATEMENT[$size]}"
  BLOCKS[$size]=$(psql -qtA -F ' | ' -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "${DB[$size]}" -c "
    SELECT now.relation, round((now.reads - before.reads)::numeric / $TRANSACTIONS, 2),
        round((now.hits - before.hits)::numeric / $TRANSACTIONS, 2)
    FROM ($STATIO) now JOIN bench_statio before USING (relation) ORDER BY 1" | sed 's/^/| /; s/$/ |/')
  # The statement as the service runs it, for one random patient: twice to warm the session's caches, then explained.
  SQL=$(sed -e 's/:n/(SELECT (random() * 9999)::int + 1)/' -e '/^\\set/d' -e '/^--/d' bench/audited-lookup.sql | tr -d ';')
  EXPLAIN[$size]=$(printf '\\o /dev/null\n%s;\n%s;\n\\o\nEXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) %s;\n' \
    "$SQL" "$SQL" "$SQL" | psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "${DB[$size]}" 2>&1)
  AUDIT_SIZE[$size]=$(psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "${DB[$size]}" -c \
    "SELECT count(*) || ' events, table ' || pg_size_pretty(pg_relation_size('audit_event')) || ', indexes '
       || pg_size_pretty(pg_indexes_size('audit_event')) || ' (patient hash index '
       || pg_size_pretty(pg_relation_size('audit_event_patient_hash_idx')) || ')' FROM audit_event")
  PLAN_SIZE[$size]=$(psql -qtA -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "${DB[$size]}" -c \
    "SELECT pg_size_pretty(pg_total_relation_size('published_plan'))")
done

if [ "$LARGE_PATIENTS" -gt 0 ]; then
  echo "== audit chain verification, the events since the whole-trail walk"
  VERIFY_SINCE=$(verify_chain default); echo "$VERIFY_SINCE"
  echo "== audit chain verification, again at once"
  VERIFY_AGAIN=$(verify_chain default); echo "$VERIFY_AGAIN"
fi

unlock
echo "measured for $(( $(date +%s) - MEASURING )) s"
RESULT="bench/results/lookup-$(date -u +%Y%m%dT%H%MZ).md"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
{
  echo "# Crisis lookup benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB;"\
       "load generator, PostgreSQL and the services share it."
  echo "- Java: $(java -version 2>&1 | head -1); PostgreSQL: embedded $(sed -n 's/.*<postgres-binaries.version>\(.*\)<.*/\1/p' pom.xml)"\
       "(shared_buffers ${BENCH_SHARED_BUFFERS}, fsync off); JVM options: ${CLINICAL_JAVA_OPTS:-none}"
  echo "- Small: $PATIENTS published plans, an audit trail holding only what the runs append."
  [ "$LARGE_PATIENTS" -gt 0 ] && echo "- Large: $LARGE_PATIENTS published plans and $AUDIT_EVENTS sealed audit events seeded before anything"\
       "else (a year of lookups and reads, hash-chained in blocks of 250 as the sealer would; $TRAIL_EVENTS events in the trail when measured)."
  echo "- Each lookup: a random seeded NHS number, authenticated (RS256 token), access-checked (role, agreement,"\
       "roster) and audited (read and audit insert in one statement, sealed into the hash chain in the background)."
  echo "- Load: wrk, 2 threads, ${SECONDS_PER_RUN} s per run after ${WARMUP_SECONDS} s of warm-up per service; the sizes"\
       "alternate run by run; saturated from 64 and 128 connections (the better is the saturating rate); then both"\
       "paced at half the small case's saturating rate from 16 connections, with the pause set on the small case."
  echo "- Seeding: $(tr '\n' ';' <<<"$SEEDING" | sed 's/;$//; s/;/; /g')"
  echo
  if [ "$LARGE_PATIENTS" -gt 0 ]; then
    echo "| measure | small | large | large ÷ small |"
    echo "| --- | --- | --- | --- |"
    for connections in 64 128; do
      echo "| saturated, $connections connections | ${SAT[small,$connections]} | ${SAT[large,$connections]} |"\
           "rps $(ratio "$(field rps "${SAT[large,$connections]}")" "$(field rps "${SAT[small,$connections]}")"),"\
           "p99 $(ratio "$(field p99_ms "${SAT[large,$connections]}")" "$(field p99_ms "${SAT[small,$connections]}")") |"
    done
    echo "| **saturating rate** (lookups/s; p99 of that run) | **${BEST[small]}** (${BEST_P99[small]} ms, ${BEST_CONN[small]} conn.) |"\
         "**${BEST[large]}** (${BEST_P99[large]} ms, ${BEST_CONN[large]} conn.) | **$(ratio "${BEST[large]}" "${BEST[small]}")** |"
    for round in 1 2; do
      echo "| paced, round $round (16 connections, each pausing $PAUSE ms: about $HALF_RATE lookups/s) |"\
           "${HALF[small,$round]} | ${HALF[large,$round]} |"\
           "rps $(ratio "$(field rps "${HALF[large,$round]}")" "$(field rps "${HALF[small,$round]}")"),"\
           "**p99 $(ratio "$(field p99_ms "${HALF[large,$round]}")" "$(field p99_ms "${HALF[small,$round]}")")** |"
    done
    echo "| saturating rate ÷ pgbench -S (mean) | $(ratio "${BEST[small]}" "$PG_TPS") | $(ratio "${BEST[large]}" "$PG_TPS") | |"
    echo "| one lookup per SQL statement, no HTTP/token/JVM (pgbench, 16 clients) | tps=${STATEMENT[small]} | tps=${STATEMENT[large]} |"\
         "$(ratio "${STATEMENT[large]}" "${STATEMENT[small]}") |"
    echo "| audit trail after the runs | ${AUDIT_SIZE[small]} | ${AUDIT_SIZE[large]} | |"
    echo "| published_plan with indexes | ${PLAN_SIZE[small]} | ${PLAN_SIZE[large]} | |"
    echo "| clinical API RSS after the saturated runs | ${RSS[small]} MiB | ${RSS[large]} MiB | |"
  else
    echo "| measure | value |"
    echo "| --- | --- |"
    for connections in 64 128; do echo "| saturated, $connections connections | ${SAT[small,$connections]} |"; done
    for round in 1 2; do echo "| paced, round $round (16 connections, each pausing $PAUSE ms) | ${HALF[small,$round]} |"; done
    echo "| saturating rate ÷ pgbench -S (mean) | $(ratio "${BEST[small]}" "$PG_TPS") |"
    echo "| one lookup per SQL statement (pgbench, 16 clients) | tps=${STATEMENT[small]} |"
    echo "| clinical API RSS after the saturated runs | ${RSS[small]} MiB |"
  fi
  echo "| pgbench -S (TCP, the better of 4 and 16 clients), before and after the saturated runs |"\
       "tps=$PG_TPS_BEFORE and $PG_TPS_AFTER, mean $PG_TPS |"
  if [ "$LARGE_PATIENTS" -gt 0 ]; then
    echo
    echo "Audit chain verification at the large size (GET /audit/chain/verification; service_ms is the walk as the"
    echo "service timed it, wall_s the request):"
    echo
    echo "| walk | result |"
    echo "| --- | --- |"
    echo "| whole trail (?full=true), before the runs | $VERIFY_FULL |"
    echo "| default: the events sealed since, after the runs | $VERIFY_SINCE |"
    echo "| default, again at once | $VERIFY_AGAIN |"
  fi
  for size in "${SIZES[@]}"; do
    echo
    echo "Pages per lookup of the SQL statement run above (pgbench), $size: read from the OS (not in shared buffers)"
    echo "and found in shared buffers, by relation (pg_statio):"
    echo
    echo "| relation | read per lookup | hit per lookup |"
    echo "| --- | --- | --- |"
    echo "${BLOCKS[$size]}"
    echo
    echo "One audited lookup statement, $size (EXPLAIN ANALYZE, BUFFERS):"
    echo
    echo '```'
    echo "${EXPLAIN[$size]}"
    echo '```'
  done
} > "$RESULT"
cat "$RESULT"
