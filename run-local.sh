#!/usr/bin/env bash
# Runs the whole stack locally on embedded defaults: PostgreSQL, an OIDC issuer with demo personas,
# the clinical API on :8080 and the portal API on :8081. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -B -q package -DskipTests
exec java -jar local-stack/target/local-stack-*.jar "$@"
