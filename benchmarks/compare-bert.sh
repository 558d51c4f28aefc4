#!/usr/bin/env bash
# BERT-base (random weights, B=8, T=128, fp32) in one run: our forward, our forward+backward (all trainable, and HiFi
# k=1), PyTorch 1.13 (Debian) forward and forward+backward, ONNX Runtime Java forward. Medians after warm-up.
# The last line is "fwd/ORT: <x.xx> train/PyTorch: <y.yy> hifi/full: <z.zz>".
#
# Usage: benchmarks/compare-bert.sh [threads]     (default: all available processors)
#   REPS=n (default 5), WARMUP=n (default 2), BATCH (8), SEQ (128), JAVA_OPTS (extra JVM flags for our side)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
threads=${1:-$(nproc)}
reps=${REPS:-5}
warmup=${WARMUP:-2}
batch=${BATCH:-8}
seq=${SEQ:-128}
python=/usr/bin/python3   # Debian's python, whose torch links Debian's OpenBLAS

if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
java="$JAVA_HOME/bin/java"

jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root/engine/src/main" "$here/src/main" -newer "$jar" -name '*.java' -print -quit)" ]]; then
    echo "# building $jar" >&2
    (cd "$root" && mvn -q -pl benchmarks -am package -DskipTests) >&2
fi

if ! "$python" -c 'import torch' 2>/dev/null; then
    echo "# installing PyTorch 1.13 from Debian (python3-torch, libopenblas0-openmp)" >&2
    sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get install -y --no-install-recommends python3-torch python3-numpy libopenblas0-openmp >&2
fi

cache="$here/target/compare-bert"
mkdir -p "$cache"
onnx="$cache/bert-base-b${batch}-t${seq}.onnx"
echo "# machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; threads: $threads; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# PyTorch with the OpenMP OpenBLAS and one shared OpenMP pool of $threads threads (see shared docs: never let torch's
# OpenMP threads and OpenBLAS pthreads both equal the core count).
LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS="$threads" \
    "$python" "$here/python/torch_bert_bench.py" --threads "$threads" --batch "$batch" --seq "$seq" \
    --reps "$reps" --warmup "$warmup" --out "$cache/torch.json" --onnx "$onnx" 2> "$cache/torch.log" | sed 's/^/# /'

"$java" --add-modules jdk.incubator.vector -Xmx8g ${JAVA_OPTS:-} -cp "$jar" hifi.bench.BertBench \
    --threads "$threads" --batch "$batch" --seq "$seq" --reps "$reps" --warmup "$warmup" \
    --onnx "$onnx" --torch "$cache/torch.json"
