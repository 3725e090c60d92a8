#!/usr/bin/env python3
# A do-nothing remote for QEMU's x-pci-proxy-dev, to check the proxy plumbing of boot-qemu-pmem.sh
# without emuhost: it answers every request with RET 0 (so config reads say "no device"), and takes
# SYNC_SYSMEM / SET_IRQFD silently, closing the fds they carry. It serves one connection and prints
# the message counts per command when QEMU hangs up. Not used by the other scripts.
#
#   python3 itests/guest/null-remote.py /tmp/remote.sock &
#   itests/guest/boot-qemu-pmem.sh --attach proxy --proxy-socket /tmp/remote.sock --fresh probe /tmp/p.img
#   -> QEMU starts, the guest boots and reports status=FAIL reason=no_PCI_function_1af4:105b_... (exit 1)
import socket, struct, sys, os
path = sys.argv[1]
if os.path.exists(path): os.unlink(path)
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); srv.bind(path); srv.listen(1)
c, _ = srv.accept()
counts = {}
def recvn(n):
    b = b""
    while len(b) < n:
        d, anc, fl, _ = c.recvmsg(n - len(b), socket.CMSG_SPACE(8 * 4))
        for lvl, typ, data in anc:
            if typ == socket.SCM_RIGHTS:
                for fd in struct.unpack("%di" % (len(data) // 4), data[:len(data) - len(data) % 4]): os.close(fd)
        if not d: raise EOFError
        b += d
    return b
try:
    while True:
        cmd, size = struct.unpack("<i4xQ", recvn(16))
        if size: recvn(size)
        counts[cmd] = counts.get(cmd, 0) + 1
        if cmd in (0, 6): continue
        c.sendall(struct.pack("<i4xQQ", 1, 8, 0))
except EOFError:
    pass
print("null-remote: messages by command:", dict(sorted(counts.items())), flush=True)
