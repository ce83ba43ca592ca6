#!/usr/bin/env bash
# Runs inside `xvfb-run -a dbus-run-session --` (see notification-session.ts): starts
# Debian's notification-daemon on this private display and session bus, records every
# Notify call, its reply and the daemon's signals with dbus-monitor, and writes the
# addresses a client needs to RUN_DIR/session.env. Runs until it is sent SIGTERM.
set -euo pipefail
RUN_DIR="$1"
# Stopping this script (not xvfb-run) lets xvfb-run stop Xvfb and remove its temporary folder.
echo $$ >"$RUN_DIR/inner.pid"
/usr/lib/notification-daemon/notification-daemon >"$RUN_DIR/daemon.log" 2>&1 &
DAEMON=$!
MONITOR=""
trap 'kill $DAEMON $MONITOR 2>/dev/null || true; exit 0' TERM INT
for _ in $(seq 1 100); do
  if gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null | grep -q true; then
    break
  fi
  sleep 0.05
done
dbus-monitor --session \
  "type='method_call',interface='org.freedesktop.Notifications',member='Notify'" \
  "type='method_return'" \
  "type='signal',interface='org.freedesktop.Notifications'" >"$RUN_DIR/monitor.log" 2>&1 &
MONITOR=$!
# dbus-monitor becomes a monitor asynchronously; its first line says it did.
for _ in $(seq 1 100); do
  [ -s "$RUN_DIR/monitor.log" ] && break
  sleep 0.05
done
printf 'DISPLAY=%s\nXAUTHORITY=%s\nDBUS_SESSION_BUS_ADDRESS=%s\n' "$DISPLAY" "${XAUTHORITY:-}" "$DBUS_SESSION_BUS_ADDRESS" >"$RUN_DIR/session.env.tmp"
mv "$RUN_DIR/session.env.tmp" "$RUN_DIR/session.env"
wait $DAEMON
