# shellcheck shell=bash
# Common helpers for the itests/guest scripts. Sourced, not executed.

GUEST_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

log() { printf '[%s] %s\n' "${LOG_TAG:-guest}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${LOG_TAG:-guest}" "$*" >&2; exit 1; }

# The cache directory shared by all scripts: debs, built guests, backing files.
default_cache_dir() {
  printf '%s\n' "${EMUHOST_GUEST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/emuhost-guest}"
}

# ensure_tools CMD:PACKAGE ...
# Installs the Debian packages of missing host commands (root only), or fails naming them.
# Set EMUHOST_GUEST_NO_INSTALL=1 to forbid installing.
ensure_tools() {
  local spec cmd pkg missing=() pkgs=()
  for spec in "$@"; do
    cmd="${spec%%:*}"; pkg="${spec#*:}"
    if ! command -v "$cmd" >/dev/null 2>&1; then
      missing+=("$cmd"); pkgs+=("$pkg")
    fi
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  # de-duplicate package names
  mapfile -t pkgs < <(printf '%s\n' "${pkgs[@]}" | sort -u)
  if [[ "${EMUHOST_GUEST_NO_INSTALL:-0}" == 1 || $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing host tools: ${missing[*]} (install the Debian packages: ${pkgs[*]})"
  fi
  log "installing missing host tools (${missing[*]}): apt-get install ${pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q -o DPkg::Lock::Timeout=600 "${pkgs[@]}" >&2; then
    log "apt-get install failed; running apt-get update and retrying"
    apt-get update -q >&2 || die "apt-get update failed"
    apt-get install -y -q -o DPkg::Lock::Timeout=600 "${pkgs[@]}" >&2 \
      || die "could not install host packages: ${pkgs[*]}"
  fi
  for cmd in "${missing[@]}"; do
    command -v "$cmd" >/dev/null 2>&1 || die "host tool '$cmd' still missing after installing ${pkgs[*]}"
  done
}

# quote_cmd ARGS...: a copy-pasteable command line (single quotes only where needed)
quote_cmd() {
  local a out=()
  for a in "$@"; do
    if [[ "$a" =~ ^[A-Za-z0-9_./:=,@+%-]+$ ]]; then out+=("$a"); else out+=("'${a//\'/\'\\\'\'}'"); fi
  done
  printf '%s\n' "${out[*]}"
}

# Size argument like 512M / 1G / bytes -> bytes
size_to_bytes() {
  local s="$1" n unit
  [[ "$s" =~ ^([0-9]+)([KkMmGg]?)$ ]] || die "bad size '$s' (use e.g. 512M, 1G or a byte count)"
  n="${BASH_REMATCH[1]}"; unit="${BASH_REMATCH[2]}"
  case "$unit" in
    K|k) echo $((n * 1024)) ;;
    M|m) echo $((n * 1024 * 1024)) ;;
    G|g) echo $((n * 1024 * 1024 * 1024)) ;;
    *) echo "$n" ;;
  esac
}

# load_guest_env [build-guest.sh options...]: runs build-guest.sh (a no-op when cached) and sets
# GUEST_KERNEL, GUEST_INITRD, GUEST_KVER, GUEST_PATTERN, GUEST_INFO, GUEST_DIR_OUT.
load_guest_env() {
  local out line key val
  out="$("$GUEST_DIR/build-guest.sh" "$@")" || die "build-guest.sh failed"
  while IFS= read -r line; do
    [[ "$line" == GUEST_*=* ]] || continue
    key="${line%%=*}"; val="${line#*=}"
    case "$key" in
      GUEST_KERNEL|GUEST_INITRD|GUEST_KVER|GUEST_PATTERN|GUEST_INFO|GUEST_DIR_OUT|GUEST_VMLINUZ)
        printf -v "$key" '%s' "$val" ;;
    esac
  done <<<"$out"
  [[ -n "${GUEST_KERNEL:-}" && -f "$GUEST_KERNEL" ]] || die "build-guest.sh reported no kernel"
  [[ -n "${GUEST_INITRD:-}" && -f "$GUEST_INITRD" ]] || die "build-guest.sh reported no initrd"
}

# --- emuhost as the remote device process (x-remote-object) ---------------------------------------
# emuhost_start DIR BACKING SIZE JAR DOORBELL [DEVICE_EXTRA [REMOTE_EXTRA]]: starts emuhost (JAR, or
# the project's ./emuhost when empty) with a virtio-pmem-pci over BACKING (which must exist) served
# on DIR/nv1.sock, with the pci-serial doorbell on DIR/kick.sock when DOORBELL is 1, and QMP on
# DIR/qmp.sock. DEVICE_EXTRA and REMOTE_EXTRA are appended to the -device and the x-remote-object
# options (e.g. ',shmem-region=on' and ',auto-shutdown=off'). Sets EMUHOST_PID, EMUHOST_SOCKET,
# EMUHOST_KICK, EMUHOST_QMP, EMUHOST_LOG; returns once it listens. EMUHOST_LOG_LEVEL=INFO (or DEBUG)
# logs more than the default WARN (through JAVA_TOOL_OPTIONS, for ./emuhost and a jar alike).
emuhost_start() {
  local dir="$1" backing="$2" size="$3" jar="$4" doorbell="$5" device_extra="${6:-}" remote_extra="${7:-}"
  local root remote cmd
  root="$(cd "$GUEST_DIR/../.." && pwd)"
  EMUHOST_SOCKET="$dir/nv1.sock"; EMUHOST_KICK="$dir/kick.sock"; EMUHOST_QMP="$dir/qmp.sock"
  EMUHOST_LOG="$dir/emuhost.log"
  rm -f "$EMUHOST_SOCKET" "$EMUHOST_KICK" "$EMUHOST_QMP"
  cmd=("$root/emuhost")
  [[ -z "$jar" ]] || cmd=(java -jar "$jar")
  remote="x-remote-object,id=r0,devid=nv1,socket=$EMUHOST_SOCKET"
  [[ "$doorbell" != 1 ]] || remote+=",doorbell=$EMUHOST_KICK"
  remote+="$remote_extra"
  log "starting emuhost (log: $EMUHOST_LOG)"
  [[ -z "${EMUHOST_LOG_LEVEL:-}" ]] || cmd=(env "JAVA_TOOL_OPTIONS=-Demuhost.log.level=$EMUHOST_LOG_LEVEL" "${cmd[@]}")
  "${cmd[@]}" -m 128M,maxmem=4G -monitor none -qmp "unix:$EMUHOST_QMP,server=on,wait=off" \
    -object "memory-backend-file,id=mem1,share=on,mem-path=$backing,size=$size" \
    -device "virtio-pmem-pci,id=nv1,memdev=mem1,memaddr=0x100000000,vectors=0,x-bar64=off$device_extra" \
    -object "$remote" >"$EMUHOST_LOG" 2>&1 </dev/null &
  EMUHOST_PID=$!
  for _ in $(seq 1 600); do
    [[ -S "$EMUHOST_SOCKET" && -S "$EMUHOST_QMP" ]] && return 0
    kill -0 "$EMUHOST_PID" 2>/dev/null || { cat "$EMUHOST_LOG" >&2; die "emuhost ended before it served (see above)"; }
    sleep 0.1
  done
  die "emuhost did not listen on $EMUHOST_SOCKET within 60 s (log: $EMUHOST_LOG)"
}

# emuhost_qmp COMMAND: runs one QMP command on the started emuhost and prints the reply line
# (perl-base is Essential in Debian and has Socket).
# shellcheck disable=SC2016  # perl code: its $ are perl's
emuhost_qmp() {
  perl -MSocket -e '
    socket(my $s, PF_UNIX, SOCK_STREAM, 0) or die "socket: $!\n";
    connect($s, pack_sockaddr_un($ARGV[0])) or die "cannot connect to $ARGV[0]: $!\n";
    select((select($s), $| = 1)[0]);
    <$s>;
    print $s "{\"execute\": \"qmp_capabilities\"}\n"; <$s>;
    print $s "{\"execute\": \"$ARGV[1]\", \"id\": 1}\n";
    while (my $line = <$s>) { if ($line =~ /"id": 1/) { print $line; last } }
  ' "$EMUHOST_QMP" "$1"
}

# emuhost_wait SECS: waits up to SECS for the started emuhost to end by itself (auto-shutdown=on
# after QEMU's connection closed); sets EMUHOST_RC to its exit status, or 124 (then it still runs)
emuhost_wait() {
  local i
  EMUHOST_RC=124
  for ((i = 0; i < $1 * 10; i++)); do
    if ! kill -0 "$EMUHOST_PID" 2>/dev/null; then
      set +e; wait "$EMUHOST_PID"; EMUHOST_RC=$?; set -e
      EMUHOST_PID=""
      return 0
    fi
    sleep 0.1
  done
}

# emuhost_stop: quits the started emuhost (QMP quit), or kills it
emuhost_stop() {
  if [[ -n "${EMUHOST_PID:-}" ]] && kill -0 "$EMUHOST_PID" 2>/dev/null; then
    emuhost_qmp quit >/dev/null 2>&1 || kill "$EMUHOST_PID" 2>/dev/null || true
    wait "$EMUHOST_PID" 2>/dev/null || true
  fi
  EMUHOST_PID=""
}
