#!/usr/bin/env bash
# Sets PaperFeed up and runs it on the embedded default: SQLite and the bundled demo papers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product paperfeed
bin=.build/debug/paperfeed
export PAPERFEED_DB="${PAPERFEED_DB:-$PWD/.data/paperfeed.sqlite}"
if ! "$bin" stats | grep -q "^papers: *[1-9]"; then
    "$bin" import --demo
fi
"$bin" stats
echo
echo "Search with: $bin search \"discriminative representation\""
"$bin" search "discriminative representation" --limit 10
