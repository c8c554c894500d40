#!/usr/bin/env bash
# Issue 16's embedding throughput of several nodes sharing one PostgreSQL (a benchmark, not a
# test). Imports the demo papers into a fresh database and drops their vectors, then runs
# `paperfeed serve` (release build, summaries off) as one node, and again as two nodes, each time
# counting the vectors stored in a fixed window that starts once the first vectors are stored.
# Prints abstracts/s for each and the ratio as a Markdown table. Each node's model uses one core,
# so on a 2-core machine two nodes can use both.
#
# Usage: scripts/bench-nodes.sh [window seconds]        (default 120)
#   BENCH_SCRATCH_PATH  build folder (default .build-release)
set -euo pipefail
cd "$(dirname "$0")/.."

window="${1:-120}"
scratch="${BENCH_SCRATCH_PATH:-.build-release}"
scripts/setup.sh
model_dir=$(scripts/install-model.sh)
scripts/postgres.sh start >/dev/null
url=$(scripts/postgres.sh recreate paperfeed_nodes | tail -n 1)
echo "Building paperfeed (release, $scratch)…"
swift build -c release --product paperfeed --scratch-path "$scratch" 2>&1 | tail -n 1
bin="$scratch/release/paperfeed"
sql() { psql "$url" -qtA -c "$1"; }

"$bin" import --demo --db "$url" >/dev/null
papers=$(sql "SELECT count(*) FROM papers")

pids=()
stop_nodes() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}
trap stop_nodes EXIT

# Abstracts per second that $1 nodes embed together, over the window.
measure() {
    sql "DELETE FROM paper_vectors; DELETE FROM jobs WHERE kind LIKE 'embed%'" >/dev/null
    for node in $(seq 1 "$1"); do
        PAPERFEED_SUMMARIES=off PAPERFEED_MODEL_DIR="$model_dir" PAPERFEED_LOG_LEVEL=warning \
            "$bin" serve --db "$url" --host 127.0.0.1 --port 0 >"/tmp/paperfeed-node-$node.log" 2>&1 &
        pids+=($!)
    done
    local start
    until [ "$(sql "SELECT count(*) FROM paper_vectors")" -gt 0 ]; do sleep 0.5; done
    start=$(sql "SELECT count(*) FROM paper_vectors")
    sleep "$((window / 2))"
    # Nodes working on a batch at half time (a finished job no longer names its node).
    local nodes
    nodes=$(sql "SELECT count(DISTINCT node) FROM jobs WHERE kind = 'embed-batch' AND state = 'running'")
    sleep "$((window - window / 2))"
    local end
    end=$(sql "SELECT count(*) FROM paper_vectors")
    stop_nodes
    if [ "$end" -ge "$papers" ]; then
        echo "all $papers papers were embedded within the window: make it shorter" >&2
        exit 1
    fi
    awk -v a="$start" -v b="$end" -v w="$window" 'BEGIN { printf "%.2f", (b - a) / w }'
    echo " $nodes"
}

read -r one one_nodes < <(measure 1)
read -r two two_nodes < <(measure 2)
echo
echo "| nodes over one PostgreSQL ($papers demo papers, ${window} s window) | abstracts/s | nodes embedding at half time |"
echo "|---|---|---|"
echo "| one node | $one | $one_nodes |"
echo "| two nodes | $two | $two_nodes |"
awk -v a="$one" -v b="$two" 'BEGIN { printf "| two ÷ one | %.2f× | |\n", b / a }'
