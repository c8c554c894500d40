#!/usr/bin/env bash
# Scores a public retrieval benchmark in BEIR's layout (corpus.jsonl, queries.jsonl,
# qrels/test.tsv; e.g. SciFact, NFCorpus, ArguAna, SCIDOCS, TREC-COVID, unzipped) on both
# engines: imports the corpus into a database of its own, embeds it, and prints nDCG@10,
# Recall@10 and MRR@10 per mode beside the published BM25 and all-MiniLM-L6-v2 figures.
# Databases are kept (under .data/beir/ and a PostgreSQL database per set) so that a second
# run goes straight to scoring.
# Usage: scripts/eval-beir.sh DATASET_FOLDER [--sqlite-only]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ -f "$1/corpus.jsonl" ] || { echo "usage: $0 BEIR_DATASET_FOLDER [--sqlite-only]" >&2; exit 2; }
dataset=$(cd "$1" && pwd)
name=$(basename "$dataset" | tr -c 'a-zA-Z0-9_\n' '_')
scripts/setup.sh >/dev/null
swift build --product paperfeed >/dev/null
paperfeed=.build/debug/paperfeed
mkdir -p .data/beir
targets=(".data/beir/$name.sqlite")
if [ "${2:-}" != "--sqlite-only" ]; then
    scripts/postgres.sh start >/dev/null
    url=$(scripts/postgres.sh url "beir_$name")
    psql "$url" -qtAc "SELECT 1" >/dev/null 2>&1 || scripts/postgres.sh recreate "beir_$name" >/dev/null
    targets+=("$url")
fi
for db in "${targets[@]}"; do
    echo "== $(basename "$dataset") on ${db%%:*}"
    "$paperfeed" import --db "$db" "$dataset/corpus.jsonl" | tail -n 2
    "$paperfeed" embed --db "$db" | tail -n 1
    "$paperfeed" eval --db "$db" --beir "$dataset" --compare-fusion
done
