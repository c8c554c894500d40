#!/usr/bin/env bash
# Benchmarks import throughput and keyword-search latency on a release build, on SQLite and on
# a fresh PostgreSQL database (scripts/postgres.sh), and prints PostgreSQL ÷ SQLite ratios.
# Usage: scripts/bench.sh [records]   (default 200000)
# BENCH_SCRATCH_PATH (default .build-release) and BENCH_DATABASE (default paperfeed_bench) let
# two checkouts on one machine build and measure without sharing a build folder or a database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/postgres.sh start >/dev/null
scratch="${BENCH_SCRATCH_PATH:-.build-release}"
database="${BENCH_DATABASE:-paperfeed_bench}"
scripts/postgres.sh recreate "$database" >/dev/null
swift build -c release --product paperfeed-bench --scratch-path "$scratch"
"$scratch"/release/paperfeed-bench ../shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl \
    "${1:-200000}" "$(scripts/postgres.sh url "$database")"
