package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCG doorbell: one byte per assert to QEMU's chardev socket, and the multifunction bit (pitfall 1). */
class DoorbellTest {

    @TempDir
    Path dir;

    @Test
    void assert_sendsOneByte_andABellWithoutListenerRingsOnceItAppears() throws Exception {
        Path path = dir.resolve("kick.sock");
        try (Doorbell bell = new Doorbell("t", path.toString());
                IrqForwarder forwarder = new IrqForwarder("t", bell)) {
            forwarder.route(11);
            forwarder.intx(11, true); // nobody listens yet: reported once, no failure
            forwarder.intx(11, false);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(path));
                forwarder.intx(11, true);
                try (SocketChannel qemu = server.accept()) {
                    ByteBuffer bytes = ByteBuffer.allocate(8);
                    assertEquals(1, qemu.read(bytes));
                    assertEquals(1, bytes.get(0));
                    forwarder.intx(11, false);
                    forwarder.intx(11, true);
                    bytes.clear();
                    assertEquals(1, qemu.read(bytes), "one byte per rising edge");
                }
            }
        }
    }

    @Test
    void failureAsQemuGoes_isLeftToTheConnectionsEnd_butOneWhileTheConnectionGoesOnIsLoggedOnce() throws Exception {
        Path path = dir.resolve("kick.sock");
        try (Doorbell bell = new Doorbell("t", path.toString())) {
            bell.ring(); // no chardev there: a failure, not logged yet
            bell.ring();
            assertTrue(bell.dropFailure(), "the connection ended: its end is the one line");
            assertFalse(bell.reportFailure());

            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                server.bind(UnixDomainSocketAddress.of(path));
                bell.ring(); // connects: the streak is over
                assertFalse(bell.reportFailure());
            }
            java.nio.file.Files.deleteIfExists(path);
            bell.ring(); // the chardev went while the connection goes on
            bell.ring();
            assertTrue(bell.reportFailure(), "logged at the next message");
            bell.ring();
            assertFalse(bell.reportFailure(), "one line per streak");
        }
    }

    @Test
    void withADoorbell_theFunctionReportsMultifunction() throws Exception {
        try (RemoteRig rig = new RemoteRig(dir).withPmem()) {
            try (RemoteRig.Served plain = rig.serve()) {
                assertEquals(0, plain.qemu().configRead(0x0e, 1) & 0x80);
            }
            try (RemoteRig.Served served = rig.serve(Optional.of(dir.resolve("kick.sock").toString()))) {
                assertEquals(0x80, served.qemu().configRead(0x0e, 1) & 0x80);
                assertEquals(0x80_0000, served.qemu().configRead(0x0c, 4) & 0x80_0000);
                assertEquals(0x1af4, served.qemu().configRead(0x00, 2));
            }
        }
    }

    @Test
    void deviceInterrupt_ringsTheDoorbellOfTheConnection() throws Exception {
        Path path = dir.resolve("kick.sock");
        try (RemoteRig rig = new RemoteRig(dir).withPmem();
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            CompletableFuture<Integer> rung = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel qemu = server.accept()) {
                    return qemu.read(ByteBuffer.allocate(1));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (RemoteRig.Served served = rig.serve(Optional.of(path.toString()))) {
                served.qemu().configWrite(0x3c, 1, 11);
                try (var driver = io.emuhost.testkit.driver.VirtioPmemDriver.open(rig.machine.bus(),
                        rig.machine.interrupts(), io.emuhost.testkit.driver.VirtioPmemDriver.options(0x10_0000, 0x10_0000))) {
                    assertEquals(0, driver.flush());
                }
                assertEquals(1, rung.get(5, TimeUnit.SECONDS));
                assertTrue(served.thread().isAlive());
            }
        }
    }
}
