#!/usr/bin/env bash
# BERT-base (random weights, B=8, T=128, fp32) in one run: our forward, our forward+backward (all trainable, and HiFi
# k=1), PyTorch 1.13 (Debian) forward and forward+backward (all trainable, and HiFi k=1 as a PyTorch user writes it:
# the same tensors trainable, whole weight gradients masked by hooks), ONNX Runtime Java forward. Medians after warm-up.
# The last line is "fwd/ORT: <x.xx> train/PyTorch: <y.yy> hifi/full: <z.zz> hifi/PyTorch-hifi: <w.ww>" (the last: our
# HiFi k=1 step over PyTorch's).
#
# Usage: benchmarks/compare-bert.sh [threads]     (default: all available processors)
#   REPS=n (default 5), WARMUP=n (default 2), BATCH (8), SEQ (128), JAVA_OPTS (extra JVM flags for our side)
set -euo pipefail

threads=${1:-$(nproc)}
reps=${REPS:-5}
warmup=${WARMUP:-2}
batch=${BATCH:-8}
seq=${SEQ:-128}
python=/usr/bin/python3   # Debian's python, whose torch links Debian's OpenBLAS

# shellcheck source=harness-common.sh source-path=SCRIPTDIR
source "$(dirname "$0")/harness-common.sh"

need_debian_packages torch python3-torch python3-numpy libopenblas0-openmp

cache="$here/target/compare-bert"
mkdir -p "$cache"
onnx="$cache/bert-base-b${batch}-t${seq}.onnx"
echo "# machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; threads: $threads; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# PyTorch with the OpenMP OpenBLAS and one shared OpenMP pool of $threads threads (see shared docs: never let torch's
# OpenMP threads and OpenBLAS pthreads both equal the core count).
LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS="$threads" \
    "$python" "$here/python/torch_bert_bench.py" --threads "$threads" --batch "$batch" --seq "$seq" \
    --reps "$reps" --warmup "$warmup" --out "$cache/torch.json" --onnx "$onnx" 2> "$cache/torch.log" | sed 's/^/# /'
LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS="$threads" \
    "$python" "$here/python/torch_bert_bench.py" --threads "$threads" --batch "$batch" --seq "$seq" \
    --reps "$reps" --warmup "$warmup" --method hifi --heads-per-layer 1 --out "$cache/torch-hifi.json" \
    2> "$cache/torch-hifi.log" | sed 's/^/# /'

# shellcheck disable=SC2086  # JAVA_OPTS holds several flags
"$java" --add-modules jdk.incubator.vector -Xmx8g ${JAVA_OPTS:-} -cp "$jar" hifi.bench.BertBench \
    --threads "$threads" --batch "$batch" --seq "$seq" --reps "$reps" --warmup "$warmup" \
    --onnx "$onnx" --torch "$cache/torch.json" --torch-hifi "$cache/torch-hifi.json"
