#!/usr/bin/env bash
# Throwaway PostgreSQL server for tests (see STACK-NOTES "Throwaway PostgreSQL server").
#
#   tests/support/pg-server.sh start   # prints the port on stdout (nothing else)
#   tests/support/pg-server.sh stop    # fast stop, deletes the directory
#   tests/support/pg-server.sh status  # prints dir and port, exit 1 when none
#   tests/support/pg-server.sh halt    # stops the server (immediate mode), keeps its data: an outage
#   tests/support/pg-server.sh resume  # starts the halted server again on the same port
#
# The server listens on 127.0.0.1 only, trusts every local connection (-A trust,
# superuser "postgres"), keeps its unix socket in its own temp directory and runs
# with fsync/full_page_writes/synchronous_commit off: it is for tests, never data.
# As root, initdb and pg_ctl run as the "postgres" user (initdb refuses root).
#
# Environment:
#   PG_SERVER_STATE  state file (default: tests/.tmp/pg-server.state); holds the dir and port
#   PG_BIN           directory of initdb/pg_ctl (default: newest /usr/lib/postgresql/*/bin)
#   PG_PORT          port to use (default: a free one)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${PG_SERVER_STATE:-$(dirname "$here")/.tmp/pg-server.state}"
marker=".pg-server-sh"

die() { echo "pg-server: $*" >&2; exit 1; }
log() { echo "pg-server: $*" >&2; }

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    [[ -x "$PG_BIN/initdb" ]] || die "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"; return
  fi
  local d best="" bestv=-1 v
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x "$d/initdb" && -x "$d/pg_ctl" ]] || continue
    v="$(basename "$(dirname "$d")")"
    [[ "$v" =~ ^[0-9]+$ ]] || v=0
    if (( v > bestv )); then best="$d"; bestv="$v"; fi
  done
  [[ -n "$best" ]] || die "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)"
  echo "$best"
}

# Run a command as the postgres user when we are root, directly otherwise.
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then
    # cd /: the caller's directory may be closed to postgres (all paths used here are absolute).
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
    return
  fi
  local p i
  for i in $(seq 1 50); do
    p=$(( 20000 + RANDOM % 30000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
  die "no free port found"
}

read_state() {
  dir="" port=""
  [[ -f "$state" ]] || return 1
  { read -r dir || true; read -r port || true; } <"$state"
  [[ -n "$dir" ]]
}

cmd_start() {
  if read_state && [[ -d "$dir" ]]; then
    die "a server from $state is still there ($dir, port $port): run '$0 stop' first, or set PG_SERVER_STATE"
  fi
  local bin; bin="$(find_bin)"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root but there is no 'postgres' user"
  fi
  mkdir -p "$(dirname "$state")"
  # /tmp rather than $TMPDIR: the postgres user must reach it and the socket path must stay short.
  dir="$(mktemp -d /tmp/pgtest.XXXXXX)"
  touch "$dir/$marker"
  if [[ "$(id -u)" == 0 ]]; then chown -R postgres: "$dir"; fi
  # Record the directory at once so that 'stop' cleans up even after a failed start.
  printf '%s\n\n' "$dir" >"$state"

  if ! as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
      >"$dir/initdb.log" 2>&1; then
    # No C.UTF-8 locale here: plain C collation with UTF8 encoding.
    as_pg rm -rf -- "$dir/data"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale --no-sync \
      >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; die "initdb failed (directory $dir kept; '$0 stop' removes it)"; }
  fi

  local attempt
  for attempt in 1 2 3; do
    port="${PG_PORT:-$(free_port)}"
    if as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -s \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
        start >&2; then
      printf '%s\n%s\n' "$dir" "$port" >"$state"
      log "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, directory $dir"
      echo "$port"
      return 0
    fi
    log "start on port $port failed (attempt $attempt):"
    tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
    [[ -z "${PG_PORT:-}" ]] || break
  done
  die "could not start the server (directory $dir kept; '$0 stop' removes it)"
}

cmd_stop() {
  if ! read_state; then
    log "nothing to stop (no state file $state)"
    return 0
  fi
  local rc=0
  if [[ -d "$dir" ]]; then
    [[ -f "$dir/$marker" ]] || die "$dir was not made by this script: not touching it"
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      local bin; bin="$(find_bin)"
      as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 -s stop >&2 || {
        log "pg_ctl stop failed; killing the postmaster"
        local pid; pid="$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)"
        [[ "$pid" =~ ^[0-9]+$ ]] && kill -KILL "$pid" 2>/dev/null || true
        sleep 1
        rc=1
      }
    fi
    rm -rf -- "$dir"
  fi
  rm -f -- "$state"
  log "stopped and removed ${dir}"
  return "$rc"
}

cmd_halt() {
  read_state && [[ -d "$dir" ]] || die "no server to halt ($state)"
  [[ -f "$dir/data/postmaster.pid" ]] || { log "already halted"; return 0; }
  local bin; bin="$(find_bin)"
  # Immediate: connections are cut as in a crash or a lost network (recovery runs at resume).
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 -s stop >&2
}

cmd_resume() {
  read_state && [[ -d "$dir" && -n "$port" ]] || die "no halted server ($state)"
  [[ ! -f "$dir/data/postmaster.pid" ]] || { log "already running"; return 0; }
  local bin; bin="$(find_bin)"
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -s \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >&2
}

cmd_status() {
  read_state && [[ -d "$dir" ]] || { echo "no server" >&2; return 1; }
  echo "dir=$dir port=$port"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  halt) cmd_halt ;;
  resume) cmd_resume ;;
  *) echo "usage: $0 start|stop|status|halt|resume   (start prints the port; see the header for env vars)" >&2; exit 2 ;;
esac
