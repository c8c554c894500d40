#!/usr/bin/env bash
# Sets PaperFeed up and serves it on the embedded default: SQLite in .data/, the bundled demo
# papers loaded on first start. Prints the URL to open. Extra arguments go to `paperfeed serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product paperfeed
export PAPERFEED_DB="${PAPERFEED_DB:-$PWD/.data/paperfeed.sqlite}"
exec .build/debug/paperfeed serve "$@"
