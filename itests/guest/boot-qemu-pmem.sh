#!/usr/bin/env bash
# Boots the test guest under QEMU (TCG) with a virtio-pmem device on BACKING and prints the guest's
# result lines. Exit status 0 only if the guest printed "EMUHOST-RESULT status=PASS" and QEMU ended
# by itself (the guest powers off); 1 on failure, 124 on timeout.
#
#   boot-qemu-pmem.sh [options] MODE BACKING_FILE
#     MODE            write | read | bench | blocks | probe     (the guest's emuhost.test=)
#     --fresh         (re)create BACKING_FILE as a sparse file of --size first
#     --size SIZE     backing size for --fresh (default 512M; a multiple of 2 MiB, or the guest cannot map it)
#     --attach KIND   how the pmem reaches the guest: native (default: QEMU's own virtio-pmem-pci),
#                     emuhost (the same QEMU command line run by `emuhost --qemu`: emuhost serves
#                     the virtio-pmem-pci, QEMU gets the proxy; see --emuhost-*),
#                     proxy (x-pci-proxy-dev to a remote device process; needs --proxy-fd or
#                     --proxy-socket), or proxy_shmem (the same, for a remote device with
#                     shmem-region=on: the pmem is its BAR2, QEMU maps no pc-dimm)
#     --proxy-fd N    proxy: the inherited fd of the remote's socket (QEMU's x-pci-proxy-dev,fd=N)
#     --proxy-socket PATH  proxy: connect to a remote listening on this UNIX socket and hand the
#                     connection to QEMU as fd N (default 3), for callers that cannot pass fds (Java)
#     --emuhost-jar J emuhost: the emuhost.jar to run (default: the project's ./emuhost)
#     --emuhost-qmp S emuhost: emuhost's own QMP socket path (before --qemu: QEMU's monitors stay QEMU's)
#     --irqpoll       emuhost under TCG: interrupts by guest polling instead of the pci-serial doorbell
#     --append ARGS   extra guest kernel arguments (e.g. 'emuhost.n=300 emuhost.mib=64')
#     --qemu-arg ARG  extra QEMU argument (repeatable)
#     --timeout SECS  kill QEMU after SECS (default 300)
#     --log FILE      console log (default: BACKING_FILE.MODE.log)
#     --verbose       print the whole console, not only the result lines
#     --dry-run       print the QEMU command and exit
#     --cache DIR     guest build cache (see build-guest.sh)
#
# The guest is built (or found in the cache) by build-guest.sh.
# shellcheck disable=SC2054  # commas inside array elements are QEMU option syntax
set -euo pipefail
LOG_TAG=boot-qemu-pmem
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODE=""
BACKING=""
FRESH=0
SIZE=512M
ATTACH=native
PROXY_FD=""
PROXY_SOCKET=""
EMUHOST_JAR=""
EMUHOST_QMP=""
EMUHOST_INTX=doorbell
EXTRA_APPEND=""
EXTRA_QEMU=()
TIMEOUT=300
LOG=""
VERBOSE=0
DRY_RUN=0
BUILD_ARGS=(--quiet)

usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; }

parse_args() {
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --fresh) FRESH=1; shift ;;
      --size) SIZE="${2:?--size needs a value}"; shift 2 ;;
      --attach) ATTACH="${2:?--attach needs native|proxy}"; shift 2 ;;
      --proxy-fd) PROXY_FD="${2:?--proxy-fd needs a number}"; shift 2 ;;
      --proxy-socket) PROXY_SOCKET="${2:?--proxy-socket needs a path}"; shift 2 ;;
      --emuhost-jar) EMUHOST_JAR="${2:?--emuhost-jar needs a path}"; shift 2 ;;
      --emuhost-qmp) EMUHOST_QMP="${2:?--emuhost-qmp needs a socket path}"; shift 2 ;;
      --irqpoll) EMUHOST_INTX=irqpoll; shift ;;
      --append) EXTRA_APPEND="${2?}"; shift 2 ;;
      --qemu-arg) EXTRA_QEMU+=("${2?}"); shift 2 ;;
      --timeout) TIMEOUT="${2:?--timeout needs seconds}"; shift 2 ;;
      --log) LOG="${2:?--log needs a file}"; shift 2 ;;
      --verbose|-v) VERBOSE=1; shift ;;
      --dry-run) DRY_RUN=1; shift ;;
      --cache) BUILD_ARGS+=(--cache "${2:?--cache needs a directory}"); shift 2 ;;
      -h|--help) usage; exit 0 ;;
      -*) die "unknown option '$1' (see --help)" ;;
      *) if [[ -z "$MODE" ]]; then MODE="$1"; elif [[ -z "$BACKING" ]]; then BACKING="$1"; else die "extra argument '$1'"; fi; shift ;;
    esac
  done
  [[ -n "$MODE" && -n "$BACKING" ]] || { usage >&2; die "MODE and BACKING_FILE are required"; }
  case "$MODE" in write|read|bench|blocks|probe) ;; *) die "MODE must be write, read, bench, blocks or probe, not '$MODE'" ;; esac
  [[ -n "$LOG" ]] || LOG="$BACKING.$MODE.log"
}

prepare_backing() {
  local bytes
  if [[ $FRESH == 1 ]]; then
    bytes="$(size_to_bytes "$SIZE")"
    mkdir -p "$(dirname "$BACKING")"
    rm -f "$BACKING"
    truncate -s "$bytes" "$BACKING" || die "cannot create backing file $BACKING"
  fi
  [[ -f "$BACKING" ]] || die "backing file $BACKING does not exist (use --fresh to create it)"
  BACKING="$(cd "$(dirname "$BACKING")" && pwd)/$(basename "$BACKING")"
  BACKING_BYTES="$(stat -c %s "$BACKING")"
  (( BACKING_BYTES > 0 && BACKING_BYTES % (2 * 1024 * 1024) == 0 )) \
    || die "backing file size $BACKING_BYTES is not a non-zero multiple of 2 MiB: the guest's nd_pmem would refuse it (misaligned)"
}

# ---- the pluggable part: how the pmem is attached --------------------------------------------
# Each attach_* function sets
#   MACHINE_ARGS   -machine and guest-RAM options
#   DEVICE_ARGS    the pmem device (and its memory backend)
#   ATTACH_APPEND  guest kernel arguments the attachment needs
# A new attachment only has to fill these three: add an attach_NAME function here, or source this
# file (main does not run when sourced), define attach_NAME, then call main --attach NAME ....

# QEMU's own virtio-pmem-pci: the baseline. RAM is plain (anonymous) guest memory.
attach_native() {
  MACHINE_ARGS=(-machine q35 -m 1G,slots=2,maxmem=4G)
  DEVICE_ARGS=(
    -object "memory-backend-file,id=pmem0,share=on,mem-path=$BACKING,size=$BACKING_BYTES"
    -device virtio-pmem-pci,memdev=pmem0,id=nv0
  )
  ATTACH_APPEND=""
}

# x-pci-proxy-dev: the virtio-pmem PCI function lives in a remote process (emuhost), reached over
# the UNIX socket inherited as fd PROXY_FD (QEMU 7.2 calls the property fd=, not socket=). Per
# the shared reference qemu-multiprocess.md §2 and §5 (NOT yet run against emuhost here; the plumbing
# was checked with null-remote.py):
#  * guest RAM must be fd-backed and share=on (memory-backend-memfd or a memory-backend-file, e.g. on
#    /dev/shm), or SYNC_SYSMEM carries fd -1 and the remote never sees guest memory;
#  * QEMU maps the pmem file as a pc-dimm at a fixed address; the remote's virtio-pmem config must
#    announce start = that address (0x100000000) and size = the backing size;
#  * acpi_no_memhotplug keeps the guest from onlining that DIMM as System RAM (else nd_pmem: -EBUSY);
#  * under TCG the proxy's INTx (KVM irqfd only) never reaches the guest: 'irqpoll noapictimer'
#    (flush latency ~4 ms, bounded by the tick) or the pci-serial doorbell in function 1 of the same
#    slot (remote sets the multifunction bit; guest: emuhost.doorbell=1 8250.nr_uarts=8, and the
#    remote writes one byte to the chardev socket per interrupt). With KVM neither is needed;
#  * the remote must already be serving when QEMU starts: realize blocks on its config reads.
# EMUHOST_PROXY_DOORBELL=/path/kick.sock selects the doorbell instead of irqpoll.
# --proxy-socket PATH: QEMU is started through connect_and_exec (below), which connects to PATH and
# passes the connection as fd PROXY_FD.
attach_proxy() {
  if [[ -n "$PROXY_SOCKET" ]]; then
    PROXY_FD="${PROXY_FD:-3}"
    [[ $DRY_RUN == 1 || -S "$PROXY_SOCKET" ]] || die "--proxy-socket $PROXY_SOCKET is not a UNIX socket (is the remote running?)"
  fi
  [[ "$PROXY_FD" =~ ^[0-9]+$ ]] || die "--attach proxy needs --proxy-fd N (the remote's socket, inherited by QEMU) or --proxy-socket PATH"
  [[ $DRY_RUN == 1 || -n "$PROXY_SOCKET" || -e /proc/self/fd/"$PROXY_FD" ]] \
    || die "fd $PROXY_FD is not open in this process: the caller must pass the remote's socket to QEMU"
  MACHINE_ARGS=(
    -machine q35,memory-backend=ram0 -m 1G,slots=2,maxmem=4G
    -object memory-backend-memfd,id=ram0,size=1G,share=on
  )
  DEVICE_ARGS=(
    -object "memory-backend-file,id=pmem0,share=on,mem-path=$BACKING,size=$BACKING_BYTES"
    -device pc-dimm,id=dimm0,memdev=pmem0,addr=0x100000000
  )
  [[ "${PROXY_DIMM:-1}" == 1 ]] || DEVICE_ARGS=()
  DEVICE_ARGS+=(-device "x-pci-proxy-dev,id=mp0,fd=$PROXY_FD,addr=0x5.0,multifunction=on")
  ATTACH_APPEND="acpi_no_memhotplug"
  if [[ -n "${EMUHOST_PROXY_DOORBELL:-}" ]]; then
    DEVICE_ARGS+=(
      -chardev "socket,id=kick,path=$EMUHOST_PROXY_DOORBELL,server=on,wait=off"
      -device pci-serial,chardev=kick,addr=0x5.1
    )
    ATTACH_APPEND+=" 8250.nr_uarts=8 emuhost.doorbell=1"
  else
    ATTACH_APPEND+=" irqpoll noapictimer"
  fi
}

# emuhost: the native command line, unchanged, run by `emuhost --qemu` (the README's one command):
# emuhost serves the virtio-pmem-pci and gives QEMU the proxy, the pc-dimm, shareable RAM and the
# kernel arguments itself. Only the guest's own knob for the doorbell is added here.
attach_emuhost() {
  attach_native
  [[ $EMUHOST_INTX != doorbell ]] || ATTACH_APPEND="emuhost.doorbell=1"
}

# proxy_shmem: the remote's virtio-pmem offers VIRTIO_PMEM_F_SHMEM_REGION (emuhost: shmem-region=on),
# so the guest (Linux 6.12+) finds the pmem in the function's BAR2, a 32-bit BAR (x-bar64=off) that
# the proxy forwards like BAR4: every guest access to the pmem is a BAR_READ/BAR_WRITE to the remote,
# and no pc-dimm maps the file into QEMU. emuhost.shmem=1 makes the guest check the feature.
attach_proxy_shmem() {
  PROXY_DIMM=0 attach_proxy
  ATTACH_APPEND+=" emuhost.shmem=1"
}

# With --proxy-socket, QEMU is started through this perl program (perl-base is Essential in Debian
# and has Socket and POSIX): connect to the UNIX socket PATH, make the connection fd FD without
# close-on-exec, exec the QEMU command. Arguments: PATH FD CMD...
# shellcheck disable=SC2016  # perl code: its $ are perl's
CONNECT_AND_EXEC_PL='
  BEGIN { $^F = 1023 }   # no close-on-exec for the fds opened here
  my ($path, $fd, @cmd) = @ARGV;
  socket(my $s, PF_UNIX, SOCK_STREAM, 0) or die "socket: $!\n";
  connect($s, pack_sockaddr_un($path)) or die "cannot connect to the remote device process at $path: $!\n";
  if (fileno($s) != $fd) { POSIX::dup2(fileno($s), $fd) or die "dup2 to fd $fd: $!\n"; close($s); }
  exec { $cmd[0] } @cmd or die "exec $cmd[0]: $!\n";
'

build_qemu_cmd() {
  local append
  declare -F "attach_$ATTACH" >/dev/null || die "unknown --attach '$ATTACH' (native|emuhost|proxy|proxy_shmem)"
  "attach_$ATTACH"
  # quiet: serial printk is slow under TCG; panic=-1 + -no-reboot: a panic or poweroff ends QEMU;
  # no_timer_check: on a loaded host, TCG can fail the kernel's IO-APIC timer check ("IO-APIC + timer
  # doesn't work!" panic, seen here once with noapictimer at load average 8)
  append="console=ttyS0 quiet panic=-1 no_timer_check emuhost.test=$MODE emuhost.size=$BACKING_BYTES"
  append="$append${ATTACH_APPEND:+ $ATTACH_APPEND}${EXTRA_APPEND:+ $EXTRA_APPEND}"
  LAUNCHER=()
  if [[ -n "$PROXY_SOCKET" && "$ATTACH" == proxy* ]]; then
    LAUNCHER=(perl -MSocket -MPOSIX -e "$CONNECT_AND_EXEC_PL" "$PROXY_SOCKET" "$PROXY_FD")
  elif [[ "$ATTACH" == emuhost ]]; then
    LAUNCHER=("$(cd "$GUEST_DIR/../.." && pwd)/emuhost")
    [[ -z "$EMUHOST_JAR" ]] || LAUNCHER=(java -jar "$EMUHOST_JAR")
    [[ -z "${EMUHOST_LOG_LEVEL:-}" ]] || LAUNCHER=(env "JAVA_TOOL_OPTIONS=-Demuhost.log.level=$EMUHOST_LOG_LEVEL" "${LAUNCHER[@]}")
    [[ -z "$EMUHOST_QMP" ]] || LAUNCHER+=(-qmp "unix:$EMUHOST_QMP,server=on,wait=off")
    LAUNCHER+=(-tcg-intx "$EMUHOST_INTX" --qemu)
  fi
  QEMU_CMD=(
    qemu-system-x86_64 -accel tcg -cpu max -smp 1
    "${MACHINE_ARGS[@]}"
    -nodefaults -no-user-config -display none -serial stdio -no-reboot
    -kernel "$GUEST_KERNEL" -initrd "$GUEST_INITRD" -append "$append"
    "${DEVICE_ARGS[@]}"
    "${EXTRA_QEMU[@]}"
  )
}

# Runs QEMU; console -> $LOG (each line prefixed by seconds since start) and the result lines ->
# stdout. Sets QEMU_RC and BOOT_SECONDS.
run_qemu() {
  local t0 line us rel
  : >"$LOG"
  printf '# %s\n' "$(quote_cmd "${QEMU_CMD[@]}")" >>"$LOG"
  [[ ${#LAUNCHER[@]} -eq 0 ]] || printf '# started by: %s\n' "$(quote_cmd "${LAUNCHER[@]}")" >>"$LOG"
  t0="${EPOCHREALTIME/./}"   # microseconds
  set +e
  timeout -k 5 "$TIMEOUT" "${LAUNCHER[@]}" "${QEMU_CMD[@]}" </dev/null 2>"$LOG.stderr" | {
    while IFS= read -r line; do
      line="${line%$'\r'}"
      us=$(( ${EPOCHREALTIME/./} - t0 ))
      printf -v rel '%d.%03d' $((us / 1000000)) $((us % 1000000 / 1000))
      printf '%8s | %s\n' "$rel" "$line" >>"$LOG"
      if [[ "$line" == "EMUHOST-RESULT "* ]]; then
        [[ "$line" == "EMUHOST-RESULT init "* ]] && echo "EMUHOST-RESULT host_to_init_s=$rel"
        echo "$line"
      elif [[ $VERBOSE == 1 ]]; then
        echo "$line"
      fi
    done
  }
  QEMU_RC=${PIPESTATUS[0]}
  set -e
  us=$(( ${EPOCHREALTIME/./} - t0 ))
  printf -v BOOT_SECONDS '%d.%02d' $((us / 1000000)) $((us % 1000000 / 10000))
}

main() {
  parse_args "$@"
  ensure_tools qemu-system-x86_64:qemu-system-x86 timeout:coreutils
  prepare_backing
  load_guest_env "${BUILD_ARGS[@]}"
  build_qemu_cmd
  if [[ $DRY_RUN == 1 ]]; then
    [[ ${#LAUNCHER[@]} -eq 0 ]] || echo "# started by: $(quote_cmd "${LAUNCHER[@]}")"
    quote_cmd "${QEMU_CMD[@]}"; exit 0
  fi
  log "booting ($MODE, $ATTACH, backing $BACKING, $BACKING_BYTES bytes); console log: $LOG"
  run_qemu
  echo "EMUHOST-RESULT host_total_s=$BOOT_SECONDS qemu_rc=$QEMU_RC"
  if [[ $QEMU_RC == 124 || $QEMU_RC == 137 ]]; then
    log "FAILED: QEMU did not finish within ${TIMEOUT}s (killed); console log: $LOG"
    exit 124
  fi
  if [[ $QEMU_RC != 0 ]]; then
    log "FAILED: QEMU exited with status $QEMU_RC; its stderr:"; sed 's/^/  /' "$LOG.stderr" >&2
    exit 1
  fi
  if ! grep -q '| EMUHOST-RESULT status=PASS$' "$LOG"; then
    log "FAILED: the guest did not report status=PASS; console log: $LOG"
    grep 'EMUHOST-RESULT status=' "$LOG" >&2 || true
    exit 1
  fi
  log "PASS ($MODE) in ${BOOT_SECONDS}s"
}

# Sourcing this file (e.g. to add an attach_* function) defines the functions without running main.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  main "$@"
fi
