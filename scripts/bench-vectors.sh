#!/usr/bin/env bash
# Benchmarks semantic retrieval at 100,000 and 1,000,000 synthetic papers (release build):
# VectorIndex build time and memory, nearest(limit: 20) latency, recall@10 against brute force,
# and a full semantic query including the MiniLM embedding of the query text (the BM25 leg of a
# hybrid query is SQLite's and is measured by scripts/bench.sh). Needs the model
# (scripts/install-model.sh) and about 3 GB of memory. Waits for idle CPUs before each run.
# Usage: scripts/bench-vectors.sh [vector-bench options, e.g. --sizes 100000 --rounds 2]
#        RUNS=2 scripts/bench-vectors.sh   (repeat the whole run)
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
model_dir="${PAPERFEED_MODEL_DIR:-$(scripts/install-model.sh)}"

swift build -c release --product vector-bench --scratch-path .build-release

# Waits until the CPUs were at least 90% idle for 3 s (other jobs skew the latencies).
wait_idle() {
    local deadline=$((SECONDS + 120)) a b total idle
    while ((SECONDS < deadline)); do
        read -r -a a < /proc/stat; sleep 3; read -r -a b < /proc/stat
        total=0; for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
        idle=$((b[4] + b[5] - a[4] - a[5]))
        if ((total > 0 && idle * 100 >= total * 90)); then return 0; fi
    done
    echo "warning: the machine stayed busy; latencies may be high" >&2
}

for run in $(seq 1 "${RUNS:-1}"); do
    echo "== run $run" >&2
    wait_idle
    .build-release/release/vector-bench --model "$model_dir" --seed "$shared/seed/hf-papers-page.txt" "$@"
done
