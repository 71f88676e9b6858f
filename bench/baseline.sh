# The machine's baseline, for the benchmarks to source: pgbench select-only over TCP against the embedded server
# (PG_PORT, PG_USER, PGPASSWORD set), the better of 4 and 16 clients, each for $1 seconds (10 by default).
# pgbench -S peaks at 16 clients in this machine's fast phases and at 2-4 in its slow ones.
best_pgbench() {
  local tps best=0
  for clients in 4 16; do
    tps=$(pgbench -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -S -c "$clients" -j 2 -T "${1:-10}" bench 2>/dev/null \
      | grep -E "^tps" | head -1 | sed -E 's/tps = ([0-9.]+).*/\1/')
    best=$(printf '%s\n%s\n' "$best" "$tps" | sort -g | tail -1)
  done
  echo "$best"
}
