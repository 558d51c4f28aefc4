#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Packs what benchmarks/gpu-check.sh needs on a GPU machine that has neither network nor Maven nor a JDK into one
# archive: a JDK 25 runtime (jlink), the installed TornadoVM SDK in TORNADOVM_HOME (without its examples, tests and
# benchmarks; its argfile rewritten for PREFIX), hifi.jar built with -Ptornado (without the demo's bundled model), the
# TornadoVM suite's compiled tests and the JUnit console launcher, and env.sh, which sets JAVA_HOME, TORNADOVM_HOME,
# JAR and TEST_CP for gpu-check.sh. It builds nothing of TornadoVM.
#
# Usage: TORNADOVM_HOME=/path/to/sdk benchmarks/gpu-bundle.sh [ARCHIVE]     (default benchmarks/target/gpu-bundle.tar.xz)
#   PREFIX   where the archive is unpacked on the GPU machine (default /opt/hifi-gpu): tar -C / -xJf ARCHIVE
#   TORNADOVM_CUDA_HOME  an SDK of the same TornadoVM version built with the CUDA backend too: its CUDA driver jars
#            and native libraries (about 1.4 MB) go along as an overlay on the OpenCL SDK, with an argfile for both
#            backends; env.sh sets TORNADOVM_CUDA_ARGFILE, and gpu-check.sh times bench on the CUDA device as well
#   GLUE     a glue_data folder: its RTE train and dev files go along (0.4 MB packed) and env.sh sets GLUE, for
#            gpu-check.sh's RTE stage (the model comes from the machine's Hugging Face cache, if it has one)
# Then, from the repository root there:  source /opt/hifi-gpu/env.sh && benchmarks/gpu-check.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
# shellcheck source=jdk25.sh
source "$here/jdk25.sh"
prefix=${PREFIX:-/opt/hifi-gpu}
archive=${1:-$here/target/gpu-bundle.tar.xz}
[[ -f "${TORNADOVM_HOME:-}/tornado-argfile" ]] || { echo "gpu-bundle: TORNADOVM_HOME is not a TornadoVM SDK with a tornado-argfile" >&2; exit 1; }
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' "$root/pom.xml")
console="org.junit.platform:junit-platform-console-standalone:1.${junit#5.}"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir="$stage${prefix}"
mkdir -p "$dir/tests"
(cd "$root" && mvn -B -ntp -q -Ptornado package -DskipTests && mvn -B -ntp -q -Ptornado test-compile -pl tornado -am) >&2
mvn -B -ntp -q dependency:copy -Dartifact="$console" -DoutputDirectory="$dir" >&2
cp "$root/glue/target/hifi.jar" "$dir/hifi.jar"
zip -q -d "$dir/hifi.jar" 'all-minilm-l6-v2*' > /dev/null || true
"$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -cp "$root/benchmarks/target/benchmarks.jar" hifi.bench.PeftExport \
    --base "$root/engine/src/test/resources/fixtures/tiny-bert-lora" --out "$dir/peft-check" 2>&1 | grep -v WARNING >&2
cp -r "$root/engine/target/test-classes" "$dir/tests/engine"
cp -r "$root/tornado/target/test-classes" "$dir/tests/tornado"

glue_line=""
if [[ -n "${GLUE:-}" ]]; then
    [[ -f "$GLUE/RTE/train.tsv" && -f "$GLUE/RTE/dev.tsv" ]] || { echo "gpu-bundle: GLUE=$GLUE has no RTE/train.tsv and RTE/dev.tsv" >&2; exit 1; }
    mkdir -p "$dir/glue/RTE" && cp "$GLUE/RTE/train.tsv" "$GLUE/RTE/dev.tsv" "$dir/glue/RTE/"
    glue_line="export GLUE=$prefix/glue"
fi

cuda_line=""
if [[ -n "${TORNADOVM_CUDA_HOME:-}" ]]; then
    [[ -f "$TORNADOVM_CUDA_HOME/tornado-argfile" && -f "$TORNADOVM_CUDA_HOME/lib/libtornado-cuda.so" ]] \
        || { echo "gpu-bundle: TORNADOVM_CUDA_HOME=$TORNADOVM_CUDA_HOME is not an SDK with the CUDA backend" >&2; exit 1; }
    mkdir -p "$dir/cuda/java" "$dir/cuda/lib"
    cp "$TORNADOVM_CUDA_HOME"/share/java/tornado/tornado-drivers-cu*.jar "$dir/cuda/java/"
    cp "$TORNADOVM_CUDA_HOME"/lib/libtornado-cu*.so "$dir/cuda/lib/"
    # its argfile, with the OpenCL SDK's jars plus the overlay on the module and library paths
    sed -e "s#$TORNADOVM_CUDA_HOME/share/java/tornado#$prefix/sdk/share/java/tornado:$prefix/cuda/java#" \
        -e "s#$TORNADOVM_CUDA_HOME/lib#$prefix/sdk/lib:$prefix/cuda/lib#" -e "s#$TORNADOVM_CUDA_HOME#$prefix/sdk#g" \
        "$TORNADOVM_CUDA_HOME/tornado-argfile" > "$dir/cuda/tornado-argfile"
    cuda_line="export TORNADOVM_CUDA_ARGFILE=$prefix/cuda/tornado-argfile"
fi

cp -r "$TORNADOVM_HOME" "$dir/sdk"
rm -rf "$dir/sdk/examples"
( cd "$dir/sdk/share/java" && rm -f tornado/tornado-{benchmarks,unittests,examples,fuzz,matrices}-*.jar tornado/{lucene,jmh,jopt,junit,hamcrest,ejml}-*.jar \
    graalJars/truffle-api-*.jar graalJars/polyglot-*.jar )
sed -i "s#$TORNADOVM_HOME#$prefix/sdk#g" "$dir/sdk/tornado-argfile"

"$JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector,jdk.internal.vm.ci,java.desktop,java.naming,java.sql,java.instrument,java.xml,java.compiler,java.scripting,jdk.jfr \
    --strip-debug --no-header-files --no-man-pages --output "$dir/jre" 2> /dev/null

cat > "$dir/env.sh" <<ENV
export JAVA_HOME=$prefix/jre TORNADOVM_HOME=$prefix/sdk JAR=$prefix/hifi.jar
export TEST_CP=$prefix/$(basename "$dir"/junit-platform-console-standalone-*.jar):$prefix/tests/tornado:$prefix/tests/engine
export PATH=$prefix/jre/bin:\$PATH PEFT_CHECK=$prefix/peft-check
$glue_line
$cuda_line
ENV
mkdir -p "$(dirname "$archive")"
tar -C "$stage" -cJf "$archive.tmp" "${prefix#/}" && mv "$archive.tmp" "$archive"
echo "gpu-bundle: $archive ($(du -h "$archive" | cut -f1)); unpack with: tar -C / -xJf $(basename "$archive")"
