#!/usr/bin/env bash
# The resident device plan of a BERT-base training step (B=32, T=128), computed without a GPU or TornadoVM: graph
# executions per step, bytes host→device and device→host per step after the first, for HiFi k=1 and full fine-tuning,
# with a table of the graphs of one step (hifi.bench.GpuPlanHarness over hifi.engine.plan.DevicePlanner).
# The last line is full fine-tuning's "executions/step: N bytes-up/step: U bytes-down/step: D".
#
# Usage: benchmarks/gpu-plan.sh [--batch 32] [--seq 128] [--steps 3] [--max-tasks 256]
set -euo pipefail
source "$(dirname "$0")/harness-common.sh"
"$java" -Xmx2g -cp "$jar" hifi.bench.GpuPlanHarness "$@"
