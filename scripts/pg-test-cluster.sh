#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: in a temp dir, on 127.0.0.1 and a free port,
# tuned for speed, never for durability (fsync off). Used by .ci/run, by the test helper
# (test/support/postgres.ts) when AUTOPROMO_TEST_DATABASE_URL is unset, and by developers:
#
#   eval "$(bash scripts/pg-test-cluster.sh start)"   # exports AUTOPROMO_TEST_DATABASE_URL
#   npx vitest run src/checkpoint/postgres.test.ts
#   bash scripts/pg-test-cluster.sh stop              # or: stop <dir>
#
#   bash scripts/pg-test-cluster.sh bindir            # where initdb and pg_ctl are; exit 1 if none
#
# `start` prints shell `export` lines on stdout (everything else goes to stderr). As root, the
# cluster runs as the `postgres` user (the server refuses to run as root).
set -euo pipefail

# Debian's package keeps initdb and pg_ctl off PATH, in /usr/lib/postgresql/<major>/bin.
bindir() {
  if [[ -n "${AUTOPROMO_PG_BINDIR:-}" && -x "$AUTOPROMO_PG_BINDIR/pg_ctl" ]]; then
    echo "$AUTOPROMO_PG_BINDIR"
    return 0
  fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return 0
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A port the kernel says is free now (Postgres cannot be asked to pick one itself).
free_port() {
  node -e 'const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# A start that fails half-way leaves nothing behind: prints `log`, stops the server, removes `dir`.
abort() {
  local bin="$1" dir="$2" log="$3"
  [[ -f "$log" ]] && cat "$log" >&2
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 1
}

start() {
  local bin dir port db="autopromo_test"
  bin="$(bindir)" || {
    echo "pg-test-cluster: no initdb/pg_ctl found (install postgresql)" >&2
    exit 1
  }
  if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
    echo "pg-test-cluster: as root the cluster runs as user postgres, which does not exist" >&2
    exit 1
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/autopromo-pg.XXXXXX")"
  chmod 755 "$dir"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$dir"; fi
  cd "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync \
    >"$dir/initdb.log" 2>&1 || abort "$bin" "$dir" "$dir/initdb.log"
  # Two tries: another process may take the free port between the probe and the bind.
  local try
  for try in 1 2; do
    port="$(free_port)"
    local opts="-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off"
    opts+=" -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >&2
    then
      break
    fi
    if [[ $try == 2 ]]; then abort "$bin" "$dir" "$dir/server.log"; fi
  done
  echo "$port" >"$dir/port"
  "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $db" >&2 || abort "$bin" "$dir" "$dir/server.log"
  echo "export AUTOPROMO_PG_TEST_CLUSTER='$dir'"
  echo "export AUTOPROMO_TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/$db'"
}

stop() {
  local dir="${1:-${AUTOPROMO_PG_TEST_CLUSTER:-}}" bin
  if [[ -z "$dir" || ! -d "$dir/data" ]]; then
    echo "pg-test-cluster: no cluster dir given (arg or AUTOPROMO_PG_TEST_CLUSTER)" >&2
    exit 1
  fi
  bin="$(bindir)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  bindir) bindir ;;
  *)
    echo "usage: $0 start | stop [dir] | bindir" >&2
    exit 2
    ;;
esac
