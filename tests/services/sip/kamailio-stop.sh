#!/usr/bin/env bash
# Stops the Kamailio started by kamailio-start.sh RUN_DIR: SIGTERM to its main process
# only (it stops its own children, ~2 s); never by name, so other Kamailios live on.
#   kamailio-stop.sh RUN_DIR
set -uo pipefail
RUN="${1:?usage: kamailio-stop.sh RUN_DIR}"
[ -f "$RUN/kamailio.pid" ] || { echo "no kamailio.pid in $RUN"; exit 0; }
PID="$(cat "$RUN/kamailio.pid")"
rm -f "$RUN/kamailio.pid"
kill -TERM "$PID" 2>/dev/null || exit 0
for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || { echo "kamailio stopped"; exit 0; }; sleep 0.05; done
kill -KILL "$PID" 2>/dev/null
echo "kamailio killed after 5 s"
