#!/usr/bin/env bash
# Builds the test guest (kernel + initramfs) from pinned Debian 12 packages only.
#
#   build-guest.sh [--kernel SERIES] [--cache DIR] [--rebuild] [--update-lock] [--quiet]
#
#   --kernel SERIES  which pinned kernel of packages.lock to build with: 6.1 (the default, the first
#                    kernel line) or 6.12; also $EMUHOST_GUEST_KERNEL. Each kernel is its own build.
#
# Output (stdout, one KEY=VALUE a line; everything else goes to stderr):
#   GUEST_KERNEL   uncompressed ELF vmlinux (QEMU boots it through its PVH entry: ~3 s faster under TCG
#                  than the bzImage, whose XZ decompressor is slow under TCG)
#   GUEST_VMLINUZ  the package's bzImage, unchanged
#   GUEST_INITRD   initramfs (gzip'd newc cpio, bit-reproducible)
#   GUEST_KVER     kernel release, GUEST_PATTERN the file /init writes, GUEST_INFO build-info.txt
#
# Packages come from packages.lock (name, version, sha256), fetched with `apt-get download` into
# CACHE/debs and never installed. The built guest lives in CACHE/guest-<key>, where <key> hashes the
# lock file and the scripts that go into the image: a second run with nothing changed only prints
# the paths. Cache: --cache DIR, or $EMUHOST_GUEST_CACHE, default ~/.cache/emuhost-guest.
#
# Kernels and modules may be XZ- or zstd-compressed (Debian's 6.1 is XZ, 6.12 a zstd bzImage with
# XZ modules); both are unpacked here.
# Host tools it needs (installed with apt-get when missing and running as root): apt-get, dpkg-deb,
# cpio, kmod (depmod/modprobe), xz-utils, zstd, gzip, perl.
set -euo pipefail
LOG_TAG=build-guest
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

LOCK_FILE="$GUEST_DIR/packages.lock"
INIT_SCRIPT="$GUEST_DIR/init.sh"
# The guest's static C flush benchmark (no tool cost under TCG), compiled on the host: gcc -static
FLUSH_BENCH_SRC="$GUEST_DIR/../../benchmarks/guest/pmem-flush-bench.c"
# Modules the guest needs; everything they depend on (modules.dep, softdeps) is added by modprobe.
GUEST_MODULES=(virtio_pci virtio_pmem nd_pmem dax ext4)
# The test pattern /init writes: deterministic pseudo-random bytes (xorshift32, seed below).
PATTERN_BYTES=$((384 * 1024))
PATTERN_SEED=20261203
# Fixed timestamp for every file in the image (reproducible cpio).
SOURCE_DATE_EPOCH=1700000000
# Kernel configuration the guest relies on (=y or =m).
REQUIRED_CONFIG=(CONFIG_VIRTIO_PMEM CONFIG_VIRTIO_PCI CONFIG_LIBNVDIMM CONFIG_BLK_DEV_PMEM CONFIG_EXT4_FS
  CONFIG_FS_DAX=y CONFIG_ZONE_DEVICE=y CONFIG_DAX CONFIG_SERIAL_8250_CONSOLE=y CONFIG_PVH=y
  CONFIG_DEVTMPFS=y CONFIG_BLK_DEV_INITRD=y)

CACHE_DIR=""
KERNEL_SERIES="${EMUHOST_GUEST_KERNEL:-}"
REBUILD=0
UPDATE_LOCK=0
QUIET=0

usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; }

parse_args() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --cache) CACHE_DIR="${2:?--cache needs a directory}"; shift 2 ;;
      --kernel) KERNEL_SERIES="${2:?--kernel needs a series such as 6.1 or 6.12}"; shift 2 ;;
      --rebuild) REBUILD=1; shift ;;
      --update-lock) UPDATE_LOCK=1; shift ;;
      --quiet|-q) QUIET=1; shift ;;
      -h|--help) usage; exit 0 ;;
      *) die "unknown option '$1' (see --help)" ;;
    esac
  done
  [[ -n "$CACHE_DIR" ]] || CACHE_DIR="$(default_cache_dir)"
  mkdir -p "$CACHE_DIR" || die "cannot create cache directory $CACHE_DIR"
  CACHE_DIR="$(cd "$CACHE_DIR" && pwd)"
}

say() { [[ $QUIET == 1 ]] || log "$@"; }

# ---- lock file -------------------------------------------------------------------------------

# Fills LOCK_NAMES / LOCK_VERS / LOCK_SHAS
read_lock() {
  [[ -f "$LOCK_FILE" ]] || die "lock file $LOCK_FILE is missing"
  LOCK_NAMES=(); LOCK_VERS=(); LOCK_SHAS=()
  local name ver sha rest
  while read -r name ver sha rest; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ -n "$ver" && -n "$sha" && -z "$rest" ]] || die "bad line in $LOCK_FILE: '$name $ver $sha $rest'"
    LOCK_NAMES+=("$name"); LOCK_VERS+=("$ver"); LOCK_SHAS+=("$sha")
  done <"$LOCK_FILE"
  [[ ${#LOCK_NAMES[@]} -gt 0 ]] || die "no packages in $LOCK_FILE"
}

is_kernel() { [[ "$1" == linux-image-* ]]; }

# The kernel package of the build: the first linux-image line, or the one of --kernel SERIES
# (linux-image-SERIES.<...>, e.g. 6.12 -> linux-image-6.12.118+deb12-cloud-amd64).
kernel_pkg() {
  local n
  for n in "${LOCK_NAMES[@]}"; do
    is_kernel "$n" || continue
    if [[ -z "$KERNEL_SERIES" || "$n" == "linux-image-$KERNEL_SERIES."* ]]; then echo "$n"; return; fi
  done
  if [[ -n "$KERNEL_SERIES" ]]; then
    die "no kernel of series $KERNEL_SERIES in $LOCK_FILE (it pins: $(printf '%s\n' "${LOCK_NAMES[@]}" | grep '^linux-image-' | tr '\n' ' '))"
  fi
  die "no linux-image-* package in $LOCK_FILE"
}

# Whether package index I goes into this build: every userland package, and the selected kernel.
in_build() {
  ! is_kernel "${LOCK_NAMES[$1]}" || [[ "${LOCK_NAMES[$1]}" == "$KERNEL_PKG" ]]
}

# The metapackage that names a kernel's current ABI: linux-image-SERIES-FLAVOUR where the archive
# has one (bookworm's 6.12 backport: linux-image-6.12-cloud-amd64), else linux-image-FLAVOUR
# (bookworm's own 6.1: linux-image-amd64).
kernel_meta() {
  local name="$1" series flavour
  [[ "$name" =~ ^linux-image-([0-9]+\.[0-9]+)[.0-9]*(-[0-9]+|\+deb[0-9]+)-(.+)$ ]] \
    || die "cannot tell the series and flavour of kernel package $name"
  series="${BASH_REMATCH[1]}"; flavour="${BASH_REMATCH[3]}"
  if apt-cache show "linux-image-$series-$flavour" >/dev/null 2>&1; then
    echo "linux-image-$series-$flavour"
  else
    echo "linux-image-$flavour"
  fi
}

# apt metadata of NAME=VERSION: prints "sha256" or nothing when apt does not know that version
apt_sha256() {
  apt-cache show "$1=$2" 2>/dev/null | awk '/^SHA256:/{print $2; exit}'
}

# --update-lock: pin every package of the lock to apt's current candidate (each kernel to the ABI
# its metapackage depends on now, see kernel_meta), with the sha256 from the archive's metadata.
update_lock() {
  read_lock
  apt-get update -q >&2 || die "apt-get update failed"
  local tmp i name ver sha meta
  tmp="$(mktemp)"
  for i in "${!LOCK_NAMES[@]}"; do
    name="${LOCK_NAMES[$i]}"
    if is_kernel "$name"; then
      meta="$(kernel_meta "$name")"
      name="$(apt-cache depends "$meta" | awk '/Depends: linux-image-/{print $2; exit}')"
      [[ -n "$name" ]] || die "apt-cache depends $meta names no kernel package"
    fi
    ver="$(apt-cache policy "$name" | awk '/Candidate:/{print $2; exit}')"
    [[ -n "$ver" && "$ver" != "(none)" ]] || die "apt knows no candidate version of $name"
    sha="$(apt_sha256 "$name" "$ver")"
    [[ -n "$sha" ]] || die "apt-cache show $name=$ver gives no SHA256"
    LOCK_NAMES[i]="$name"; LOCK_VERS[i]="$ver"; LOCK_SHAS[i]="$sha"
  done
  # keep the comments, replace the package lines in place
  i=0
  while IFS= read -r line; do
    if [[ -z "$line" || "$line" == \#* ]]; then
      printf '%s\n' "$line"
    else
      printf '%s %s %s\n' "${LOCK_NAMES[$i]}" "${LOCK_VERS[$i]}" "${LOCK_SHAS[$i]}"; i=$((i + 1))
    fi
  done <"$LOCK_FILE" >"$tmp"
  mv "$tmp" "$LOCK_FILE"
  log "updated $LOCK_FILE:"
  grep -v '^#' "$LOCK_FILE" | sed 's/^/  /' >&2
}

# ---- download --------------------------------------------------------------------------------

deb_path() { printf '%s/debs/%s_%s.deb\n' "$CACHE_DIR" "$1" "${2//:/%3a}"; }

# fetch_deb NAME VERSION SHA256: into CACHE/debs, checked against the lock
fetch_deb() {
  local name="$1" ver="$2" sha="$3" dst tmpd got
  dst="$(deb_path "$name" "$ver")"
  [[ "$sha" =~ ^[0-9a-f]{64}$ ]] || die "$LOCK_FILE has no sha256 for $name (run build-guest.sh --update-lock)"
  if [[ -f "$dst" ]] && [[ "$(sha256sum "$dst" | cut -d' ' -f1)" == "$sha" ]]; then
    return 0
  fi
  mkdir -p "$CACHE_DIR/debs"
  tmpd="$(mktemp -d "$CACHE_DIR/debs/.dl.XXXXXX")"
  say "downloading $name=$ver"
  if ! (cd "$tmpd" && apt-get download -q -o APT::Sandbox::User=root "$name=$ver" >&2); then
    if [[ -z "${APT_UPDATED:-}" ]]; then
      say "apt-get download $name=$ver failed; running apt-get update once and retrying"
      APT_UPDATED=1
      apt-get update -q >&2 || true
    fi
    if ! (cd "$tmpd" && apt-get download -q -o APT::Sandbox::User=root "$name=$ver" >&2); then
      rm -rf "$tmpd"
      die "cannot fetch the pinned package $name=$ver from the Debian archive (is it still published? \
'apt-cache policy $name' shows what is available; 'build-guest.sh --update-lock' re-pins to the current versions)"
    fi
  fi
  got="$(find "$tmpd" -name '*.deb' | head -n1)"
  [[ -n "$got" ]] || { rm -rf "$tmpd"; die "apt-get download $name=$ver produced no .deb"; }
  if [[ "$(sha256sum "$got" | cut -d' ' -f1)" != "$sha" ]]; then
    rm -rf "$tmpd"
    die "sha256 of $name=$ver differs from $LOCK_FILE (expected $sha)"
  fi
  mv "$got" "$dst"
  rm -rf "$tmpd"
}

# ---- build -----------------------------------------------------------------------------------

build_key() {
  # what goes into the image: the pinned packages of this build (other kernels' lines left out),
  # /init and this script (not lib.sh: host-side helpers)
  { grep -v '^linux-image-' "$LOCK_FILE"; awk -v k="$KERNEL_PKG" '$1 == k' "$LOCK_FILE"; cat "$INIT_SCRIPT" "$0" "$FLUSH_BENCH_SRC"; } \
    | sha256sum | cut -c1-16
}

print_env() {
  local out="$1"
  echo "GUEST_DIR_OUT=$out"
  echo "GUEST_KERNEL=$out/vmlinux"
  echo "GUEST_VMLINUZ=$out/vmlinuz"
  echo "GUEST_INITRD=$out/initrd.cpio.gz"
  echo "GUEST_KVER=$(cat "$out/kver")"
  echo "GUEST_PATTERN=$out/pattern.bin"
  echo "GUEST_INFO=$out/build-info.txt"
}

check_kernel_config() {
  local config="$1" want sym val
  for want in "${REQUIRED_CONFIG[@]}"; do
    sym="${want%%=*}"
    if [[ "$want" == *=* ]]; then val="${want#*=}"; else val='[ym]'; fi
    grep -Eq "^${sym}=${val}\$" "$config" || die "kernel config $config lacks ${sym}=${val}"
  done
}

# bzImage -> ELF vmlinux. The payload is XZ (CONFIG_KERNEL_XZ, Debian's 6.1) or zstd
# (CONFIG_KERNEL_ZSTD, Debian's 6.12); the decompressor stops at the end of its stream, before the
# bzImage's trailer.
extract_vmlinux() {
  local bz="$1" out="$2" off
  off="$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$bz" | head -n1 | cut -d: -f1 || true)"
  if [[ -n "$off" ]]; then
    tail -c +"$((off + 1))" "$bz" | xz -dc --single-stream >"$out" 2>/dev/null || true
  else
    off="$(LC_ALL=C grep -obUaP '\x28\xb5\x2f\xfd' "$bz" | head -n1 | cut -d: -f1 || true)"
    [[ -n "$off" ]] || die "no XZ or zstd payload in $bz (a kernel built with another CONFIG_KERNEL_*?)"
    # zstd decodes the first frame, then reports the trailer as an unknown frame: not an error here
    tail -c +"$((off + 1))" "$bz" | zstd -dcq 2>/dev/null >"$out" || true
  fi
  [[ "$(head -c4 "$out" | od -An -tx1 | tr -d ' ')" == 7f454c46 ]] || die "extracting vmlinux from $bz failed (not ELF)"
}

# unpack_module SRC DST: a module as the kernel package ships it (.ko, .ko.xz, .ko.zst, .ko.gz) -> DST (.ko)
unpack_module() {
  local src="$1" dst="$2"
  install -D -m 0644 /dev/null "$dst"
  case "$src" in
    *.ko) cat "$src" >"$dst" ;;
    *.ko.xz) xz -dc "$src" >"$dst" ;;
    *.ko.zst) zstd -dcq "$src" >"$dst" ;;
    *.ko.gz) gzip -dc "$src" >"$dst" ;;
    *) die "unsupported module file $src" ;;
  esac || die "unpacking module $src failed"
}

# copy_elf_with_libs PKGROOT ROOTFS RELPATH...: copy binaries and, through the packages' own dynamic
# loader, every shared library they need (transitively), at the same paths.
copy_elf_with_libs() {
  local pkgroot="$1" rootfs="$2"; shift 2
  local ldso="$pkgroot/lib64/ld-linux-x86-64.so.2" libpath rel lib line list
  libpath="$pkgroot/lib/x86_64-linux-gnu:$pkgroot/usr/lib/x86_64-linux-gnu"
  [[ -e "$ldso" ]] || die "dynamic loader missing from the extracted libc6 ($ldso)"
  for rel in "$@"; do
    [[ -f "$pkgroot/$rel" ]] || die "$rel is not in the extracted packages"
    install -D -m 0755 "$pkgroot/$rel" "$rootfs/$rel"
    list="$("$ldso" --library-path "$libpath" --list "$pkgroot/$rel" 2>&1)" || true
    [[ -n "$list" ]] || die "the packaged loader cannot list the libraries of $rel"
    while IFS= read -r line; do
      # "libfoo.so.1 => /path/libfoo.so.1 (0x...)" | "/lib64/ld-linux-x86-64.so.2 (0x...)"
      [[ "$line" == *"not found"* ]] && die "$rel needs ${line%% *}, which no package in $LOCK_FILE provides"
      lib="$(awk '{ if ($2 == "=>") print $3; else print $1 }' <<<"$line")"
      [[ "$lib" == "$pkgroot"/* ]] || continue
      lib="${lib#"$pkgroot"}"
      [[ -e "$rootfs$lib" ]] || install -D -m 0755 "$(readlink -f "$pkgroot$lib")" "$rootfs$lib"
    done <<<"$list"
  done
  install -D -m 0755 "$(readlink -f "$ldso")" "$rootfs/lib64/ld-linux-x86-64.so.2"
}

# The pattern file: PATTERN_BYTES of xorshift32 output, little-endian.
make_pattern() {
  perl -e '
    my ($n, $x) = @ARGV; my $buf = "";
    for (my $i = 0; $i < $n / 4; $i++) {
      $x ^= ($x << 13) & 0xffffffff; $x ^= $x >> 17; $x ^= ($x << 5) & 0xffffffff;
      $buf .= pack("V", $x);
    }
    print $buf;' "$PATTERN_BYTES" "$PATTERN_SEED" >"$1"
  [[ "$(stat -c %s "$1")" -eq "$PATTERN_BYTES" ]] || die "pattern generation failed"
}

build_guest() {
  local out="$1" work kpkg kver kroot rootfs pkgroot i m rel line
  work="$(mktemp -d "$CACHE_DIR/.build.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" EXIT
  kpkg="$KERNEL_PKG"; kver="${kpkg#linux-image-}"
  kroot="$work/kernel"; pkgroot="$work/pkgroot"; rootfs="$work/rootfs"
  mkdir -p "$kroot" "$pkgroot" "$rootfs"

  say "extracting packages"
  for i in "${!LOCK_NAMES[@]}"; do
    in_build "$i" || continue
    if [[ "${LOCK_NAMES[$i]}" == "$kpkg" ]]; then
      dpkg-deb -x "$(deb_path "${LOCK_NAMES[$i]}" "${LOCK_VERS[$i]}")" "$kroot" || die "dpkg-deb -x $kpkg failed"
    else
      dpkg-deb -x "$(deb_path "${LOCK_NAMES[$i]}" "${LOCK_VERS[$i]}")" "$pkgroot" || die "dpkg-deb -x ${LOCK_NAMES[$i]} failed"
    fi
  done

  say "kernel $kver"
  [[ -f "$kroot/boot/vmlinuz-$kver" ]] || die "$kpkg has no boot/vmlinuz-$kver"
  check_kernel_config "$kroot/boot/config-$kver"
  mkdir -p "$work/out"
  cp "$kroot/boot/vmlinuz-$kver" "$work/out/vmlinuz"
  cp "$kroot/boot/config-$kver" "$work/out/config"
  extract_vmlinux "$work/out/vmlinuz" "$work/out/vmlinux"
  echo "$kver" >"$work/out/kver"

  say "resolving modules: ${GUEST_MODULES[*]}"
  # the .deb ships no modules.dep (its postinst makes it): make it in the extracted tree
  depmod -b "$kroot" "$kver" || die "depmod -b $kroot $kver failed"
  mkdir -p "$rootfs/lib/modules/$kver" "$rootfs/etc/emuhost"
  : >"$rootfs/etc/emuhost/modules.order"
  modprobe -d "$kroot" -S "$kver" -a --show-depends "${GUEST_MODULES[@]}" >"$work/show-depends" \
    || die "modprobe --show-depends ${GUEST_MODULES[*]} failed (a module missing from $kpkg?)"
  while read -r line; do
    case "$line" in
      insmod\ *)
        rel="$(awk '{print $2}' <<<"$line")"; rel="${rel#"$kroot"}"
        unpack_module "$kroot$rel" "$rootfs${rel%.ko*}.ko"; rel="${rel%.ko*}.ko"
        grep -qxF "$rel" "$rootfs/etc/emuhost/modules.order" || echo "$rel" >>"$rootfs/etc/emuhost/modules.order" ;;
      builtin\ *) ;;
      *) die "unexpected modprobe --show-depends output: $line" ;;
    esac
  done <"$work/show-depends"
  cp "$kroot/lib/modules/$kver/modules.order" "$kroot/lib/modules/$kver/modules.builtin" "$rootfs/lib/modules/$kver/"
  [[ ! -f "$kroot/lib/modules/$kver/modules.builtin.modinfo" ]] \
    || cp "$kroot/lib/modules/$kver/modules.builtin.modinfo" "$rootfs/lib/modules/$kver/"
  depmod -b "$rootfs" "$kver" || die "depmod of the initramfs module subset failed"
  for m in "${GUEST_MODULES[@]}"; do
    grep -q "/$m.ko\$" "$rootfs/etc/emuhost/modules.order" \
      || grep -q "^$m\$\|/$m.ko\$" "$kroot/lib/modules/$kver/modules.builtin" \
      || die "module $m neither resolved nor built in"
  done
  say "modules: $(sed 's#.*/##; s#\.ko$##' "$rootfs/etc/emuhost/modules.order" | tr '\n' ' ')"

  say "assembling initramfs"
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,mnt,tmp,run,root}
  install -m 0755 "$pkgroot/bin/busybox" "$rootfs/bin/busybox"
  copy_elf_with_libs "$pkgroot" "$rootfs" sbin/mke2fs sbin/e2fsck usr/sbin/xfs_io
  ln -s mke2fs "$rootfs/sbin/mkfs.ext4"   # argv[0] selects ext4 defaults
  install -d "$rootfs/usr/bin"
  gcc -static -O2 -Wall -o "$rootfs/usr/bin/pmem-flush-bench" "$FLUSH_BENCH_SRC" \
    || die "gcc -static $FLUSH_BENCH_SRC failed (needs gcc and libc6-dev)"
  # busybox applets, except where a real tool is installed (busybox mke2fs makes ext2 only)
  while read -r m; do
    m="${m#/}"
    [[ -e "$rootfs/$m" || -L "$rootfs/$m" ]] && continue
    case "$m" in sbin/mkfs.ext2|sbin/mke2fs|sbin/e2fsck|sbin/fsck*) continue ;; esac
    mkdir -p "$rootfs/$(dirname "$m")"
    ln -s /bin/busybox "$rootfs/$m"
  done < <("$pkgroot/bin/busybox" --list-full)
  install -m 0755 "$INIT_SCRIPT" "$rootfs/init"
  make_pattern "$work/out/pattern.bin"
  cp "$work/out/pattern.bin" "$rootfs/etc/emuhost/pattern.bin"
  sha256sum "$work/out/pattern.bin" | cut -d' ' -f1 >"$rootfs/etc/emuhost/pattern.sha256"
  printf 'kver=%s\nbuild_key=%s\n' "$kver" "$(basename "$out" | sed 's/^guest-//')" >"$rootfs/etc/emuhost/build-info"
  self_test "$rootfs"

  find "$rootfs" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  (cd "$rootfs" && find . -mindepth 1 | LC_ALL=C sort \
     | cpio -o -H newc -R 0:0 --reproducible --quiet) | gzip -9 -n >"$work/out/initrd.cpio.gz" \
     || die "cpio/gzip of the initramfs failed"

  write_build_info "$work/out" "$kver"
  rm -rf "$out"
  mv "$work/out" "$out"
  rm -rf "$work"
  trap - EXIT
}

# The guest's binaries run on the host too (same architecture): check they start, with their own
# libraries only, before they are packed. Needs chroot (root); skipped otherwise.
self_test() {
  local rootfs="$1" t
  if [[ $(id -u) -ne 0 ]]; then say "not root: skipping the chroot self-test of the initramfs"; return; fi
  for t in "/sbin/mkfs.ext4 -V" "/sbin/e2fsck -V" "/usr/sbin/xfs_io -V" "/bin/sh -c true"; do
    # shellcheck disable=SC2086
    chroot "$rootfs" $t >/dev/null 2>&1 || die "self-test failed: '$t' does not run in the initramfs tree"
  done
}

write_build_info() {
  local out="$1" kver="$2" i
  {
    echo "# emuhost test guest, built by itests/guest/build-guest.sh"
    echo "kernel_release=$kver"
    echo "modules=$(sed 's#.*/##; s#\.ko$##' "$rootfs/etc/emuhost/modules.order" | tr '\n' ' ')"
    echo "pattern_bytes=$PATTERN_BYTES pattern_seed=$PATTERN_SEED pattern_sha256=$(sha256sum "$out/pattern.bin" | cut -d' ' -f1)"
    for i in "${!LOCK_NAMES[@]}"; do
      in_build "$i" || continue
      echo "package ${LOCK_NAMES[$i]} ${LOCK_VERS[$i]} ${LOCK_SHAS[$i]}"
    done
    (cd "$out" && sha256sum vmlinux vmlinuz initrd.cpio.gz pattern.bin | sed 's/^/sha256 /')
  } >"$out/build-info.txt"
}

# Keep the cache bounded: the KEEP_GUESTS most recent guest builds (of any kernel), and only the
# debs the lock names.
KEEP_GUESTS=4
prune_cache() {
  local d i keep=()
  while IFS= read -r d; do
    [[ -n "$d" ]] || continue
    if [[ ${#keep[@]} -lt $KEEP_GUESTS ]]; then keep+=("$d"); else say "pruning old guest build $d"; rm -rf "$d"; fi
  done < <(ls -1dt "$CACHE_DIR"/guest-* 2>/dev/null)
  for d in "$CACHE_DIR"/debs/*.deb; do
    [[ -e "$d" ]] || continue
    for i in "${!LOCK_NAMES[@]}"; do
      [[ "$d" == "$(deb_path "${LOCK_NAMES[$i]}" "${LOCK_VERS[$i]}")" ]] && continue 2
    done
    say "pruning $(basename "$d") (not in $LOCK_FILE)"; rm -f "$d"
  done
}

main() {
  parse_args "$@"
  if [[ $UPDATE_LOCK == 1 ]]; then
    ensure_tools apt-get:apt
    update_lock
    exit 0
  fi
  read_lock
  KERNEL_PKG="$(kernel_pkg)"
  local key out link=current
  [[ -z "$KERNEL_SERIES" ]] || link="current-$KERNEL_SERIES"
  key="$(build_key)"
  out="$CACHE_DIR/guest-$key"
  if [[ $REBUILD == 0 && -f "$out/build-info.txt" && -f "$out/initrd.cpio.gz" && -f "$out/vmlinux" ]]; then
    say "up to date: $out"
    print_env "$out"
    exit 0
  fi
  ensure_tools apt-get:apt dpkg-deb:dpkg cpio:cpio depmod:kmod modprobe:kmod xz:xz-utils zstd:zstd gzip:gzip \
    perl:perl-base gcc:gcc
  local i
  for i in "${!LOCK_NAMES[@]}"; do
    in_build "$i" || continue
    fetch_deb "${LOCK_NAMES[$i]}" "${LOCK_VERS[$i]}" "${LOCK_SHAS[$i]}"
  done
  build_guest "$out"
  ln -sfn "$(basename "$out")" "$CACHE_DIR/$link"
  prune_cache
  say "built $out (initrd sha256 $(sha256sum "$out/initrd.cpio.gz" | cut -c1-16)…)"
  print_env "$out"
}

main "$@"
