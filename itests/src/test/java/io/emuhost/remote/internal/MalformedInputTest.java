package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broken message or a vanished peer ends that connection with one typed reason (the log line);
 * the machine serves the next connection (mpqemu-link.c mpqemu_msg_valid).
 */
class MalformedInputTest {

    @TempDir
    Path dir;
    private RemoteRig rig;
    private Map<String, Integer> before;

    @BeforeEach
    void machine() throws Exception {
        rig = new RemoteRig(dir).withPmem();
        before = Fds.ours();
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void payloadOf300Bytes_endsTheConnection() throws Exception {
        ProtocolException end = endOf(qemu -> qemu.sendRaw(MpqemuCommand.PCI_CFGREAD.ordinal(), 300, new byte[0]));

        assertInstanceOf(ProtocolException.PayloadTooLarge.class, end);
        assertEquals("message 3 announces a payload of 300 bytes; at most 192 are allowed", end.getMessage());
    }

    @Test
    void unknownCommand42_endsTheConnection() throws Exception {
        ProtocolException end = endOf(qemu -> qemu.sendRaw(42, 0, new byte[0]));

        assertInstanceOf(ProtocolException.UnknownCommand.class, end);
        assertEquals("unknown command 42", end.getMessage());
    }

    @Test
    void truncatedHeader_endsTheConnection() throws Exception {
        ProtocolException end = endOf(qemu -> {
            qemu.sendBytes(new byte[] {3, 0, 0, 0, 0, 0, 0, 0});
            qemu.close();
        });

        assertInstanceOf(ProtocolException.TruncatedMessage.class, end);
        assertEquals("truncated message: the connection ended after 8 of 16 bytes of the header", end.getMessage());
    }

    @Test
    void truncatedPayload_endsTheConnection() throws Exception {
        ProtocolException end = endOf(qemu -> {
            qemu.sendRaw(MpqemuCommand.PCI_CFGREAD.ordinal(), Wire.CONF_SIZE, new byte[4]);
            qemu.close();
        });

        assertInstanceOf(ProtocolException.TruncatedMessage.class, end);
    }

    @Test
    void wrongPayloadSizeForTheCommand_endsTheConnection() throws Exception {
        ProtocolException end = endOf(qemu -> qemu.sendRaw(MpqemuCommand.BAR_READ.ordinal(), 12, new byte[12]));

        assertEquals("invalid BAR_READ message: the payload has 12 bytes, the command needs 24", end.getMessage());
    }

    @Test
    void setIrqfdWithOneFd_endsTheConnectionAndClosesTheFd() throws Exception {
        int irq = Fds.eventfd();
        ProtocolException end = endOf(qemu -> qemu.sendRaw(MpqemuCommand.SET_IRQFD.ordinal(), 0, new byte[0], irq));
        Fds.close(irq);

        assertEquals("invalid SET_IRQFD message: it needs 2 descriptors, got 1", end.getMessage());
        assertEquals(before, Fds.ours(), "the received duplicate was closed");
    }

    @Test
    void syncSysmemWithoutFds_endsTheConnection() throws Exception {
        ProtocolException end = endOf(qemu -> qemu.syncSysmem(new long[] {0}, new long[] {4096}, new long[] {0}));

        assertEquals("invalid SYNC_SYSMEM message: it needs 1 to 8 descriptors, got 0", end.getMessage());
    }

    @Test
    void aReplySentToTheRemote_endsTheConnection() throws Exception {
        ProtocolException end = endOf(qemu -> qemu.sendRaw(MpqemuCommand.RET.ordinal(), 8, new byte[8]));

        assertInstanceOf(ProtocolException.InvalidMessage.class, end);
    }

    @Test
    void peerThatAsksAndVanishes_leavesNoThreadBehind() throws Exception {
        RemoteRig.Served served = rig.serve();
        served.qemu().configRead(0, 2);
        served.qemu().sendRaw(MpqemuCommand.BAR_READ.ordinal(), Wire.BAR_SIZE, new byte[Wire.BAR_SIZE]);
        served.qemu().close();

        assertTrue(served.end().get(5, TimeUnit.SECONDS).isPresent());
        served.thread().join(5000);
        assertFalse(served.thread().isAlive());
        assertEquals(before, Fds.ours());
        stillServes();
    }

    @Test
    void peerThatClosesBetweenMessages_isACleanEnd() throws Exception {
        ProtocolException end = endOf(FakeQemu::close);

        assertInstanceOf(ProtocolException.PeerClosed.class, end);
    }

    /** Runs a connection, lets the peer misbehave, and returns why the connection ended. */
    private ProtocolException endOf(Misbehaviour misbehaviour) throws Exception {
        RemoteRig.Served served = rig.serve();
        assertEquals(0x1af4, served.qemu().configRead(0, 2));
        misbehaviour.apply(served.qemu());
        ProtocolException end = served.end().get(5, TimeUnit.SECONDS).orElseThrow();
        served.thread().join(5000);
        assertFalse(served.thread().isAlive(), "the connection thread ended");
        assertTrue(served.qemu().closedByRemote(1000) || !Fds.isOpen(served.qemu().fd()),
                "the remote closed the socket");
        served.qemu().close();
        stillServes();
        return end;
    }

    private void stillServes() throws Exception {
        try (RemoteRig.Served next = rig.serve()) {
            assertEquals(0x105b, next.qemu().configRead(2, 2), "a new connection is served");
        }
    }

    @FunctionalInterface
    private interface Misbehaviour {
        void apply(FakeQemu qemu) throws Exception;
    }
}
