#!/usr/bin/env bash
# Measures recommendations (issue 14) on the bundled demo papers and their shipped vectors:
# users are the authors with at least 6 papers, trained on all but their newest two; prints
# recall@50 and nDCG@50 of PaperFeed's BlendedRecommender (and its parts) beside arxiv-sanity-lite's
# method (tf-idf + LinearSVC, scikit-learn, same splits), then a recommendation request end to end
# at 100,000 papers in an SQLite store.
# Usage: scripts/bench-recommend.sh [recommend-bench options: --min-papers N --users N|all --background N
#        --size N --only quality|latency]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c 'import venv, ensurepip' 2>/dev/null || scripts/setup.sh
[ -x .venv-bench/bin/python ] || python3 -m venv .venv-bench
.venv-bench/bin/python -c 'import sklearn, numpy' 2>/dev/null || .venv-bench/bin/pip install -q 'scikit-learn>=1.3' numpy
scratch="${SCRATCH_PATH:-.build-release}"
swift build -c release --product recommend-bench --scratch-path "$scratch"
"$scratch/release/recommend-bench" --python .venv-bench/bin/python "$@"
