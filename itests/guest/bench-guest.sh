#!/usr/bin/env bash
# Benchmark (not a test): the guest's `bench` workload on a virtio-pmem device, either QEMU's own
# virtio-pmem-pci (--attach native, the baseline) or emuhost's behind x-pci-proxy-dev (--attach
# emuhost: a fresh emuhost per run, with the pci-serial doorbell). Prints a Markdown section for
# docs/benchmarks.md on stdout (progress goes to stderr), including a machine-readable comment line:
#   <!-- emuhost-bench attach=native ... fsync_append_us=... fsync_overwrite_us=... seq_write_mib_s=... -->
# bench-compare.sh runs both and writes their ratio.
#
#   bench-guest.sh [--n N] [--mib M] [--size SIZE] [--runs R] [--dir DIR] [--cache DIR] [--jar JAR]
#     --n N       iterations of each 4 KiB write+fsync loop (default 1000)
#     --mib M     MiB of the sequential write (default 256)
#     --size SIZE pmem backing size (default 1G; must hold M MiB plus the filesystem)
#     --runs R    boots, each on a fresh sparse backing file; the table shows each run and the median (default 1)
#     --dir DIR   where the backing file goes (default: CACHE/bench); its filesystem is what the host fsyncs
#     --attach KIND  native (default), emuhost, or proxy with --proxy-fd N / --proxy-socket PATH
#                    (a remote of your own, passed to boot-qemu-pmem.sh)
#     --jar PATH     emuhost.jar for --attach emuhost (default: the project's ./emuhost)
set -euo pipefail
LOG_TAG=bench-guest
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

N=1000
MIB=256
SIZE=1G
RUNS=1
DIR=""
CACHE_ARGS=()
ATTACH_ARGS=()
ATTACH=native
JAR=""
ORIG_ARGS=("$@")

while [[ $# -gt 0 ]]; do
  case "$1" in
    --n) N="${2:?}"; shift 2 ;;
    --mib) MIB="${2:?}"; shift 2 ;;
    --size) SIZE="${2:?}"; shift 2 ;;
    --runs) RUNS="${2:?}"; shift 2 ;;
    --dir) DIR="${2:?}"; shift 2 ;;
    --cache) CACHE_ARGS=(--cache "${2:?}"); shift 2 ;;
    --attach) ATTACH="${2:?}"; [[ "$2" == emuhost ]] || ATTACH_ARGS+=(--attach "$2"); shift 2 ;;
    --jar) JAR="${2:?}"; shift 2 ;;
    --proxy-fd|--proxy-socket) ATTACH_ARGS+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ "$N" =~ ^[0-9]+$ && "$MIB" =~ ^[0-9]+$ && "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "--n, --mib and --runs take positive integers"
(( MIB * 1024 * 1024 + 64 * 1024 * 1024 <= $(size_to_bytes "$SIZE") )) \
  || die "--size $SIZE is too small for a $MIB MiB sequential write (leave 64 MiB for the filesystem)"

if [[ -z "$DIR" ]]; then
  if [[ ${#CACHE_ARGS[@]} -gt 0 ]]; then DIR="${CACHE_ARGS[1]}/bench"; else DIR="$(default_cache_dir)/bench"; fi
fi
mkdir -p "$DIR" || die "cannot create $DIR"
BACKING="$DIR/pmem-bench.img"

load_guest_env --quiet "${CACHE_ARGS[@]}"
trap 'emuhost_stop' EXIT

# value KEY LINES: the value of KEY= in the "EMUHOST-RESULT bench=..." lines
value() { grep -o "$1=[0-9.]*" <<<"$2" | head -n1 | cut -d= -f2; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.1f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# host reference: 4 KiB O_DSYNC overwrites on the backing's filesystem (what a guest flush ends in)
host_dsync_us() {
  local f="$DIR/.host-dsync.tmp" t0 t1
  dd if=/dev/zero of="$f" bs=4096 count=16 conv=fsync status=none
  t0="$(date +%s%N)"
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do
    dd if=/dev/zero of="$f" bs=4096 count=16 oflag=dsync conv=notrunc status=none
  done
  t1="$(date +%s%N)"
  rm -f "$f"
  awk -v ns="$((t1 - t0))" 'BEGIN {printf "%.1f", ns / 192 / 1000}'
}

declare -a HOST_US APP_US APP_OPS OW_US OW_OPS WO_US SEQ_MIBS INIT_S TOTAL_S LOAD1
LOG=""
for ((r = 1; r <= RUNS; r++)); do
  LOAD1+=("$(cut -d' ' -f1 /proc/loadavg)")
  HOST_US+=("$(host_dsync_us)")
  log "run $r/$RUNS (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  LOG="$DIR/bench-run$r.log"
  if [[ "$ATTACH" == emuhost ]]; then
    # emuhost maps the backing file first, so it is made fresh here and not by the boot
    rm -f "$BACKING"; truncate -s "$SIZE" "$BACKING"
    emuhost_start "$DIR" "$BACKING" "$SIZE" "$JAR" 1
    out="$(EMUHOST_PROXY_DOORBELL="$EMUHOST_KICK" "$GUEST_DIR/boot-qemu-pmem.sh" "${CACHE_ARGS[@]}" \
            --attach proxy --proxy-socket "$EMUHOST_SOCKET" --log "$LOG" \
            --append "emuhost.n=$N emuhost.mib=$MIB" bench "$BACKING")" \
      || { printf '%s\n' "$out" >&2; die "bench boot $r failed (console log: $LOG, emuhost: $EMUHOST_LOG)"; }
    emuhost_stop
  else
    out="$("$GUEST_DIR/boot-qemu-pmem.sh" "${CACHE_ARGS[@]}" "${ATTACH_ARGS[@]}" --fresh --size "$SIZE" \
            --log "$LOG" --append "emuhost.n=$N emuhost.mib=$MIB" bench "$BACKING")" \
      || { printf '%s\n' "$out" >&2; die "bench boot $r failed (console log: $LOG)"; }
  fi
  APP_US+=("$(value us_per_op "$(grep 'bench=fsync_append ' <<<"$out")")")
  APP_OPS+=("$(value ops_per_s "$(grep 'bench=fsync_append ' <<<"$out")")")
  OW_US+=("$(value us_per_op "$(grep 'bench=fsync_overwrite ' <<<"$out")")")
  OW_OPS+=("$(value ops_per_s "$(grep 'bench=fsync_overwrite ' <<<"$out")")")
  WO_US+=("$(value us_per_op "$(grep 'bench=write_only_overwrite ' <<<"$out")")")
  SEQ_MIBS+=("$(value mib_per_s "$(grep 'bench=seq_write ' <<<"$out")")")
  INIT_S+=("$(value host_to_init_s "$out")")
  TOTAL_S+=("$(value host_total_s "$out")")
done
rm -f "$BACKING"

row() { # LABEL VALUES...
  local label="$1"; shift
  printf '| %s |' "$label"
  printf ' %s |' "$@"
  [[ $RUNS -gt 1 ]] && printf ' **%s** |' "$(median "$@")"
  echo
}

qemu_cmd="$(sed -n '1s/^# //p' "$LOG")"
kpkg_line="$(grep '^package linux-image-' "$GUEST_INFO" | cut -d' ' -f2,3)"
cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
{
  echo "### virtio-pmem, $ATTACH attachment ($(date -u +%Y-%m-%d))"
  echo
  echo "- command: \`$(quote_cmd itests/guest/bench-guest.sh "${ORIG_ARGS[@]}")\`"
  echo "- machine: $(nproc) CPUs ($cpu), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), host kernel $(uname -r); load average before each run: ${LOAD1[*]}"
  echo "- QEMU: $(qemu-system-x86_64 --version | head -n1), TCG, one vCPU"
  echo "- guest: Debian $kpkg_line ($GUEST_KVER), busybox initramfs, ext4 on /dev/pmem0 mounted -o dax; workload: itests/guest/init.sh bench"
  echo "- backing: fresh sparse $SIZE file on $(df -T "$DIR" | awk 'NR == 2 {print $2 " (" $1 ")"}')"
  echo "- QEMU command: \`$qemu_cmd\`"
  echo
  printf '| metric |'; for ((r = 1; r <= RUNS; r++)); do printf ' run %d |' "$r"; done
  [[ $RUNS -gt 1 ]] && printf ' median |'; echo
  printf '|---|'; for ((r = 1; r <= RUNS; r++)); do printf -- '---|'; done; [[ $RUNS -gt 1 ]] && printf -- '---|'; echo
  row "4 KiB append + fsync, µs/op ($N ops)" "${APP_US[@]}"
  row "4 KiB append + fsync, ops/s" "${APP_OPS[@]}"
  row "4 KiB overwrite + fsync, µs/op ($N ops)" "${OW_US[@]}"
  row "4 KiB overwrite + fsync, ops/s" "${OW_OPS[@]}"
  row "4 KiB overwrite, no fsync (write path + tool cost), µs/op" "${WO_US[@]}"
  row "sequential write $MIB MiB + fsync + sync, MiB/s" "${SEQ_MIBS[@]}"
  row "host: 4 KiB O_DSYNC overwrite on the backing's filesystem, µs/op (192 ops, before the boot)" "${HOST_US[@]}"
  row "QEMU start to /init, s" "${INIT_S[@]}"
  row "whole boot, s" "${TOTAL_S[@]}"
  echo
  printf '<!-- emuhost-bench attach=%s n=%s mib=%s runs=%s fsync_append_us=%s fsync_overwrite_us=%s write_only_us=%s seq_write_mib_s=%s host_dsync_us=%s -->\n' \
    "$ATTACH" "$N" "$MIB" "$RUNS" "$(median "${APP_US[@]}")" "$(median "${OW_US[@]}")" "$(median "${WO_US[@]}")" "$(median "${SEQ_MIBS[@]}")" "$(median "${HOST_US[@]}")"
}
