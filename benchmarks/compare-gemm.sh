#!/usr/bin/env bash
# Times our GEMM (hifi.bench.GemmHarness) and OpenBLAS sgemm (numpy) on the same BERT shapes and thread count, and
# prints a table; the last line is "min ratio vs OpenBLAS: <x.xx>".
#
# Usage: benchmarks/compare-gemm.sh [threads]        (default: all available processors)
#   RUNS=n       timed calls per shape, median reported (default 7, at least 5)
#   ONLY=text    only shapes whose name contains text
#   JAVA_OPTS    extra JVM flags for our side (e.g. -Dhifi.vector.bits=256)
#   CPU_TIME=1   (threads = 1 only) time both sides with the thread's CPU clock: robust on a shared machine
set -euo pipefail

threads=${1:-$(nproc)}
runs=${RUNS:-7}
only=${ONLY:-}
python=/usr/bin/python3   # the system python, whose numpy links Debian's OpenBLAS (not a pyenv shim)

source "$(dirname "$0")/harness-common.sh"

need_debian_packages numpy python3-numpy libopenblas0-pthread python3-threadpoolctl

only_args=(); [[ -n "$only" ]] && only_args=(--only "$only")
[[ -n "${CPU_TIME:-}" && "$threads" != 1 ]] && { echo "CPU_TIME needs threads = 1" >&2; exit 2; }
echo "# machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; threads: $threads; runs: $runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"

# OpenBLAS pinned to the same thread count; CPU-type / cache overrides from the environment are dropped for the
# numpy side only, so that OpenBLAS picks its own kernel (reported by compare_gemm.py).
[[ -n "${OPENBLAS_CORETYPE:-}${OPENBLAS_L2_SIZE:-}" ]] && echo "# ignoring OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-} for numpy"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
    "$python" "$here/compare_gemm.py" "$runs" ${CPU_TIME:+--cpu-time} -- \
    "$java" --add-modules jdk.incubator.vector ${JAVA_OPTS:-} \
    -cp "$jar" hifi.bench.GemmHarness --threads "$threads" "${only_args[@]}"
