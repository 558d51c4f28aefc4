#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Both directions of the LoRA adapter exchange with Python peft, on the engine's tiny-BERT fixture
# (engine/src/test/resources/fixtures/tiny-bert-lora):
#   Java -> peft: hifi.bench.PeftExport trains a LoRA adapter a few steps and saves it in peft's layout;
#                 python/peft_load_check.py loads it with PeftModel.from_pretrained and compares the logits.
#   peft -> Java: python/peft_export_check.py saves an adapter with peft's save_pretrained (random factors and saved
#                 modules); hifi.bench.PeftImportCheck loads it with this project's loader and compares the logits.
# Each check prints one JSON line and fails the script when the logits differ by more than 1e-4.
#
# Usage: PYTHON=/path/to/python benchmarks/peft-roundtrip.sh [OUT]     (default OUT: benchmarks/target/peft-roundtrip)
#   PYTHON   a python with torch, transformers and peft (default python3)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=jdk25.sh
source "$here/jdk25.sh"
python=${PYTHON:-python3}
out=${1:-$here/target/peft-roundtrip}
jar="$root/benchmarks/target/benchmarks.jar"
[[ -f $jar ]] || (cd "$root" && mvn -B -ntp -q -pl benchmarks -am package -DskipTests)
"$python" -c 'import torch, transformers, peft' 2> /dev/null \
    || { echo "peft-roundtrip: $python lacks torch, transformers or peft (set PYTHON)" >&2; exit 1; }
rm -rf "$out" && mkdir -p "$out"
run_java() { "$java" --add-modules jdk.incubator.vector -cp "$jar" "$@" 2>&1 | grep -v -e '^WARNING' -e 'has no checksums'; }

echo "java -> peft:"
run_java hifi.bench.PeftExport --base "$root/engine/src/test/resources/fixtures/tiny-bert-lora" --out "$out/java-to-peft"
"$python" "$here/python/peft_load_check.py" --base "$out/java-to-peft/base" --adapter "$out/java-to-peft/adapter" \
    --expected "$out/java-to-peft/expected.json" 2> "$out/java-to-peft.log"
echo "peft -> java:"
"$python" "$here/python/peft_export_check.py" --base "$out/java-to-peft/base" --out "$out/peft-to-java" 2> "$out/peft-to-java.log"
run_java hifi.bench.PeftImportCheck --base "$out/java-to-peft/base" --adapter "$out/peft-to-java/adapter" \
    --expected "$out/peft-to-java/expected.json"
