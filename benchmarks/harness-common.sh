# shellcheck shell=bash source-path=SCRIPTDIR
# Sourced by the compare-*.sh harnesses: finds JDK 25, (re)builds benchmarks.jar when sources changed, and installs
# Debian packages a harness needs. Sets: here, root, java, jar; defines need_debian_packages.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")

# shellcheck source=jdk25.sh
source "$here/jdk25.sh"

jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]] || [[ -n "$(find "$root"/*/src/main -newer "$jar" -name '*.java' -print -quit)" ]]; then
    echo "# building $jar" >&2
    (cd "$root" && mvn -q -pl benchmarks -am package -DskipTests) >&2
fi

# need_debian_packages "python module to import" package... : installs the packages when the import fails.
need_debian_packages() {
    local module=$1; shift
    if ! /usr/bin/python3 -c "import $module" 2>/dev/null; then
        echo "# installing $* (Debian)" >&2
        local sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
        "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "$@" >&2
    fi
}
