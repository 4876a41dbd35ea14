#!/bin/sh
# Runs the server once the database is reachable and migrated. MIGRATIONS=step (the chart sets it
# when its migrate step runs them): only wait until the step has migrated. Otherwise (plain
# manifests, as before motospkg): migrate here, as the image always did.
set -eu
cd /app
mkdir -p /app/media
if [ "${MIGRATIONS:-on-start}" = step ]; then
  check="migrate --check --noinput"
else
  check="migrate --noinput"
fi
tries=0
until python3 manage.py $check >/dev/null; do
  tries=$((tries + 1))
  [ "$tries" -lt 90 ] || { echo "database not reachable or not migrated after $tries tries" >&2; exit 1; }
  sleep 1
done
exec python3 manage.py runserver "0.0.0.0:${PORT:-8000}" --noreload
