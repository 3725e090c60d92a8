#!/usr/bin/env bash
# Builds emuhost.jar's class-data-sharing archive (JDK 17's dynamic AppCDS) from one training run:
# the seed's command line, a few monitor commands, quit. ./emuhost maps it at every start, so the
# JDK, Felix and the bundles' classes are not parsed and verified again (see docs/benchmarks.md).
# Usage: cds-archive.sh EMUHOST_JAR JVM_OPTIONS_FILE ARCHIVE
# The run touches nothing of the user's: its pmem file and bundle cache live in a temporary
# directory, deleted at exit. (An archived class is used at run time when its class file's bytes
# match, wherever the bundle jar lies.)
set -euo pipefail

jar=$1
options=$2
archive=$3

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mapfile -t jvm_options < <(grep -v '^[[:space:]]*\(#\|$\)' "$options")
rm -f "$archive"

printf 'info version\ninfo pci\ninfo virtio-pmem\nquit\n' |
    XDG_CACHE_HOME="$work/cache" java "${jvm_options[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds*=off \
        -jar "$jar" -m 1G,slots=2,maxmem=16G \
        -object memory-backend-file,id=mem1,share=on,mem-path="$work/pmem.img",size=64M \
        -device virtio-pmem-pci,memdev=mem1,id=nv1 -monitor stdio >"$work/stdout"

grep -q '^(qemu) ' "$work/stdout" || { echo "cds-archive.sh: the training run did not reach the monitor" >&2; exit 1; }
[[ -s "$archive" ]] || { echo "cds-archive.sh: no archive written to $archive" >&2; exit 1; }
