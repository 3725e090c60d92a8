#!/usr/bin/env bash
# QMP latency under 16 clients, with the server's GC pauses beside it, in one run:
#   benchmarks/scripts/qmp-latency.sh [--clients 16] [--commands 10000]
# Runs emuhost.jar with launcher/jvm.options (what ./emuhost runs with) plus -Xlog:gc, the seed's
# device (64 MiB backend) and a QMP socket; qmp-load.py drives it (p50/p99/p99.9/max as the
# clients see them). Then prints the GC log's pause count, total and longest pause. The anchor is
# QEMU 7.2 (-qtest, no guest) under the same mix from one client (its QMP chardev serves one
# client at a time: 16 clients would only queue behind each other).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/launcher/target/emuhost.jar"
[[ -f "$jar" ]] || { echo "build first: mvn -B -q -o package -DskipTests -pl launcher -am" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mapfile -t options < <(grep -v '^[[:space:]]*\(#\|$\)' "$root/launcher/jvm.options")
java "${options[@]}" "-Xlog:gc:file=$work/gc.log" -jar "$jar" -nodefaults -monitor none \
    -qmp "unix:$work/q.sock,server=on,wait=off" -m 1G,maxmem=4G \
    -object "memory-backend-file,id=m,share=on,mem-path=$work/a.img,size=64M" \
    -device virtio-pmem-pci,memdev=m,id=nv1 &
pid=$!
for _ in $(seq 100); do [[ -S "$work/q.sock" ]] && break; sleep 0.1; done
echo "== emuhost (launcher/jvm.options)"
python3 "$root/benchmarks/scripts/qmp-load.py" --socket "$work/q.sock" --pid "$pid" "$@"
kill "$pid"; wait "$pid" || true
python3 - "$work/gc.log" <<'PY'
import re, sys
pauses = [float(m.group(1)) for m in re.finditer(r"Pause.* (\d+\.\d+)ms", open(sys.argv[1]).read())]
print(f"  GC pauses {len(pauses)}, total {sum(pauses):.1f} ms, longest {max(pauses, default=0):.2f} ms")
PY
if command -v qemu-system-x86_64 >/dev/null; then
    qemu-system-x86_64 -machine pc -qtest null -display none -nodefaults -m 1G,maxmem=4G \
        -object "memory-backend-file,id=m,share=on,mem-path=$work/a.img,size=64M" \
        -device virtio-pmem-pci,memdev=m,id=nv1 -qmp "unix:$work/qq.sock,server=on,wait=off" &
    qpid=$!
    for _ in $(seq 100); do [[ -S "$work/qq.sock" ]] && break; sleep 0.1; done
    echo "== QEMU 7.2 (anchor)"
    timeout 300 python3 "$root/benchmarks/scripts/qmp-load.py" --socket "$work/qq.sock" --pid "$qpid" "$@" \
        --clients 1 || true
    kill "$qpid"; wait "$qpid" || true
fi
