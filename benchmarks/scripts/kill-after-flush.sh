#!/usr/bin/env bash
# SIGKILL after FLUSH, in a loop: KillAfterFlushIT with many rounds (default 1000; the test
# command runs 3). Each round starts emuhost.jar on the same backing file, writes 8 bytes into
# the pmem range over qtest, FLUSHes, kills emuhost with SIGKILL as soon as the answer is seen,
# and checks that every record flushed so far is in the file.
#   benchmarks/scripts/kill-after-flush.sh [ROUNDS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-1000}"
cd "$root"
start=$(date +%s)
mvn -B -q -pl launcher -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=KillAfterFlushIT -Demuhost.kill.rounds="$rounds"
echo "kill-after-flush: $rounds rounds passed in $(( $(date +%s) - start )) s"
