#!/usr/bin/env bash
# Start-up of a 1 TiB sparse virtio-pmem backend against the same command with a 64 MiB backend
# (the anchor), alternating in one run, median of N (default 5):
#   benchmarks/scripts/sparse-tib.sh [N]
# Each run: -nodefaults -m 1G,slots=2,maxmem=2T -cpu qemu64,phys-bits=48
#   -object memory-backend-file,id=m1,share=on,mem-path=FILE,size=SIZE -device virtio-pmem-pci,memdev=m1,id=nv1
#   -monitor stdio, with "info memory-devices" and "quit" on stdin; wall time and peak RSS (VmHWM)
# by /usr/bin/time. QEMU 7.2 runs the same command when qemu-system-x86_64 is installed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$root/launcher/target/emuhost.jar"
[[ -f "$jar" ]] || { echo "build first: mvn -B -o package -pl launcher -am -DskipTests -DskipITs" >&2; exit 1; }
n="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mapfile -t jvm < <(grep -v '^[[:space:]]*\(#\|$\)' "$root/launcher/jvm.options")

# one run: prints "seconds peak-KiB"; checks the device landed at 1 TiB
run() {
    local program="$1" size="$2"
    rm -f "$work/pmem.img"
    local -a cmd
    if [[ "$program" == emuhost ]]; then cmd=(java "${jvm[@]}" -jar "$jar"); else cmd=(qemu-system-x86_64 -display none); fi
    printf 'info memory-devices\nquit\n' | /usr/bin/time -f '%e %M' -o "$work/time" "${cmd[@]}" -nodefaults \
        -m 1G,slots=2,maxmem=2T -cpu qemu64,phys-bits=48 \
        -object "memory-backend-file,id=m1,share=on,mem-path=$work/pmem.img,size=$size" \
        -device virtio-pmem-pci,memdev=m1,id=nv1 -monitor stdio > "$work/out" 2>&1
    grep -q 'memaddr: 0x10000000000' "$work/out" || { echo "$program $size did not start:" >&2; cat "$work/out" >&2; exit 1; }
    local allocated; allocated=$(( $(stat -c %b "$work/pmem.img") * 512 ))
    echo "$(cat "$work/time") $allocated"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

programs=(emuhost)
command -v qemu-system-x86_64 > /dev/null && programs+=(qemu)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(java -version 2>&1 | head -1)"
for p in "${programs[@]}"; do
    : > "$work/$p-64M"; : > "$work/$p-1T"
done
for _ in $(seq "$n"); do
    for p in "${programs[@]}"; do
        run "$p" 64M >> "$work/$p-64M"
        run "$p" 1T >> "$work/$p-1T"
    done
done
printf '%-8s %-5s %10s %14s %16s\n' program size "wall s" "peak RSS MiB" "file alloc KiB"
for p in "${programs[@]}"; do
    for s in 64M 1T; do
        f="$work/$p-$s"
        printf '%-8s %-5s %10s %14s %16s\n' "$p" "$s" "$(cut -d' ' -f1 "$f" | median)" \
            "$(cut -d' ' -f2 "$f" | median | awk '{printf "%.1f", $1/1024}')" \
            "$(cut -d' ' -f3 "$f" | median | awk '{printf "%d", $1/1024}')"
    done
done
echo "(median of $n; 64M is the anchor: the same command with a 64 MiB backend, alternating with 1T)"
