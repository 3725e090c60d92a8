#!/usr/bin/env bash
# Benchmark (not a test): the guest's `bench` workload (4 KiB write+fsync loops on DAX ext4, and a
# sequential write) on QEMU's own virtio-pmem-pci and on emuhost's behind x-pci-proxy-dev, same
# kernel, same host, runs alternating; prints both sections of bench-guest.sh and a table of the
# medians with the ratio emuhost/QEMU, ready for docs/benchmarks.md.
#
#   bench-compare.sh [--runs R] [bench-guest.sh options: --n N --mib M --size SIZE --dir DIR --cache DIR --jar JAR]
set -euo pipefail
LOG_TAG=bench-compare
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RUNS=3
ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="${2:?--runs needs a number}"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

# alternate one run of each, so that both see the same host load over time
native=(); emuhost=()
for ((r = 1; r <= RUNS; r++)); do
  log "round $r/$RUNS: QEMU's virtio-pmem-pci"
  native+=("$("$GUEST_DIR/bench-guest.sh" --attach native --runs 1 "${ARGS[@]}")")
  log "round $r/$RUNS: emuhost behind x-pci-proxy-dev"
  emuhost+=("$("$GUEST_DIR/bench-guest.sh" --attach emuhost --runs 1 "${ARGS[@]}")")
done

# metric SECTIONS... KEY: the values of KEY in the sections' emuhost-bench comment lines
metric() {
  local key="${*: -1}" section
  for section in "${@:1:$#-1}"; do
    grep -o "emuhost-bench .*" <<<"$section" | grep -o " $key=[0-9.]*" | cut -d= -f2
  done
}
median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf '%s\n\n' "${native[@]}" "${emuhost[@]}"
echo "### emuhost / QEMU, medians of $RUNS alternating runs each"
echo
echo "| metric | QEMU virtio-pmem-pci | emuhost via x-pci-proxy-dev | emuhost / QEMU |"
echo "|---|---|---|---|"
for key in fsync_append_us fsync_overwrite_us write_only_us seq_write_mib_s; do
  n="$(metric "${native[@]}" "$key" | median)"
  e="$(metric "${emuhost[@]}" "$key" | median)"
  awk -v k="$key" -v n="$n" -v e="$e" 'BEGIN {printf "| %s | %s | %s | %.2f |\n", k, n, e, (n > 0 ? e / n : 0)}'
done
