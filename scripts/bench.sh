#!/usr/bin/env bash
# Benchmarks import throughput and keyword-search latency on a release build.
# Usage: scripts/bench.sh [records]   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product paperfeed-bench
.build/release/paperfeed-bench ../shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl "${1:-200000}"
