#!/usr/bin/env bash
# Rebuilds the demo papers bundled with PaperFeed from ../shared/data:
# every Hugging Face daily paper of the dump plus the 120 papers of the seed page,
# as gzip-compressed PaperFeed JSON lines (the format of `paperfeed export`).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
swift build --product paperfeed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/debug/paperfeed import "$shared/data/hf-daily-papers" "$shared/seed/hf-papers-page.txt" --db "$work/demo.sqlite" > "$work/import.log"
head -2 "$work/import.log"
.build/debug/paperfeed export --db "$work/demo.sqlite" | gzip -9n > Sources/PaperIngest/Resources/demo-papers.jsonl.gz
ls -l Sources/PaperIngest/Resources/demo-papers.jsonl.gz
