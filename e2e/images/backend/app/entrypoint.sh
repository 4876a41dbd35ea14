#!/bin/sh
# Runs the migrations (waiting for the database to accept connections), then the server.
set -eu
cd /app
mkdir -p /app/media
tries=0
until python3 manage.py migrate --noinput; do
  tries=$((tries + 1))
  [ "$tries" -lt 90 ] || { echo "database not reachable after $tries tries" >&2; exit 1; }
  sleep 1
done
exec python3 manage.py runserver "0.0.0.0:${PORT:-8000}" --noreload
