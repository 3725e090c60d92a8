#!/usr/bin/env bash
# emuhost's memory under a QMP load, with the JVM options of launcher/jvm.options (what ./emuhost
# runs with) and with the JVM's defaults, in one run:
#   benchmarks/scripts/qmp-memory.sh [--clients 16] [--commands 20000]
# Each run: emuhost with the seed's device (64 MiB backend), a QMP socket, qmp-load.py against it,
# then quit. Prints qmp-load.py's report (replies/s, latency, VmRSS/VmHWM before, after, idle).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/launcher/target/emuhost.jar"
[[ -f "$jar" ]] || { echo "build first: mvn -q -B -DskipTests -DskipITs install" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

run() {
    local label="$1"; shift
    rm -f "$work/q.sock"
    java "$@" -jar "$jar" -nodefaults -monitor none -qmp "unix:$work/q.sock,server=on,wait=off" \
        -m 1G,maxmem=4G -object "memory-backend-file,id=m,share=on,mem-path=$work/a.img,size=64M" \
        -device virtio-pmem-pci,memdev=m,id=nv1 &
    local pid=$!
    for _ in $(seq 100); do [[ -S "$work/q.sock" ]] && break; sleep 0.1; done
    echo "== $label: java $*"
    python3 "$root/benchmarks/scripts/qmp-load.py" --socket "$work/q.sock" --pid "$pid" "${load[@]}"
    kill "$pid"; wait "$pid" || true
}

load=("$@")
mapfile -t options < <(grep -v '^[[:space:]]*\(#\|$\)' "$root/launcher/jvm.options")
run "launcher/jvm.options" "${options[@]}"
run "JVM defaults"
