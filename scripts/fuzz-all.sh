#!/usr/bin/env bash
# Fuzzes every Jazzer target for a long time (not part of the build: `mvn -B verify` only replays
# the committed regression inputs under src/test/resources/<package>/<Class>Inputs/<method>/).
# One target after the other (JAZZER_FUZZ=1, one @FuzzTest per JVM as Jazzer requires), each for
# --time seconds or --runs executions, whichever ends first; then prints one line per target:
#
#   target  executions  seconds  exec/s  findings
#
# The goal is >= 10 M executions per target with 0 findings. A finding fails that target: Jazzer
# prints the stack trace and writes the input as crash-<sha1> (slow-unit-<sha1> for an input that
# took over 10 s) into the target's Inputs/<method>/ directory under src/test/resources, or into
# <module>/ if there is none. Those names are git-ignored: fix the bug, then keep the input as a
# regression input under a name that says what it is. The generated corpus goes to
# <module>/.cifuzz-corpus/ (git-ignored; kept between runs, so later runs start from it); logs go
# to target/fuzz/ (or --logs DIR).
#
#   scripts/fuzz-all.sh [--time SECONDS] [--runs N] [--logs DIR] [--list] [TARGET-SUBSTRING...]
#     --time SECONDS  per target (default 300)
#     --runs N        per target, 0 = no limit (default 0)
#     --logs DIR      where each target's Maven/Jazzer log goes (default: target/fuzz)
#     --list          print the targets and exit
#     TARGET-SUBSTRING  only targets whose "module Class#method" contains one of them
#
# Example: scripts/fuzz-all.sh --time 600 DescriptorChain Qmp
# Two invocations with disjoint filters can run side by side (one core each).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# module  Class#method
TARGETS=(
  "bundles/virtio-transport DescriptorChainFuzzTest#pop"
  "bundles/virtio-transport VirtioPciRegisterFuzzTest#registerAccesses"
  "itests VirtioPmemRequestFuzzTest#requests"
  "bundles/qemu-syntax KeyvalSizeFuzzTest#keyvalAndSizes"
  "bundles/machine HmpArgumentFuzzTest#hmpArguments"
  "bundles/machine QmpFramingFuzzTest#frames"
  "bundles/qtest QtestLineFuzzTest#lines"
  "bundles/qtest QtestLineFuzzTest#lineReader"
  "itests MpqemuMessageFuzzTest#messages"
)

TIME=300
RUNS=0
# a bounded heap, so that a leak shows as an OutOfMemoryError finding rather than a slow machine
HEAP=1g
LOGS="$ROOT/target/fuzz"
FILTERS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --time) TIME="${2:?--time needs seconds}"; shift 2 ;;
    --runs) RUNS="${2:?--runs needs a count}"; shift 2 ;;
    --logs) LOGS="${2:?--logs needs a directory}"; shift 2 ;;
    --list) printf '%s\n' "${TARGETS[@]}"; exit 0 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) FILTERS+=("$1"); shift ;;
  esac
done
mkdir -p "$LOGS"

selected() {
  [[ ${#FILTERS[@]} -eq 0 ]] && return 0
  local f
  for f in "${FILTERS[@]}"; do [[ "$1" == *"$f"* ]] && return 0; done
  return 1
}

failed=0
results=()
for target in "${TARGETS[@]}"; do
  selected "$target" || continue
  module="${target%% *}"
  test="${target#* }"
  log="$LOGS/${test/\#/.}.log"
  echo "fuzzing $test in $module for ${TIME}s$([[ $RUNS != 0 ]] && echo " or $RUNS runs") -> $log" >&2
  status=0
  # -am: the upstream modules come from the reactor as class directories, which Jazzer instruments
  (cd "$ROOT" && JAZZER_FUZZ=1 mvn -B -o -pl "$module" -am test \
      -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${TIME}s" -Djazzer.max_executions="$RUNS" \
      -Djazzer.instrumentation_includes='io.emuhost.**' \
      -Dorg.slf4j.simpleLogger.defaultLogLevel=error -DargLine="-Xmx$HEAP") >"$log" 2>&1 || status=$?
  # libFuzzer's last words: "Done 12345 runs in 300 second(s)"; on a finding the last status line
  done_line="$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)"
  if [[ -n "$done_line" ]]; then
    execs="$(awk '{print $2}' <<<"$done_line")"
    secs="$(awk '{print $5}' <<<"$done_line")"
  else
    execs="$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)"
    secs="?"
  fi
  findings="$(grep -c '^== Java Exception' "$log" || true)"
  if [[ $status -ne 0 && "$findings" == 0 ]]; then findings="build failed"; fi
  rate="?"
  if [[ "$secs" =~ ^[0-9]+$ && "$secs" -gt 0 && -n "$execs" ]]; then rate=$((execs / secs)); fi
  results+=("$(printf '%-45s %12s %8s %8s  %s' "$test" "${execs:-?}" "$secs" "$rate" "$findings")")
  [[ $status -ne 0 ]] && failed=1
done

printf '%-45s %12s %8s %8s  %s\n' target executions seconds exec/s findings
printf '%s\n' "${results[@]}"
exit "$failed"
