#!/bin/sh
# /init of the emuhost test guest (busybox ash). Built into the initramfs by build-guest.sh.
#
# Kernel command line knobs (all optional):
#   emuhost.test=write|read|bench|blocks|probe   workload (default probe: find the device, load, check,
#                                         power off)
#   emuhost.size=BYTES                    expected /dev/pmem0 size; a mismatch fails the test
#   emuhost.n=N                           bench: iterations of each 4 KiB write+fsync loop (default 1000)
#   emuhost.mib=M                         bench: MiB of the sequential write (default 256)
#   emuhost.cbench=1                      bench: the static C loop (/usr/bin/pmem-flush-bench) instead:
#                                         file and raw x 1 and 4 writers, emuhost.n ops per writer
#   emuhost.shmem=1                       the device must have negotiated VIRTIO_PMEM_F_SHMEM_REGION
#                                         (the range is shared memory region 0, a BAR: Linux 6.12+)
#   emuhost.doorbell=1                    proxy under TCG: open the pci-serial doorbell (1b36:0002) that
#                                         shares the device's INTx line, so its bytes raise the interrupt
#   emuhost.shell=1                       drop into a shell at the end instead of powering off
#
# Everything a test reads is printed as "EMUHOST-RESULT key=value ..." on the console; the last one
# is "EMUHOST-RESULT status=PASS" or "EMUHOST-RESULT status=FAIL reason=...". Then poweroff -f.

export PATH=/sbin:/bin:/usr/sbin:/usr/bin
VENDOR=0x1af4
DEVICE=0x105b
MNT=/mnt
DIR=emuhost                 # directory on the pmem filesystem
PATTERN=/etc/emuhost/pattern.bin

result() { echo "EMUHOST-RESULT $*"; }
note() { echo "emuhost-init: $*"; }

finish() {
  cd /
  if grep -q " $MNT " /proc/mounts; then umount "$MNT" || note "umount $MNT failed"; fi
  if [ "$(param shell 0)" = 1 ]; then note "emuhost.shell=1: starting a shell"; setsid cttyhack sh; fi
  poweroff -f
  sleep 10
}

fail() {
  result "status=FAIL reason=$(echo "$*" | tr ' ' '_')"
  finish
}

# param NAME DEFAULT: value of emuhost.NAME= on the kernel command line
param() {
  local v
  v="$(tr ' ' '\n' </proc/cmdline | sed -n "s/^emuhost\.$1=//p" | tail -n1)"
  echo "${v:-$2}"
}

# monotonic nanoseconds (/proc/timer_list "now at"), or /proc/uptime with 10 ms resolution
now_ns() {
  local t
  t="$(awk '/^now at/ {print $3; exit}' /proc/timer_list 2>/dev/null)"
  if [ -z "$t" ]; then t="$(awk '{printf "%.0f", $1 * 1000000000}' /proc/uptime)"; fi
  echo "$t"
}
ms_since() { echo $((($(now_ns) - $1) / 1000000)); }

setup() {
  mount -t proc proc /proc
  mount -t sysfs sysfs /sys
  mount -t devtmpfs devtmpfs /dev 2>/dev/null || true
  mkdir -p /dev/pts /tmp "$MNT"
  echo 1 >/proc/sys/kernel/printk   # keep kernel messages off the result lines
  result "init uptime_s=$(cut -d' ' -f1 /proc/uptime) kernel=$(uname -r) mode=$(param test probe)"
}

find_pci_device() {
  local d
  for d in /sys/bus/pci/devices/*; do
    if [ "$(cat "$d/vendor")" = "$VENDOR" ] && [ "$(cat "$d/device")" = "$DEVICE" ]; then
      PCI_DEV="$d"
      result "pci=${d##*/} id=1af4:105b class=$(cat "$d/class") irq=$(cat "$d/irq")"
      return 0
    fi
  done
  ls /sys/bus/pci/devices/ >&2
  fail "no PCI function 1af4:105b (virtio-pmem) found"
}

# insmod, in dependency order, the modules build-guest.sh resolved with modprobe --show-depends.
# A failed insmod is reported but not fatal (e.g. crc32c-intel on a CPU without SSE4.2: the
# generic one serves); what matters is checked next (driver bound, /dev/pmem0, the dax mount).
load_modules() {
  local t0 m name failed=""
  t0="$(now_ns)"
  while read -r m; do
    name="${m##*/}"; name="${name%.ko}"; name="$(echo "$name" | tr - _)"
    grep -q "^$name " /proc/modules && continue
    insmod "$m" 2>/tmp/insmod.err || { note "insmod $m failed: $(cat /tmp/insmod.err)"; failed="$failed,$name"; }
  done </etc/emuhost/modules.order
  result "modules=$(wc -l </etc/emuhost/modules.order) insmod_failed=${failed#,} insmod_ms=$(ms_since "$t0")"
  [ -e "$PCI_DEV/driver" ] || fail "no driver bound to ${PCI_DEV##*/} after loading the modules"
}

# the doorbell workaround for x-pci-proxy-dev under TCG (see qemu-multiprocess.md §2)
setup_doorbell() {
  local d tty
  [ "$(param doorbell 0)" = 1 ] || return 0
  for d in /sys/bus/pci/devices/*; do
    if [ "$(cat "$d/vendor")" != 0x1b36 ] || [ "$(cat "$d/device")" != 0x0002 ]; then continue; fi
    # the one tty the 8250_pci driver made for it: d/tty/ttySn up to 6.4; since 6.5 under the
    # serial core's port devices (d/0000:00:05.1:0/0000:00:05.1:0.0/tty/ttySn)
    tty="$(ls "$d/tty" 2>/dev/null | head -n1)"
    [ -n "$tty" ] || tty="$(find "$d/" -maxdepth 4 -path '*/tty/ttyS*' 2>/dev/null | head -n1 | sed 's#.*/##')"
    [ -n "$tty" ] || fail "doorbell ${d##*/} has no tty (is 8250.nr_uarts=8 on the command line?)"
    stty -F "/dev/$tty" raw -echo 115200 || fail "stty on doorbell /dev/$tty failed"
    echo 1 >"/sys/class/tty/$tty/rx_trig_bytes" 2>/dev/null || note "cannot set rx_trig_bytes on $tty"
    cat "/dev/$tty" >/dev/null &
    result "doorbell=${d##*/} tty=$tty"
    return 0
  done
  fail "emuhost.doorbell=1 but no pci-serial (1b36:0002) function found"
}

wait_pmem() {
  local i=0 bytes want
  while [ ! -b /dev/pmem0 ]; do
    i=$((i + 1))
    [ $i -le 100 ] || { dmesg | grep -iE 'pmem|nd_|virtio' >&2; fail "/dev/pmem0 did not appear within 10 s"; }
    usleep 100000
  done
  bytes=$(($(cat /sys/block/pmem0/size) * 512))
  result "pmem=/dev/pmem0 pmem_bytes=$bytes dax=$(cat /sys/block/pmem0/queue/dax 2>/dev/null || echo ?)"
  want="$(param size '')"
  if [ -n "$want" ] && [ "$want" != "$bytes" ]; then
    fail "/dev/pmem0 has $bytes bytes, expected $want"
  fi
}

make_fs() {
  local t0
  t0="$(now_ns)"
  /sbin/mkfs.ext4 -F -q -b 4096 -L emuhost /dev/pmem0 || fail "mkfs.ext4 /dev/pmem0 failed"
  result "mkfs=ext4 mkfs_ms=$(ms_since "$t0")"
}

mount_dax() {
  local opts="dax${1:+,$1}"
  mount -t ext4 -o "$opts" /dev/pmem0 "$MNT" || fail "mount -o $opts /dev/pmem0 failed"
  grep -q "^/dev/pmem0 $MNT ext4 .*dax" /proc/mounts || fail "ext4 on /dev/pmem0 is not mounted with dax"
  result "mount=ext4 options=$(awk -v m="$MNT" '$2 == m {print $4}' /proc/mounts)"
}

do_write() {
  local sum want boot t0
  make_fs
  mount_dax
  mkdir -p "$MNT/$DIR"
  cp "$PATTERN" "$MNT/$DIR/pattern.bin" || fail "writing the pattern file failed"
  boot="$(cat /proc/sys/kernel/random/boot_id)"
  echo "EMUHOST-MARKER boot_id=$boot pattern_sha256=$(cat /etc/emuhost/pattern.sha256)" >"$MNT/$DIR/marker.txt"
  t0="$(now_ns)"
  sync
  result "sync_ms=$(ms_since "$t0")"
  sum="$(sha256sum "$MNT/$DIR/pattern.bin" | cut -d' ' -f1)"
  want="$(cat /etc/emuhost/pattern.sha256)"
  result "written=/$DIR/pattern.bin bytes=$(wc -c <"$MNT/$DIR/pattern.bin") sha256=$sum boot_id=$boot"
  [ "$sum" = "$want" ] || fail "pattern read back right after writing has sha256 $sum, expected $want"
  umount "$MNT" || fail "umount $MNT failed"
  result "status=PASS"
}

do_read() {
  local sum want marker
  # ext2/3/4 superblock magic 0xef53 at byte 1080 (busybox-static has no blkid)
  [ "$(dd if=/dev/pmem0 bs=1 skip=1080 count=2 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 53ef ] || fail "no ext4 filesystem on /dev/pmem0 (was there a write boot on this backing file?)"
  /sbin/e2fsck -fn /dev/pmem0 >/tmp/fsck.log 2>&1 || { cat /tmp/fsck.log; fail "e2fsck -fn /dev/pmem0 reports errors"; }
  result "fsck=clean"
  mount_dax ro
  [ -f "$MNT/$DIR/pattern.bin" ] || fail "/$DIR/pattern.bin is missing (no write boot before?)"
  sum="$(sha256sum "$MNT/$DIR/pattern.bin" | cut -d' ' -f1)"
  want="$(cat /etc/emuhost/pattern.sha256)"
  marker="$(cat "$MNT/$DIR/marker.txt" 2>/dev/null)"
  result "read=/$DIR/pattern.bin bytes=$(wc -c <"$MNT/$DIR/pattern.bin") sha256=$sum"
  result "marker=$(echo "$marker" | tr ' ' ',')"
  [ "$sum" = "$want" ] || fail "pattern sha256 $sum, expected $want"
  case "$marker" in "EMUHOST-MARKER boot_id="*) ;; *) fail "marker.txt missing or wrong" ;; esac
  case "$marker" in *"boot_id=$(cat /proc/sys/kernel/random/boot_id) "*) fail "marker.txt claims this boot wrote it" ;; esac
  umount "$MNT" || fail "umount $MNT failed"
  result "status=PASS"
}

# One 4 KiB write (+ fsync) loop in a single xfs_io process (no fork per iteration). The commands
# go in as -c arguments: reading them from stdin costs ~2x more per command (libedit).
# fsync_loop NAME N OFFSET_EXPR [SYNC]: OFFSET_EXPR is an awk expression of i; SYNC is the xfs_io
# command after each write (fsync, fdatasync) or "none" (the control loop: tool + write cost only)
fsync_loop() {
  local name="$1" n="$2" off="$3" sync="${4:-fsync}" f="$MNT/bench-$1" t0 ns
  eval "set -- $(awk -v n="$n" -v sync="$sync" "BEGIN { for (i = 0; i < n; i++) {
      printf \"-c 'pwrite -q -b 4096 %d 4096' \", $off; if (sync != \"none\") printf \"-c %s \", sync } }")"
  t0="$(now_ns)"
  xfs_io -f "$@" "$f" >/tmp/xfs_io.out 2>&1 || { cat /tmp/xfs_io.out; fail "xfs_io $name loop failed"; }
  ns=$(($(now_ns) - t0))
  grep -qi 'error\|fail' /tmp/xfs_io.out && { cat /tmp/xfs_io.out; fail "xfs_io $name loop reported an error"; }
  awk -v name="$name" -v n="$n" -v ns="$ns" 'BEGIN {
    printf "EMUHOST-RESULT bench=%s ops=%d seconds=%.3f ops_per_s=%.1f us_per_op=%.1f\n",
      name, n, ns / 1e9, n * 1e9 / ns, ns / n / 1000 }'
}

# The C flush benchmark (benchmarks/guest/pmem-flush-bench.c): 4 KiB pwrite + fsync overwrites,
# on a DAX ext4 file and on raw /dev/pmem0 (blocks at 1 MiB x writer, over the filesystem:
# raw runs after the filesystem is unmounted), with 1 and 4 writer processes.
do_cbench() {
  local n="$1" w
  make_fs
  mount_dax
  for w in 1 4; do
    pmem-flush-bench file "$MNT/cbench" "$n" "$w" || fail "pmem-flush-bench file $w failed"
  done
  rm -f "$MNT/cbench"
  umount "$MNT" || fail "umount $MNT failed"
  for w in 1 4; do
    pmem-flush-bench raw /dev/pmem0 "$n" "$w" || fail "pmem-flush-bench raw $w failed"
  done
  result "status=PASS"
}

do_bench() {
  local n mib t0 ns
  n="$(param n 1000)"; mib="$(param mib 256)"
  if [ "$(param cbench 0)" = 1 ]; then do_cbench "$n"; return; fi
  make_fs
  mount_dax
  # (a) 4 KiB write + fsync: appending (each fsync commits the journal) and overwriting 16 blocks
  fsync_loop fsync_append "$n" 'i * 4096'
  xfs_io -f -c "pwrite -q 0 65536" -c fsync "$MNT/bench-fsync_overwrite" >/dev/null || fail "preallocation failed"
  fsync_loop fsync_overwrite "$n" '(i % 16) * 4096'
  fsync_loop write_only_overwrite "$n" '(i % 16) * 4096' none
  # (b) sequential write of M MiB in 1 MiB writes, then fsync and sync
  t0="$(now_ns)"
  xfs_io -f -c "pwrite -q -b 1048576 0 $((mib * 1048576))" -c fsync "$MNT/bench-seq" >/tmp/xfs_io.out 2>&1 \
    || { cat /tmp/xfs_io.out; fail "sequential write of $mib MiB failed"; }
  sync
  ns=$(($(now_ns) - t0))
  awk -v mib="$mib" -v ns="$ns" 'BEGIN {
    printf "EMUHOST-RESULT bench=seq_write mib=%d seconds=%.3f mib_per_s=%.1f\n", mib, ns / 1e9, mib * 1e9 / ns }'
  rm -f "$MNT"/bench-*
  umount "$MNT" || fail "umount $MNT failed"
  result "status=PASS"
}

# The virtio feature bits the driver negotiated, as sysfs shows them: one 0/1 character per bit,
# bit 0 first. Checks VIRTIO_PMEM_F_SHMEM_REGION (bit 0, virtio 1.2 §5.19.3) when emuhost.shmem=1.
check_features() {
  local features shmem
  features="$(cat "$PCI_DEV"/virtio*/features 2>/dev/null)"
  [ -n "$features" ] || fail "no virtio device under ${PCI_DEV##*/}"
  shmem="$(echo "$features" | cut -c1)"
  result "features=$features shmem_region=$shmem"
  if [ "$(param shmem 0)" = 1 ] && [ "$shmem" != 1 ]; then
    fail "VIRTIO_PMEM_F_SHMEM_REGION (feature bit 0) was not negotiated"
  fi
}

# blocks: raw 4 KiB blocks of the pattern written to /dev/pmem0 (no filesystem: every access may be
# an exit to the device process), at the start, at 1 MiB and in the last block, each followed by
# fsync (a FLUSH); then read back with the page cache dropped. Each extent is reported as
# "block dev=B pattern=P count=N sha256=S" (4 KiB units) for the host's check of the backing file.
do_blocks() {
  local last e b p c sum want
  last=$(($(cat /sys/block/pmem0/size) / 8 - 1))
  BLOCKS="0:0:1 256:8:4 $last:16:1"
  for e in $BLOCKS; do
    b="${e%%:*}"; p="${e#*:}"; c="${p#*:}"; p="${p%:*}"
    dd if="$PATTERN" of=/dev/pmem0 bs=4096 skip="$p" seek="$b" count="$c" conv=fsync,notrunc 2>/tmp/dd.err \
      || { cat /tmp/dd.err; fail "dd of $c block(s) to /dev/pmem0 block $b failed"; }
  done
  sync
  echo 3 >/proc/sys/vm/drop_caches
  for e in $BLOCKS; do
    b="${e%%:*}"; p="${e#*:}"; c="${p#*:}"; p="${p%:*}"
    sum="$(dd if=/dev/pmem0 bs=4096 skip="$b" count="$c" 2>/dev/null | sha256sum | cut -d' ' -f1)"
    want="$(dd if="$PATTERN" bs=4096 skip="$p" count="$c" 2>/dev/null | sha256sum | cut -d' ' -f1)"
    result "block dev=$b pattern=$p count=$c sha256=$sum"
    [ "$sum" = "$want" ] || fail "block $b of /dev/pmem0 reads back sha256 $sum, expected $want"
  done
  result "status=PASS"
}

main() {
  setup
  find_pci_device
  setup_doorbell
  load_modules
  wait_pmem
  check_features
  case "$(param test probe)" in
    probe) result "status=PASS" ;;
    write) do_write ;;
    read) do_read ;;
    bench) do_bench ;;
    blocks) do_blocks ;;
    *) fail "unknown emuhost.test=$(param test probe) (write|read|bench|blocks|probe)" ;;
  esac
  finish
}

main
