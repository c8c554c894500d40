#!/usr/bin/env bash
# Rebuilds the demo papers bundled with PaperFeed from ../shared/data:
# every Hugging Face daily paper of the dump plus the 120 papers of the seed page,
# as gzip-compressed PaperFeed JSON lines (the format of `paperfeed export`), and their vectors
# (`paperfeed export --vectors`: 8-bit, checked by model name, text hash and checksum at load),
# made with the release build (a few minutes; the debug build takes over an hour).
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
swift build -c release --product paperfeed --scratch-path .build-release
PAPERFEED_SUMMARIES=off .build-release/release/paperfeed embed --db "$work/demo.sqlite" --model-dir "${PAPERFEED_MODEL_DIR:-$(scripts/install-model.sh)}"
.build-release/release/paperfeed export --db "$work/demo.sqlite" --vectors Sources/PaperIngest/Resources/demo-vectors.bin
ls -l Sources/PaperIngest/Resources/demo-vectors.bin
