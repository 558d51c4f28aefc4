#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# One prepared run for a GPU machine with a short time budget: what the machine is, the TornadoVM backend's parity
# suite on the GPU, our `bench` (forward, full training step, HiFi k=1 step) and PyTorch's (full, and HiFi k=1 with
# masked gradients; CUDA, fp32, TF32 off) at B=8 and B=32, T=128, BERT-base shape, and, given a model and GLUE data,
# a timed bge-small RTE `train --method hifi --k 1 --epochs 3` on the GPU. Everything goes to one folder: a log per
# stage, the PyTorch JSON, stages.tsv and summary.md, whose last line is
#   GPU step/PyTorch: X.XX forward/PyTorch: Y.YY (<GPU>, <backend>, <commit>)      (at the largest batch)
#
# Each stage runs under its own `timeout` and the run goes on when one fails or times out (the summary says which).
# It never builds TornadoVM: without an SDK in TORNADOVM_HOME the Java GPU stages are skipped (the summary says so)
# and the PyTorch stages still run. The PyTorch stages come first, so the baseline survives a spent budget.
#
# Usage: benchmarks/gpu-check.sh
#   OUT            output folder (default benchmarks/target/gpu-check)
#   TORNADOVM_HOME the installed TornadoVM SDK (README, "Running on a GPU box"); unset: Java GPU stages skipped
#   MODEL, GLUE    a bge-small model directory and the glue_data folder (holding RTE/): the RTE training stage;
#                  without MODEL, BAAI/bge-small-en-v1.5 from the machine's Hugging Face cache (HF_HOME, default
#                  ~/.cache/huggingface), converted into MODEL_DIR (default /tmp/hifi-gpu-models), if it is there
#   PYTHON         a python with a CUDA build of torch (default python3)
#   COMMIT         the commit to report when the tree has no .git (default: git rev-parse)
#   DRY_RUN=1      print the commands instead of running them (the summary is still written)
#   SKIP_BUILD=1   use the hifi.jar already in glue/target (built with -Ptornado) instead of building
#   JAR            that jar somewhere else (implies no build)
#   PEFT_CHECK     a folder written by hifi.bench.PeftExport: Python peft loads the adapter there and compares logits
#   TEST_CP        a class path with the TornadoVM suite's compiled tests and the JUnit console launcher: the parity
#                  stage runs through it instead of Maven (a machine without Maven; benchmarks/gpu-bundle.sh packs it)
#   BUDGET_S       seconds for the whole run (default 540; 0: no limit); a stage gets at most what is left
#   T_ENV T_TORCH T_BUILD T_PARITY T_BENCH T_CONVERT T_TRAIN   per-stage timeouts in seconds (30 150 300 300 240 300 900)
#   TORNADOVM_CUDA_ARGFILE  the argfile of a TornadoVM with the CUDA backend (gpu-bundle.sh's overlay; or
#                  TORNADOVM_CUDA_HOME, an SDK built with it): also times bench on its CUDA device
#   CHAINS         other values of -Dhifi.tornado.chain to time at the largest batch (default "64"; "" for none;
#                  after a failed bench, "1": chains off)
#   BATCHES ("8 32"), SEQ (128), REPS (5), WARMUP (3), MVN_ARGS ("-B -ntp"; add -o on a machine without network),
#   JAVA_GPU_OPTS (default "-Dtornado.recover.bailout=false -Dtornado.device.memory=20GB -Dhifi.tornado.arena.mb=8000 -Xmx8g")
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=jdk25.sh
source "$here/jdk25.sh"

out=${OUT:-$here/target/gpu-check}
dry=${DRY_RUN:-0}
python=${PYTHON:-python3}
budget=${BUDGET_S:-540}
batches=${BATCHES:-8 32}
seq=${SEQ:-128}
reps=${REPS:-5}
warmup=${WARMUP:-3}
read -r -a mvn_args <<< "${MVN_ARGS:--B -ntp}"
read -r -a gpu_opts <<< "${JAVA_GPU_OPTS:--Dtornado.recover.bailout=false -Dtornado.device.memory=20GB -Dhifi.tornado.arena.mb=8000 -Xmx8g}"
jar="${JAR:-$root/glue/target/hifi.jar}"
[[ -n "${JAR:-}" ]] && SKIP_BUILD=1
started=$SECONDS

mkdir -p "$out" || { echo "gpu-check: cannot create the output folder $out" >&2; exit 1; }
out=$(cd "$out" && pwd)
printf 'stage\tstatus\tseconds\tlog\n' > "$out/stages.tsv"
if [[ $dry != 1 ]]; then  # what the summary reads must come from this run
    rm -rf "$out"/bench-gpu-*.log "$out"/torch-*.json "$out/gpu.csv" "$out/parity.log" "$out/parity-reports" "$out/rte-hifi-k1"
fi

# record STAGE STATUS SECONDS LOG: one row of stages.tsv, echoed.
record() {
    printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$out/stages.tsv"
    echo "gpu-check: $1: $2${3:+ (${3} s)}"
}

# stage NAME TIMEOUT_S LOG CMD...: runs CMD under timeout (capped by what is left of the budget), output to $out/LOG;
# returns CMD's exit status (1 when skipped).
stage() {
    local name=$1 limit=$2 log=$3 left
    shift 3
    if [[ $dry == 1 ]]; then
        printf '[dry-run] %s (timeout %s s, log %s):' "$name" "$limit" "$log"
        printf ' %q' "$@"
        printf '\n'
        record "$name" "dry-run" "" "$log"
        return 0
    fi
    if (( budget > 0 )); then
        left=$(( budget - (SECONDS - started) ))
        if (( left < 10 )); then
            record "$name" "skipped: time budget ($budget s) spent" "" ""
            return 1
        fi
        (( limit > left )) && limit=$left
    fi
    local t0=$SECONDS rc=0 status
    timeout --kill-after=15 "$limit" "$@" > "$out/$log" 2>&1 || rc=$?
    case $rc in
        0) status=ok ;;
        124 | 137) status="TIMEOUT after $limit s" ;;
        *) status="FAILED (exit $rc)" ;;
    esac
    record "$name" "$status" "$((SECONDS - t0))" "$log"
    return "$rc"
}

skip() {  # skip NAME REASON
    record "$1" "skipped: $2" "" ""
}

# --- the machine -------------------------------------------------------------------------------------------------
commit=${COMMIT:-$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)}
if [[ -z ${COMMIT:-} && $commit != unknown && -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
    commit="$commit+local changes"
fi
if command -v nvidia-smi > /dev/null || [[ $dry == 1 ]]; then
    stage nvidia-smi "${T_ENV:-30}" nvidia-smi.txt nvidia-smi
    stage gpu "${T_ENV:-30}" gpu.csv nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
else
    skip nvidia-smi "no nvidia-smi on the PATH"
fi
stage java-version "${T_ENV:-30}" java-version.txt "$java" -version
hf_hub="${HF_HOME:-$HOME/.cache/huggingface}/hub"
stage hf-cache "${T_ENV:-30}" hf-cache.txt ls -d "$hf_hub"/models--*   # what a later run could use without carrying it

tornado=""        # why the Java GPU stages cannot run, or empty when they can
if [[ -z "${TORNADOVM_HOME:-}" ]]; then
    tornado="no TornadoVM SDK (TORNADOVM_HOME is not set)"
elif [[ ! -f "$TORNADOVM_HOME/tornado-argfile" ]]; then
    tornado="TORNADOVM_HOME ($TORNADOVM_HOME) has no tornado-argfile: not an installed TornadoVM SDK"
fi
backend="no TornadoVM"
# In a container NVIDIA's OpenCL library may be mounted without its ICD file: then OpenCL lists no NVIDIA platform.
# Point the ICD loader at a folder with the existing vendors plus NVIDIA's (OCL_ICD_VENDORS), without touching /etc.
if [[ $dry != 1 && -z "${OCL_ICD_VENDORS:-}" && ! -e /etc/OpenCL/vendors/nvidia.icd ]] && ldconfig -p 2> /dev/null | grep -q libnvidia-opencl.so.1; then
    mkdir -p "$out/icd" && cp /etc/OpenCL/vendors/*.icd "$out/icd/" 2> /dev/null
    echo libnvidia-opencl.so.1 > "$out/icd/nvidia.icd"
    export OCL_ICD_VENDORS="$out/icd"
    echo "gpu-check: no /etc/OpenCL/vendors/nvidia.icd; OCL_ICD_VENDORS=$OCL_ICD_VENDORS"
fi
if [[ -z $tornado ]]; then
    backends=$(sed -n 's/^tornado\.backends=//p' "$TORNADOVM_HOME/etc/tornado.backend" 2> /dev/null | sed 's/-backend//g')
    backend="TornadoVM $(basename "$TORNADOVM_HOME")${backends:+ ($backends)}"
    if [[ -x "$TORNADOVM_HOME/bin/tornado" ]]; then
        stage tornado-devices "${T_ENV:-30}" tornado-devices.txt "$TORNADOVM_HOME/bin/tornado" --devices
    fi
fi
{
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit: $commit"
    echo "host: $(hostname), $(nproc) CPUs"
    echo "JAVA_HOME: $JAVA_HOME"
    echo "TORNADOVM_HOME: ${TORNADOVM_HOME:-unset}"
    echo "backend: $backend"
    echo "python: $python"
} > "$out/env.txt"

# --- PyTorch on CUDA (fp32, TF32 off; the script synchronises before reading the clock) -------------------------
torch_bench="$here/python/torch_bert_bench.py"
stage torch-check "${T_TORCH:-150}" torch-check.log "$python" "$torch_bench" --check
for b in $batches; do
    for method in full hifi; do
        stage "torch-$method-b$b" "${T_TORCH:-150}" "torch-$method-b$b.log" "$python" "$torch_bench" --device cuda \
            --method "$method" --heads-per-layer 1 --batch "$b" --seq "$seq" --reps "$reps" --warmup "$warmup" \
            --out "$out/torch-$method-b$b.json"
    done
done

# --- Python peft loads an adapter this project wrote (PEFT_CHECK: hifi.bench.PeftExport's folder) --------------------
if [[ -n "${PEFT_CHECK:-}" ]]; then
    stage peft-check "${T_TORCH:-150}" peft-check.log "$python" "$here/python/peft_load_check.py" --base "$PEFT_CHECK/base" \
        --adapter "$PEFT_CHECK/adapter" --expected "$PEFT_CHECK/expected.json"
else
    skip peft-check "PEFT_CHECK (a folder written by hifi.bench.PeftExport) is not set"
fi

# --- our side on the GPU through TornadoVM ------------------------------------------------------------------------
chains=${CHAINS:-64}   # other chain lengths to time at the largest batch
gpu_java=("$java")
[[ -z $tornado ]] && gpu_java+=("@$TORNADOVM_HOME/tornado-argfile")
gpu_java+=(--add-modules jdk.incubator.vector "${gpu_opts[@]}" -cp "$jar" hifi.glue.cli.Main --device gpu)

if [[ -n $tornado ]]; then
    skip build "$tornado"
elif [[ ${SKIP_BUILD:-0} == 1 ]]; then
    skip build "SKIP_BUILD=1, using $jar"
elif ! stage build "${T_BUILD:-300}" build.log mvn -f "$root/pom.xml" "${mvn_args[@]}" -Ptornado -q package -DskipTests -pl glue -am; then
    tornado="the build failed (build.log)"
fi
if [[ -z $tornado && $dry != 1 && ! -f $jar ]]; then
    tornado="no $jar (build it with -Ptornado)"
fi
if [[ -z $tornado ]]; then
    if [[ -n "${TEST_CP:-}" ]]; then   # no Maven here: the compiled suite through the JUnit console launcher
        stage parity "${T_PARITY:-300}" parity.log "$java" "@$TORNADOVM_HOME/tornado-argfile" -Dtornado.recover.bailout=false \
            -Dhifi.tornado.device=gpu -Xmx8g -cp "$TEST_CP:$jar" org.junit.platform.console.ConsoleLauncher execute \
            --select-package hifi.engine.tornado --select-class hifi.engine.bert.TornadoBertParityTest \
            --select-class hifi.engine.bert.TornadoTransferCountTest --select-class hifi.engine.train.TornadoTrainerTest \
            --select-class hifi.engine.train.TornadoResidentTrainingTest \
            --select-class hifi.engine.train.TornadoBertDepthExecutionsTest --details tree --disable-banner
    else
        stage parity "${T_PARITY:-300}" parity.log mvn -f "$root/pom.xml" "${mvn_args[@]}" -Ptornado test -pl tornado -am \
            '-Dtest=Tornado*Test,SharedArenaContractTest,DeviceSelectionTest' -Dsurefire.failIfNoSpecifiedTests=false \
            -Dhifi.tornado.device=gpu
    fi
    if [[ $dry != 1 && -d $root/tornado/target/surefire-reports ]]; then
        rm -rf "$out/parity-reports" && cp -r "$root/tornado/target/surefire-reports" "$out/parity-reports"
    fi
    for b in $batches; do
        if ! stage "bench-gpu-b$b" "${T_BENCH:-240}" "bench-gpu-b$b.log" "${gpu_java[@]}" bench --batch "$b" --seq "$seq" \
            --hidden 768 --layers 12 --heads 12 --reps "$reps"; then
            # a failure in the chain's big dispatcher kernel (compiled once for every op) would fail every chained
            # run: then time chains off (-Dhifi.tornado.chain=1: one small kernel per graph) instead of chains of 64
            chains="1"
        fi
        last_batch=$b
    done
    for chain in $chains; do   # launches per TornadoVM execution other than the default 16, at the largest batch
        stage "bench-gpu-b$last_batch-chain$chain" "${T_BENCH:-240}" "bench-gpu-b$last_batch-chain$chain.log" \
            "${gpu_java[@]:0:1}" "-Dhifi.tornado.chain=$chain" "${gpu_java[@]:1}" bench --batch "$last_batch" --seq "$seq" \
            --hidden 768 --layers 12 --heads 12 --reps "$reps"
    done
    snapshots=("$hf_hub"/models--BAAI--bge-small-en-v1.5/snapshots/*/)
    bge_snapshot=""
    [[ -d ${snapshots[0]} ]] && bge_snapshot=${snapshots[0]}
    if [[ -z "${MODEL:-}" && -n "${GLUE:-}" && -n $bge_snapshot ]]; then
        converted="${MODEL_DIR:-/tmp/hifi-gpu-models}/bge-small"
        stage convert-bge-small "${T_CONVERT:-300}" convert-bge-small.log "${gpu_java[@]:0:1}" --add-modules jdk.incubator.vector \
            -cp "$jar" hifi.glue.cli.Main convert --from "$bge_snapshot" --out "$converted" --force && MODEL=$converted
    fi
    if [[ -n "${MODEL:-}" && -n "${GLUE:-}" ]]; then
        stage train-rte "${T_TRAIN:-900}" train-rte.log "${gpu_java[@]}" train --model "$MODEL" --task rte --data "$GLUE" \
            --out "$out/rte-hifi-k1" --method hifi --k 1 --epochs 3
    else
        skip train-rte "MODEL (a bge-small model directory, or BAAI/bge-small-en-v1.5 in the Hugging Face cache) and GLUE (the glue_data folder) are not both set"
    fi
else
    skip parity "$tornado"
    for b in $batches; do skip "bench-gpu-b$b" "$tornado"; done
    skip train-rte "$tornado"
fi

# --- optional: the same bench on TornadoVM's CUDA backend (experimental there), with a second SDK ------------------
# A TornadoVM with the CUDA backend (and OpenCL) loads libcuda from the driver and NVRTC and cuBLAS from the machine's
# Python NVIDIA wheels; a failed CUDA init stops its whole runtime, hence its own argfile beside the OpenCL-only SDK.
cuda_argfile=${TORNADOVM_CUDA_ARGFILE:-${TORNADOVM_CUDA_HOME:+$TORNADOVM_CUDA_HOME/tornado-argfile}}
if [[ -n $cuda_argfile && -n $jar && ( $dry == 1 || -f $jar ) ]]; then
    nvlibs=$("$python" -c 'import glob, os, nvidia
print(":".join(sorted({os.path.dirname(f) for p in nvidia.__path__ for f in glob.glob(os.path.join(p, "**", "libnvrtc.so*"), recursive=True) + glob.glob(os.path.join(p, "**", "libcublas.so*"), recursive=True)})))' 2> /dev/null)
    cuda_b=${batches##* }   # the largest batch
    cuda_java=(env "LD_LIBRARY_PATH=${nvlibs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "$java" "@$cuda_argfile"
        -Dtornado.recover.bailout=false)
    stage cuda-devices "${T_ENV:-30}" cuda-devices.txt "${cuda_java[@]}" -m tornado.drivers.common/uk.ac.manchester.tornado.drivers.TornadoDeviceQuery
    # the first device whose description line starts with the CUDA backend's tag ("Tornado device=B:D", then
    # "CUDA -- [...] -- <name>"; an NVIDIA OpenCL device's line starts with OPENCL and names the platform "NVIDIA CUDA")
    cuda_id=$(sed 's/\x1b\[[0-9;]*m//g' "$out/cuda-devices.txt" 2> /dev/null \
        | awk '/device=[0-9]+:[0-9]+/ { match($0, /[0-9]+:[0-9]+/); id = substr($0, RSTART, RLENGTH); next }
               id && $1 == "CUDA" && $2 == "--" { print id; exit } { id = "" }')
    [[ $dry == 1 ]] && cuda_id=${cuda_id:-1:0}
    if [[ -n $cuda_id ]]; then
        stage "bench-cuda-b$cuda_b" "${T_BENCH:-240}" "bench-cuda-b$cuda_b.log" "${cuda_java[@]}" --add-modules jdk.incubator.vector \
            "${gpu_opts[@]}" -cp "$jar" hifi.glue.cli.Main --device "$cuda_id" bench --batch "$cuda_b" --seq "$seq" \
            --hidden 768 --layers 12 --heads 12 --reps "$reps"
    else
        skip "bench-cuda-b$cuda_b" "no CUDA device in cuda-devices.txt"
    fi
fi

# --- summary ------------------------------------------------------------------------------------------------------
# value FILE KEY: a number from the PyTorch JSON (one key per line), or empty.
json_value() {
    [[ -f $1 ]] && sed -n "s/^ *\"$2\": \([-0-9.eE+]*\),\{0,1\}$/\1/p" "$1" | head -1
}
# bench_ms LOG LABEL: the milliseconds `bench` printed after LABEL, or empty.
bench_ms() {
    [[ -f $1 ]] && grep -F "$2" "$1" | head -1 | sed -n 's/.*  *\([0-9][0-9.]*\) ms.*/\1/p'
}
ratio() {  # ratio A B: A/B with two decimals, or n/a
    awk -v a="$1" -v b="$2" 'BEGIN { if (a != "" && b != "" && b > 0) printf "%.2f", a / b; else printf "n/a" }'
}
cell() {  # cell MS: one decimal, or – when missing
    awk -v v="$1" 'BEGIN { if (v != "") printf "%.1f", v; else printf "–" }'
}

gpu_name=$(cut -d, -f1 "$out/gpu.csv" 2> /dev/null | head -1)
driver=$(cut -d, -f2 "$out/gpu.csv" 2> /dev/null | head -1 | tr -d ' ')
gpu_name=${gpu_name:-unknown GPU}
{
    echo "# GPU check, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "Commit $commit; GPU: $gpu_name${driver:+, driver $driver}; $backend; $("$java" -version 2>&1 | head -1)."
    [[ $dry == 1 ]] && echo "**Dry run: nothing was executed.**"
    [[ -n $tornado ]] && echo "**Java GPU stages skipped: $tornado.**"
    echo
    echo "BERT-base shape (12 × 768, 12 heads), random weights, fp32, T=$seq, median of $reps after warm-up, ms. Ours:"
    echo "\`hifi bench --device gpu\` (dropout 0.1; HiFi k=1 computes only the selected slices of dW). PyTorch:"
    echo "torch_bert_bench.py on CUDA, TF32 off, dropout off (HiFi k=1: whole dW, non-selected heads masked by hooks)."
    echo
    echo "| B | ours forward | ours step, full | ours step, HiFi k=1 | PyTorch forward | PyTorch step, full | PyTorch step, HiFi k=1 |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
    for b in $batches; do
        log="$out/bench-gpu-b$b.log"
        f=$(bench_ms "$log" "forward (eval)"); s=$(bench_ms "$log" "train step, full"); h=$(bench_ms "$log" "train step, HiFi k=1")
        tf=$(json_value "$out/torch-full-b$b.json" forward_ms); ts=$(json_value "$out/torch-full-b$b.json" train_ms)
        th=$(json_value "$out/torch-hifi-b$b.json" hifi_train_ms)
        printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$b" "$(cell "$f")" "$(cell "$s")" "$(cell "$h")" \
            "$(cell "$tf")" "$(cell "$ts")" "$(cell "$th")"
        last_b=$b
        last=("$f" "$s" "$h" "$tf" "$ts" "$th")
    done
    for chain in $chains; do
        log="$out/bench-gpu-b${last_b:-?}-chain$chain.log"
        [[ -f $log ]] && echo && printf 'Chains of %s launches (default 16), B=%s: forward %s, step full %s, HiFi k=1 %s ms.\n' "$chain" "$last_b" \
            "$(cell "$(bench_ms "$log" "forward (eval)")")" "$(cell "$(bench_ms "$log" "train step, full")")" "$(cell "$(bench_ms "$log" "train step, HiFi k=1")")"
    done
    echo
    parity=$(grep -E 'Tests run: [0-9]+, Failures' "$out/parity.log" 2> /dev/null | grep -v 'Time elapsed' | tail -1 | sed 's/^.*Tests run/Tests run/')
    [[ -z $parity ]] && parity=$(grep -oE '[0-9]+ tests (successful|failed)' "$out/parity.log" 2> /dev/null | paste -sd, -)
    [[ -n $parity ]] && echo "Parity suite on the GPU: $parity." && echo
    peft=$(grep -F '"max_abs_diff"' "$out/peft-check.log" 2> /dev/null | tail -1)
    [[ -n $peft ]] && echo "Python peft loading this project's LoRA adapter (PeftExport): $peft" && echo
    if [[ -f $out/rte-hifi-k1/result.json ]]; then
        printf 'RTE, bge-small, hifi k=1, 3 epochs on the GPU: dev accuracy %.4f, wall %.1f s (rte-hifi-k1/result.json).\n' \
            "$(json_value "$out/rte-hifi-k1/result.json" score)" "$(json_value "$out/rte-hifi-k1/result.json" wall_seconds)"
        echo
    fi
    echo "| stage | status | s | log |"
    echo "|---|---|---:|---|"
    awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }' "$out/stages.tsv"
    echo
    echo "GPU hifi/PyTorch-hifi: $(ratio "${last[2]:-}" "${last[5]:-}") (B=${last_b:-?})"
    echo "GPU step/PyTorch: $(ratio "${last[1]:-}" "${last[4]:-}") forward/PyTorch: $(ratio "${last[0]:-}" "${last[3]:-}") ($gpu_name, $backend, $commit)"
} > "$out/summary.md"
echo "gpu-check: $out/summary.md"
tail -n 1 "$out/summary.md"
