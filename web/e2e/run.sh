#!/usr/bin/env bash
# Browser tests of the reference web apps (run by ./mvnw verify through web/e2e/pom.xml, after the packaging): headless Debian chromium (no browser is downloaded) driven by
# playwright-core against the local stack, with axe-core run on every page. Starts the stack (the packaged jars if
# they are built, else ./run-local.sh), waits until it is ready, runs the journeys, and stops the stack.
#   E2E_REUSE_STACK=1   use a stack that is already running instead of starting one
#   CHROMIUM=/path      the browser executable (default /usr/bin/chromium)
#   DB_PORT=15432       the stack's PostgreSQL, where one journey moves a plan's review dates into the past
set -euo pipefail
web="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$web/.." && pwd)"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ] && [ "$CHROMIUM" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing Debian's chromium for the browser tests"
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "No browser at $CHROMIUM: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM" >&2
  exit 1
fi

cd "$web"
[ -d node_modules ] || npm ci --no-audit --no-fund
npm run build

stack_pid=""
stop_stack() {
  if [ -n "$stack_pid" ] && kill -0 "$stack_pid" 2>/dev/null; then
    kill -TERM "$stack_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$stack_pid" 2>/dev/null || break; sleep 1; done
  fi
}
trap stop_stack EXIT

if [ "${E2E_REUSE_STACK:-}" != "1" ]; then
  mkdir -p "$web/e2e/out"
  log="$web/e2e/out/stack.log"
  cd "$root"
  jar=$(ls local-stack/target/local-stack-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
  if [ -n "$jar" ] && [ -f clinical-api/target/quarkus-app/quarkus-run.jar ] && [ -f portal-api/target/quarkus-app/quarkus-run.jar ]; then
    java -jar "$jar" > "$log" 2>&1 &
  else
    ./run-local.sh > "$log" 2>&1 &
  fi
  stack_pid=$!
  echo "== starting the local stack (log: $log)"
  for _ in $(seq 1 600); do
    grep -q "Open UCP is running locally" "$log" && break
    if ! kill -0 "$stack_pid" 2>/dev/null; then echo "the stack stopped:" >&2; tail -30 "$log" >&2; exit 1; fi
    sleep 1
  done
  grep -q "Open UCP is running locally" "$log" || { echo "the stack was not ready in time" >&2; exit 1; }
  cd "$web"
fi

export PORTAL_LOG="${PORTAL_LOG:-$root/local-stack/target/logs/portal-api.log}"
node --test --test-concurrency=1 e2e/journeys.test.mjs
