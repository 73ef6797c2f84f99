#!/usr/bin/env bash
# Starts the PostgreSQL and Redis that Mindguard needs, on loopback, installing them from Debian
# packages when missing. Idempotent: a server already answering on its port is reused.
#
#   source scripts/services.sh   # start (if needed) and export DATABASE_URL, REDIS_URL, MINDGUARD_TEST_*
#   bash scripts/services.sh     # start (if needed)
#   bash scripts/services.sh stop
#
# Settings: MINDGUARD_STATE_DIR (default <repo>/.mindguard), MINDGUARD_PG_PORT (55432),
# MINDGUARD_REDIS_PORT (56379), MINDGUARD_PG_FAST=1 (fsync off: for throwaway test data only).

_mg_services() {
  set -euo pipefail
  local repo state pg_port redis_port pg_bin pgdata
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  state="${MINDGUARD_STATE_DIR:-$repo/.mindguard}"
  pg_port="${MINDGUARD_PG_PORT:-55432}"
  redis_port="${MINDGUARD_REDIS_PORT:-56379}"

  _mg_install() {
    local missing=()
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    if [ ${#missing[@]} -gt 0 ]; then
      echo "Installing ${missing[*]} from Debian packages…"
      if [ "$(id -u)" -ne 0 ]; then
        echo "error: ${missing[*]} missing and not running as root; install them with apt-get" >&2
        return 1
      fi
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
  }

  # The cluster lives outside the repository: its files change all the time, and a build that
  # enumerates the source tree while they do can fail. PostgreSQL refuses to run as root, so the
  # directory belongs to the 'postgres' user.
  _mg_pg_dir() {
    pgdata="${MINDGUARD_PG_DIR:-/var/tmp/mindguard-$(echo "$repo" | md5sum | cut -c1-8)/pg}"
    mkdir -p "$state"
  }

  _mg_as_pg() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
  }

  _mg_start_postgres() {
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    if "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$pg_port"; then
      echo "PostgreSQL already running on 127.0.0.1:$pg_port"
    else
      _mg_pg_dir
      if [ ! -s "$pgdata/PG_VERSION" ]; then
        mkdir -p "$pgdata"
        [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$(dirname "$pgdata")"
        local pwfile
        pwfile="$(mktemp)"
        echo "postgres" > "$pwfile"
        chmod 644 "$pwfile"
        _mg_as_pg "'$pg_bin/initdb' -D '$pgdata' -U postgres --auth-local=trust --auth-host=scram-sha-256 --pwfile='$pwfile' -E UTF8 >/dev/null"
        rm -f "$pwfile"
      fi
      local opts="-p $pg_port -c listen_addresses=127.0.0.1 -k /tmp -c max_connections=300"
      [ "${MINDGUARD_PG_FAST:-0}" = "1" ] && opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      _mg_as_pg "'$pg_bin/pg_ctl' -D '$pgdata' -o '$opts' -l '$pgdata/../postgres.log' -w -t 60 start >/dev/null"
      echo "PostgreSQL started on 127.0.0.1:$pg_port (data: $pgdata)"
    fi
    # The owner role runs migrations and creates the runtime role; tests create a database per run.
    _mg_as_pg "psql -h /tmp -p $pg_port -U postgres -d postgres -v ON_ERROR_STOP=1 -q" <<'SQL' >/dev/null
SELECT 'CREATE ROLE mindguard LOGIN CREATEDB CREATEROLE PASSWORD ''mindguard'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mindguard') \gexec
SELECT 'CREATE DATABASE mindguard OWNER mindguard'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'mindguard') \gexec
SQL
  }

  _mg_start_redis() {
    if redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1; then
      echo "Redis already running on 127.0.0.1:$redis_port"
      return
    fi
    mkdir -p "$state"
    redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --save '' --appendonly no \
      --pidfile "$state/redis.pid" --logfile "$state/redis.log" --dir "$state"
    for _ in $(seq 1 50); do
      redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null 2>&1 && break
      sleep 0.1
    done
    redis-cli -h 127.0.0.1 -p "$redis_port" ping >/dev/null
    echo "Redis started on 127.0.0.1:$redis_port"
  }

  _mg_stop() {
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
    _mg_pg_dir
    [ -s "$pgdata/postmaster.pid" ] && _mg_as_pg "'$pg_bin/pg_ctl' -D '$pgdata' -m fast stop" || true
    redis-cli -h 127.0.0.1 -p "$redis_port" shutdown nosave 2>/dev/null || true
  }

  if [ "${1:-start}" = "stop" ]; then
    _mg_stop
    return 0
  fi
  _mg_install
  _mg_start_postgres
  _mg_start_redis
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  _mg_services "$@"
else
  # Sourced: run in a subshell so its strict mode does not leak into the caller's shell.
  ( _mg_services "$@" ) || return 1
  export DATABASE_URL="postgres://mindguard:mindguard@127.0.0.1:${MINDGUARD_PG_PORT:-55432}/mindguard"
  export REDIS_URL="redis://127.0.0.1:${MINDGUARD_REDIS_PORT:-56379}"
  export MINDGUARD_TEST_DATABASE_URL="$DATABASE_URL"
  export MINDGUARD_TEST_REDIS_URL="$REDIS_URL"
fi
