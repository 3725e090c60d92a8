#!/usr/bin/env bash
# Benchmark (not a test): the guest's static C flush loop (benchmarks/guest/pmem-flush-bench.c, in the
# image built by itests/guest/build-guest.sh) on QEMU's own virtio-pmem-pci and on emuhost's behind
# x-pci-proxy-dev, same kernel and image, boots alternating; prints each run and a Markdown table of
# the medians (per-op median and p99 latency, ops/s) with the ratio emuhost / QEMU, for file (DAX ext4)
# and raw (/dev/pmem0) x 1 and 4 writers.
#
#   benchmarks/scripts/guest-flush.sh [--runs R] [--n N] [--size SIZE] [--dir DIR] [--jar JAR]
#     --runs R   boots of each attachment (default 2)     --n N  ops per writer and mode (default 500)
#     --size     backing size (default 512M)              --dir  backing/logs (default CACHE/guest-flush)
#     --jar      emuhost.jar (default: the project's ./emuhost)
#     --only K   boot only K (native or emuhost): for a traced run
# With EMUHOST_STRACE=FILE, emuhost runs under `strace -f -T -tt -o FILE` (slower: a breakdown, not a figure).
set -euo pipefail
GUEST_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../itests/guest" && pwd)"
LOG_TAG=guest-flush
# shellcheck source=../../itests/guest/lib.sh
source "$GUEST_DIR/lib.sh"

RUNS=2; N=500; SIZE=512M; DIR=""; JAR=""; KINDS="native emuhost"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="${2:?}"; shift 2 ;;
    --n) N="${2:?}"; shift 2 ;;
    --size) SIZE="${2:?}"; shift 2 ;;
    --dir) DIR="${2:?}"; shift 2 ;;
    --jar) JAR="${2:?}"; shift 2 ;;
    --only) KINDS="${2:?}"; [[ "$2" == native || "$2" == emuhost ]] || die "--only takes native or emuhost"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ "$RUNS" =~ ^[1-9][0-9]*$ && "$N" =~ ^[1-9][0-9]*$ ]] || die "--runs and --n take positive integers"
[[ -n "$DIR" ]] || DIR="$(default_cache_dir)/guest-flush"
mkdir -p "$DIR"
BACKING="$DIR/pmem.img"
load_guest_env --quiet
trap 'emuhost_stop' EXIT

# boot ATTACH RUN: prints the guest's cbench lines prefixed with "ATTACH "
boot() {
  local attach="$1" r="$2" out log="$DIR/$1-run$2.log"
  if [[ "$attach" == emuhost ]]; then
    rm -f "$BACKING"; truncate -s "$SIZE" "$BACKING"
    emuhost_start "$DIR" "$BACKING" "$SIZE" "$JAR" 1
    if [[ -n "${EMUHOST_STRACE:-}" ]]; then
      strace -f -T -tt -o "$EMUHOST_STRACE" -p "$EMUHOST_PID" 2>/dev/null & STRACE_PID=$!
      sleep 2
    fi
    out="$(EMUHOST_PROXY_DOORBELL="$EMUHOST_KICK" "$GUEST_DIR/boot-qemu-pmem.sh" --attach proxy \
            --proxy-socket "$EMUHOST_SOCKET" --log "$log" --timeout 1800 \
            --append "emuhost.n=$N emuhost.cbench=1" bench "$BACKING")" \
      || { printf '%s\n' "$out" >&2; die "emuhost boot $r failed (console: $log, emuhost: $EMUHOST_LOG)"; }
    log "emuhost statistics: $(emuhost_qmp x-query-virtio-pmem 2>/dev/null | head -c 600)"
    emuhost_stop
    [[ -z "${STRACE_PID:-}" ]] || { wait "$STRACE_PID" 2>/dev/null || true; STRACE_PID=""; }
  else
    out="$("$GUEST_DIR/boot-qemu-pmem.sh" --fresh --size "$SIZE" --log "$log" --timeout 1800 \
            --append "emuhost.n=$N emuhost.cbench=1" bench "$BACKING")" \
      || { printf '%s\n' "$out" >&2; die "native boot $r failed (console: $log)"; }
  fi
  grep -o 'cbench=.*' <<<"$out" | sed "s/^/$attach /"
}

ALL=""
for ((r = 1; r <= RUNS; r++)); do
  for attach in $KINDS; do
    log "round $r/$RUNS: $attach (load average $(cut -d' ' -f1 /proc/loadavg))"
    lines="$(boot "$attach" "$r")"
    printf '%s\n' "$lines" >&2
    ALL+="$lines"$'\n'
  done
done
rm -f "$BACKING"

# med ATTACH MODE WRITERS KEY: median over the runs
med() {
  awk -v a="$1" -v m="cbench=$2" -v w="writers=$3" -v k="$4" '$1 == a && $2 == m && $3 == w {
      for (i = 4; i <= NF; i++) { split($i, kv, "="); if (kv[1] == k) print kv[2] } }' <<<"$ALL" \
    | sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "?"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
echo "### Guest flush loop (static C), medians of $RUNS alternating boots each ($(date -u +%Y-%m-%d))"
echo
echo "- command: \`benchmarks/scripts/guest-flush.sh --runs $RUNS --n $N --size $SIZE\`"
echo "- machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), host kernel $(uname -r); backing on $(df -T "$DIR" | awk 'NR == 2 {print $2}')"
echo "- QEMU: $(qemu-system-x86_64 --version | head -n1), TCG, one vCPU; guest: Debian $GUEST_KVER"
echo
echo "| loop | writers | QEMU median µs | emuhost median µs | × | QEMU p99 µs | emuhost p99 µs | QEMU ops/s | emuhost ops/s | emuhost/QEMU throughput |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for mode in file raw; do
  for w in 1 4; do
    qm="$(med native "$mode" "$w" median_us)"; em="$(med emuhost "$mode" "$w" median_us)"
    qp="$(med native "$mode" "$w" p99_us)"; ep="$(med emuhost "$mode" "$w" p99_us)"
    qo="$(med native "$mode" "$w" ops_per_s)"; eo="$(med emuhost "$mode" "$w" ops_per_s)"
    awk -v m="$mode" -v w="$w" -v qm="$qm" -v em="$em" -v qp="$qp" -v ep="$ep" -v qo="$qo" -v eo="$eo" 'BEGIN {
      printf "| %s | %d | %s | %s | %.2f | %s | %s | %s | %s | %.2f |\n", m, w, qm, em, (qm > 0 ? em / qm : 0), qp, ep, qo, eo, (qo > 0 ? eo / qo : 0) }'
  done
done
