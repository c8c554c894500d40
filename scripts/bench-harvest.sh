#!/usr/bin/env bash
# Benchmarks harvesting on a release build, against local servers with no politeness delay:
# arXiv OAI-PMH throughput (20,000 records made from the real snapshot records, pages of 1,000,
# resumption tokens), Hugging Face daily-papers throughput (the real files), and how soon a
# harvested paper is found by keyword and by semantic search with the embedding service running
# as `serve` runs it (one core, a turn every 60 s). On SQLite and on two fresh PostgreSQL
# databases (scripts/postgres.sh). Needs the model (scripts/install-model.sh) for semantic search.
# Usage: scripts/bench-harvest.sh [harvest-bench options, e.g. --records 50000 --rounds 8 --embed-interval 10]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
scripts/setup.sh
model_dir="${PAPERFEED_MODEL_DIR:-$(scripts/install-model.sh)}"
postgres=()
if scripts/postgres.sh start >/dev/null; then
    postgres=(--postgres "$(scripts/postgres.sh recreate paperfeed_harvest_bench)"
              --postgres-latency "$(scripts/postgres.sh recreate paperfeed_harvest_fresh)")
else
    echo "bench-harvest.sh: no PostgreSQL (scripts/postgres.sh start failed); SQLite only" >&2
fi
swift build -c release --product harvest-bench --scratch-path .build-release
.build-release/release/harvest-bench --model "$model_dir" \
    --snapshot "$shared/data/arxiv-fixtures/kaggle-jsonl/arxiv-metadata-oai-snapshot.first200.jsonl" \
    --hf-days "$shared/data/hf-daily-papers/Paper_metadata_download" "${postgres[@]}" "$@"
