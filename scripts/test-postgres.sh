#!/usr/bin/env bash
# Sourced by scripts/test.sh: makes sure the tests have a PostgreSQL server.
# A server on 127.0.0.1:5432 that lets `postgres` in without a password is used
# as it is; otherwise a private throw-away cluster is started under /tmp and
# stopped when the tests end. MACTURNOS_TEST_PG tells the tests where it is.

if [ -n "${MACTURNOS_TEST_PG:-}" ]; then
  return 0
fi
if psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1 </dev/null; then
  export MACTURNOS_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
  return 0
fi

PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$PGBIN" ]; then
  echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  return 1
fi
PGDATA_DIR="${TMPDIR:-/tmp}/macturnos-test-postgres"
PGPORT_TEST=54329
run_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
  echo "==> Creating a private PostgreSQL cluster for the tests in $PGDATA_DIR"
  rm -rf "$PGDATA_DIR"
  mkdir -p "$PGDATA_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PGDATA_DIR"
  run_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 >/dev/null
fi
# A cluster left running by an interrupted run is stopped first.
run_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1 &&
  run_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null
echo "==> Starting the private PostgreSQL on 127.0.0.1:$PGPORT_TEST"
run_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
  -o "-p $PGPORT_TEST -k /tmp -c listen_addresses=127.0.0.1" start >/dev/null
trap 'run_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop >/dev/null 2>&1 || true' EXIT
export MACTURNOS_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$PGPORT_TEST/postgres"
