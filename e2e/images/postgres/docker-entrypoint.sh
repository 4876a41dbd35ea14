#!/bin/sh
# Stand-in for the official postgres image's entrypoint: honours POSTGRES_DB, POSTGRES_USER,
# POSTGRES_PASSWORD, PGDATA and PGPORT; initialises PGDATA only when it is empty, so the data on
# the volume survives every restart.
set -eu
: "${PGDATA:=/var/lib/postgresql/data}" "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}" "${PGPORT:=5432}"
[ -n "${POSTGRES_PASSWORD:-}" ] || { echo "POSTGRES_PASSWORD is not set" >&2; exit 1; }
BIN=/usr/lib/postgresql/15/bin
mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  echo "initialising a new database in $PGDATA"
  pwfile=$(mktemp); printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"; chown postgres "$pwfile"
  runuser -u postgres -- "$BIN/initdb" -D "$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  rm -f "$pwfile"
  echo "host all all 0.0.0.0/0 scram-sha-256" >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != "postgres" ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" \
      | runuser -u postgres -- "$BIN/postgres" --single -D "$PGDATA" -j postgres >/dev/null
  fi
else
  echo "using the existing database in $PGDATA"
fi
exec runuser -u postgres -- "$BIN/postgres" -D "$PGDATA" -p "$PGPORT" \
  -c listen_addresses='*' -c unix_socket_directories=/tmp
