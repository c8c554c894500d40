#!/usr/bin/env bash
# Measures the offline summaries and keyphrases (PaperSummaries, release build) against Hugging
# Face's ai_summary / ai_keywords on the bundled demo papers: ROUGE-L F1 beside "the abstract's
# first sentence", keyphrase precision/recall/F1 (exact and stemmed) beside "the most frequent
# candidate n-grams".
# Usage: scripts/bench-summaries.sh [summaries-bench options, e.g. --limit 500 --phase 1 --sweep]
set -euo pipefail
cd "$(dirname "$0")/.."
model_dir="${PAPERFEED_MODEL_DIR:-$(scripts/install-model.sh)}"

if ! dpkg-query -W -f='${Status}' libopenblas-dev 2>/dev/null | grep -q "install ok installed"; then
    echo "bench-summaries.sh: OpenBLAS is missing (apt-get install libopenblas-dev, or scripts/setup.sh)" >&2
    exit 1
fi
scratch="${SCRATCH_PATH:-.build-summaries-release}"
swift build -c release --product summaries-bench --scratch-path "$scratch"
"$scratch/release/summaries-bench" --model "$model_dir" "$@"
