#!/usr/bin/env bash
# Web benchmark (not a test): builds paperfeed in release mode, serves the demo papers from a fresh
# SQLite file on loopback, and loads three pages with wrk (2 threads, 64 connections, 10 s each).
# Prints requests/s, p50/p99 latency and errors against the targets:
#   >= 5,000 requests/s on /, p99 <= 25 ms, no errors.
# wrk and the server share this machine's cores, so the figures are a floor.
#
#   BENCH_DURATION   seconds per URL (default 10)
#   BENCH_SKIP_BUILD set to 1 to use the existing release binary
set -euo pipefail
cd "$(dirname "$0")/.."

duration="${BENCH_DURATION:-10}"
scratch=.build-release
target_rps=5000
target_p99_ms=25

source scripts/wrk-support.sh
ensure_wrk

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    scripts/setup.sh
    echo "Building paperfeed (release, $scratch)…"
    mkdir -p "$scratch"
    if ! swift build -c release --product paperfeed --scratch-path "$scratch" >"$scratch/bench-build.log" 2>&1; then
        echo "The release build failed ($scratch/bench-build.log):" >&2
        grep -E 'error:' "$scratch/bench-build.log" | head -n 20 >&2 || tail -n 30 "$scratch/bench-build.log" >&2
        exit 1
    fi
    tail -n 1 "$scratch/bench-build.log"
fi
binary="$scratch/release/paperfeed"
[ -x "$binary" ] || { echo "no $binary: run without BENCH_SKIP_BUILD" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "Starting the server on a fresh database (loading the demo papers)…"
"$binary" serve --db "$work/papers.sqlite" --host 127.0.0.1 --port 0 >"$work/stdout.log" 2>"$work/stderr.log" &
server_pid=$!
base=""
for _ in $(seq 1 600); do
    base=$(grep -o 'running at http://[^/ ]*' "$work/stdout.log" 2>/dev/null | sed 's/running at //' || true)
    [ -n "$base" ] && break
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited:" >&2; tail -n 20 "$work/stderr.log" >&2; exit 1; }
    sleep 0.2
done
[ -n "$base" ] || { echo "the server did not start within 120 s" >&2; exit 1; }
echo "Server at $base"

paths=("/" "/papers/2608.19880" "/api/daily_papers")
for path in "${paths[@]}"; do
    status=$(curl -s -o /dev/null -w '%{http_code}' "$base$path")
    [ "$status" = 200 ] || { echo "GET $path answered $status, not 200" >&2; exit 1; }
done

echo "Warming up…"
for path in "${paths[@]}"; do
    wrk -t2 -c16 -d2s "$base$path" >/dev/null
done

failed=0
printf '\n%-22s %10s %9s %9s %8s   %s\n' "path" "req/s" "p50 ms" "p99 ms" "errors" "against the targets"
for path in "${paths[@]}"; do
    out=$(wrk -t2 -c64 -d"${duration}s" --latency "$base$path")
    echo "$out" >"$work/wrk-$(echo "$path" | tr '/' '_').txt"
    rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
    p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
    p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
    # wrk prints "Socket errors: connect N, read N, write N, timeout N" only when there were some.
    socket_errors=$(echo "$out" | awk '/Socket errors:/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i} END {print s + 0}')
    non2xx=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $NF}')
    errors=$(( ${socket_errors:-0} + ${non2xx:-0} ))
    rps_ratio=$(awk -v a="$rps" -v b="$target_rps" 'BEGIN {printf "%.2f", a / b}')
    p99_ratio=$(awk -v a="$p99" -v b="$target_p99_ms" 'BEGIN {printf "%.2f", a / b}')
    verdict="ok"
    if [ "$path" = "/" ] && awk -v r="$rps_ratio" 'BEGIN {exit !(r < 1)}'; then verdict="below target"; fi
    if awk -v r="$p99_ratio" 'BEGIN {exit !(r > 1)}'; then verdict="below target"; fi
    [ "$errors" -eq 0 ] || verdict="below target"
    [ "$verdict" = ok ] || failed=1
    printf '%-22s %10.0f %9s %9s %8s   req/s %s× %s, p99 %s× of 25 ms, %s\n' "$path" "$rps" "$p50" "$p99" "$errors" \
        "$rps_ratio" "$([ "$path" = / ] && echo "(target 5,000)" || echo "of 5,000 (target is for / only)")" "$p99_ratio" "$verdict"
done

kill -TERM "$server_pid"
if wait "$server_pid"; then echo; echo "Server stopped cleanly."; else echo; echo "Server exited with $? on SIGTERM." >&2; failed=1; fi
server_pid=""
[ "$failed" -eq 0 ] && echo "All targets met." || echo "Some targets were missed (see above)."
