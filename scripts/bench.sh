#!/usr/bin/env bash
# Benchmarks import throughput and keyword-search latency on a release build, on SQLite and on
# a fresh PostgreSQL database (scripts/postgres.sh), and prints PostgreSQL ÷ SQLite ratios.
# Usage: scripts/bench.sh [records]   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/postgres.sh start >/dev/null
scripts/postgres.sh recreate paperfeed_bench >/dev/null
swift build -c release --product paperfeed-bench --scratch-path .build-release
.build-release/release/paperfeed-bench ../shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl \
    "${1:-200000}" "$(scripts/postgres.sh url paperfeed_bench)"
