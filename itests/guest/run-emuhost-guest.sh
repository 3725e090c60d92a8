#!/usr/bin/env bash
# Runs a real Linux guest on emuhost's virtio-pmem, in one command: builds the guest (cached) and,
# on first use, emuhost.jar; boots the Debian guest with an ordinary QEMU command line (TCG, q35,
# -object memory-backend-file + -device virtio-pmem-pci) run by `emuhost --qemu`, which serves the
# device itself and gives QEMU the x-pci-proxy-dev plumbing, in `write` mode (virtio_pmem,
# mkfs.ext4, mount -o dax, write a file, sync); checks on the host that the backing file holds the
# file and that emuhost answered FLUSHes (emuhost's own QMP, polled while the guest runs); boots the
# guest again in `read` mode, which finds the file (persistence across guest restarts).
#
#   run-emuhost-guest.sh [--dir DIR] [--size SIZE] [--jar EMUHOST_JAR] [--irqpoll] [--cache DIR]
#                        [--timeout SECS] [--verbose]
#     --dir DIR      where pmem.img, the sockets and the logs go (default: CACHE/emuhost-guest)
#     --size SIZE    backing size (default 256M, a multiple of 2 MiB)
#     --jar PATH     an emuhost.jar to run (default: the project's ./emuhost, which builds it once)
#     --irqpoll      deliver the device's interrupt by guest polling (emuhost -tcg-intx irqpoll:
#                    irqpoll noapictimer, ~4 ms per flush) instead of the pci-serial doorbell (under
#                    TCG the proxy has no INTx path; with KVM its irqfd works and neither is needed)
#
# Prints "EMUHOST-GUEST <step>=PASS|FAIL ..." lines and ends with "emuhost-guest: N passed, N failed";
# exit 0 only if every step passed. emuhost's and QEMU's standard error is in DIR/emuhost.log.
set -euo pipefail
LOG_TAG=emuhost-guest
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT="$(cd "$GUEST_DIR/../.." && pwd)"

DIR=""
SIZE=256M
JAR=""
INTX=()
TIMEOUT=300
CACHE_ARGS=()
BOOT_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="${2:?--dir needs a directory}"; shift 2 ;;
    --size) SIZE="${2:?--size needs a value}"; shift 2 ;;
    --jar) JAR="${2:?--jar needs a path}"; shift 2 ;;
    --irqpoll) INTX=(--irqpoll); shift ;;
    --cache) CACHE_ARGS=(--cache "${2:?--cache needs a directory}"); shift 2 ;;
    --timeout) TIMEOUT="${2:?--timeout needs seconds}"; shift 2 ;;
    --verbose|-v) BOOT_ARGS+=(--verbose); shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
if [[ -z "$DIR" ]]; then
  if [[ ${#CACHE_ARGS[@]} -gt 0 ]]; then DIR="${CACHE_ARGS[1]}/emuhost-guest"; else DIR="$(default_cache_dir)/emuhost-guest"; fi
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
  echo "emuhost-guest: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
QMP="$DIR/qmp.sock"
POLLER=""
trap '[[ -z "$POLLER" ]] || kill "$POLLER" 2>/dev/null || true' EXIT

# build the guest first, so that its time is not charged to the first boot
load_guest_env --quiet "${CACHE_ARGS[@]}"

# the backing file exists before emuhost maps it; QEMU's pc-dimm maps the same file
rm -f "$IMG" "$DIR/emuhost.log"
truncate -s "$SIZE" "$IMG"

boot() { # MODE: one guest boot: `emuhost -qmp ... --qemu qemu-system-x86_64 <the native command line>`
  local rc=0
  rm -f "$QMP"
  "$GUEST_DIR/boot-qemu-pmem.sh" "${CACHE_ARGS[@]}" "${BOOT_ARGS[@]}" --timeout "$TIMEOUT" \
    --attach emuhost ${JAR:+--emuhost-jar "$JAR"} --emuhost-qmp "$QMP" "${INTX[@]}" \
    --log "$DIR/guest.$1.log" "$1" "$IMG" || rc=$?
  { echo "== $1 boot"; cat "$DIR/guest.$1.log.stderr" 2>/dev/null || true; } >>"$DIR/emuhost.log"
  return $rc
}

# emuhost ends with QEMU, so its FLUSH count is read while the guest runs: the last reply wins
poll_flushes() {
  local reply
  : >"$DIR/flushes"
  while true; do
    if [[ -S "$QMP" ]] && reply="$(EMUHOST_QMP="$QMP" emuhost_qmp x-query-virtio-pmem 2>/dev/null)" \
        && [[ "$reply" == *'"requests"'* ]]; then
      printf '%s\n' "$reply" >"$DIR/flushes.new" && mv "$DIR/flushes.new" "$DIR/flushes"
    fi
    sleep 0.2
  done
}

log "write boot: virtio_pmem, mkfs.ext4, mount -o dax, write the pattern and a marker, sync"
poll_flushes & POLLER=$!
if out="$(boot write)"; then
  printf '%s\n' "$out"; result write PASS
else
  printf '%s\n' "$out"; result write FAIL "(console: $DIR/guest.write.log)"; finish; exit $?
fi
boot_id="$(grep -o 'written=.* boot_id=[0-9a-f-]*' <<<"$out" | sed 's/.*boot_id=//')" || true

log "host check: the backing file holds the guest's file"
if "$GUEST_DIR/check-backing.sh" "${CACHE_ARGS[@]}" ${boot_id:+--boot-id "$boot_id"} "$IMG"; then
  result host-file PASS
else
  result host-file FAIL
fi

log "emuhost's count of FLUSH requests (QMP x-query-virtio-pmem, last reply before it ended)"
kill "$POLLER" 2>/dev/null || true; wait "$POLLER" 2>/dev/null || true; POLLER=""
reply="$(cat "$DIR/flushes" 2>/dev/null || true)"
requests="$(grep -o '"requests": *[0-9]*' <<<"$reply" | grep -o '[0-9]*$' || true)"
errors="$(grep -o '"errors": *[0-9]*' <<<"$reply" | grep -o '[0-9]*$' || true)"
if [[ -n "$requests" && "$requests" -ge 1 && "${errors:-1}" -eq 0 ]]; then
  result flushes PASS "requests=$requests errors=$errors"
else
  result flushes FAIL "reply: $reply"
fi

log "read boot: e2fsck, mount -o dax,ro, verify the pattern and the marker"
if out="$(boot read)"; then
  printf '%s\n' "$out"; result read PASS
else
  printf '%s\n' "$out"; result read FAIL "(console: $DIR/guest.read.log)"
fi
finish
