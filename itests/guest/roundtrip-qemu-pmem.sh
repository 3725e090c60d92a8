#!/usr/bin/env bash
# End-to-end persistence check, in one command: build the guest (cached), boot it in `write` mode on
# a fresh backing file, check on the host that the file holds what the guest wrote (debugfs + raw
# bytes), then boot again in `read` mode and let the guest verify it (persistence across boots).
#
#   roundtrip-qemu-pmem.sh [--dir DIR] [--size SIZE] [--cache DIR] [boot-qemu-pmem.sh options...]
#     --dir DIR    where pmem.img and the console logs go (default: CACHE/roundtrip)
#     --size SIZE  backing size (default 512M)
#   Other options (--attach, --proxy-fd, --proxy-socket, --timeout, --verbose, --append, --qemu-arg) go to
#   both boots (with --proxy-socket, the remote must accept a second connection for the read boot).
#
# Ends with a line "roundtrip: N passed, N failed"; exit 0 only if all three steps passed.
set -euo pipefail
LOG_TAG=roundtrip
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR=""
SIZE=512M
CACHE_ARGS=()
BOOT_ARGS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) DIR="${2:?--dir needs a directory}"; shift 2 ;;
    --size) SIZE="${2:?--size needs a value}"; shift 2 ;;
    --cache) CACHE_ARGS=(--cache "${2:?--cache needs a directory}"); shift 2 ;;
    --verbose|-v) BOOT_ARGS+=("$1"); shift ;;
    --attach|--proxy-fd|--proxy-socket|--timeout|--append|--qemu-arg) BOOT_ARGS+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
if [[ -z "$DIR" ]]; then
  if [[ ${#CACHE_ARGS[@]} -gt 0 ]]; then DIR="${CACHE_ARGS[1]}/roundtrip"; else DIR="$(default_cache_dir)/roundtrip"; fi
fi
mkdir -p "$DIR" || die "cannot create $DIR"
IMG="$DIR/pmem.img"

passed=0; failed=0
step() { # NAME CMD...: run a step, count it; its stdout is kept in $STEP_OUT
  local name="$1"; shift
  log "step: $name"
  if STEP_OUT="$("$@")"; then
    printf '%s\n' "$STEP_OUT"; passed=$((passed + 1)); log "ok: $name"; return 0
  fi
  printf '%s\n' "$STEP_OUT"; failed=$((failed + 1)); log "FAILED: $name"; return 1
}
finish() { echo "roundtrip: $passed passed, $failed failed"; [[ $failed -eq 0 ]]; exit $?; }

# build first, so its time is not charged to the first boot's timeout
load_guest_env --quiet "${CACHE_ARGS[@]}"

step "write boot (mkfs.ext4, mount -o dax, write pattern + marker, sync)" \
  "$GUEST_DIR/boot-qemu-pmem.sh" "${CACHE_ARGS[@]}" "${BOOT_ARGS[@]}" --fresh --size "$SIZE" write "$IMG" || finish
boot_id="$(grep -o 'written=.* boot_id=[0-9a-f-]*' <<<"$STEP_OUT" | sed 's/.*boot_id=//')"
step "host check of the backing file" "$GUEST_DIR/check-backing.sh" "${CACHE_ARGS[@]}" ${boot_id:+--boot-id "$boot_id"} "$IMG" || finish
step "read boot (e2fsck, mount -o dax,ro, verify pattern + marker)" \
  "$GUEST_DIR/boot-qemu-pmem.sh" "${CACHE_ARGS[@]}" "${BOOT_ARGS[@]}" read "$IMG" || finish
finish
