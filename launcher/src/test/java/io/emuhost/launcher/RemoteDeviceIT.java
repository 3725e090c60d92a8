package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The qemu-remote bundle inside emuhost.jar: {@code -object x-remote-object,...,socket=PATH}
 * before the device it serves, PCI config reads in QEMU's multi-process framing
 * (shared/reference/qemu-multiprocess.md §1), {@code object_del} unlinking the socket, and
 * {@code auto-shutdown}: by default emuhost ends by itself once QEMU's connection has closed.
 */
class RemoteDeviceIT {

    private static final int PCI_CFGREAD = 3;
    private static final int RET = 1;

    @TempDir
    Path dir;

    @Test
    void remoteObject_servesTheDeviceConfigSpaceOverItsSocket_andObjectDelUnlinksIt() throws Exception {
        Path socket = dir.resolve("remote.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-monitor", "stdio", "-m", "128M,maxmem=4G",
                "-object", "memory-backend-file,id=mem1,share=on,mem-path=pmem.img,size=16M",
                "-object", "x-remote-object,id=r0,devid=nv1,socket=remote.sock,auto-shutdown=off",
                "-device", "virtio-pmem-pci,id=nv1,memdev=mem1,vectors=0,x-bar64=off")) {
            awaitExists(socket, true);
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertEquals(0x1af4, configRead(channel, 0x00, 2));
                assertEquals(0x105b, configRead(channel, 0x02, 2));
            }
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertEquals(0x1af4, configRead(channel, 0x00, 2), "auto-shutdown=off: the next QEMU is served");
            }

            emuhost.send("object_del r0");
            awaitExists(socket, false);
            emuhost.send("quit");
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
        }
    }

    @Test
    void autoShutdownByDefault_emuhostExitsWithStatus0OnceQemusConnectionClosed() throws Exception {
        Path socket = dir.resolve("remote.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-monitor", "none", "-m", "128M,maxmem=4G",
                "-object", "memory-backend-file,id=mem1,share=on,mem-path=pmem.img,size=16M",
                "-object", "x-remote-object,id=r0,devid=nv1,socket=remote.sock",
                "-device", "virtio-pmem-pci,id=nv1,memdev=mem1,vectors=0,x-bar64=off")) {
            awaitExists(socket, true);
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertEquals(0x1af4, configRead(channel, 0x00, 2));
            }

            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertFalse(Files.exists(socket), "the machine closed its objects on the way out");
            assertEquals("", emuhost.stderr(), "a QEMU that closes its connection is no warning");
        }
    }

    @Test
    void remoteObjectWithoutFdOrSocket_isRefused() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-object", "x-remote-object,id=r0,devid=nv1")) {
            assertEquals(1, emuhost.awaitExit());
            assertTrue(emuhost.stderr().contains("Parameter 'fd' or 'socket' is missing"), emuhost.stderr());
        }
    }

    @Test
    void objectHelp_listsTheTypeAndItsProperties_beforeAnyMachineExists() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-object", "x-remote-object,help")) {
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertTrue(emuhost.stdout().startsWith("x-remote-object options:\n"), emuhost.stdout());
            assertTrue(emuhost.stdout().contains("  devid=<string>"), emuhost.stdout());
            assertTrue(emuhost.stdout().contains("  socket=<string>"), emuhost.stdout());
        }
    }

    /** PCI_CFGREAD: header {cmd, size=12}, PciConfDataMsg {addr, val=0, len}; the RET carries the value. */
    private static long configRead(SocketChannel channel, int addr, int len) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(16 + 12).order(ByteOrder.LITTLE_ENDIAN);
        request.putInt(PCI_CFGREAD).putInt(0).putLong(12).putInt(addr).putInt(0).putInt(len).flip();
        while (request.hasRemaining()) {
            channel.write(request);
        }
        ByteBuffer reply = ByteBuffer.allocate(16 + 8).order(ByteOrder.LITTLE_ENDIAN);
        while (reply.hasRemaining()) {
            if (channel.read(reply) < 0) {
                throw new IOException("the remote closed the connection");
            }
        }
        assertEquals(RET, reply.getInt(0));
        assertEquals(8, reply.getLong(8));
        return reply.getLong(16);
    }

    private static void awaitExists(Path path, boolean exists) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.exists(path) != exists) {
            assertTrue(System.nanoTime() - deadline < 0, path + (exists ? " never appeared" : " was not removed"));
            Thread.sleep(20);
        }
    }
}
