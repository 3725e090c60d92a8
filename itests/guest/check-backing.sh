#!/usr/bin/env bash
# Host-side check of a pmem backing file after a `write` boot: the file holds an ext4 filesystem
# (the guest formats /dev/pmem0 directly) with /emuhost/pattern.bin byte-identical to the guest
# build's pattern, and the raw bytes contain the marker line.
#
#   check-backing.sh [--boot-id ID] [--cache DIR] BACKING_FILE
#     --boot-id ID   also require the marker to carry this boot_id (from the write boot's result line)
#
# Prints "CHECK key=value" lines; exit 0 only if everything matches. Needs debugfs (e2fsprogs).
set -euo pipefail
LOG_TAG=check-backing
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BOOT_ID=""
BACKING=""
BUILD_ARGS=(--quiet)

while [[ $# -gt 0 ]]; do
  case "$1" in
    --boot-id) BOOT_ID="${2:?--boot-id needs a value}"; shift 2 ;;
    --cache) BUILD_ARGS+=(--cache "${2:?--cache needs a directory}"); shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1'" ;;
    *) BACKING="$1"; shift ;;
  esac
done
[[ -n "$BACKING" && -f "$BACKING" ]] || die "usage: check-backing.sh [--boot-id ID] BACKING_FILE (file missing: '$BACKING')"

ensure_tools debugfs:e2fsprogs cmp:diffutils
load_guest_env "${BUILD_ARGS[@]}"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# 1. the file through the filesystem
magic="$(dd if="$BACKING" bs=1 skip=1080 count=2 status=none | od -An -tx1 | tr -d ' \n')"
[[ "$magic" == 53ef ]] || die "$BACKING holds no ext2/3/4 filesystem (superblock magic '$magic', expected 53ef): did the write boot run mkfs?"
debugfs -R 'stat /emuhost/pattern.bin' "$BACKING" 2>&1 | grep -q 'Size: ' \
  || die "$BACKING has no /emuhost/pattern.bin ($(debugfs -R 'stat /emuhost/pattern.bin' "$BACKING" 2>&1 | tail -n1))"
debugfs -R 'cat /emuhost/pattern.bin' "$BACKING" >"$tmp/pattern.bin" 2>"$tmp/debugfs.err" \
  || die "debugfs cannot read /emuhost/pattern.bin from $BACKING: $(cat "$tmp/debugfs.err")"
want="$(sha256sum <"$GUEST_PATTERN" | cut -d' ' -f1)"
got="$(sha256sum <"$tmp/pattern.bin" | cut -d' ' -f1)"
echo "CHECK pattern_bytes=$(stat -c %s "$tmp/pattern.bin") sha256=$got expected=$want"
cmp -s "$tmp/pattern.bin" "$GUEST_PATTERN" || die "/emuhost/pattern.bin in $BACKING differs from $GUEST_PATTERN"

# 2. the raw bytes: the marker line, and the pattern's first 4 KiB block somewhere in the image
marker="$(grep -a -o 'EMUHOST-MARKER boot_id=[0-9a-f-]* pattern_sha256=[0-9a-f]*' "$BACKING" | head -n1 || true)"
[[ -n "$marker" ]] || die "no EMUHOST-MARKER line in the raw bytes of $BACKING"
echo "CHECK marker=\"$marker\""
[[ "$marker" == *"pattern_sha256=$want" ]] || die "marker names another pattern: $marker"
if [[ -n "$BOOT_ID" && "$marker" != *"boot_id=$BOOT_ID "* ]]; then
  die "marker boot_id differs from the write boot's ($BOOT_ID): $marker"
fi
block_off="$(debugfs -R 'bmap /emuhost/pattern.bin 0' "$BACKING" 2>/dev/null | tail -n1)"
[[ "$block_off" =~ ^[0-9]+$ ]] || die "debugfs bmap of /emuhost/pattern.bin failed"
cmp -s <(head -c 4096 "$GUEST_PATTERN") <(tail -c +"$((block_off * 4096 + 1))" "$BACKING" | head -c 4096) \
  || die "raw block $block_off of $BACKING does not hold the pattern's first 4 KiB"
echo "CHECK raw_block=$block_off raw_offset=$((block_off * 4096)) first_4k=match"
echo "CHECK status=PASS"
