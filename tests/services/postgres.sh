#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for tests, on 127.0.0.1 and a free port, run as the
# `postgres` user (PostgreSQL refuses to run as root) in a temporary folder it owns.
#
#   tests/services/postgres.sh start        → prints: DATABASE_URL DIR   (one line)
#   tests/services/postgres.sh stop DIR     → stops the cluster and removes DIR
#
# When not root, the cluster runs as the current user instead. Trust authentication on
# loopback only: the cluster lives for one test suite.
set -euo pipefail
BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

case "${1:-}" in
  start)
    [ -x "$BIN/initdb" ] || { echo "PostgreSQL 15 is not installed ($BIN); run tests/services/install-system-packages.sh" >&2; exit 1; }
    DIR=$(mktemp -d /tmp/daftar-pg-XXXXXX)
    chmod 755 "$DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
    as_pg "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; rm -rf "$DIR"; exit 1; }
    # A port picked free can be taken before the server binds it: try a few.
    for _ in 1 2 3 4 5; do
      PORT=$(free_port)
      if as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 30 start \
        -o "-k $DIR -p $PORT -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100" >/dev/null 2>&1; then
        echo "postgres://postgres@127.0.0.1:$PORT/postgres $DIR"
        exit 0
      fi
    done
    cat "$DIR/log" >&2 || true
    rm -rf "$DIR"
    exit 1
    ;;
  stop)
    DIR=${2:?usage: postgres.sh stop DIR}
    case "$DIR" in /tmp/daftar-pg-*) ;; *) echo "refusing to remove $DIR" >&2; exit 2 ;; esac
    if [ -f "$DIR/data/postmaster.pid" ]; then
      as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$DIR"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
