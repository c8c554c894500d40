#!/usr/bin/env bash
# Measures SQLite's BM25 field weights (title, abstract, author names, categories) on the
# bundled judged queries over the demo papers: each weighting is set on a scratch copy of the
# demo store (FTS5's rank setting) and scored in keyword and hybrid mode, on the natural queries
# and on those made from the papers. The weights PaperFeed ships are in SQLiteSchemaDialect.
# Usage: scripts/eval-field-weights.sh ["title,abstract,authors,categories" ...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
command -v sqlite3 >/dev/null || { sudo apt-get install -y -qq sqlite3 >/dev/null; }
swift build --product paperfeed >/dev/null
paperfeed=.build/debug/paperfeed
store=$(mktemp -d)/weights.sqlite
trap 'rm -rf "$(dirname "$store")"' EXIT
"$paperfeed" import --demo --db "$store" >/dev/null 2>&1
weightings=("$@")
[ ${#weightings[@]} -gt 0 ] || weightings=("1,1,1,1" "2,1,1,0.5" "4,1,1,0.5" "10,1,3,0.5" "4,1,3,0.5" "4,1,0.5,0.5" "4,1,1,0" "4,1,1,2")
printf '%-22s %-8s %-12s %-12s\n' "title,abstract,authors,categories" subset "keyword" "hybrid"
for weights in "${weightings[@]}"; do
    sqlite3 "$store" "INSERT INTO papers_fts(papers_fts, rank) VALUES ('rank', 'bm25(${weights//,/, })')"
    for subset in natural made; do
        scores=$("$paperfeed" eval --db "$store" --subset "$subset" --modes keyword,hybrid 2>/dev/null | awk '/^(keyword|hybrid)/ {print $0}')
        keyword=$(awk '/^keyword/ {print $2}' <<<"$scores")
        hybrid=$(awk '/^hybrid/ {print $(NF-2)}' <<<"$scores")
        printf '%-34s %-8s %-12s %-12s\n' "$weights" "$subset" "$keyword" "$hybrid"
    done
done
