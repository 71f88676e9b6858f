#!/usr/bin/env bash
# Runs the whole stack locally on embedded defaults: PostgreSQL, an OIDC issuer with demo personas,
# the clinical API on :8080, the portal API on :8081 and the web apps on :8082. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q package -DskipTests
# The reference web apps (web/), served by the stack on WEB_PORT (8082): built with npm when missing or older than
# their sources. Without npm the APIs still run, without the web apps.
if command -v npm >/dev/null 2>&1; then
  if [ ! -f web/dist/index.html ] \
      || [ -n "$(find web/src web/index.html web/package-lock.json web/vite.config.ts \
          clinical-api/target/openapi/openapi.json portal-api/target/openapi/openapi.json \
          -newer web/dist/index.html -print -quit)" ]; then
    [ -f web/node_modules/.package-lock.json ] && [ web/node_modules/.package-lock.json -nt web/package-lock.json ] \
      || npm --prefix web ci --no-audit --no-fund
    npm --prefix web run build
  fi
else
  echo "npm not found: the web apps are not built; the APIs run without them" >&2
fi
exec java -jar local-stack/target/local-stack-*.jar "$@"
