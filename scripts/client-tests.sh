#!/usr/bin/env bash
# Runs the client tests (Tests/clients: huggingface_hub, feedparser, plain HTTP, Playwright with
# Debian's Chromium) against the real `paperfeed serve`. Installs only what is missing, so a
# second run goes straight to pytest. Extra arguments go to pytest, e.g. `-k feeds -x`.
#
#   PAPERFEED_BIN   the server binary (default .build/debug/paperfeed, built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"

# Debian packages: Chromium for Playwright (its Python driver ships its own Node; it needs no
# browser download), fonts so pages render as people see them, and venv for the virtualenv.
apt_packages=(chromium fonts-liberation fonts-dejavu-core)
python3 -c 'import venv, ensurepip' 2>/dev/null || apt_packages+=(python3-venv)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "Installing Debian packages: ${missing[*]}"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A project-local virtualenv with the client libraries, installed once.
# aiosmtpd runs scripts/smtp-test-server.py for the digest tests in test_community.py;
# schemathesis checks the JSON API against its OpenAPI document (test_api_schema.py).
python_packages=(pytest huggingface_hub feedparser playwright requests 'aiosmtpd>=1.4,<2' 'schemathesis>=4.3,<5' 'bibtexparser>=1.4,<2')
if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv"
    python3 -m venv .venv
fi
if ! .venv/bin/python -c 'import pytest, huggingface_hub, feedparser, playwright, requests, aiosmtpd, schemathesis, bibtexparser' 2>/dev/null; then
    echo "Installing into .venv: ${python_packages[*]}"
    .venv/bin/python -m pip install -q --disable-pip-version-check "${python_packages[@]}"
fi

# The server binary.
binary="${PAPERFEED_BIN:-.build/debug/paperfeed}"
if [ ! -x "$binary" ]; then
    if [ -n "${PAPERFEED_BIN:-}" ]; then
        echo "PAPERFEED_BIN=$PAPERFEED_BIN is not an executable file" >&2
        exit 1
    fi
    scripts/setup.sh
    echo "Building paperfeed"
    swift build --product paperfeed
fi
export PAPERFEED_BIN="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

mkdir -p test-output/screenshots
export PYTHONDONTWRITEBYTECODE=1  # keep Tests/clients free of __pycache__
export HYPOTHESIS_STORAGE_DIRECTORY=test-output/hypothesis  # schemathesis's Hypothesis caches, not .hypothesis/
exec .venv/bin/python -m pytest Tests/clients -q -p no:cacheprovider "$@"
