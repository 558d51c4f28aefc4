# shellcheck shell=bash
# Sourced by the benchmark scripts: keeps JAVA_HOME when it is a JDK 25, else points it at Temurin 25's Debian path.
# Sets: java.
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -q '"25'; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
# shellcheck disable=SC2034  # used by the scripts that source this file
java="$JAVA_HOME/bin/java"
