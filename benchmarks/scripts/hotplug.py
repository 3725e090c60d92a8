#!/usr/bin/env python3
"""QMP hotplug of a 64 MiB virtio-pmem device, emuhost beside Debian's QEMU, in one run.

    benchmarks/scripts/hotplug.py [--rounds 200] [--warmup 50] [--alternate 3] [--dir DIR]

Starts QEMU without a guest (pc, -qtest null, which selects the qtest accelerator) and emuhost (./emuhost, i.e.
launcher/jvm.options), each with `-m 1G,slots=4,maxmem=64G` and a QMP socket, and drives both
with the same client. One round, fresh ids each time:

    object-add memory-backend-file (share, 64 MiB, a new sparse file)   -> t_obj
    device_add virtio-pmem-pci memdev=...                               -> t_dev
    device_del, then wait for DEVICE_DELETED                            -> t_del
    object-del                                                          -> t_odel

QEMU 7.2 refuses device_del of a virtio-pmem-pci ("virtio based memory devices cannot be
unplugged"), and without a guest nobody would eject it anyway; so for QEMU the script does
what a guest's ACPI eject does, over the qtest socket (`outl 0xae08 1<<slot`, PIIX4's PCI
hotplug eject register, as QEMU's own qtests do), with the device at a fixed slot (addr=0x5),
and waits for DEVICE_DELETED. Its t_del is therefore not comparable; t_obj and t_dev are.

Each time is one request's round trip (send to reply) as the client sees it. The first
--warmup rounds are left out; the medians of the rest are printed per host and as
emuhost / QEMU. The hosts are measured in alternation (--alternate passes, each host started
anew each pass), and the median over all passes' rounds is reported.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MEM = ["-m", "1G,slots=4,maxmem=64G"]


class Qmp:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("rb")
        self.events = []
        self.file.readline()  # greeting
        self.call("qmp_capabilities")

    def call(self, command, **arguments):
        message = {"execute": command}
        if arguments:
            message["arguments"] = arguments
        data = json.dumps(message).encode() + b"\n"
        start = time.perf_counter()
        self.sock.sendall(data)
        while True:
            reply = json.loads(self.file.readline())
            if "event" in reply:
                self.events.append(reply["event"])
                continue
            elapsed = time.perf_counter() - start
            if "error" in reply:
                raise RuntimeError(f"{command}: {reply['error']}")
            return elapsed

    def wait_event(self, name):
        start = time.perf_counter()
        while name not in self.events:
            reply = json.loads(self.file.readline())
            if "event" in reply:
                self.events.append(reply["event"])
        self.events.remove(name)
        return time.perf_counter() - start

    def close(self):
        self.sock.close()


def start(host, work):
    sock = os.path.join(work, f"{host}.sock")
    if os.path.exists(sock):
        os.unlink(sock)
    qmp = ["-qmp", f"unix:{sock},server=on,wait=off"]
    qtest = os.path.join(work, "qtest.sock")
    if host == "qemu":
        argv = ["qemu-system-x86_64", "-machine", "pc", "-qtest", f"unix:{qtest},server=on,wait=off",
                "-display", "none", "-nodefaults"] + MEM + qmp
    else:
        argv = [os.path.join(ROOT, "emuhost"), "-nodefaults", "-monitor", "none"] + MEM + qmp
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL if host == "qemu" else None)
    for _ in range(300):
        if os.path.exists(sock):
            try:
                client = Qmp(sock)
                if host == "qemu":
                    client.qtest = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    client.qtest.connect(qtest)
                    client.qtest_file = client.qtest.makefile("rb")
                return proc, client
            except (ConnectionRefusedError, FileNotFoundError):
                pass
        time.sleep(0.02)
    proc.kill()
    raise RuntimeError(f"{host}: no QMP socket")


def rounds(client, work, host, n, times):
    for i in range(n):
        mem, dev = f"hm{i}", f"hp{i}"
        path = os.path.join(work, f"{host}-{i}.img")
        t_obj = client.call("object-add", **{"qom-type": "memory-backend-file", "id": mem, "mem-path": path,
                                              "size": 64 << 20, "share": True})
        if host == "qemu":
            t_dev = client.call("device_add", driver="virtio-pmem-pci", id=dev, memdev=mem, addr="0x5")
            start = time.perf_counter()
            client.qtest.sendall(b"outl 0xae08 0x20\n")  # ACPI PCI hotplug: eject slot 5
            client.qtest_file.readline()
            t_del = time.perf_counter() - start + client.wait_event("DEVICE_DELETED")
        else:
            t_dev = client.call("device_add", driver="virtio-pmem-pci", id=dev, memdev=mem)
            t_del = client.call("device_del", id=dev) + client.wait_event("DEVICE_DELETED")
        t_odel = client.call("object-del", id=mem)
        os.unlink(path)
        times.append((t_obj, t_dev, t_del, t_odel))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--alternate", type=int, default=3)
    parser.add_argument("--dir", default=None, help="where the backing files go (default: a temp dir)")
    args = parser.parse_args()
    if not shutil.which("qemu-system-x86_64"):
        sys.exit("qemu-system-x86_64 is missing (apt-get install qemu-system-x86)")
    work = tempfile.mkdtemp(prefix="hotplug-", dir=args.dir)
    results = {"qemu": [], "emuhost": []}
    try:
        for p in range(args.alternate):
            for host in ("qemu", "emuhost") if p % 2 == 0 else ("emuhost", "qemu"):
                proc, client = start(host, work)
                times = []
                rounds(client, work, host, args.warmup + args.rounds, times)
                results[host].extend(times[args.warmup:])
                client.call("quit")
                client.close()
                proc.wait(timeout=30)
                add = statistics.median(t[0] + t[1] for t in times[args.warmup:])
                print(f"pass {p} {host:8s} median object-add + device_add {add * 1e3:.3f} ms", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    names = ["object-add", "device_add", "device_del + DEVICE_DELETED", "object-del", "object-add + device_add"]
    med = {}
    for host, times in results.items():
        cols = [[t[0] for t in times], [t[1] for t in times], [t[2] for t in times], [t[3] for t in times],
                [t[0] + t[1] for t in times]]
        med[host] = [statistics.median(c) * 1e3 for c in cols]
    print(f"\n{args.alternate} passes x {args.rounds} rounds (after {args.warmup} warm-up), medians in ms:")
    print(f"{'step':30s} {'QEMU':>9s} {'emuhost':>9s} {'ratio':>7s}")
    for k, name in enumerate(names):
        q, e = med["qemu"][k], med["emuhost"][k]
        print(f"{name:30s} {q:9.3f} {e:9.3f} {e / q:7.2f}")


if __name__ == "__main__":
    main()
