#!/bin/sh
# Waits until the database is reachable and fully migrated, then runs the server. Migrating is the
# chart's migrate step (a Job that runs before this revision's pods), not the server's job.
set -eu
cd /app
mkdir -p /app/media
tries=0
until python3 manage.py migrate --check --noinput >/dev/null; do
  tries=$((tries + 1))
  [ "$tries" -lt 90 ] || { echo "database not reachable or not migrated after $tries tries" >&2; exit 1; }
  sleep 1
done
exec python3 manage.py runserver "0.0.0.0:${PORT:-8000}" --noreload
