#!/bin/sh
# Run a manage.py command the way the services run Hearth: with the environment file.
#   sudo -u hearth /srv/hearth/app/deploy/manage.sh migrate
# HEARTH_ENV_FILE names another environment file (default /etc/hearth/hearth.env).
set -eu
env_file=${HEARTH_ENV_FILE:-/etc/hearth/hearth.env}
app=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -r "$env_file" ]; then
    echo "Cannot read $env_file: run this as the hearth user (sudo -u hearth ...)." >&2
    exit 1
fi
set -a
. "$env_file"
set +a
cd "$app"
exec "$app/.venv/bin/python" manage.py "$@"
