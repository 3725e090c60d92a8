#!/usr/bin/env python3
"""Start-up of emuhost beside its floors, in alternation, in one run.

    benchmarks/scripts/startup.py [--runs 5] [--launches 30] [--dir DIR]

Each round runs, one after the other:

    seed       ./emuhost with the README's seed command line and -monitor stdio, `quit` on stdin
    help       ./emuhost -object help
    java       java -version                        (the JVM floor: nothing of ours runs)
    qemu-seed  qemu-system-x86_64, the same -m/-object/-device, -monitor stdio, `quit` on stdin
               (-display none -S -qtest null: no guest runs; QEMU 7.2 from Debian, when installed)

and reports per case the median wall time, CPU time (user + system) and peak RSS of the
process (wait4's rusage: ./emuhost execs java, so it is the JVM's own), then the ratios
seed / java and seed / qemu-seed.

Then a conformance-style loop, as a test suite launches a host per case: --launches starts of
emuhost and of QEMU, each with a few monitor commands (info version, info pci, info
memory-devices) and quit, timed as a whole.

The pmem files are sparse 4 GiB files in a temporary directory (--dir), removed at the end.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EMUHOST = os.path.join(ROOT, "emuhost")
QEMU = shutil.which("qemu-system-x86_64")
COMMANDS = "info version\ninfo pci\ninfo memory-devices\nquit\n"


def seed_args(directory, name):
    return ["-m", "1G,slots=2,maxmem=16G",
            "-object", "memory-backend-file,id=mem1,share=on,mem-path=%s,size=4G"
            % os.path.join(directory, name),
            "-device", "virtio-pmem-pci,memdev=mem1,id=nv1", "-monitor", "stdio"]


def measure(argv, stdin_text):
    """Runs argv to its end; returns (wall s, cpu s, peak RSS MiB)."""
    start = time.monotonic()
    process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    if stdin_text:
        process.stdin.write(stdin_text.encode())
    process.stdin.close()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode(errors="replace")
    if process.returncode != 0:
        sys.exit("startup.py: %s exited with %d: %s" % (" ".join(argv), process.returncode, errors))
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0


def cases(directory):
    found = [("seed", [EMUHOST] + seed_args(directory, "emuhost.img"), "quit\n"),
             ("help", [EMUHOST, "-object", "help"], None),
             ("java", ["java", "-version"], None)]
    if QEMU:
        found.append(("qemu-seed", [QEMU, "-display", "none", "-S", "-qtest", "null", "-nodefaults"]
                      + seed_args(directory, "qemu.img"), "quit\n"))
    return found


def loop(argv, launches):
    start = time.monotonic()
    for _ in range(launches):
        measure(argv, COMMANDS)
    return time.monotonic() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--launches", type=int, default=30)
    parser.add_argument("--dir")
    options = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="emuhost-startup-", dir=options.dir)
    try:
        runs = cases(directory)
        # one unmeasured pass: the page cache, emuhost's per-user bundle cache
        for _, argv, stdin_text in runs:
            measure(argv, stdin_text)
        results = {name: [] for name, _, _ in runs}
        for _ in range(options.runs):
            for name, argv, stdin_text in runs:
                results[name].append(measure(argv, stdin_text))
        print("%-10s %9s %9s %9s   (median of %d, alternating)" % ("case", "wall s", "cpu s", "RSS MiB",
                                                                 options.runs))
        medians = {}
        for name, samples in results.items():
            medians[name] = [statistics.median(column) for column in zip(*samples)]
            print("%-10s %9.3f %9.3f %9.1f" % (name, *medians[name]))
        print("seed / java wall: %.1fx" % (medians["seed"][0] / medians["java"][0]))
        if "qemu-seed" in medians:
            print("seed / qemu-seed wall: %.1fx" % (medians["seed"][0] / medians["qemu-seed"][0]))
        if options.launches:
            emuhost = loop([EMUHOST] + seed_args(directory, "emuhost.img"), options.launches)
            print("%d launches with %d monitor commands: emuhost %.2f s" % (options.launches,
                                                                        COMMANDS.count("\n"), emuhost), end="")
            if QEMU:
                qemu = loop([QEMU, "-display", "none", "-S", "-qtest", "null", "-nodefaults"]
                            + seed_args(directory, "qemu.img"), options.launches)
                print(", QEMU %.2f s, ratio %.1fx" % (qemu, emuhost / qemu))
            else:
                print()
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
