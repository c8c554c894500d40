#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL server on loopback for PaperFeed's tests and local use.
# Usage: scripts/postgres.sh start|stop|url [database]|recreate database
# Installs Debian's postgresql if missing. Data lives in $PAPERFEED_PG_DIR (default
# /tmp/paperfeed-pg); initdb refuses root, so the server runs as the `postgres` user.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PAPERFEED_PG_PORT:-55432}"
data="${PAPERFEED_PG_DIR:-/tmp/paperfeed-pg}"
url="postgres://paperfeed:paperfeed@127.0.0.1:$port/paperfeed"

bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && echo "$dir"
}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

case "${1:-start}" in
start)
    if [ -z "$(bin_dir)" ]; then
        echo "Installing Debian's postgresql…"
        sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
    fi
    bin=$(bin_dir)
    if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"
        [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
        # Local socket connections (this script's admin work) are trusted; TCP needs a password.
        as_postgres "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >/dev/null
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
            -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    fi
    psql=( as_postgres "$bin/psql" -h /tmp -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA )
    if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'paperfeed'")" ]; then
        "${psql[@]}" -c "CREATE ROLE paperfeed LOGIN PASSWORD 'paperfeed' CREATEDB"
    fi
    if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'paperfeed'")" ]; then
        "${psql[@]}" -c "CREATE DATABASE paperfeed OWNER paperfeed"
    fi
    echo "$url"
    ;;
stop)
    bin=$(bin_dir)
    [ -n "$bin" ] && [ -f "$data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    ;;
url)
    echo "${url%/*}/${2:-paperfeed}"
    ;;
recreate)
    # An empty database for a benchmark: dropped and created again, owned by paperfeed.
    bin=$(bin_dir)
    psql=( as_postgres "$bin/psql" -h /tmp -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA )
    "${psql[@]}" -c "DROP DATABASE IF EXISTS ${2:?database name} WITH (FORCE)"
    "${psql[@]}" -c "CREATE DATABASE $2 OWNER paperfeed"
    echo "${url%/*}/$2"
    ;;
*)
    echo "usage: $0 start|stop|url [database]|recreate database" >&2
    exit 64
    ;;
esac
