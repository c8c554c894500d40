#!/usr/bin/env bash
# Makes sure the PaperMail tests can start their real SMTP server: a `.venv` with aiosmtpd, and the
# openssl CLI (the test server makes a throwaway self-signed certificate with it). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v openssl >/dev/null 2>&1; then
    echo "Installing openssl"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq openssl >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    python3 -c 'import venv, ensurepip' 2>/dev/null || {
        echo "python3 lacks venv/ensurepip; install python3-venv" >&2
        exit 1
    }
    echo "Creating .venv"
    python3 -m venv .venv
fi

if ! .venv/bin/python -c 'import aiosmtpd' 2>/dev/null; then
    echo "Installing aiosmtpd into .venv"
    .venv/bin/python -m pip install -q --disable-pip-version-check 'aiosmtpd>=1.4,<2'
fi
echo "mail tests ready: $(.venv/bin/python -c 'import aiosmtpd; print("aiosmtpd", aiosmtpd.__version__)')"
