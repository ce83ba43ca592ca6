#!/usr/bin/env bash
# Starts the test PBX (kamailio.cfg beside this script) in the foreground-less way tests need.
#   kamailio-start.sh RUN_DIR [--auth] [--tls]
# RUN_DIR gets: kamailio.env (UDP_PORT, WS_PORT, WSS_PORT, PID), kamailio.log, kamailio.pid,
# and with --tls a test CA (ca.pem) and the server certificate it signed (server.pem, for
# 127.0.0.1 and localhost), made with openssl on the first start.
# Ports are free ones on 127.0.0.1, chosen on the first start and kept on a restart (so a
# softphone can re-register at the same address). Ready when this script exits 0.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
RUN="${1:?usage: kamailio-start.sh RUN_DIR [--auth] [--tls]}"; shift
AUTH=0; TLS=0
for a in "$@"; do
  case "$a" in
    --auth) AUTH=1 ;;
    --tls) TLS=1 ;;
    *) echo "unknown option: $a" >&2; exit 2 ;;
  esac
done
mkdir -p "$RUN"
ENV="$RUN/kamailio.env"
if [ -f "$RUN/kamailio.pid" ] && kill -0 "$(cat "$RUN/kamailio.pid")" 2>/dev/null; then
  echo "kamailio already running in $RUN (pid $(cat "$RUN/kamailio.pid"))" >&2; exit 1
fi
FRESH=1
if [ -f "$ENV" ]; then
  # shellcheck disable=SC1090
  source "$ENV"; FRESH=0
fi
make_certificates() {
  [ -f "$RUN/server.pem" ] && return 0
  # A throw-away CA and a server certificate for 127.0.0.1/localhost, signed by it.
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=Daftar test CA" \
    -keyout "$RUN/ca.key" -out "$RUN/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$RUN/server.key" -out "$RUN/server.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > "$RUN/server.ext"
  openssl x509 -req -in "$RUN/server.csr" -CA "$RUN/ca.pem" -CAkey "$RUN/ca.key" -CAcreateserial \
    -days 2 -extfile "$RUN/server.ext" -out "$RUN/server.pem" 2>/dev/null
  chmod 600 "$RUN/ca.key" "$RUN/server.key"
}

launch() {
  DEFINES=(-A "UDP_LISTEN=udp:127.0.0.1:$UDP_PORT" -A "WS_LISTEN=tcp:127.0.0.1:$WS_PORT")
  [ "$AUTH" = 1 ] && DEFINES+=(-A WITH_AUTH)
  [ "$TLS" = 1 ] && DEFINES+=(-A WITH_TLS -A "TLS_LISTEN=tls:127.0.0.1:$WSS_PORT"
                               -A "TLS_KEY=\"$RUN/server.key\"" -A "TLS_CERT=\"$RUN/server.pem\"")
  kamailio -f "$HERE/kamailio.cfg" -DD -E -m 64 -M 8 -Y "$RUN" "${DEFINES[@]}" >>"$RUN/kamailio.log" 2>&1 &
  PID=$!
  echo "$PID" > "$RUN/kamailio.pid"
  printf 'UDP_PORT=%s\nWS_PORT=%s\nWSS_PORT=%s\nPID=%s\n' "$UDP_PORT" "$WS_PORT" "$WSS_PORT" "$PID" > "$ENV"
  # Every socket is bound before the workers start, so an accepting WS port means ready.
  for _ in $(seq 100); do
    if ! kill -0 "$PID" 2>/dev/null; then break; fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$WS_PORT") 2>/dev/null; then
      echo "kamailio up: pid $PID udp $UDP_PORT ws $WS_PORT$([ "$TLS" = 1 ] && echo " wss $WSS_PORT")"
      return 0
    fi
    sleep 0.05
  done
  kill -TERM "$PID" 2>/dev/null || true
  rm -f "$RUN/kamailio.pid"
  return 1
}

[ "$TLS" = 1 ] && make_certificates
for attempt in 1 2 3; do
  [ "$FRESH" = 1 ] && read -r UDP_PORT WS_PORT WSS_PORT < <(node "$HERE/free-ports.mjs" 3)
  launch && exit 0
  # Fresh ports can be taken by another program between the check and the bind: new ones.
  [ "$FRESH" = 1 ] || break
done
echo "kamailio did not start; last lines of $RUN/kamailio.log:" >&2
tail -20 "$RUN/kamailio.log" >&2
exit 1
