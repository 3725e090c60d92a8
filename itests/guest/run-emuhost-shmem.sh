#!/usr/bin/env bash
# VIRTIO_PMEM_F_SHMEM_REGION with a real guest, in one command: Debian's 6.12 kernel (whose
# virtio_pmem finds the pmem in shared memory region 0) on emuhost's virtio-pmem-pci with
# shmem-region=on, served over QEMU's multi-process protocol. None of QEMU, Cloud Hypervisor,
# Firecracker or crosvm offers this feature; this run is the proof that emuhost's does what the
# spec says (virtio 1.2 §5.19.5.2) for a driver that was not written by us.
#
# Steps: builds the 6.12 guest (cached) and, on first use, emuhost.jar; starts emuhost with the
# device (x-bar64=off: BAR2, the region, is a 32-bit BAR the proxy can map) and an x-remote-object
# with its default auto-shutdown=on; boots the guest in QEMU (TCG) with x-pci-proxy-dev and no
# pc-dimm, in `blocks` mode (raw 4 KiB blocks written to /dev/pmem0 with fsync, read back); checks
#   guest      the guest passed: /dev/pmem0 has the configured size, the blocks read back
#   feature    the driver negotiated VIRTIO_PMEM_F_SHMEM_REGION (feature bit 0)
#   host-file  each block the guest wrote is in the backing file, at its offset
#   exit       emuhost ended by itself with status 0 once QEMU's connection closed (auto-shutdown)
#   log        emuhost (at INFO) logged that close once and its exit, and no warning or error (no
#              DEVICE_NEEDS_RESET from the teardown)
#
#   run-emuhost-shmem.sh [--dir DIR] [--size SIZE] [--jar EMUHOST_JAR] [--cache DIR] [--timeout SECS]
#                        [--verbose]
#     --dir DIR      where pmem.img, the sockets and the logs go (default: CACHE/emuhost-shmem)
#     --size SIZE    backing size (default 256M, a multiple of 2 MiB, at most 2G: one 32-bit BAR)
#     --jar PATH     an emuhost.jar to run (default: the project's ./emuhost, which builds it once)
#
# Prints "EMUHOST-GUEST <step>=PASS|FAIL ..." lines and ends with "emuhost-shmem: N passed, N failed";
# exit 0 only if every step passed. emuhost's output is in DIR/emuhost.log.
set -euo pipefail
LOG_TAG=emuhost-shmem
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export EMUHOST_GUEST_KERNEL="${EMUHOST_GUEST_KERNEL:-6.12}"

DIR=""
SIZE=256M
JAR=""
TIMEOUT=300
CACHE_ARGS=()
BOOT_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="${2:?--dir needs a directory}"; shift 2 ;;
    --size) SIZE="${2:?--size needs a value}"; shift 2 ;;
    --jar) JAR="${2:?--jar needs a path}"; shift 2 ;;
    --cache) CACHE_ARGS=(--cache "${2:?--cache needs a directory}"); shift 2 ;;
    --timeout) TIMEOUT="${2:?--timeout needs seconds}"; shift 2 ;;
    --verbose|-v) BOOT_ARGS+=(--verbose); shift ;;
    -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
if [[ -z "$DIR" ]]; then
  if [[ ${#CACHE_ARGS[@]} -gt 0 ]]; then DIR="${CACHE_ARGS[1]}/emuhost-shmem"; else DIR="$(default_cache_dir)/emuhost-shmem"; fi
fi
ensure_tools java:openjdk-17-jre-headless perl:perl-base
mkdir -p "$DIR" || die "cannot create $DIR"
DIR="$(cd "$DIR" && pwd)"
IMG="$DIR/pmem.img"

passed=0; failed=0
result() { # STEP PASS|FAIL [detail]
  echo "EMUHOST-GUEST $1=$2${3:+ $3}"
  if [[ $2 == PASS ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
finish() {
  emuhost_stop
  echo "emuhost-shmem: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
trap 'emuhost_stop' EXIT

load_guest_env --quiet "${CACHE_ARGS[@]}"
rm -f "$IMG"
truncate -s "$SIZE" "$IMG"
EMUHOST_LOG_LEVEL=INFO emuhost_start "$DIR" "$IMG" "$SIZE" "$JAR" 1 ",shmem-region=on"

log "blocks boot ($GUEST_KVER): virtio_pmem over shared memory region 0, raw blocks to /dev/pmem0 with fsync"
if out="$(EMUHOST_PROXY_DOORBELL="$EMUHOST_KICK" "$GUEST_DIR/boot-qemu-pmem.sh" "${CACHE_ARGS[@]}" "${BOOT_ARGS[@]}" \
    --timeout "$TIMEOUT" --attach proxy_shmem --proxy-socket "$EMUHOST_SOCKET" --log "$DIR/guest.blocks.log" \
    blocks "$IMG")"; then
  printf '%s\n' "$out"; result guest PASS
else
  printf '%s\n' "$out"; result guest FAIL "(console: $DIR/guest.blocks.log)"
fi

if grep -q '^EMUHOST-RESULT features=.* shmem_region=1$' <<<"$out"; then
  result feature PASS "$(grep -o 'features=[01]*' <<<"$out")"
else
  result feature FAIL "VIRTIO_PMEM_F_SHMEM_REGION not negotiated: $(grep 'EMUHOST-RESULT features=' <<<"$out" || echo 'no features line')"
fi

log "host check: the blocks the guest wrote are in the backing file"
blocks=0; bad=""
while read -r _ _ dev pattern count sha; do
  dev="${dev#dev=}"; pattern="${pattern#pattern=}"; count="${count#count=}"; sha="${sha#sha256=}"
  host="$(dd if="$IMG" bs=4096 skip="$dev" count="$count" 2>/dev/null | sha256sum | cut -d' ' -f1)"
  want="$(dd if="$GUEST_PATTERN" bs=4096 skip="$pattern" count="$count" 2>/dev/null | sha256sum | cut -d' ' -f1)"
  blocks=$((blocks + 1))
  [[ "$host" == "$want" && "$sha" == "$want" ]] || bad+=" block $dev: host $host, guest $sha, pattern $want;"
done < <(grep '^EMUHOST-RESULT block dev=' <<<"$out")
if [[ $blocks -gt 0 && -z "$bad" ]]; then
  result host-file PASS "extents=$blocks"
else
  result host-file FAIL "extents=$blocks$bad"
fi

log "emuhost ends by itself once QEMU's connection closed (x-remote-object auto-shutdown=on)"
emuhost_wait 60
if [[ $EMUHOST_RC == 0 ]]; then
  result exit PASS "status=0"
else
  result exit FAIL "status=$EMUHOST_RC (124: still running after 60 s)"
fi

closed="$(grep -c 'QEMU closed the connection' "$EMUHOST_LOG" || true)"
exits="$(grep -c 'emuhost exits (auto-shutdown=on)' "$EMUHOST_LOG" || true)"
errors="$(grep -E '^emuhost: (warn|error)|needs reset' "$EMUHOST_LOG" || true)"
if [[ "$closed" == 1 && "$exits" == 1 && -z "$errors" ]]; then
  result log PASS "closed=1 exits=1"
else
  result log FAIL "closed=$closed exits=$exits ${errors:+errors: $(tr '\n' ' ' <<<"$errors")}(log: $EMUHOST_LOG)"
fi
finish
