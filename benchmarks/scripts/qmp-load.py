#!/usr/bin/env python3
"""QMP load against a running emuhost (or QEMU), reporting the server's memory before and after.

    benchmarks/scripts/qmp-load.py --socket q.sock --pid PID [--clients 16] [--commands 20000]

Each client negotiates capabilities, then sends its commands one at a time (wait for the reply,
then send the next), cycling through a mix: query-status, query-memdev, qom-list /objects,
query-commands, and a command with a 64 KiB junk argument (an error reply). Prints the server's
VmRSS and VmHWM (from /proc/PID/status) before the load, right after it, and after 5 s idle, and
the replies per second with their p50/p99/p99.9/max latency. Used by qmp-memory.sh.
"""
import argparse
import json
import socket
import statistics
import threading
import time

MIX = [
    '{"execute": "query-status"}',
    '{"execute": "query-memdev"}',
    '{"execute": "qom-list", "arguments": {"path": "/objects"}}',
    '{"execute": "query-commands"}',
    '{"execute": "query-status", "arguments": {"pad": "' + "x" * 65536 + '"}}',
]


def status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "Threads"):
                fields[key] = value.strip()
    return fields


class Client:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.file = self.sock.makefile("rb")
        self.file.readline()  # greeting
        self.call('{"execute": "qmp_capabilities"}')

    def call(self, command):
        self.sock.sendall(command.encode() + b"\n")
        while True:
            line = self.file.readline()
            if not line:
                raise EOFError("server closed the connection")
            reply = json.loads(line)
            if "event" not in reply:
                return reply


def run_client(path, commands, latencies, errors):
    client = Client(path)
    mine = []
    for i in range(commands):
        start = time.perf_counter()
        try:
            client.call(MIX[i % len(MIX)])
        except Exception as e:  # noqa: BLE001 - counted and reported
            errors.append(repr(e))
            return
        mine.append(time.perf_counter() - start)
    latencies.extend(mine)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--socket", required=True)
    parser.add_argument("--pid", required=True, type=int)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--commands", type=int, default=20000, help="per client")
    args = parser.parse_args()

    before = status(args.pid)
    latencies, errors = [], []
    threads = [threading.Thread(target=run_client, args=(args.socket, args.commands, latencies, errors))
               for _ in range(args.clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    after = status(args.pid)
    time.sleep(5)
    idle = status(args.pid)
    latencies.sort()
    ms = lambda q: 1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"clients {args.clients} x {args.commands} commands: {len(latencies) / elapsed:.0f} replies/s, "
          f"p50 {ms(0.5):.2f} ms, p99 {ms(0.99):.2f} ms, p99.9 {ms(0.999):.2f} ms, max {1000 * latencies[-1]:.1f} ms, errors {len(errors)}")
    for name, fields in (("before", before), ("after load", after), ("after 5 s idle", idle)):
        print(f"  {name:15} VmRSS {fields['VmRSS']:>12}  VmHWM {fields['VmHWM']:>12}  threads {fields['Threads']}")
    if errors:
        print("  first error:", errors[0])


if __name__ == "__main__":
    main()
